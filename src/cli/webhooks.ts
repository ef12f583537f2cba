/**
 * `leap-elements webhooks <subscribe|list|delete|test>`: Leap's webhook subscriptions, run once per environment.
 *   subscribe --url <receiver> [--events <type,…>]   subscribes your backend's `{base}/webhooks/leap` (every event type
 *                                                     by default), sending LEAP_WEBHOOK_SECRET as the
 *                                                     `x-leap-webhook-secret` header it checks; run again, it updates
 *                                                     the subscription of that URL instead of adding another
 *   list [--json]                                     the subscriptions (header values never printed)
 *   delete <webhook_id> | --url <receiver>            removes one, or every subscription of that URL
 *   test <webhook_id> | --url <receiver>              Leap sends one sample event; prints what the receiver answered
 * A job command: it needs LEAP_API_KEY, or --mock for a mock Leap (LEAP_PLATFORM_BASE_URL for one on its own port).
 */
import { parseArgs } from 'node:util';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../core/webhook-events.js';
import type { Webhook } from '../core/types.generated.js';
import { createLeapClient, type LeapClient } from '../server/client/create-client.js';
import { MOCK_FLAG, readClientEnv } from './client-env.js';
import { isHttpUrl, readSecret } from './env-values.js';
import { describeFailure, note, table, writeOut } from './output.js';

const USAGE = `Usage: leap-elements webhooks subscribe --url <receiver> [--events <type,…>] [--mock]
       leap-elements webhooks list [--json] [--mock]
       leap-elements webhooks delete <webhook_id> | --url <receiver> [--mock]
       leap-elements webhooks test <webhook_id> | --url <receiver> [--mock]`;

/** The header your backend's `POST {base}/webhooks/leap` checks. */
const SECRET_HEADER = 'x-leap-webhook-secret';

/** A complete `meter.created` event, so a receiver that checks events (the backend does) takes it. */
const SAMPLE_EVENT = {
  webhook_event_type: 'meter.created',
  meter_id: '364be407-1f08-48fa-afd2-ee1dd228b76b',
  partner_reference: 'leap-elements-webhook-test',
  transmission_region: 'CAISO',
  meter_type: 'UTILITY_METER',
} as const;

function readEvents(value: string | undefined): WebhookEventType[] | string {
  if (value === undefined) return [...WEBHOOK_EVENT_TYPES];
  const wanted = value
    .split(',')
    .map((type) => type.trim())
    .filter(Boolean);
  const unknown = wanted.filter((type) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(type));
  if (!wanted.length || unknown.length) {
    return `--events takes a comma-separated list of: ${WEBHOOK_EVENT_TYPES.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`;
  }
  return [...new Set(wanted)] as WebhookEventType[];
}

/** The subscriptions a command acts on: the one with this id, or every one of this receiver URL. */
async function targets(client: LeapClient, id: string | undefined, url: string | undefined): Promise<Webhook[]> {
  const all = await client.webhooks.list();
  return all.filter((webhook) => (id ? webhook.webhook_id === id : webhook.receiver_url === url));
}

