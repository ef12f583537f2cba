/**
 * The partner backend and the mock Leap as the browser tests see them: real HTTP between the two, mounted into the
 * test runner's dev server.
 *   /api/leap/...                 normal backend; `POST /api/leap/session?as=<reference id>` picks the customer
 *   /api/fault/<fault>/leap/...   the same backend in front of a mock that injects <fault> on every request
 *   /api/limited/leap/...         one request per customer per minute, then 429
 *   /api/partner/leap/...         sessions only for the partner's server (partner secret), no guests
 *   /partner/leap-session         the partner's own session endpoint (what the Rails recipe of docs/backend.md does): asks
 *                                 /api/partner/leap for a session of demo-customer with the partner secret
 *   /api/sample/leap/...          answers from the mock and says so: its session carries `"mock": true`
 *   /api/proxied/leap/...         behind a dev proxy that rewrites Host (`changeOrigin: true`): every browser call is
 *                                 from another origin, refused with 403
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLeapHandler, type LeapHandlerOptions } from '../../src/server/index.js';
import { listen, toNodeListener } from '../../src/server/node.js';
import { createMockLeap, MOCK_API_KEY, type MockFault } from '../../src/mock/index.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export const TEST_FAULTS: MockFault[] = ['500', 'timeout', 'malformed-json', 'extra-fields', 'unsafe-connect-url'];

export const PARTNER_SECRET = 'VAl759YR8RJ/BWOEUXT/t7OcNzkcmaOw3AXyo1NOCne+6VRj';

function handlerFor(basePath: string, mockUrl: string, extra: Partial<LeapHandlerOptions> = {}) {
  return createLeapHandler({
    apiKey: MOCK_API_KEY,
    incentivesBaseUrl: `${mockUrl}/alpha`,
    platformBaseUrl: mockUrl,
    basePath,
    sessionSecret: 'hHsPcBYTIBTVJbSNwh9cqxB7qgk97L2y3ehdeNd6JGNgVHIy',
    rateLimit: false,
    upstreamTimeoutMs: 1500,
    upstreamRetries: 1,
    upstreamBackoffMs: 10,
    logger: () => {},
    authenticate: async (request) => {
      const as = new URL(request.url).searchParams.get('as');
      if (as === 'nobody') return null;
      return { referenceId: as || `guest_${crypto.randomUUID()}` };
    },
    ...extra,
  });
}

async function backendFor(
  basePath: string,
  mockUrl: string,
  extra: Partial<LeapHandlerOptions> = {},
): Promise<Listener> {
  return toNodeListener(handlerFor(basePath, mockUrl, extra));
}

export async function createTestBackend(): Promise<Array<[string, Listener]>> {
  const routes: Array<[string, Listener]> = [];
  const main = await listen(createMockLeap({ latencyMs: 30 }));
  routes.push(['/api/leap', await backendFor('/api/leap', main.url)]);
  routes.push([
    '/api/limited/leap',
    await backendFor('/api/limited/leap', main.url, {
      rateLimit: { token: { limit: 1, windowSeconds: 60 }, ip: false },
    }),
  ]);
  const partner = handlerFor('/api/partner/leap', main.url, { authenticate: undefined, partnerSecret: PARTNER_SECRET });
  routes.push(['/api/partner/leap', toNodeListener(partner)]);
  routes.push([
    '/partner/leap-session',
    toNodeListener(() =>
      partner(
        new Request('http://partner.internal/api/partner/leap/session', {
          method: 'POST',
          headers: { authorization: `Bearer ${PARTNER_SECRET}`, 'content-type': 'application/json' },
          body: JSON.stringify({ reference_id: 'demo-customer' }),
        }),
      ),
    ),
  ]);
  const sample = handlerFor('/api/sample/leap', main.url);
  routes.push([
    '/api/sample/leap',
    toNodeListener(async (request, env) => {
      const answer = await sample(request, env);
      if (!new URL(request.url).pathname.endsWith('/session') || !answer.ok) return answer;
      // What the backend says when it answers from a mock Leap.
      const headers = new Headers(answer.headers);
      headers.delete('content-length');
      return Response.json({ ...((await answer.json()) as object), mock: true }, { headers });
    }),
  ]);
  const proxied = handlerFor('/api/proxied/leap', main.url);
  routes.push([
    '/api/proxied/leap',
    toNodeListener((request, env) => {
      const url = new URL(request.url);
      url.host = 'backend.internal:8787';
      return proxied(new Request(url, request), env);
    }),
  ]);
  for (const fault of TEST_FAULTS) {
    const mock = await listen(createMockLeap({ fault, hangMs: 5000 }));
    const base = `/api/fault/${fault}/leap`;
    routes.push([base, await backendFor(base, mock.url)]);
  }
  return routes;
}

/** Koa middleware for @web/dev-server. */
export async function testBackendMiddleware() {
  const routes = await createTestBackend();
  return (
    ctx: { path: string; req: IncomingMessage; res: ServerResponse; respond?: boolean },
    next: () => Promise<unknown>,
  ) => {
    const match = routes.find(([prefix]) => ctx.path === prefix || ctx.path.startsWith(`${prefix}/`));
    if (!match) return next();
    ctx.respond = false;
    match[1](ctx.req, ctx.res);
    return Promise.resolve();
  };
}
