/**
 * The partner backend ("token endpoint"): holds the Leap API key, mints short-lived session tokens for the browser and
 * proxies a narrow set of calls, each scoped to the token's customer. A WHATWG fetch handler, so it runs on Node,
 * Express and Next.js route handlers, Cloudflare Workers, Deno and Bun.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { bodyLimit } from 'hono/body-limit';
import { LeapApiError } from '../core/errors.js';
import { checkLinkUrl } from '../core/safe-url.js';
import type * as z from 'zod/mini';
import { issuesToFields, parseAnswer } from '../core/schemas/common.js';
import { CheckIncentivesBody, IncentivesResponse } from '../core/schemas/incentives.js';
import { Application, ApplicationList, APPLICATION_STATUSES } from '../core/schemas/applications.js';
import { MeterEnrollmentResponse } from '../core/schemas/enrollments.js';
import { MemoryRateLimitStore, type RateLimitRule, type RateLimitStore } from './rate-limit.js';
import { TokenService } from './tokens.js';
import { callUpstream, type Logger, type UpstreamConfig, type UpstreamRequest } from './upstream.js';

export interface LeapHandlerOptions {
  /** Leap API key (Partner Portal). Required unless `mock` is true. Never sent to the browser. */
  apiKey?: string;
  /** Talk to a mock Leap: the key defaults to a placeholder and the base URLs to a local placeholder host. */
  mock?: boolean;
  /** Default `https://api.incentives.leap.energy/alpha`. */
  incentivesBaseUrl?: string;
  /** Default `https://api.leap.energy` (staging: `https://api.staging.leap.energy`). */
  platformBaseUrl?: string;
  /** At least 32 bytes, shared by every instance. Without it a random per-process secret is used (with a warning). */
  sessionSecret?: string;
  /** Origins (scheme://host[:port]) allowed to call from a browser. Same-origin requests are always allowed. */
  allowedOrigins?: string[];
  /**
   * Your own user check. Return the customer's reference id, or null to refuse (401). Default: anonymous guest
   * sessions with a fresh random reference id.
   */
  authenticate?: (request: Request) => Promise<{ referenceId: string } | null>;
  /** Token lifetime. Default 900 (15 minutes). */
  sessionTtlSeconds?: number;
  /** Where the routes live. Default `/api/leap`. */
  basePath?: string;
  /** Hosts added to Leap's documented ones for `connect_url` (exact, or `.suffix`). */
  allowedConnectHosts?: string[];
  /** fetch used for upstream calls (tests, custom agents). Default: global fetch. */
  fetch?: typeof fetch;
  /** Per-IP and per-token limits; `false` turns rate limiting off. */
  rateLimit?: false | { ip?: RateLimitRule | false; token?: RateLimitRule | false; store?: RateLimitStore };
  /** Deadline for one upstream call, retries included. Default 10 000 ms. */
  upstreamTimeoutMs?: number;
  /** Extra attempts for idempotent calls after a 5xx or lost connection. Default 2. */
  upstreamRetries?: number;
  /** First backoff step in ms. Default 200. */
  upstreamBackoffMs?: number;
  /** Trust `X-Forwarded-For` / `X-Forwarded-Host` / `X-Forwarded-Proto` (only behind your own proxy). */
  trustProxy?: boolean;
  /** The client's IP. Default: the Node socket address, or the first `X-Forwarded-For` hop with `trustProxy`. */
  clientIp?: (request: Request, env: unknown) => string | undefined;
  /** Receives log lines; never given the API key. Default: warnings and errors to the console. */
  logger?: Logger;
}

export type LeapHandler = (request: Request, env?: unknown) => Promise<Response>;

export const DEFAULT_INCENTIVES_BASE_URL = 'https://api.incentives.leap.energy/alpha';
export const DEFAULT_PLATFORM_BASE_URL = 'https://api.leap.energy';
const MOCK_PLACEHOLDER_KEY = 'leap_test_mock_key';
const MOCK_PLACEHOLDER_HOST = 'http://leap-mock.invalid';
export const MAX_BODY_BYTES = 16 * 1024;
const DEFAULT_IP_RULE: RateLimitRule = { limit: 120, windowSeconds: 60 };
const DEFAULT_TOKEN_RULE: RateLimitRule = { limit: 60, windowSeconds: 60 };
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const UNEXPECTED = 'Unexpected answer from Leap';

type Env = { Variables: { referenceId: string } };

