/**
 * A `RateLimitStore` over Redis, so every instance of the backend counts against one limit, and remembers which
 * webhook events were handled, so a redelivery that reaches another instance is dropped there too. Runtime-neutral
 * like the rest of the server: it talks to a client you create (node-redis or ioredis) and imports neither.
 */
import { MemoryRateLimitStore, type RateLimitHit, type RateLimitStore } from './rate-limit.js';
import type { Logger } from './upstream.js';
import type { HandledEvents } from './handled-events.js';

/** The part of a node-redis v4/v5 client (`createClient()` from `redis`) this store uses. */
export interface NodeRedisLike {
  sendCommand(args: string[]): Promise<unknown>;
}

/** The part of an ioredis client (`new Redis()`) this store uses. */
export interface IoRedisLike {
  call(command: string, ...args: string[]): Promise<unknown>;
}

export interface RedisRateLimitStoreOptions {
  /**
   * A connected node-redis client or an ioredis client. Create node-redis with `disableOfflineQueue: true` and
   * ioredis with `enableOfflineQueue: false`, so that while Redis is down commands fail at once instead of queueing.
   */
  client: NodeRedisLike | IoRedisLike;
  /** Put before every key. Default `leap-elements:rl:`. */
  prefix?: string;
  /**
   * How long a command waits for Redis. A hit that gets no answer in time is decided by this instance's own count
   * (the same rule); it is never let through uncounted. Default 250 ms.
   */
  timeoutMs?: number;
  /** Receives the outage warning and the recovery line. Default: one line to `console.error`. */
  logger?: Logger;
}

/**
 * INCR, then give the window its expiry: when the key is new, or when it somehow has none (a crash between INCR and
 * PEXPIRE in older code, a manual SET), since a key without a TTL would limit that caller forever.
 */
