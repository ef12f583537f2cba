/**
 * Rate limiting behind a small interface. The in-memory store is right for one process; when the backend runs on
 * several machines, use `RedisRateLimitStore` (or implement `RateLimitStore` over another shared store).
 */
export interface RateLimitHit {
  /** Requests counted in the current window, this one included. */
  count: number;
  /** When the current window ends (epoch milliseconds). */
  resetAt: number;
}

export interface RateLimitStore {
  hit(key: string, windowMs: number): Promise<RateLimitHit>;
}

export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

/** At most this many clients are counted at once; the least recently seen is forgotten first. */
export const MAX_TRACKED_KEYS = 10_000;
/** Longer keys are stored as a hash, so no client can make one entry big. */
export const MAX_KEY_LENGTH = 64;

/** 64-bit FNV-1a of a string, as 16 hex digits: short, stable and cheap (a key, not a secret). */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * Fixed-window counters in a Map for one process, bounded whatever the traffic: at most `maxKeys` entries (least
 * recently used evicted; a Map keeps insertion order, and each hit moves its key to the end), keys of at most 64
 * characters, expired windows pruned.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, RateLimitHit>();
  #lastPrune = 0;
  readonly #now: () => number;
  readonly #maxKeys: number;

  constructor(now: () => number = Date.now, maxKeys = MAX_TRACKED_KEYS) {
    this.#now = now;
    this.#maxKeys = maxKeys;
  }

  async hit(key: string, windowMs: number): Promise<RateLimitHit> {
    const now = this.#now();
    this.#prune(now);
    const id = key.length > MAX_KEY_LENGTH ? `#${fnv1a64(key)}` : key;
    const current = this.#windows.get(id);
    this.#windows.delete(id);
    if (!current || current.resetAt <= now) {
      const fresh = { count: 1, resetAt: now + windowMs };
      this.#remember(id, fresh);
      return { ...fresh };
    }
    current.count += 1;
    this.#remember(id, current);
    return { ...current };
  }

  /** Number of live windows (for tests and monitoring). */
  get size(): number {
    return this.#windows.size;
  }

  #remember(id: string, window: RateLimitHit): void {
    if (this.#windows.size >= this.#maxKeys) this.#windows.delete(this.#windows.keys().next().value!);
    this.#windows.set(id, window);
  }

  #prune(now: number): void {
    if (now - this.#lastPrune < 10_000) return;
    this.#lastPrune = now;
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
  }
}
