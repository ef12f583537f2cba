/**
 * The mock's webhook deliveries, as Leap makes them: `POST` to the receiver URL with the subscription's custom
 * headers and `{webhook_event_id, payload}`, retried with backoff until the receiver answers 2xx or the attempts run
 * out. Every delivery is logged in `deliveries` for tests.
 */

export interface MockWebhookOptions {
  /** The receiver URL (your backend's `POST {base}/webhooks/leap`). */
  url: string;
  /** The subscription's custom headers, such as `{'x-leap-webhook-secret': '…'}`. */
  headers?: Record<string, string>;
  /** Attempts per event. Default 4. */
  attempts?: number;
  /** Wait before the first retry, doubled each time. Default 1000 ms. */
  backoffMs?: number;
  /** Used for the deliveries. Default: the global fetch. */
  fetch?: typeof fetch;
}

export interface MockDelivery {
  webhook_event_id: string;
  webhook_event_type: string;
  attempts: number;
  /** The receiver's last status, 0 for no answer; `delivered` once it answered 2xx. */
  lastStatus: number;
  delivered: boolean;
}

export class WebhookSender {
  readonly deliveries: MockDelivery[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly options: MockWebhookOptions | undefined) {}

  /** Queues one event (its payload with `webhook_event_type`); returns at once, the delivery runs in the background. */
  send(payload: Record<string, unknown> & { webhook_event_type: string }): void {
    if (!this.options) return;
    const delivery: MockDelivery = {
      webhook_event_id: crypto.randomUUID(),
      webhook_event_type: payload.webhook_event_type,
      attempts: 0,
      lastStatus: 0,
      delivered: false,
    };
    this.deliveries.push(delivery);
    void this.attempt(delivery, payload);
  }

  /** Stops pending retries. */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async attempt(delivery: MockDelivery, payload: Record<string, unknown>): Promise<void> {
    const { url, headers = {}, attempts = 4, backoffMs = 1000, fetch: send = fetch } = this.options!;
    delivery.attempts += 1;
    try {
      const answer = await send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ webhook_event_id: delivery.webhook_event_id, payload }),
      });
      delivery.lastStatus = answer.status;
      await answer.arrayBuffer();
      delivery.delivered = answer.ok;
    } catch {
      delivery.lastStatus = 0;
    }
    if (delivery.delivered || delivery.attempts >= attempts) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        void this.attempt(delivery, payload);
      },
      backoffMs * 2 ** (delivery.attempts - 1),
    );
    this.timers.add(timer);
  }
}
