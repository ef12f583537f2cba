/**
 * CORS as an allow-list, and the headers every answer carries. Same-origin requests are always allowed; any other
 * origin must be listed. A refused request is answered here, before any route runs, and says which option allows it.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { BackendConfig } from '../options.js';
import { problem } from '../responses.js';

export function originGuard(config: BackendConfig): MiddlewareHandler {
  const ownOrigin = (c: Context): string => {
    const url = new URL(c.req.url);
    if (config.options.trustProxy) {
      const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
      const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
      if (host) return `${proto ?? url.protocol.replace(':', '')}://${host}`.toLowerCase();
    }
    return url.origin.toLowerCase();
  };
  const allowed = (origin: string, c: Context) => {
    const normalized = origin.toLowerCase();
    return config.allowedOrigins.has(normalized) || normalized === ownOrigin(c);
  };
  const preflight = cors({
    origin: (origin, c) => (allowed(origin, c) ? origin : null),
    credentials: true,
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['authorization', 'content-type'],
    exposeHeaders: ['retry-after'],
    maxAge: 600,
  });

  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin && !allowed(origin, c)) {
      config.log('warn', 'Refused a request from an origin that is not allowed', { origin });
      return problem(c, 403, `Origin ${origin} is not allowed`, {
        origin,
        reason: `Add ${origin} to allowedOrigins (LEAP_ALLOWED_ORIGINS for the standalone server) to let this page call the backend.`,
      });
    }
    // Every header is set before the route answers, so it joins the response as it is built: setting headers on the
    // finished response (as hono's cors does for actual requests) makes the Node adapter rebuild every answer.
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
  };
}
