/**
 * The partner backend ("token endpoint"): holds the Leap API key, mints short-lived session tokens for the browser and
 * proxies a narrow set of calls, each scoped to the token's customer. A WHATWG fetch handler, so it runs on Node,
 * Express and Next.js route handlers, Cloudflare Workers, Deno and Bun.
 *
 * Each route family is a hono sub-app in routes/; this file puts them behind the shared middleware.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { LeapApiError } from '../core/errors.js';
import { clientIpReader } from './client-ip.js';
import type { BackendEnv } from './context.js';
import { withAnswerHeaders } from './answer-headers.js';
import { chain } from './middleware/chain.js';
import { decideOrigin, refuseOrigins } from './middleware/origin.js';
import { rateLimit } from './middleware/rate-limit.js';
import { resolveOptions, type BackendConfig, type LeapHandlerOptions } from './options.js';
import { fromError, problem } from './responses.js';
import { callUpstream } from './upstream.js';
import { applicationRoutes } from './routes/applications.js';
import { healthRoutes } from './routes/health.js';
import { incentivesRoutes } from './routes/incentives.js';
import { meterRoutes } from './routes/meters.js';
import { openApiRoutes } from './routes/openapi.js';
import { sessionRoutes } from './routes/session.js';
import { webhookRoutes } from './routes/webhooks.js';
import { DEFAULT_TRANSPORT, type DefaultTransportSlot } from './transport.js';
import { RUNTIME_FETCH } from './upstream-config.js';

/** The backend: a WHATWG fetch handler, with the start-up check `serve` runs. */
export interface LeapHandler {
  (request: Request, env?: unknown): Promise<Response>;
  /**
   * One cheap read at Leap (the first application of your organization) to learn whether Leap accepts the key. A
   * refusal is logged as an error and makes `GET {base}/healthz` answer 503 until a later call succeeds.
   */
  checkUpstream(): Promise<UpstreamCheck>;
}

/** What `checkUpstream()` found: `ok`, or the problem in one line (never the key). */
export type UpstreamCheck = { ok: true; upstream: 'leap' | 'mock' } | { ok: false; problem: string };

/**
 * The rate-limit key of a request's client. When the address cannot be told (no socket and no `clientIp`, as on
 * Workers, Deno or Next.js), the per-IP rule is skipped rather than putting every client in one bucket.
 */
function ipKeyOf(config: BackendConfig): (c: Context) => string | null {
  const clientIp = clientIpReader(config.options);
  let warned = false;
  return (c) => {
    const ip = clientIp(c);
    if (ip === null && !warned) {
      warned = true;
      config.log(
        'warn',
        "The client's IP address cannot be determined here, so the per-IP rate limit is skipped (the per-customer limit still applies). Set the clientIp option, e.g. (request) => request.headers.get('cf-connecting-ip').",
      );
    }
    return ip === null ? null : `ip:${ip}`;
  };
}

/**
 * What every request goes through first, in one step: the answer headers and the origin decision, the per-IP limit
 * (which counts every request, refused origins and preflights included, before anything else is done), then a refused
 * origin's 403 or a preflight's answer.
 */
function front(config: BackendConfig): MiddlewareHandler<BackendEnv> {
  const decide = decideOrigin(config);
  const rest = chain(rateLimit(config.store, config.ipRule, ipKeyOf(config)), refuseOrigins(config));
  return async (c, next) => {
    decide(c);
    const answered = await rest(c, next);
    // An answer the route built itself (c.json) gets the headers every answer carries.
    withAnswerHeaders(c, answered instanceof Response ? answered : c.finalized ? c.res : undefined);
    return answered;
  };
}

export function createLeapHandler(options: LeapHandlerOptions = {}): LeapHandler {
  const config = resolveOptions(options);
  const app = new Hono<BackendEnv>().basePath(config.basePath || '/');

  // Before every middleware: health checks need no CORS grant, no token and no rate limit.
  app.route('/', healthRoutes(config));
  app.use('*', front(config));
  for (const family of [
    sessionRoutes,
    incentivesRoutes,
    applicationRoutes,
    meterRoutes,
    webhookRoutes,
    openApiRoutes,
  ]) {
    app.route('/', family(config));
  }

  app.notFound((c) => problem(c, 404, 'Not found', { path: new URL(c.req.url).pathname }));
  app.onError((error, c) => {
    if (error instanceof LeapApiError) return fromError(c, error);
    config.log('error', 'Unhandled error in the Leap handler', {
      error: error instanceof Error ? error.message : String(error),
    });
    return problem(c, 500, 'Internal error', {});
  });

  const handler = async (request: Request, env?: unknown) => app.fetch(request, env);
  const slot: DefaultTransportSlot = {
    // Node's adapters swap in their pooled transport, unless a fetch was given (or the embedded mock answers).
    [DEFAULT_TRANSPORT](transport) {
      if (config.upstream.fetch === RUNTIME_FETCH) config.upstream.fetch = transport;
    },
  };
  return Object.assign(handler, { checkUpstream: () => checkUpstream(config) }, slot);
}

async function checkUpstream(config: BackendConfig): Promise<UpstreamCheck> {
  try {
    await callUpstream(config.upstream, {
      service: 'incentives',
      method: 'GET',
      path: '/applications',
      query: { limit: '1' },
      idempotent: true,
    });
  } catch (error) {
    // A refused key has been logged as an error and recorded for /healthz by the call itself.
    const problem = config.health.problem ?? (error instanceof LeapApiError ? error.title : 'Could not reach Leap');
    return { ok: false, problem };
  }
  return { ok: true, upstream: config.mock ? 'mock' : 'leap' };
}
