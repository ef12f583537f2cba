/**
 * The backend's options, and their resolution into the configuration the middleware and routes read: defaults
 * filled in, values checked once at construction (a misconfigured backend fails when it is created, not on the first
 * request), the mock wired in when asked for.
 */
import type { RateLimitRule, RateLimitStore } from './rate-limit.js';
import { MemoryRateLimitStore } from './rate-limit.js';
import { TokenService } from './tokens.js';
import { secretProblem } from './secret-strength.js';
import { UpstreamHealth } from './health.js';
import type { WebhookDelivery } from '../core/types.generated.js';
import type { Logger, UpstreamConfig } from './upstream.js';
import { resolveUpstream } from './upstream-config.js';

export interface LeapHandlerOptions {
  /** Leap API key (Partner Portal). Required unless `mock` is true. Never sent to the browser. */
  apiKey?: string;
  /**
   * Use a mock Leap instead of the real API. On its own (with the global fetch or `nodeFetch`), the embedded mock runs
   * in-process: no network, nothing else to set. With base URLs, calls go there (a mock on its own port); with a
   * fetch handler of your own (such as a `createMockLeap()` instance you inspect), to it.
   */
  mock?: boolean;
  /** `production` (default) or `staging`: the grid platform's staging host (staging keys work only there). */
  environment?: 'production' | 'staging';
  /** Default `https://api.incentives.leap.energy/alpha`. */
  incentivesBaseUrl?: string;
  /** Default `https://api.leap.energy` (with `environment: 'staging'`: `https://api.staging.leap.energy`). */
  platformBaseUrl?: string;
  /**
   * Random, at least 32 bytes (`openssl rand -base64 48`), shared by every instance; a guessable one is refused. Without
   * it a random per-process secret is used (with a warning).
   */
  sessionSecret?: string;
  /** Origins (scheme://host[:port]) allowed to call from a browser. Same-origin requests are always allowed. */
  allowedOrigins?: string[];
  /**
   * Your own user check (or `jwksAuthenticator(...)`). Return the customer's reference id, or null to refuse (401).
   */
  authenticate?: (request: Request) => Promise<{ referenceId: string } | null>;
  /**
   * Server-to-server sessions: your own backend (any language) calls `POST {base}/session` with
   * `Authorization: Bearer <partnerSecret>` and `{"reference_id": "…"}`. Random, at least 32 bytes.
   */
  partnerSecret?: string;
  /**
   * Anonymous sessions with a fresh random reference id, for pages without a signed-in customer (CMS articles).
   * Default: on only when neither `authenticate` nor `partnerSecret` is given.
   */
  guestSessions?: boolean;
  /**
   * Ends sessions before they expire (at sign-out, say): asked on every call that uses a token, even when the token's
   * signature check is remembered. Return true to refuse it (401). Without it a token is valid until it expires
   * (`sessionTtlSeconds`). If it throws, the call is refused with 503 rather than let through.
   */
  isRevoked?: (session: RevocationQuery) => boolean | Promise<boolean>;
  /**
   * Enables `POST {base}/webhooks/leap` for Leap's webhooks. Configure your webhook subscription at Leap to send it in
   * the custom header `x-leap-webhook-secret`. Random, at least 32 bytes.
   */
  webhookSecret?: string;
  /**
   * Receives each verified webhook delivery (`{webhook_event_id, payload}`). Duplicates of an event already handled are
   * dropped (by every instance, when the rate-limit store is shared: `RedisRateLimitStore`), but delivery is at least
   * once: make it idempotent. Awaited; if it throws, the route answers 500 so Leap delivers the event again.
   */
  onWebhook?: (event: WebhookDelivery) => void | Promise<void>;
  /** Token lifetime. Default 900 (15 minutes). */
  sessionTtlSeconds?: number;
  /** Where the routes live. Default `/api/leap`. */
  basePath?: string;
  /** Hosts added to Leap's documented ones for `connect_url` (exact, or `.suffix`). */
  allowedConnectHosts?: string[];
  /** fetch used for upstream calls (tests, custom agents, an in-process mock). Default: global fetch. */
  fetch?: typeof fetch;
  /** Per-IP and per-token limits; `false` turns rate limiting off. */
  rateLimit?: false | { ip?: RateLimitRule | false; token?: RateLimitRule | false; store?: RateLimitStore };
  /** Deadline for one upstream call, retries included. Default 10 000 ms. */
  upstreamTimeoutMs?: number;
  /** Extra attempts for idempotent calls after a 5xx or lost connection. Default 2. */
  upstreamRetries?: number;
  /** First backoff step in ms. Default 200. */
  upstreamBackoffMs?: number;
  /**
   * Behind your own proxies only: `true` (one proxy) or their number. The client IP is then read from the
   * `X-Forwarded-For` hop your first proxy appended (counted from the right: the hops to its left are the client's
   * own words), and `X-Forwarded-Host` / `-Proto` name the backend's own origin.
   */
  trustProxy?: boolean | number;
  /**
   * The client's IP, for the per-IP limit. Default: the Node socket address, or `X-Forwarded-For` with
   * `trustProxy`. Where there is no socket (Workers, Deno, Bun, Next.js), set it, e.g.
   * `(request) => request.headers.get('cf-connecting-ip') ?? undefined`; without it the per-IP limit is skipped.
   */
  clientIp?: (request: Request, env: unknown) => string | undefined;
  /** Receives log lines; never given the API key. Default: warnings and errors to the console. */
  logger?: Logger;
}

