/**
 * `POST {base}/webhooks/leap`: Leap's webhooks, for your server (never a browser). The secret configured as the
 * subscription's custom header `x-leap-webhook-secret` is compared in constant time; the event is checked against the
 * seven documented types (an unknown type passes as it is); a duplicate of an event already handled, here or on
 * another instance sharing the store, is acknowledged and dropped; `onWebhook` is awaited, and its failure answers 500
 * so Leap delivers the event again. A body Leap could never send (nested deeper than 64, not an event) is a 400,
 * never a 500: a 500 would make Leap deliver the same poison again and again.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { parseWebhookDelivery } from '../../core/schemas/webhooks.js';
import type { WebhookDelivery } from '../../core/types.generated.js';
import type { BackendEnv } from '../context.js';
import { HandledEventLog, isHandledEvents } from '../handled-events.js';
import { limitBody } from '../middleware/body-limit.js';
import { jsonBody } from '../middleware/json-body.js';
import type { BackendConfig } from '../options.js';
import { allowOnly, problem } from '../responses.js';
import { secretMatches } from '../secret.js';

export const MAX_WEBHOOK_BYTES = 64 * 1024;

/** A server-to-server route: no browser gets a CORS grant for it, and a request that names an origin is refused. */
const serverOnly: MiddlewareHandler<BackendEnv> = async (c, next) => {
  for (const name of [
    'access-control-allow-origin',
    'access-control-allow-credentials',
    'access-control-expose-headers',
  ])
    c.header(name, undefined);
  if (c.req.header('origin')) return problem(c, 403, 'Not for browsers', {});
  await next();
};

export function webhookRoutes(config: BackendConfig): Hono<BackendEnv> {
  const app = new Hono<BackendEnv>();
  if (!config.webhookSecret) return app;
  const secret = config.webhookSecret;
  const handled = new HandledEventLog(isHandledEvents(config.store) ? config.store : null);
  const inFlight = new Map<string, Promise<void>>();

  const knownSender: MiddlewareHandler<BackendEnv> = async (c, next) => {
    if (!(await secretMatches(secret, c.req.header('x-leap-webhook-secret') ?? ''))) {
      config.log('warn', 'Refused a webhook: the x-leap-webhook-secret header does not match');
      return problem(c, 401, 'Unknown sender', {});
    }
    await next();
  };
  const delivery = jsonBody(
    { safeParse: parseWebhookDelivery },
    {
      title: 'Invalid webhook event',
      onRefused: (title) => config.log('warn', `Refused a webhook that is not one of Leap's events: ${title}`),
    },
  );

  app.post('/webhooks/leap', limitBody(MAX_WEBHOOK_BYTES), serverOnly, knownSender, delivery, async (c) => {
    const event = c.req.valid('json') as WebhookDelivery;
    const id = event.webhook_event_id;
    if (await handled.has(id)) return c.json({ received: true, duplicate: true });
    let work = inFlight.get(id);
    const first = !work;
    work ??= Promise.resolve(config.options.onWebhook?.(event));
    inFlight.set(id, work);
    try {
      await work;
      if (first) await handled.add(id);
      return c.json({ received: true, ...(first ? {} : { duplicate: true }) });
    } catch (error) {
      config.log('error', 'onWebhook failed; answering 500 so Leap delivers the event again', {
        webhook_event_id: id,
        webhook_event_type: event.payload.webhook_event_type,
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