const SCRIPT = `local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

/** Longer caller keys are hashed, so a hostile or buggy key cannot make Redis hold arbitrarily large keys. */
const MAX_KEY_LENGTH = 200;
const WARN_INTERVAL_MS = 60_000;

const encoder = new TextEncoder();
let scriptSha: Promise<string> | undefined;

async function hex(algorithm: 'SHA-1' | 'SHA-256', text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest(algorithm, encoder.encode(text)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const defaultLogger: Logger = (level, message) => console.error(`[leap-elements] ${level}: ${message}`);

/**
 * Fixed-window counters in Redis, shared by every backend instance that points at the same Redis and prefix.
 *
 * One round trip per hit: a Lua script (sent as `EVALSHA`, with one `EVAL` when Redis has lost its script cache)
 * increments the key, sets its expiry and returns the count and the time left, atomically, so concurrent requests on
 * any instance each get their own count.
 *
 * A slow or absent Redis never means "unlimited": every hit is also counted in this instance's memory (the same
 * rules), and the higher of the two counts decides. When Redis is down, slow (no answer within `timeoutMs`) or answers
 * an error, this instance's count alone decides, so each instance still holds the limit on its own. A warning is
 * logged at most once a minute while Redis is failing, and one `info` line when it answers again.
 */
export class RedisRateLimitStore implements RateLimitStore, HandledEvents {
  readonly #send: (args: string[]) => Promise<unknown>;
  readonly #prefix: string;
  readonly #timeoutMs: number;
  readonly #log: Logger;
  /** This instance's own counts: what decides while Redis cannot. */
  readonly #local = new MemoryRateLimitStore();
  #failingSince: number | null = null;
  #lastWarnAt = Number.NEGATIVE_INFINITY;
  #suppressed = 0;

  constructor(options: RedisRateLimitStoreOptions) {
    const { client } = options;
    // ioredis also has a `sendCommand`, taking a Command object: test for its `call` first.
    if ('call' in client && typeof client.call === 'function') {
      this.#send = ([command = '', ...args]) => client.call(command, ...args);
    } else if ('sendCommand' in client && typeof client.sendCommand === 'function') {
      this.#send = (args) => client.sendCommand(args);
    } else {
      throw new TypeError(
        'RedisRateLimitStore: client must be a node-redis client (createClient() from "redis") or an ioredis client.',
      );
    }
    this.#prefix = options.prefix ?? 'leap-elements:rl:';
    this.#timeoutMs = options.timeoutMs ?? 250;
    this.#log = options.logger ?? defaultLogger;
    if (!(this.#timeoutMs > 0)) throw new RangeError('RedisRateLimitStore: timeoutMs must be a positive number.');
  }

  async hit(key: string, windowMs: number): Promise<RateLimitHit> {
    const local = await this.#local.hit(key, windowMs);
    const shared = await this.#attempt(() => this.#run(key, String(Math.max(1, Math.ceil(windowMs)))));
    if (shared === undefined) return local;
    const [count, pttl] = shared;
    return count >= local.count ? { count, resetAt: Date.now() + pttl } : local;
  }

  /** Whether any instance has handled the webhook event `id` (false when Redis cannot say). */
  async wasHandled(id: string): Promise<boolean> {
    const reply = await this.#attempt(() => this.#send(['EXISTS', this.#eventKey(id)]));
    return Number(reply) === 1;
  }

  /** Remembers the webhook event `id` as handled, for every instance, for `ttlSeconds`. */
  async markHandled(id: string, ttlSeconds: number): Promise<void> {
    await this.#attempt(() => this.#send(['SET', this.#eventKey(id), '1', 'EX', String(Math.max(1, ttlSeconds))]));
  }

  #eventKey(id: string): string {
    return `${this.#prefix}webhook-event:${id}`;
  }

  /** The command's answer, or undefined (after the outage bookkeeping) when Redis fails or takes too long. */
  async #attempt<T>(command: () => Promise<T>): Promise<T | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.#timeoutMs} ms`)), this.#timeoutMs);
    });
    try {
      const answer = await Promise.race([command(), deadline]);
      this.#recovered();
      return answer;
    } catch (error) {
      this.#failed(error);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  async #run(key: string, window: string): Promise<[number, number]> {
    const [sha, redisKey] = await Promise.all([
      (scriptSha ??= hex('SHA-1', SCRIPT)),
      key.length > MAX_KEY_LENGTH ? hex('SHA-256', key).then((h) => `${this.#prefix}sha256:${h}`) : this.#prefix + key,
    ]);
    let reply: unknown;
    try {
      reply = await this.#send(['EVALSHA', sha, '1', redisKey, window]);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      // Redis restarted or ran SCRIPT FLUSH: EVAL runs the script and caches it again for the next EVALSHA.
      reply = await this.#send(['EVAL', SCRIPT, '1', redisKey, window]);
    }
    const [count = NaN, pttl = NaN] = Array.isArray(reply) ? reply.map(Number) : [];
    if (!Number.isFinite(count) || !Number.isFinite(pttl))
      throw new Error('unexpected answer to the rate-limit script');
    return [count, pttl];
  }

  #failed(error: unknown): void {
    const now = Date.now();
    this.#failingSince ??= now;
    if (now - this.#lastWarnAt < WARN_INTERVAL_MS) {
      this.#suppressed += 1;
      return;
    }
    const more = this.#suppressed > 0 ? ` (${this.#suppressed} more failures since the last warning)` : '';
    this.#log('warn', `Redis rate-limit store unavailable, counting on this instance alone: ${describe(error)}${more}`);
    this.#lastWarnAt = now;
    this.#suppressed = 0;
  }

  #recovered(): void {
    if (this.#failingSince === null) return;
    // Only announce recoveries from outages that were announced, so a flapping Redis stays at one line a minute.
    if (this.#lastWarnAt >= this.#failingSince) this.#log('info', 'Redis rate-limit store reachable again');
    this.#failingSince = null;
  }
}

/** The error's message on one line, with any credentials in a redis:// URL masked, and bounded in length. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  return message
    .replace(/\b(rediss?:\/\/)[^\s/@]*@/gi, '$1***@')
    .replace(/\s+/g, ' ')
    .slice(0, 200);
}
