/**
 * Leap's webhook subscriptions for your server jobs: where Leap sends its events, typically once per environment,
 * pointing at your backend's `POST {base}/webhooks/leap` with the `x-leap-webhook-secret` header it checks.
 */
import { LeapApiError } from '../../core/errors.js';
import type {
  TestWebhookResponse,
  Webhook,
  WebhookEvent,
  WebhookRequest,
  WebhookResponse,
  WebhookSuccessResponse,
} from '../../core/types.generated.js';
import {
  TestWebhookResponse as TestWebhookResponseSchema,
  WebhookListResponse,
  WebhookRequest as WebhookRequestSchema,
  WebhookResponse as WebhookResponseSchema,
  WebhookSuccessResponse as WebhookSuccessResponseSchema,
  issuesToFields,
} from '../../core/schemas/index.js';
import { callLeap } from '../leap.js';
import type { UpstreamConfig } from '../upstream.js';

const webhookPath = (id: string) => `/v1.1/webhooks/${encodeURIComponent(id)}`;

/** The subscription as Leap takes it; refuses it, naming each field, before anything is sent. */
function checked(subscription: WebhookRequest): WebhookRequest {
  const parsed = WebhookRequestSchema.safeParse(subscription);
  if (!parsed.success) {
    throw new LeapApiError({
      status: 400,
      title: 'Invalid webhook subscription; nothing was sent',
      details: { fields: issuesToFields(parsed.error.issues) },
    });
  }
  return parsed.data;
}

export async function listWebhooks(upstream: UpstreamConfig): Promise<Webhook[]> {
  const answer = await callLeap(
    upstream,
    { service: 'grid', method: 'GET', path: '/v1.1/webhooks', idempotent: true },
    WebhookListResponse,
  );
  return answer.webhooks;
}

export async function createWebhook(upstream: UpstreamConfig, subscription: WebhookRequest): Promise<WebhookResponse> {
  return callLeap(
    upstream,
    // Not safe to repeat: a retried create could subscribe the receiver twice.
    { service: 'grid', method: 'POST', path: '/v1.1/webhooks', body: checked(subscription), idempotent: false },
    WebhookResponseSchema,
  );
}

/** Overwrites every setting of the subscription (Leap's own note), so send all of them. */
export async function updateWebhook(
  upstream: UpstreamConfig,
  id: string,
  subscription: WebhookRequest,
): Promise<WebhookResponse> {
  return callLeap(
    upstream,
    { service: 'grid', method: 'PUT', path: webhookPath(id), body: checked(subscription), idempotent: true },
    WebhookResponseSchema,
  );
}

export function deleteWebhook(upstream: UpstreamConfig, id: string): Promise<WebhookSuccessResponse> {
  return callLeap(
    upstream,
    { service: 'grid', method: 'DELETE', path: webhookPath(id), idempotent: true },
    WebhookSuccessResponseSchema,
  );
}

/** Leap sends `event` to the subscription's receiver once and answers what the receiver did. */
export function testWebhook(
  upstream: UpstreamConfig,
  id: string,
  event: WebhookEvent | { webhook_event_type: string; [field: string]: unknown },
): Promise<TestWebhookResponse> {
  return callLeap(
    upstream,
    // Each call sends an event to your receiver: not repeated behind your back.
    { service: 'grid', method: 'POST', path: `${webhookPath(id)}/test`, body: event, idempotent: false },
    TestWebhookResponseSchema,
  );
}
