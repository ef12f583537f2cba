/**
 * The mock's webhook subscriptions and deliveries, as Leap makes them: each event goes to every subscription that
 * lists its type, `POST`ed to the receiver URL with the subscription's custom headers and
 * `{webhook_event_id, payload}`, and retried with backoff (on the mock's clock) until the receiver answers 2xx or the
 * attempts run out. The latest deliveries are logged in `deliveries` for tests.
 */
import type { MockClock } from './clock.js';
import { MOCK_LIMITS } from './limits.js';

/** The seven event types of Leap's webhooks OpenAPI file. */
export const MOCK_WEBHOOK_EVENT_TYPES = [
  'meter.created',
  'connect_session.updated',
  'connect_session.authorization_updated',
  'meter.enrollment.global-status.updated',
  'meter.enrollment.participation-status.updated',
  'meter.enrollment.required-actions.updated',
  'meter.enrollment.group.updated',
] as const;

export type MockWebhookEvent = Record<string, unknown> & { webhook_event_type: string };

export interface MockWebhookOptions {
  /** A receiver subscribed to every event type from the start (your backend's `POST {base}/webhooks/leap`). */
  url?: string;
  /** That subscription's custom headers, such as `{'x-leap-webhook-secret': '…'}`. */
  headers?: Record<string, string>;
  /** Attempts per event and receiver. Default 4. */
  attempts?: number;
  /** Wait before the first retry, doubled each time. Default 1000 ms. */
  backoffMs?: number;
  /** Used for the deliveries. Default: the global fetch. */
  fetch?: typeof fetch;
}

/** A webhook subscription, in the shape of the OpenAPI file's `Webhook`. */
export interface MockSubscription {
  webhook_id: string;
  receiver_url: string;
  event_types: string[];
  headers: Array<{ name: string; value: string }>;
}

export interface MockDelivery {
  webhook_event_id: string;
  webhook_event_type: string;
  /** The subscription and receiver it went to. */
  webhook_id: string;
  url: string;
  payload: MockWebhookEvent;
  attempts: number;
  /** The receiver's last status, 0 for no answer; `delivered` once it answered 2xx. */
  lastStatus: number;
  delivered: boolean;
}

/** What `POST /v1.1/webhooks/{id}/test` answers (`TestWebhookResponse`). */
export interface MockTestResult {
  is_successful: boolean;
  status_code?: number;
  response_time_ms?: number;
  error?: string;
}

/** A receiver that neither answers nor fails is given up after this long (a safety net, not a test clock). */
const ATTEMPT_TIMEOUT_MS = 10_000;

export class WebhookSender {
  readonly deliveries: MockDelivery[] = [];
  readonly subscriptions = new Map<string, MockSubscription>();
  readonly #cancels = new Set<() => void>();
  readonly #attempts: number;
  readonly #backoffMs: number;
  readonly #fetch: typeof fetch;
  #stopped = false;

  readonly #clock: MockClock;

  constructor(options: MockWebhookOptions | undefined, clock: MockClock) {
    this.#clock = clock;
    this.#attempts = options?.attempts ?? 4;
    this.#backoffMs = options?.backoffMs ?? 1000;
    this.#fetch = options?.fetch ?? ((input, init) => fetch(input, init));
    if (options?.url) {
      this.subscribe({
        receiver_url: options.url,
        event_types: [...MOCK_WEBHOOK_EVENT_TYPES],
        headers: Object.entries(options.headers ?? {}).map(([name, value]) => ({ name, value })),
      });
    }
  }

  subscribe(
    subscription: Omit<MockSubscription, 'webhook_id'>,
    webhookId: string = crypto.randomUUID(),
  ): MockSubscription {
    const created = { webhook_id: webhookId, ...subscription };
    this.subscriptions.set(webhookId, created);
    return created;
  }

  /** Sends one event to every subscription of its type; returns at once, the deliveries run in the background. */
  send(payload: MockWebhookEvent): void {
    if (this.#stopped) return;
    for (const subscription of this.subscriptions.values()) {
      if (!subscription.event_types.includes(payload.webhook_event_type)) continue;
      const delivery: MockDelivery = {
        webhook_event_id: crypto.randomUUID(),
        webhook_event_type: payload.webhook_event_type,
        webhook_id: subscription.webhook_id,
        url: subscription.receiver_url,
        payload,
        attempts: 0,
        lastStatus: 0,
        delivered: false,
      };
      this.deliveries.push(delivery);
      if (this.deliveries.length > MOCK_LIMITS.deliveryRecords) this.deliveries.shift();
      void this.#attempt(delivery, subscription.headers);
    }
  }

  /** One delivery of `payload` to the subscription's receiver, timed, never retried: the subscription test. */
  async test(subscription: MockSubscription, payload: MockWebhookEvent): Promise<MockTestResult> {
    const started = performance.now();
    try {
      const answer = await this.#post(subscription.receiver_url, subscription.headers, crypto.randomUUID(), payload);
      return {
        is_successful: answer.ok,
        status_code: answer.status,
        response_time_ms: Math.round(performance.now() - started),
      };
    } catch (error) {
      return { is_successful: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Stops pending retries and further sends. */
  stop(): void {
    this.#stopped = true;
    for (const cancel of this.#cancels) cancel();
    this.#cancels.clear();
  }

  async #post(
    url: string,
    headers: MockSubscription['headers'],
    eventId: string,
    payload: MockWebhookEvent,
  ): Promise<Response> {
    const answer = await this.#fetch(url, {
      method: 'POST',
      headers: {
        ...Object.fromEntries(headers.map(({ name, value }) => [name, value])),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ webhook_event_id: eventId, payload }),
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
    await answer.arrayBuffer().catch(() => undefined);
    return answer;
  }

  async #attempt(delivery: MockDelivery, headers: MockSubscription['headers']): Promise<void> {
    delivery.attempts += 1;
    try {
      const answer = await this.#post(delivery.url, headers, delivery.webhook_event_id, delivery.payload);
      delivery.lastStatus = answer.status;
      delivery.delivered = answer.ok;
    } catch {
      delivery.lastStatus = 0;
    }
    if (delivery.delivered || delivery.attempts >= this.#attempts || this.#stopped) return;
    const cancel = this.#clock.later(this.#backoffMs * 2 ** (delivery.attempts - 1), () => {
      this.#cancels.delete(cancel);
      void this.#attempt(delivery, headers);
    });
    this.#cancels.add(cancel);
  }
}
