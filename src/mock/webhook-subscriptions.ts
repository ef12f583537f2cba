/**
 * Leap's webhook subscription API on the mock (`leap-webhooks.openapi.yml`): list, create, update (which overwrites
 * every setting), delete, and test (one event sent to the receiver at once, answering what the receiver did). Errors
 * use that file's own shape, `{error, message}`.
 */
import type { Context, Hono } from 'hono';
import { isHttpUrl, readJson } from './http.js';
import { MOCK_LIMITS } from './limits.js';
import { webhooksError } from './responses.js';
import type { MockLeapState } from './types.js';
import { MOCK_WEBHOOK_EVENT_TYPES, type MockSubscription, type MockWebhookEvent } from './webhook-sender.js';

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HEADER_VALUE = /^[^\r\n\0]*$/;

type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A `WebhookRequest` body, or what is wrong with it. */
function checkSubscription(body: unknown): Checked<Omit<MockSubscription, 'webhook_id'>> {
  if (!isObject(body)) return { ok: false, message: 'The body must be a JSON object' };
  const { receiver_url, event_types, headers = [] } = body;
  if (!isHttpUrl(receiver_url)) {
    return { ok: false, message: 'receiver_url must be an http or https URL' };
  }
  if (!Array.isArray(event_types)) return { ok: false, message: 'event_types must be a list of event types' };
  const unknown = event_types.filter((type) => !(MOCK_WEBHOOK_EVENT_TYPES as readonly unknown[]).includes(type));
  if (unknown.length) {
    return {
      ok: false,
      message: `Unknown event types: ${unknown.map(String).join(', ')}. Known: ${MOCK_WEBHOOK_EVENT_TYPES.join(', ')}`,
    };
  }
  if (!Array.isArray(headers)) return { ok: false, message: 'headers must be a list of {name, value}' };
  for (const header of headers as unknown[]) {
    if (!isObject(header) || typeof header.name !== 'string' || typeof header.value !== 'string') {
      return { ok: false, message: 'Each header needs a name and a value' };
    }
    if (!HEADER_NAME.test(header.name) || !HEADER_VALUE.test(header.value)) {
      return { ok: false, message: `Header ${JSON.stringify(header.name)} is not a valid HTTP header` };
    }
  }
  return {
    ok: true,
    value: {
      receiver_url,
      event_types: [...new Set(event_types as string[])],
      headers: (headers as Array<{ name: string; value: string }>).map(({ name, value }) => ({ name, value })),
    },
  };
}

export function registerWebhookSubscriptions(app: Hono, state: MockLeapState): void {
  const { subscriptions } = state.webhooks;
  const find = (c: Context) => subscriptions.get(c.req.param('webhook_id') ?? '');
  const body = async (c: Context) => {
    const json = await readJson(c);
    return json.ok ? checkSubscription(json.value) : ({ ok: false, message: 'The body must be JSON' } as const);
  };

  app.get('/v1.1/webhooks', (c) => c.json({ webhooks: [...subscriptions.values()] }));

  app.post('/v1.1/webhooks', async (c) => {
    const checked = await body(c);
    if (!checked.ok) return webhooksError(c, 400, checked.message);
    if (subscriptions.size >= MOCK_LIMITS.webhooks) {
      return webhooksError(c, 400, `The mock keeps at most ${MOCK_LIMITS.webhooks} webhook subscriptions`);
    }
    return c.json({ webhook_id: state.webhooks.subscribe(checked.value).webhook_id });
  });

  app.put('/v1.1/webhooks/:webhook_id', async (c) => {
    const existing = find(c);
    if (!existing) return webhooksError(c, 404);
    const checked = await body(c);
    if (!checked.ok) return webhooksError(c, 400, checked.message);
    // Leap's note: an update overwrites every setting of the subscription.
    state.webhooks.subscribe(checked.value, existing.webhook_id);
    return c.json({ webhook_id: existing.webhook_id });
  });

  app.delete('/v1.1/webhooks/:webhook_id', (c) => {
    const existing = find(c);
    if (!existing) return webhooksError(c, 404);
    subscriptions.delete(existing.webhook_id);
    return c.json({ message: 'Operation completed successfully' });
  });

  app.post('/v1.1/webhooks/:webhook_id/test', async (c) => {
    const existing = find(c);
    if (!existing) return webhooksError(c, 404);
    const json = await readJson(c);
    const event = json.ok ? json.value : undefined;
    // Only the type is checked: the file's own example event leaves out a field its schema requires.
    if (!isObject(event) || !(MOCK_WEBHOOK_EVENT_TYPES as readonly unknown[]).includes(event.webhook_event_type)) {
      return webhooksError(
        c,
        400,
        `The body must be an event whose webhook_event_type is one of: ${MOCK_WEBHOOK_EVENT_TYPES.join(', ')}`,
      );
    }
    return c.json(await state.webhooks.test(existing, event as MockWebhookEvent));
  });
}
