/**
 * Which webhook events have been handled, so that a redelivery is acknowledged without handling it twice. Each
 * instance remembers the last ten thousand in memory; with a shared store (`RedisRateLimitStore`), every instance also
 * sees the others' for seven days, so a redelivery that a load balancer sends elsewhere is dropped there too. Delivery
 * stays at least once (two instances may take the same event at the same moment): `onWebhook` must be idempotent.
 */

/** A store every instance shares that remembers handled event ids. */
export interface HandledEvents {
  wasHandled(id: string): Promise<boolean>;
  markHandled(id: string, ttlSeconds: number): Promise<void>;
}

/** Leap retries a failed delivery for days, not weeks. */
export const HANDLED_EVENT_TTL_SECONDS = 7 * 24 * 3600;
/** Event ids each instance keeps in memory. */
const REMEMBERED_LOCALLY = 10_000;

export function isHandledEvents(store: unknown): store is HandledEvents {
  const candidate = store as Partial<HandledEvents> | null;
  return typeof candidate?.wasHandled === 'function' && typeof candidate.markHandled === 'function';
}

/** This instance's memory first, then the shared store when there is one. */
export class HandledEventLog {
  readonly #local = new Set<string>();

  constructor(readonly shared: HandledEvents | null) {}

  async has(id: string): Promise<boolean> {
    if (this.#local.has(id)) return true;
    if (!this.shared || !(await this.shared.wasHandled(id))) return false;
    this.#remember(id);
    return true;
  }

  async add(id: string): Promise<void> {
    this.#remember(id);
    await this.shared?.markHandled(id, HANDLED_EVENT_TTL_SECONDS);
  }

  #remember(id: string): void {
    if (this.#local.size >= REMEMBERED_LOCALLY) this.#local.delete(this.#local.values().next().value!);
    this.#local.add(id);
  }
}
