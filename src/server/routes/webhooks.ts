/**
 * `POST {base}/webhooks/leap`: Leap's webhooks, for your server (never a browser). The secret configured as the
 * subscription's custom header `x-leap-webhook-secret` is compared in constant time; the event is checked against the
 * seven documented types (an unknown type passes as it is); a duplicate of an event already handled is acknowledged
 * and dropped; `onWebhook` is awaited, and its failure answers 500 so Leap delivers the event again.
 */
import { Hono } from 'hono';
import { issuesToFields } from '../../core/schemas/common.js';
import { parseWebhookDelivery } from '../../core/schemas/webhooks.js';
import type { WebhookDelivery } from '../../core/types.generated.js';
import type { BackendEnv } from '../context.js';
import { limitBody } from '../middleware/body-limit.js';
import type { BackendConfig } from '../options.js';
import { allowOnly, problem } from '../responses.js';
import { secretMatches } from '../secret.js';

export const MAX_WEBHOOK_BYTES = 64 * 1024;
/** Event ids remembered to drop duplicates: Leap retries within hours, not after ten thousand other events. */
const REMEMBERED_EVENTS = 10_000;

export function webhookRoutes(config: BackendConfig): Hono<BackendEnv> {
  const app = new Hono<BackendEnv>();
  if (!config.webhookSecret) return app;
  const secret = config.webhookSecret;
  const handled = new Set<string>();
  const inFlight = new Map<string, Promise<void>>();

  const remember = (id: string) => {
    if (handled.size >= REMEMBERED_EVENTS) handled.delete(handled.values().next().value!);
    handled.add(id);
  };

  app.post('/webhooks/leap', limitBody(MAX_WEBHOOK_BYTES), async (c) => {
    // A server-to-server route: no browser gets a CORS grant for it.
    for (const name of [
      'access-control-allow-origin',
      'access-control-allow-credentials',
      'access-control-expose-headers',
    ])
      c.header(name, undefined);
    if (c.req.header('origin')) return problem(c, 403, 'Not for browsers', {});
    if (!(await secretMatches(secret, c.req.header('x-leap-webhook-secret') ?? ''))) {
      config.log('warn', 'Refused a webhook: the x-leap-webhook-secret header does not match');
      return problem(c, 401, 'Unknown sender', {});
    }
    let raw: unknown;
    try {
      raw = JSON.parse(await c.req.text());
    } catch {
      return problem(c, 400, 'Request body must be JSON', {});
    }
    const parsed = parseWebhookDelivery(raw);
    if (!parsed.success) {
      config.log('warn', 'Refused a webhook that does not match Leap’s documented events');
      return problem(c, 400, 'Invalid webhook event', { fields: issuesToFields(parsed.error.issues) });
    }
    const delivery = raw as WebhookDelivery;
    const id = delivery.webhook_event_id;
    if (handled.has(id)) return c.json({ received: true, duplicate: true });
    let work = inFlight.get(id);
    const first = !work;
    work ??= Promise.resolve(config.options.onWebhook?.(delivery));
    inFlight.set(id, work);
    try {
      await work;
      remember(id);
      return c.json({ received: true, ...(first ? {} : { duplicate: true }) });
    } catch (error) {
      config.log('error', 'onWebhook failed; answering 500 so Leap delivers the event again', {
        webhook_event_id: id,
        webhook_event_type: delivery.payload.webhook_event_type,
        error: error instanceof Error ? error.message : String(error),
      });
      return problem(c, 500, 'The event was not handled; it will be delivered again', {});
    } finally {
      if (first) inFlight.delete(id);
    }
  });
  allowOnly(app, '/webhooks/leap', 'POST');
  return app;
}
