/**
 * The partner backend ("token endpoint"): holds the Leap API key, mints short-lived session tokens for the browser and
 * proxies a narrow set of calls, each scoped to the token's customer. A WHATWG fetch handler, so it runs on Node,
 * Express and Next.js route handlers, Cloudflare Workers, Deno and Bun.
 *
 * Each route family is a hono sub-app in routes/; this file puts them behind the shared middleware.
 */
import { Hono } from 'hono';
import { LeapApiError } from '../core/errors.js';
import { clientIpReader } from './client-ip.js';
import type { BackendEnv } from './context.js';
import { originGuard } from './middleware/origin.js';
import { rateLimit } from './middleware/rate-limit.js';
import { resolveOptions, type LeapHandlerOptions } from './options.js';
import { fromError, problem } from './responses.js';
import { applicationRoutes } from './routes/applications.js';
import { incentivesRoutes } from './routes/incentives.js';
import { meterRoutes } from './routes/meters.js';
import { sessionRoutes } from './routes/session.js';

export type LeapHandler = (request: Request, env?: unknown) => Promise<Response>;

export function createLeapHandler(options: LeapHandlerOptions = {}): LeapHandler {
  const config = resolveOptions(options);
  const clientIp = clientIpReader(options);
  const app = new Hono<BackendEnv>().basePath(config.basePath || '/');

  app.use('*', originGuard(config));
  app.use(
    '*',
    rateLimit(config.store, config.ipRule, (c) => `ip:${clientIp(c)}`),
  );
  for (const family of [sessionRoutes, incentivesRoutes, applicationRoutes, meterRoutes]) {
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

  return async (request, env) => app.fetch(request, env);
}
