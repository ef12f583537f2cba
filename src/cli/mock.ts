/**
 * `leap-elements mock` (also `leap-elements-mock`): the mock Leap on its own port, for a partner's integration tests.
 * Options: --port N (default 4010), --host H (default 127.0.0.1), --latency MS, --fault NAME, --meters N (synthetic
 * meters for syncs), --job-delay MS (how long create-meters jobs process, default 1000), and --webhook-url URL
 * with --webhook-secret S to receive the webhooks of its connect flow (sent with the header x-leap-webhook-secret).
 */
import { parseArgs } from 'node:util';
import { listen } from '../server/node.js';
import { isHttpUrl } from './env-config.js';
import { createMockLeap, MOCK_API_KEY, MOCK_FAULTS, type MockFault } from '../mock/index.js';

const USAGE =
  'Usage: leap-elements mock [--port 4010] [--host 127.0.0.1] [--latency ms] [--fault name] [--meters n] [--job-delay ms] [--webhook-url url --webhook-secret secret]';

export async function runMock(args: string[]): Promise<number> {
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
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) {
    console.error(`--port must be a port number, not "${values.port}"`);
    return 2;
  }
  if (values.fault && !(MOCK_FAULTS as readonly string[]).includes(values.fault)) {
    console.error(`--fault must be one of: ${MOCK_FAULTS.join(', ')}`);
    return 2;
  }

  const meterCount = Number(values.meters);
  const jobDelayMs = Number(values['job-delay']);
  if (!Number.isInteger(meterCount) || meterCount < 0 || meterCount > 1_000_000) {
    console.error(`--meters must be a number of synthetic meters from 0 to 1000000, not "${values.meters}"`);
    return 2;
  }
  if (!Number.isInteger(jobDelayMs) || jobDelayMs < 0) {
    console.error(`--job-delay must be milliseconds, not "${values['job-delay']}"`);
    return 2;
  }
  const webhookUrl = values['webhook-url'];
  if (webhookUrl !== undefined && !isHttpUrl(webhookUrl)) {
    console.error(`--webhook-url must be an http or https URL, not "${webhookUrl}"`);
    return 2;
  }
  const secret = values['webhook-secret'];
  const mock = createMockLeap({
    latencyMs: Number(values.latency) || 0,
    fault: (values.fault as MockFault) ?? null,
    meterCount,
    jobDelayMs,
    webhooks: webhookUrl ? { url: webhookUrl, headers: secret ? { 'x-leap-webhook-secret': secret } : {} } : undefined,
  });
  const { url, close } = await listen(mock, { port, hostname: values.host });
  console.log(`Mock Leap API listening on ${url}`);
  console.log(`  Incentives + Applications: ${url}/alpha   (header x-api-key: any value, e.g. ${MOCK_API_KEY})`);
  console.log(`  Meters, enrollments, create meters: ${url}   (header Authorization: Bearer <any value>)`);
  console.log(`  Connect flow (mock only): POST ${url}/mock/connect-sessions {"reference_id": "..."}   (same header)`);
  if (webhookUrl) console.log(`  Webhooks go to ${webhookUrl}`);
  return new Promise<number>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => void close().then(() => resolve(0)));
  });
}
