/**
 * Leap's webhook deliveries (`leap-webhooks.openapi.yml`): `{webhook_event_id, payload}` where `payload` carries a
 * `webhook_event_type`. The seven documented types are checked field by field; a type Leap adds later is accepted as
 * it is (its `webhook_event_type` and whatever else it carries), so a new event never breaks the receiver.
 */
import * as z from 'zod/mini';
import { closedEnum, isoDateTime, openEnum } from './common.js';
import { ENROLLMENT_STATUSES, METER_TYPES, PARTICIPATION_PREFERENCES, TRANSMISSION_REGIONS } from './grid-enums.js';
import { RequiredAction } from './enrollments.js';
import { WEBHOOK_EVENT_TYPES as WEBHOOK_EVENT_TYPE_VALUES, type WebhookEventType } from '../webhook-events.js';

export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../webhook-events.js';

/** The fields every meter event names. */
const meterFields = {
  meter_id: z.string(),
  partner_reference: z.nullish(z.string()),
  transmission_region: openEnum(TRANSMISSION_REGIONS),
  meter_type: z.nullish(openEnum(METER_TYPES)),
};

const event = <T extends WebhookEventType, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
  z.looseObject({ webhook_event_type: z.literal(type), ...shape });

export const MeterCreatedEvent = event('meter.created', meterFields);
export const GlobalStatusUpdatedEvent = event('meter.enrollment.global-status.updated', {
  ...meterFields,
  global_enrollment_status: openEnum(ENROLLMENT_STATUSES),
});
export const ParticipationStatusUpdatedEvent = event('meter.enrollment.participation-status.updated', {
  ...meterFields,
  participation_preference: openEnum(PARTICIPATION_PREFERENCES),
  start_time: isoDateTime,
  end_time: z.nullish(isoDateTime),
});
export const RequiredActionsUpdatedEvent = event('meter.enrollment.required-actions.updated', {
  ...meterFields,
  global_enrollment_status: openEnum(ENROLLMENT_STATUSES),
  required_actions: z.looseObject({ partner: z.nullish(z.array(RequiredAction)) }),
});
export const GroupUpdatedEvent = event('meter.enrollment.group.updated', {
  market_group_id: z.string(),
  market_group_name: z.string(),
  start_date_time: isoDateTime,
  end_date_time: isoDateTime,
  meter_ids: z.array(z.string()),
});
export const CONNECT_SESSION_STATUSES = ['CREATED', 'UPDATED', 'CLOSED', 'COMPLETED'] as const;
export const ConnectSessionUpdatedEvent = event('connect_session.updated', {
  partner_reference: z.string(),
  status: openEnum(CONNECT_SESSION_STATUSES),
});
export const AUTHORIZATION_STATUSES = ['INITIATED', 'COMPLETED', 'FAILED'] as const;
export const ConnectAuthorizationUpdatedEvent = event('connect_session.authorization_updated', {
  partner_reference: z.string(),
  utility_name: z.string(),
  status: openEnum(AUTHORIZATION_STATUSES),
});

/** A type Leap adds after this release: kept as it is. */
export const UnknownWebhookEvent = z.looseObject({ webhook_event_type: z.string() });

const KNOWN_EVENTS = {
  'meter.created': MeterCreatedEvent,
  'meter.enrollment.global-status.updated': GlobalStatusUpdatedEvent,
  'meter.enrollment.participation-status.updated': ParticipationStatusUpdatedEvent,
  'meter.enrollment.required-actions.updated': RequiredActionsUpdatedEvent,
  'meter.enrollment.group.updated': GroupUpdatedEvent,
  'connect_session.updated': ConnectSessionUpdatedEvent,
  'connect_session.authorization_updated': ConnectAuthorizationUpdatedEvent,
} as const;

