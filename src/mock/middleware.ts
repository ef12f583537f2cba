/**
 * What the mock does before its routes: the body limit, each service's auth header (and its own 401/403 body), then
 * latency and the faults a test asks for.
 */
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { MockClock } from './clock.js';
import { MOCK_LIMITS } from './limits.js';
import { grid500, gridError, incentivesError, serviceError, serviceOf, webhooksError } from './responses.js';
import type { MockFault, MockLeapOptions } from './types.js';

function bearerKey(header: string | undefined): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim() || undefined;
}

export function registerAuth(app: Hono, apiKeys: readonly string[] | undefined): void {
  app.use(
    '*',
    bodyLimit({ maxSize: MOCK_LIMITS.bodyBytes, onError: (c) => serviceError(c, 413, 'Request body too large') }),
  );
  app.use('*', async (c, next) => {
    const service = serviceOf(c.req.path);
    const key = service === 'incentives' ? c.req.header('x-api-key')?.trim() : bearerKey(c.req.header('authorization'));
    if (!key) {
      if (service === 'incentives') return incentivesError(c, 401, 'Missing API key: send it in the x-api-key header.');
      return service === 'webhooks' ? webhooksError(c, 401) : gridError(c, 401, 'Unauthorized');
    }
    if (apiKeys && !apiKeys.includes(key)) {
      if (service === 'incentives') {
        return incentivesError(c, 403, 'Forbidden: this API key is not valid for this environment.');
      }
      return service === 'webhooks'
        ? webhooksError(c, 403)
        : gridError(c, 403, 'You do not have the necessary permissions for this operation');
    }
    await next();
  });
}

/** A latency the mock honours: a number of milliseconds, at most `MOCK_LIMITS.latencyMs`. */
export function cappedLatency(value: unknown): number {
  const ms = Number(value);
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MOCK_LIMITS.latencyMs) : 0;
}

export function registerFaults(app: Hono, options: MockLeapOptions, clock: MockClock): void {
  app.use('*', async (c, next) => {
    // A positive x-mock-latency wins over the option; either is capped.
    const asked = cappedLatency(c.req.header('x-mock-latency'));
    await clock.sleep(asked || cappedLatency(options.latencyMs), c.req.raw.signal);
    const fault = (c.req.header('x-mock-fault') ?? options.fault ?? null) as MockFault | null;
    if (!fault) return next();
    if (/^\d{3}$/.test(fault)) {
      const status = Number(fault);
      if (status === 429) c.header('retry-after', '30');
      return serviceError(c, status, `Injected fault ${status}`);
    }
    if (fault === 'timeout') {
      await clock.sleep(options.hangMs ?? 60_000, c.req.raw.signal);
      return serviceError(c, 504, 'Gateway timeout');
    }
    if (fault === 'malformed-json') {
      return new Response('{"utility": {"eiaid": 14354, "name": "PacifiCorp', {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }
    await next();
    if (!c.res.headers.get('content-type')?.includes('json') || c.res.status >= 300) return;
    const body: unknown = await c.res.clone().json();
    if (fault === 'extra-fields') {
      c.res = c.json(addExtraFields(body) as object, c.res.status as 200);
    } else if (fault === 'unsafe-connect-url' && body && typeof body === 'object' && 'incentives' in body) {
      c.res = c.json({ ...body, connect_url: 'javascript:alert(document.domain)' }, c.res.status as 200);
    }
  });
}

/** Unknown routes and failures, each in its service's shape. */
export function registerFallbacks(app: Hono): void {
  app.notFound((c) =>
    serviceError(
      c,
      404,
      serviceOf(c.req.path) === 'incentives' ? `No route for ${c.req.method} ${c.req.path}` : 'Not found',
    ),
  );
  app.onError((error, c) => {
    console.error('[mock-leap]', error);
    return serviceOf(c.req.path) === 'grid' ? grid500(c) : serviceError(c, 500, 'Internal server error');
  });
}

function addExtraFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(addExtraFields);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = addExtraFields(v);
    out.x_added_later = { note: 'A field this client has never seen', version: 2 };
    return out;
  }
  return value;
}
