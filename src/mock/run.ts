/**
 * `leap-elements mock` (also `leap-elements-mock`): the mock Leap on its own port, for a partner's integration tests.
 * Options: --port N (default 4010), --host H (default 127.0.0.1), --latency MS (at most 10 000), --fault NAME,
 * --meters N (synthetic meters for syncs), --job-delay MS (how long create-meters jobs process, default 1000), and
 * --webhook-url URL to subscribe one receiver to every event. Secrets come from the environment, never from argv
 * (where `ps` shows them): LEAP_WEBHOOK_SECRET is sent to that receiver as `x-leap-webhook-secret`, and with
 * LEAP_API_KEY set the mock accepts only that key. Listening beyond this machine (--host 0.0.0.0) needs LEAP_API_KEY.
 */
import { parseArgs } from 'node:util';
import { listen } from '../server/node.js';
import { isHttpUrl } from './http.js';
import { MOCK_LIMITS } from './limits.js';
import { createMockLeap } from './mock-leap.js';
import { MOCK_API_KEY, MOCK_FAULTS, type MockFault } from './types.js';

const USAGE =
  'Usage: leap-elements mock [--port 4010] [--host 127.0.0.1] [--latency ms] [--fault name] [--meters n] [--job-delay ms] [--webhook-url url]\n' +
  'Environment: LEAP_API_KEY (accept only this key; required with a --host beyond this machine), LEAP_WEBHOOK_SECRET (sent to --webhook-url as x-leap-webhook-secret)';

/** The answers a standalone mock holds a request at most: the latency cap, for the `timeout` fault too. */
const STANDALONE_HANG_MS = MOCK_LIMITS.latencyMs;

/** Loopback only: this machine, nobody else. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(?:\.\d{1,3}){3}$/.test(bare);
}

export async function runMock(args: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: 'string', default: '4010' },
        host: { type: 'string', default: '127.0.0.1' },
        latency: { type: 'string', default: '0' },
        fault: { type: 'string' },
        'webhook-url': { type: 'string' },
        // Declared only to refuse it with the fix: a secret in argv shows in `ps`.
        'webhook-secret': { type: 'string' },
        meters: { type: 'string', default: '0' },
        'job-delay': { type: 'string', default: '1000' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`leap-elements mock: ${(error as Error).message}`);
    console.error(USAGE);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    console.log(`Faults: ${MOCK_FAULTS.join(', ')}`);
    return 0;
  }
  const problems: string[] = [];
  if (values['webhook-secret'] !== undefined) {
    problems.push('--webhook-secret is not read from the command line (ps shows it): set LEAP_WEBHOOK_SECRET instead.');
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) problems.push(`--port must be a port number, not "${values.port}"`);
  if (values.fault && !(MOCK_FAULTS as readonly string[]).includes(values.fault)) {
    problems.push(`--fault must be one of: ${MOCK_FAULTS.join(', ')}`);
  }
  const latency = Number(values.latency);
  if (!/^\d+$/.test(values.latency) || latency > MOCK_LIMITS.latencyMs) {
    problems.push(`--latency must be milliseconds from 0 to ${MOCK_LIMITS.latencyMs}, not "${values.latency}"`);
  }
  const meterCount = Number(values.meters);
  if (!Number.isInteger(meterCount) || meterCount < 0 || meterCount > 1_000_000) {
    problems.push(`--meters must be a number of synthetic meters from 0 to 1000000, not "${values.meters}"`);
  }
  const jobDelayMs = Number(values['job-delay']);
  if (!Number.isInteger(jobDelayMs) || jobDelayMs < 0 || jobDelayMs > 600_000) {
    problems.push(`--job-delay must be milliseconds from 0 to 600000, not "${values['job-delay']}"`);
  }
  const webhookUrl = values['webhook-url'];
  if (webhookUrl !== undefined && !isHttpUrl(webhookUrl)) {
    problems.push(`--webhook-url must be an http or https URL, not "${webhookUrl}"`);
  }
  const apiKey = env.LEAP_API_KEY?.trim() || undefined;
  if (apiKey !== undefined && !/^[\x21-\x7e]+$/.test(apiKey)) {
    problems.push('LEAP_API_KEY must be printable ASCII without spaces (check for a pasted line break or quote).');
  }
  if (!isLoopbackHost(values.host) && apiKey === undefined) {
    problems.push(
      `--host ${values.host} lets other machines call the mock: set LEAP_API_KEY so it accepts only that key (or keep --host 127.0.0.1).`,
    );
  }
  if (problems.length) {
    for (const line of problems) console.error(`leap-elements mock: ${line}`);
    return 2;
  }
  const secret = env.LEAP_WEBHOOK_SECRET?.trim() || undefined;
  if (webhookUrl && !secret) {
    console.error(
      'leap-elements mock: LEAP_WEBHOOK_SECRET is not set: webhooks go without x-leap-webhook-secret, which your backend refuses.',
    );
  }

  const mock = createMockLeap({
    ...(apiKey ? { apiKeys: [apiKey] } : {}),
    latencyMs: latency,
    hangMs: STANDALONE_HANG_MS,
    fault: (values.fault as MockFault) ?? null,
    meterCount,
    jobDelayMs,
    ...(webhookUrl
      ? { webhooks: { url: webhookUrl, headers: secret ? { 'x-leap-webhook-secret': secret } : {} } }
      : {}),
  });
  const { url, close } = await listen(mock, { port, hostname: values.host });
  const key = apiKey ? 'the key in LEAP_API_KEY' : `any value, e.g. ${MOCK_API_KEY}`;
  console.log(`Mock Leap API listening on ${url}`);
  console.log(`  Incentives + Applications: ${url}/alpha   (header x-api-key: ${key})`);
  console.log(`  Meters, enrollments, create meters, webhooks: ${url}   (header Authorization: Bearer <${key}>)`);
  console.log(`  Connect flow (mock only): POST ${url}/mock/connect-sessions {"reference_id": "..."}   (same header)`);
  if (webhookUrl) console.log(`  Webhooks go to ${webhookUrl}`);
  return new Promise<number>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        mock.dispose();
        void close().then(() => resolve(0));
      });
    }
  });
}