/** What `isRevoked` is asked about: the token's id, its customer and when it was issued. */
export interface RevocationQuery {
  jti: string;
  referenceId: string;
  issuedAt: Date;
}

export const DEFAULT_BASE_PATH = '/api/leap';
export const MAX_BODY_BYTES = 16 * 1024;
const DEFAULT_IP_RULE: RateLimitRule = { limit: 120, windowSeconds: 60 };
const DEFAULT_TOKEN_RULE: RateLimitRule = { limit: 60, windowSeconds: 60 };

/** Everything the middleware and routes need, resolved once. */
export interface BackendConfig {
  options: LeapHandlerOptions;
  basePath: string;
  /** Answers come from a mock Leap (`mock: true`): every answer says so. */
  mock: boolean;
  /** Whether Leap accepts the key, as last seen (`GET {base}/healthz`). */
  health: UpstreamHealth;
  /** Masks the secrets before the partner's logger sees a line. */
  log: Logger;
  /** The API key and the secrets: masked in every answer and log line. */
  secrets: readonly string[];
  tokens: TokenService;
  upstream: UpstreamConfig;
  allowedOrigins: ReadonlySet<string>;
  authenticate: LeapHandlerOptions['authenticate'] | null;
  partnerSecret: Uint8Array | null;
  webhookSecret: Uint8Array | null;
  guestSessions: boolean;
  store: RateLimitStore | null;
  ipRule: RateLimitRule | null;
  tokenRule: RateLimitRule | null;
}

/** `/api/leap/` → `/api/leap`; `/` → `` (routes at the root). */
export function normalizeBasePath(path: string): string {
  return `/${path.replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '');
}

export function resolveOptions(options: LeapHandlerOptions): BackendConfig {
  const secrets = [options.sessionSecret, options.partnerSecret, options.webhookSecret];
  const health = new UpstreamHealth();
  const { upstream, log, mock } = resolveUpstream(options, {
    who: 'createLeapHandler',
    secrets,
    timeoutMs: options.upstreamTimeoutMs ?? 10_000,
    retries: options.upstreamRetries ?? 2,
    backoffMs: options.upstreamBackoffMs ?? 200,
    audience: 'browser',
    health,
  });
  for (const [name, value] of [
    ['sessionSecret', options.sessionSecret],
    ['partnerSecret', options.partnerSecret],
    ['webhookSecret', options.webhookSecret],
  ] as const) {
    const problem = value === undefined ? null : secretProblem(name, value);
    if (problem) throw new Error(`createLeapHandler: ${problem}`);
  }
  let secret = options.sessionSecret;
  if (!secret) {
    log(
      'warn',
      'No sessionSecret: using a random per-process secret. Tokens will not survive a restart or work across instances.',
    );
    secret = randomHex(48);
  }
  const ttl = options.sessionTtlSeconds ?? 900;
  if (!Number.isInteger(ttl) || ttl < 30 || ttl > 86_400)
    throw new Error('sessionTtlSeconds must be an integer from 30 to 86400.');
  const partnerSecret = options.partnerSecret ? new TextEncoder().encode(options.partnerSecret) : null;
  const webhookSecret = options.webhookSecret ? new TextEncoder().encode(options.webhookSecret) : null;
  if (webhookSecret && !options.onWebhook) {
    log('warn', 'webhookSecret is set without onWebhook: webhook events are acknowledged and dropped.');
  }
  const limits = options.rateLimit === false ? null : (options.rateLimit ?? {});
  return {
    options,
    basePath: normalizeBasePath(options.basePath ?? DEFAULT_BASE_PATH),
    mock,
    health,
    log,
    tokens: new TokenService(secret, ttl),
    upstream,
    secrets: [upstream.apiKey, ...secrets].filter((s): s is string => typeof s === 'string' && s.length >= 8),
    allowedOrigins: new Set((options.allowedOrigins ?? []).map((o) => o.replace(/\/+$/, '').toLowerCase())),
    authenticate: options.authenticate ?? null,
    partnerSecret,
    webhookSecret,
    guestSessions: options.guestSessions ?? (!options.authenticate && !partnerSecret),
    store: limits ? (limits.store ?? new MemoryRateLimitStore()) : null,
    ipRule: limits && limits.ip !== false ? (limits.ip ?? DEFAULT_IP_RULE) : null,
    tokenRule: limits && limits.token !== false ? (limits.token ?? DEFAULT_TOKEN_RULE) : null,
  };
}

export function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}
