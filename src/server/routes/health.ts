/**
 * `GET {base}/healthz`: for load balancers and uptime checks, not browsers (no token, no CORS grant, no rate limit:
 * it is cheaper than the 429 that would refuse it). 200 `{"status":"ok","upstream":"leap"|"mock"}`, or 503
 * `{"status":"degraded",…,"problem":"…"}` while Leap refuses the key, until a call succeeds again.
 */
import { Hono } from 'hono';
import type { BackendEnv } from '../context.js';
import type { BackendConfig } from '../options.js';
import { allowOnly } from '../responses.js';

export function healthRoutes(config: BackendConfig): Hono<BackendEnv> {
  const app = new Hono<BackendEnv>();
  const upstream = config.mock ? 'mock' : 'leap';
  app.get('/healthz', (c) => {
    c.header('cache-control', 'no-store');
    if (config.mock) c.header('x-leap-mock', '1');
    const problem = config.health.problem;
    if (problem) return c.json({ status: 'degraded', upstream, problem: config.upstream.redact(problem) }, 503);
    return c.json({ status: 'ok', upstream });
  });
  allowOnly(app, '/healthz', 'GET');
  return app;
}
