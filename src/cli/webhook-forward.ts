/**
 * What `leap-elements serve` does with a verified webhook: a Rails, Django or PHP shop cannot pass a JavaScript
 * `onWebhook`, so the event is posted on to its own app (LEAP_WEBHOOK_FORWARD_URL) with the same secret header Leap
 * sent. A forward that fails makes the route answer 500, so Leap delivers the event again: nothing is lost while the
 * partner's app is down.
 */
import type { WebhookDelivery } from '../core/types.generated.js';
import type { Logger } from '../server/upstream.js';

/** Longer than a healthy app needs, shorter than Leap waits for our answer. */
const FORWARD_TIMEOUT_MS = 10_000;
/** Only the status of the partner's answer matters; at most this much of its body is read before it is dropped. */
export const MAX_FORWARD_ANSWER_BYTES = 64 * 1024;

/** Reads and drops at most `max` bytes of a body, then cancels the rest: an endless answer costs nothing. */
async function drain(body: ReadableStream<Uint8Array> | null, max: number): Promise<void> {
  if (!body) return;
  const reader = body.getReader();
  let seen = 0;
  try {
    while (seen <= max) {
      const { done, value } = await reader.read();
      if (done) return;
      seen += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

export function forwardWebhooks(
  url: string,
  secret: string,
  send: typeof fetch = fetch,
): (event: WebhookDelivery) => Promise<void> {
  return async (event) => {
    const answer = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-leap-webhook-secret': secret },
      body: JSON.stringify(event),
      signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
    }).catch((error: Error) => {
      throw new Error(`LEAP_WEBHOOK_FORWARD_URL did not answer: ${error.message}`);
    });
    await drain(answer.body, MAX_FORWARD_ANSWER_BYTES).catch(() => undefined);
    if (!answer.ok) throw new Error(`LEAP_WEBHOOK_FORWARD_URL answered ${answer.status}`);
  };
}

/** Without a forward URL, each event is one log line: enough to see the flow working before the app is ready. */
export function logWebhooks(log: Logger): (event: WebhookDelivery) => void {
  return (event) => {
    const { webhook_event_type, partner_reference } = event.payload as {
      webhook_event_type: string;
      partner_reference?: string;
    };
    log('info', 'Leap webhook received', {
      webhook_event_id: event.webhook_event_id,
      webhook_event_type,
      ...(partner_reference ? { partner_reference } : {}),
    });
  };
}
