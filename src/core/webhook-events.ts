/**
 * Telling Leap's webhook events apart in TypeScript. A delivery's `payload` may be a type Leap adds later, whose
 * `webhook_event_type` is any string, so comparing the field does not narrow the union; `isWebhookEvent` does.
 */
import type { WebhookEvent } from './types.generated.js';

/** The seven event types of Leap's webhooks OpenAPI file. */
export const WEBHOOK_EVENT_TYPES = [
  'meter.created',
  'meter.enrollment.global-status.updated',
  'meter.enrollment.participation-status.updated',
  'meter.enrollment.required-actions.updated',
  'meter.enrollment.group.updated',
  'connect_session.updated',
  'connect_session.authorization_updated',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The documented event of one type. */
export type WebhookEventOf<T extends WebhookEventType> = Extract<WebhookEvent, { webhook_event_type: T }>;

/** True (and narrowed) when `payload` is the documented event `type`: `if (isWebhookEvent(payload, 'meter.created'))`. */
export function isWebhookEvent<T extends WebhookEventType>(
  payload: WebhookEvent,
  type: T,
): payload is WebhookEventOf<T> {
  return payload.webhook_event_type === type;
}
