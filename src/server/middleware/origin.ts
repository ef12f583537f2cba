/**
 * CORS as an allow-list, and the headers every answer carries. Same-origin requests are always allowed; any other
 * origin must be listed. Two steps around the per-IP limit, so a refused origin is still counted (and cannot flood
 * the log): `decideOrigin` decides and sets headers, `refuseOrigins` answers a refused origin with 403 and says
 * which option allows it, and answers preflights.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { BackendEnv } from '../context.js';
import type { BackendConfig } from '../options.js';
import { setAnswerHeaders } from '../answer-headers.js';
import { problem } from '../responses.js';

/** A refused origin is logged at most once a minute, however often it calls. */
const REFUSAL_LOG_INTERVAL_MS = 60_000;
const MAX_REMEMBERED_REFUSALS = 1_000;

/**
 * `scheme://host[:port]` of a request URL. A request's URL is always a serialised absolute URL (no credentials, the
 * default port already dropped), so its origin is the text before the path.
 */
export function originOf(url: string): string {
  const path = url.indexOf('/', url.indexOf('//') + 2);
  return path === -1 ? url : url.slice(0, path);
}

export function decideOrigin(config: BackendConfig): (c: Context<BackendEnv>) => void {
  const ownOrigin = (c: Context): string => {
    const origin = originOf(c.req.url);
    if (config.options.trustProxy) {
      // The value your proxy set is the last one; earlier ones are whatever the client sent.
      const host = c.req.header('x-forwarded-host')?.split(',').at(-1)?.trim();
      const proto = c.req.header('x-forwarded-proto')?.split(',').at(-1)?.trim();
      if (host) return `${proto ?? origin.slice(0, origin.indexOf(':'))}://${host}`.toLowerCase();
    }
    return origin.toLowerCase();
  };
  return (c) => {
    // Decided before the route answers, so they join each answer as it is built (answer-headers.ts).
    const headers: Record<string, string> = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    // Sample data must never pass for a quote: every answer says when it comes from a mock.
    if (config.mock) headers['x-leap-mock'] = '1';
    const origin = c.req.header('origin');
    const normalized = origin?.toLowerCase();
    if (normalized && !config.allowedOrigins.has(normalized) && normalized !== ownOrigin(c)) {
      c.set('refusedOrigin', origin);
    } else if (c.req.method !== 'OPTIONS') {
      headers.vary = 'Origin';
      if (origin) {
        headers['access-control-allow-origin'] = origin;
        headers['access-control-allow-credentials'] = 'true';
        headers['access-control-expose-headers'] = 'retry-after, x-leap-mock';
      }
    }
    setAnswerHeaders(c, headers);
  };
}

export function refuseOrigins(config: BackendConfig): MiddlewareHandler<BackendEnv> {
  const lastLogged = new Map<string, number>();
  const preflight = cors({
    origin: (origin) => origin,
    credentials: true,
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['authorization', 'content-type'],
    exposeHeaders: ['retry-after', 'x-leap-mock'],
    maxAge: 600,
  });
  const logRefusal = (origin: string) => {
    const now = Date.now();
    if (now - (lastLogged.get(origin) ?? 0) < REFUSAL_LOG_INTERVAL_MS) return;
    if (lastLogged.size >= MAX_REMEMBERED_REFUSALS) lastLogged.clear();
    lastLogged.set(origin, now);
    config.log('warn', 'Refused a request from an origin that is not allowed', { origin: origin.slice(0, 200) });
  };
  return async (c, next) => {
    const refused = c.get('refusedOrigin');
    if (refused !== undefined) {
      logRefusal(refused);
      return problem(c, 403, 'Origin not allowed', {
        origin: refused,
        reason: `Add ${refused} to allowedOrigins (LEAP_ALLOWED_ORIGINS for the standalone server) to let pages there call this backend.`,
      });
    }
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    await next();
  };
}