export async function runWebhooks(
  args: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const [action, ...rest] = args;
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        events: { type: 'string' },
        json: { type: 'boolean' },
        ...MOCK_FLAG,
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    note('webhooks', `${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help || action === 'help' || action === '--help' || action === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (!['subscribe', 'list', 'delete', 'test'].includes(action ?? '')) {
    note('webhooks', `${action ? `unknown action "${action}"` : 'which action?'}\n${USAGE}`);
    return 2;
  }
  const id = positionals[0];
  const url = values.url;
  const problems: string[] = [];
  if (url !== undefined && !isHttpUrl(url)) problems.push(`--url must be an http or https URL, not "${url}"`);
  if ((action === 'delete' || action === 'test') && (id === undefined) === (url === undefined)) {
    problems.push(`${action} takes a webhook id or --url, one of the two`);
  }
  if (action === 'subscribe' && url === undefined) {
    problems.push(
      'subscribe needs --url: your backend’s webhook route, such as https://example.com/api/leap/webhooks/leap',
    );
  }
  const events = readEvents(values.events);
  if (typeof events === 'string') problems.push(events);
  // Sent as the header the backend checks: the backend refuses a guessable one, so it is refused here first.
  const secret = readSecret('LEAP_WEBHOOK_SECRET', env.LEAP_WEBHOOK_SECRET?.trim() || undefined, problems);
  if (action === 'subscribe' && !secret) {
    problems.push(
      `LEAP_WEBHOOK_SECRET is not set: it is sent as the ${SECRET_HEADER} header your backend checks (use the same value as its LEAP_WEBHOOK_SECRET).`,
    );
  }
  // Every problem at once, usage and environment alike: one line each.
  const reading = readClientEnv('webhooks', env, { mock: values.mock });
  for (const line of [...problems, ...reading.problems, ...reading.warnings]) note('webhooks', line);
  if (problems.length || !reading.options) return problems.length ? 2 : reading.exitCode;
  const options = reading.options;
  const client = createLeapClient(options);

  try {
    if (action === 'list') {
      const webhooks = await client.webhooks.list();
      if (values.json) {
        for (const webhook of webhooks) {
          // Header values may be secrets: their names only.
          const headers = webhook.headers.map(({ name }) => ({ name, value: '[hidden]' }));
          await writeOut(`${JSON.stringify({ ...webhook, headers })}\n`);
        }
      } else {
        const rows = webhooks.map((w) => [
          w.webhook_id,
          w.receiver_url,
          w.event_types.length === WEBHOOK_EVENT_TYPES.length ? 'all' : w.event_types.join(','),
          w.headers.map((h) => h.name).join(','),
        ]);
        await writeOut(table(['webhook_id', 'receiver_url', 'events', 'headers'], rows));
      }
      note('webhooks', `${webhooks.length} subscriptions`);
      return 0;
    }

    if (action === 'subscribe') {
      const subscription = {
        receiver_url: url!,
        event_types: events as WebhookEventType[],
        headers: [{ name: SECRET_HEADER, value: secret! }],
      };
      const [existing, ...others] = await targets(client, undefined, url);
      const { webhook_id } = existing
        ? await client.webhooks.update(existing.webhook_id, subscription)
        : await client.webhooks.create(subscription);
      await writeOut(`${webhook_id}\n`);
      note(
        'webhooks',
        `${existing ? 'updated' : 'created'} the subscription of ${url} (${subscription.event_types.length} event types)${others.length ? `; ${others.length} more subscriptions of this URL left as they are` : ''}`,
      );
      return 0;
    }

    const found = await targets(client, id, url);
    if (!found.length) {
      note('webhooks', `no subscription ${id ? `with id ${id}` : `of ${url}`}`);
      return 1;
    }
    if (action === 'delete') {
      for (const webhook of found) {
        await client.webhooks.delete(webhook.webhook_id);
        await writeOut(`${webhook.webhook_id}\n`);
      }
      note('webhooks', `deleted ${found.length} subscription${found.length === 1 ? '' : 's'}`);
      return 0;
    }
    let failed = 0;
    for (const webhook of found) {
      const result = await client.webhooks.test(webhook.webhook_id, SAMPLE_EVENT);
      const outcome = result.is_successful
        ? `answered ${result.status_code} in ${result.response_time_ms} ms`
        : result.status_code !== undefined
          ? `answered ${result.status_code}: not a success`
          : `could not be reached: ${result.error ?? 'no answer'}`;
      if (!result.is_successful) failed += 1;
      await writeOut(`${webhook.webhook_id} ${webhook.receiver_url} ${outcome}\n`);
    }
    return failed ? 1 : 0;
  } catch (error) {
    note('webhooks', describeFailure(error));
    return 1;
  }
}