const defaultLogger: Logger = (level, message, fields) => {
  if (level === 'info') return;
  console.error(`[leap-elements] ${level}: ${message}`, fields ?? '');
};

/** The one error shape every route answers with. */
function problem(c: Context, status: number, title: string, details: unknown = {}): Response {
  c.header('cache-control', 'no-store');
  return c.json({ title, status, details }, status as 400);
}

function fromError(c: Context, error: LeapApiError): Response {
  if (error.status === 429) {
    const seconds = (error.details as { retry_after_seconds?: number } | null)?.retry_after_seconds ?? 30;
    c.header('retry-after', String(seconds));
  }
  return problem(c, error.status, error.title, error.details);
}

export function createLeapHandler(options: LeapHandlerOptions = {}): LeapHandler {
  const log = options.logger ?? defaultLogger;
  const apiKey = options.apiKey ?? (options.mock ? MOCK_PLACEHOLDER_KEY : undefined);
  if (!apiKey) {
    throw new Error('createLeapHandler: apiKey is required (set LEAP_API_KEY), or pass mock: true to use a mock Leap.');
  }
  const basePath = `/${(options.basePath ?? '/api/leap').replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '');
  let secret = options.sessionSecret;
  if (!secret) {
    log(
      'warn',
      'No sessionSecret: using a random per-process secret. Tokens will not survive a restart or work across instances.',
    );
    secret = crypto.getRandomValues(new Uint8Array(48)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '');
  }
  const ttl = options.sessionTtlSeconds ?? 900;
  if (!Number.isInteger(ttl) || ttl < 30 || ttl > 86_400)
    throw new Error('sessionTtlSeconds must be an integer from 30 to 86400.');
  const tokens = new TokenService(secret, ttl);
  const allowedOrigins = new Set((options.allowedOrigins ?? []).map((o) => o.replace(/\/+$/, '').toLowerCase()));
  const upstream: UpstreamConfig = {
    apiKey,
    incentivesBaseUrl:
      options.incentivesBaseUrl ?? (options.mock ? `${MOCK_PLACEHOLDER_HOST}/alpha` : DEFAULT_INCENTIVES_BASE_URL),
    platformBaseUrl: options.platformBaseUrl ?? (options.mock ? MOCK_PLACEHOLDER_HOST : DEFAULT_PLATFORM_BASE_URL),
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: options.upstreamTimeoutMs ?? 10_000,
    retries: options.upstreamRetries ?? 2,
    backoffMs: options.upstreamBackoffMs ?? 200,
    log,
  };
  const authenticate =
    options.authenticate ?? (async () => ({ referenceId: `guest_${crypto.randomUUID().replace(/-/g, '')}` }));
  const limits = options.rateLimit === false ? null : (options.rateLimit ?? {});
  const store = limits ? (limits.store ?? new MemoryRateLimitStore()) : null;
  const ipRule = limits && limits.ip !== false ? (limits.ip ?? DEFAULT_IP_RULE) : null;
  const tokenRule = limits && limits.token !== false ? (limits.token ?? DEFAULT_TOKEN_RULE) : null;

  const ownOrigin = (c: Context): string => {
    const url = new URL(c.req.url);
    if (options.trustProxy) {
      const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
      const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
      if (host) return `${proto ?? url.protocol.replace(':', '')}://${host}`.toLowerCase();
    }
    return url.origin.toLowerCase();
  };
  const originAllowed = (origin: string, c: Context) => {
    const normalized = origin.toLowerCase();
    return allowedOrigins.has(normalized) || normalized === ownOrigin(c);
  };
  const clientIp = (c: Context): string => {
    if (options.clientIp) return options.clientIp(c.req.raw, c.env) ?? 'unknown';
    if (options.trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
      if (forwarded) return forwarded;
    }
    const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
    return incoming?.socket?.remoteAddress ?? 'unknown';
  };

  const limit =
    (rule: RateLimitRule | null, keyOf: (c: Context<Env>) => string): MiddlewareHandler<Env> =>
    async (c, next) => {
      if (!rule || !store) return next();
      const hit = await store.hit(keyOf(c), rule.windowSeconds * 1000);
      if (hit.count > rule.limit) {
        const seconds = Math.max(1, Math.ceil((hit.resetAt - Date.now()) / 1000));
        c.header('retry-after', String(seconds));
        return problem(c, 429, 'Too many requests', { retry_after_seconds: seconds });
      }
      return next();
    };

  const requireToken: MiddlewareHandler<Env> = async (c, next) => {
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(c.req.header('authorization') ?? '');
    if (!match) {
      c.header('www-authenticate', 'Bearer');
      return problem(c, 401, 'Missing session token', {
        reason: 'Send Authorization: Bearer <token> from POST /session.',
      });
    }
    const claims = await tokens.verify(match[1]!);
    if (!claims) {
      c.header('www-authenticate', 'Bearer error="invalid_token"');
      return problem(c, 401, 'Invalid or expired session token', { reason: 'Fetch a new token from POST /session.' });
    }
    c.set('referenceId', claims.referenceId);
    return next();
  };

  const tooLarge = (c: Context<Env>) => problem(c, 413, 'Request body too large', { max_bytes: MAX_BODY_BYTES });
  const streamedLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });
  /**
   * A declared length is checked from the header alone, leaving the body to the adapter's fast path (touching the
   * body stream would make it build a full Request for every call); a chunked body is counted as it streams.
   */
  const limitBody: MiddlewareHandler<Env> = (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streamedLimit(c, next);
    return Number(length) > MAX_BODY_BYTES ? Promise.resolve(tooLarge(c)) : next();
  };

  /** One upstream call whose answer must match `schema`; failures become `LeapApiError`s that onError answers. */
  const fromLeap = async <T extends z.ZodMiniType>(request: UpstreamRequest, schema: T): Promise<z.infer<T>> => {
    const answer = await callUpstream(upstream, request);
    try {
      return parseAnswer(schema, answer.body, UNEXPECTED);
    } catch (error) {
      log('warn', `Leap answered ${request.path} with an unexpected shape`, {
        details: (error as LeapApiError).details,
      });
      throw error;
    }
  };

  const app = new Hono<Env>().basePath(basePath || '/');

  const preflight = cors({
    origin: (origin, c) => (originAllowed(origin, c) ? origin : null),
    credentials: true,
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['authorization', 'content-type'],
    exposeHeaders: ['retry-after'],
    maxAge: 600,
  });
  app.use('*', async (c, next) => {
    const origin = c.req.header('origin');
    if (origin && !originAllowed(origin, c)) {
      log('warn', 'Refused a request from an origin that is not allowed', { origin });
      return problem(c, 403, 'Origin not allowed', { origin });
    }
    // Every header is set before the route answers, so it joins the response as it is built: setting headers on the
    // finished response (as hono's cors does for actual requests) makes the Node adapter rebuild every answer, about a
    // third of a millisecond per call. Preflights are answered by hono's cors.
    c.header('cache-control', 'no-store');
    c.header('x-content-type-options', 'nosniff');
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    c.header('vary', 'Origin');
    if (origin) {
      c.header('access-control-allow-origin', origin);
      c.header('access-control-allow-credentials', 'true');
      c.header('access-control-expose-headers', 'retry-after');
    }
    await next();
  });
  app.use(
    '*',
    limit(ipRule, (c) => `ip:${clientIp(c)}`),
  );

  app.post('/session', async (c) => {
    let who: { referenceId: string } | null;
    try {
      who = await authenticate(c.req.raw);
    } catch (error) {
      log('error', 'authenticate() threw', { error: error instanceof Error ? error.message : String(error) });
      return problem(c, 500, 'Could not check the user', {});
    }
    if (!who) return problem(c, 401, 'Not signed in', { reason: 'authenticate() refused this request.' });
    const referenceId = String(who.referenceId ?? '');
    if (referenceId === '' || referenceId.length > 255) {
      log('error', 'authenticate() returned an unusable referenceId', { length: referenceId.length });
      return problem(c, 500, 'Could not check the user', {});
    }
    const { token, expiresAt } = await tokens.issue(referenceId);
    return c.json({ token, expires_at: expiresAt.toISOString(), reference_id: referenceId });
  });

  const customerLimit = limit(tokenRule, (c) => `token:${c.get('referenceId')}`);

  app.post('/incentives', limitBody, requireToken, customerLimit, async (c) => {
    const referenceId = c.get('referenceId');
    let raw: unknown;
    try {
      raw = JSON.parse(await c.req.text());
    } catch {
      return problem(c, 400, 'Request body must be JSON', {});
    }
    const parsed = CheckIncentivesBody.safeParse(raw);
    if (!parsed.success) {
      const fields = issuesToFields(parsed.error.issues);
      if ('reference_id' in fields) fields.reference_id = 'not allowed: the customer comes from the session token';
      return problem(c, 400, 'Invalid request', { fields });
    }
    const body = { operation_type: 'lookup' as const, ...parsed.data, reference_id: referenceId };
    const data = await fromLeap(
      {
        service: 'incentives',
        method: 'POST',
        path: '/incentives',
        body,
        idempotent: body.operation_type === 'lookup' || body.operation_type === 'refresh',
      },
      IncentivesResponse,
    );
    if (data.reference_id && data.reference_id !== referenceId) {
      log('error', 'Leap answered for a different reference_id; refusing to pass it on');
      return problem(c, 502, UNEXPECTED, {});
    }
    if (data.connect_url !== undefined && data.connect_url !== null) {
      const check = checkLinkUrl(data.connect_url, options.allowedConnectHosts);
      if (!check.ok) {
        log('warn', 'Dropped a connect_url that is not an https URL on an allowed host', { reason: check.reason });
        data.connect_url = null;
      }
    }
    return c.json(data);
  });

  app.get('/applications', requireToken, customerLimit, async (c) => {
    const status = c.req.query('application_status');
    const limitText = c.req.query('limit');
    const fields: Record<string, string> = {};
    if (status !== undefined && !(APPLICATION_STATUSES as readonly string[]).includes(status)) {
      fields.application_status = `expected one of ${APPLICATION_STATUSES.join(', ')}`;
    }
    if (limitText !== undefined && !/^(100|[1-9]\d?)$/.test(limitText))
      fields.limit = 'expected an integer from 1 to 100';
    if (Object.keys(fields).length) return problem(c, 400, 'Invalid request', { fields });
    const list = await fromLeap(
      {
        service: 'incentives',
        method: 'GET',
        path: '/applications',
        // refId always comes from the token; customer_id is never forwarded.
        query: {
          refId: c.get('referenceId'),
          application_status: status,
          page_token: c.req.query('page_token'),
          limit: limitText,
        },
        idempotent: true,
      },
      ApplicationList,
    );
    return c.json(list);
  });

  app.get('/applications/:id', requireToken, customerLimit, async (c) => {
    const id = c.req.param('id');
    if (!ID_PATTERN.test(id)) return problem(c, 404, 'Application not found', {});
    try {
      const application = await fromLeap(
        {
          service: 'incentives',
          method: 'GET',
          path: `/applications/${encodeURIComponent(id)}`,
          query: { refId: c.get('referenceId') },
          idempotent: true,
        },
        Application,
      );
      return c.json(application);
    } catch (error) {
      // Leap checks ownership through refId; any refusal reads as not found.
      if (error instanceof LeapApiError && [400, 403, 404].includes(error.status)) {
        return problem(c, 404, 'Application not found', {});
      }
      throw error;
    }
  });

  app.get('/meters/:meterId/enrollment', requireToken, customerLimit, async (c) => {
    const meterId = c.req.param('meterId');
    // Not found and not yours look the same, so ids of other customers' meters cannot be probed.
    const notFound = () => problem(c, 404, 'Meter not found', {});
    if (!ID_PATTERN.test(meterId)) return notFound();
    try {
      const enrollment = await fromLeap(
        {
          service: 'grid',
          method: 'GET',
          path: `/v2/meters/${encodeURIComponent(meterId)}/enrollments`,
          idempotent: true,
        },
        MeterEnrollmentResponse,
      );
      if (enrollment.partner_reference !== c.get('referenceId')) return notFound();
      return c.json(enrollment);
    } catch (error) {
      if (error instanceof LeapApiError && [400, 404].includes(error.status)) return notFound();
      throw error;
    }
  });

  const routes: Array<[string, string]> = [
    ['/session', 'POST'],
    ['/incentives', 'POST'],
    ['/applications', 'GET'],
    ['/applications/:id', 'GET'],
    ['/meters/:meterId/enrollment', 'GET'],
  ];
  for (const [path, allow] of routes) {
    app.all(path, (c) => {
      c.header('allow', `${allow}, OPTIONS`);
      return problem(c, 405, 'Method not allowed', { allow: [allow] });
    });
  }
  app.notFound((c) => problem(c, 404, 'Not found', { path: new URL(c.req.url).pathname }));
  app.onError((error, c) => {
    if (error instanceof LeapApiError) return fromError(c, error);
    log('error', 'Unhandled error in the Leap handler', {
      error: error instanceof Error ? error.message : String(error),
    });
    return problem(c, 500, 'Internal error', {});
  });

  return async (request, env) => app.fetch(request, env);
}