/** A delivery's `payload`: one of the documented events, or an unknown type kept as it is. */
export const WebhookEvent = z.union([...Object.values(KNOWN_EVENTS), UnknownWebhookEvent] as const);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/** What Leap POSTs to the receiver URL. */
export const WebhookDelivery = z.looseObject({
  webhook_event_id: z.string().check(z.minLength(1), z.maxLength(100)),
  payload: WebhookEvent,
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

/** The checked event of a delivery, or the zod issues; an unknown type is checked only for its envelope. */
export function parseWebhookDelivery(value: unknown) {
  const envelope = WebhookDelivery.safeParse(value);
  if (!envelope.success) return envelope;
  const type = envelope.data.payload.webhook_event_type as WebhookEventType;
  // An own property only: a type such as `__proto__` or `toString` is an unknown event, not a lookup into Object.
  if (!Object.hasOwn(KNOWN_EVENTS, type)) return envelope;
  const known = (KNOWN_EVENTS as Record<string, z.ZodMiniType>)[type]!;
  const payload = known.safeParse((value as { payload: unknown }).payload);
  return payload.success ? envelope : payload;
}

// ---------------------------------------------------------------------------------------------------------------
// The webhook subscription API (`/v1.1/webhooks`): where Leap sends these events.

/** One custom header Leap sends with every delivery of a subscription (such as the secret your receiver checks). */
export const WebhookHeader = z.looseObject({
  name: z.string(),
  value: z.string(),
});
export type WebhookHeader = z.infer<typeof WebhookHeader>;

/** Body of `POST /v1.1/webhooks` and `PUT /v1.1/webhooks/{webhook_id}` (an update overwrites every setting). */
export const WebhookRequest = z.strictObject({
  /** Your receiver: with leap-elements, `POST {base}/webhooks/leap` of your backend. */
  receiver_url: z.url({ protocol: /^https?$/ }),
  event_types: z.array(closedEnum(WEBHOOK_EVENT_TYPE_VALUES)),
  headers: z.optional(z.array(z.strictObject({ name: z.string().check(z.minLength(1)), value: z.string() }))),
});
export type WebhookRequest = z.infer<typeof WebhookRequest>;

/** One subscription (`GET /v1.1/webhooks` `webhooks[]`). */
export const Webhook = z.looseObject({
  webhook_id: z.string(),
  receiver_url: z.string(),
  event_types: z.array(openEnum(WEBHOOK_EVENT_TYPE_VALUES)),
  headers: z.array(WebhookHeader),
});
export type Webhook = z.infer<typeof Webhook>;

/** `GET /v1.1/webhooks`. */
export const WebhookListResponse = z.looseObject({
  webhooks: z.array(Webhook),
});
export type WebhookListResponse = z.infer<typeof WebhookListResponse>;

/** `POST /v1.1/webhooks` and `PUT /v1.1/webhooks/{webhook_id}`: the subscription's id. */
export const WebhookResponse = z.looseObject({
  webhook_id: z.string(),
});
export type WebhookResponse = z.infer<typeof WebhookResponse>;

/** `DELETE /v1.1/webhooks/{webhook_id}`. */
export const WebhookSuccessResponse = z.looseObject({
  message: z.string(),
});
export type WebhookSuccessResponse = z.infer<typeof WebhookSuccessResponse>;

/**
 * `POST /v1.1/webhooks/{webhook_id}/test`: what your receiver did with one event Leap sent it. `status_code` and
 * `response_time_ms` when it answered, `error` when it could not be reached.
 */
export const TestWebhookResponse = z.looseObject({
  is_successful: z.boolean(),
  error: z.optional(z.string()),
  status_code: z.optional(z.int()),
  response_time_ms: z.optional(z.int()),
});
export type TestWebhookResponse = z.infer<typeof TestWebhookResponse>;

/** Errors of the webhook subscription API: `{error, message}` (not the grid platform's `{title, status, details}`). */
export const WebhookErrorResponse = z.looseObject({
  error: z.optional(z.string()),
  message: z.optional(z.string()),
});
export type WebhookErrorResponse = z.infer<typeof WebhookErrorResponse>;
