/**
 * `npm start`: one process that serves the demo pages (Vite), mounts the partner backend at /api/leap, and, when
 * LEAP_API_KEY is not set, starts the mock Leap on a loopback port as the backend's upstream (real HTTP, no network).
 *
 * Environment: PORT (default 5173), HOST (default localhost), ALLOWED_ORIGINS (comma list), SESSION_SECRET,
 * LEAP_API_KEY, LEAP_INCENTIVES_BASE_URL, LEAP_PLATFORM_BASE_URL, MOCK_LATENCY_MS.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createVite } from 'vite';
import { createLeapHandler } from '../src/server/index.js';
import { listen, nodeFetch, toNodeListener } from '../src/server/node.js';
import { createMockLeap, DEMO_REFERENCE_ID, MOCK_API_KEY, MOCK_FAULTS } from '../src/mock/index.js';

const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? 'localhost';
const basePath = '/api/leap';
const realKey = process.env.LEAP_API_KEY;
/** A fresh signing secret per start: the demo's tokens need not outlive it. */
const randomSecret = () => randomBytes(48).toString('base64');

let upstreamLabel: string;
let incentivesBaseUrl: string | undefined;
let platformBaseUrl: string | undefined;
let closeMock: (() => Promise<void>) | null = null;
let mockConnect: ((referenceId: string) => Promise<Response>) | null = null;

if (realKey) {
  incentivesBaseUrl = process.env.LEAP_INCENTIVES_BASE_URL;
  platformBaseUrl = process.env.LEAP_PLATFORM_BASE_URL;
  upstreamLabel = `the real Leap API (${incentivesBaseUrl ?? 'https://api.incentives.leap.energy/alpha'}, ${platformBaseUrl ?? 'https://api.leap.energy'})`;
} else {
  const mockLeap = createMockLeap({
    latencyMs: Number(process.env.MOCK_LATENCY_MS ?? 250),
    connectDelayMs: Number(process.env.MOCK_CONNECT_DELAY_MS ?? 4000),
  });
  const mock = await listen(mockLeap);
  closeMock = async () => {
    mockLeap.dispose();
    await mock.close();
  };
  incentivesBaseUrl = `${mock.url}/alpha`;
  platformBaseUrl = mock.url;
  // The account page's connect button plays Leap Connect on the mock (demo only): the session creates the
  // customer's meters a few seconds later, as Leap does after a real authorization.
  mockConnect = (reference_id: string) =>
    mockLeap(`${mock.url}/mock/connect-sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MOCK_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reference_id, utility: 'PGE', meters: 2 }),
    });
  upstreamLabel = `the embedded mock Leap at ${mock.url} (no key, no network)`;
}

const backend = createLeapHandler({
  // Without a key the pages say "Sample data": the backend knows its upstream is the mock.
  ...(realKey ? { apiKey: realKey } : { mock: true }),
  fetch: nodeFetch,
  incentivesBaseUrl,
  platformBaseUrl,
  basePath,
  sessionSecret: process.env.SESSION_SECRET ?? randomSecret(),
  allowedOrigins: (process.env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean),
  // The demo signs everyone in as the mock's demo customer so the account page has data; with a real key, guests.
  authenticate: realKey ? undefined : async () => ({ referenceId: DEMO_REFERENCE_ID }),
});
const routes: Array<[string, ReturnType<typeof toNodeListener>]> = [[basePath, toNodeListener(backend)]];

// POST /api/mock/connect-sessions {reference_id}: starts the mock's connect flow (404 with the real API).
if (mockConnect) {
  const start = mockConnect;
  routes.push([
    '/api/mock/connect-sessions',
    toNodeListener(async (request) => {
      if (request.method !== 'POST') return new Response(null, { status: 405 });
      const { reference_id } = (await request.json().catch(() => ({}))) as { reference_id?: string };
      return start(String(reference_id ?? ''));
    }),
  ]);
}

// The state gallery (demo/gallery.html) needs every failure on demand: one mock per fault, each behind its own
// backend at /api/demo/<fault>/leap, plus a mock that never answers in time (for the loading state).
if (!realKey) {
  const galleryUpstreams: Array<[string, Parameters<typeof createMockLeap>[0]]> = [
    ...MOCK_FAULTS.map((fault): [string, Parameters<typeof createMockLeap>[0]] => [fault, { fault, hangMs: 60_000 }]),
    ['slow', { latencyMs: 600_000 }],
  ];
  for (const [name, options] of galleryUpstreams) {
    const mock = await listen(createMockLeap(options));
    const galleryBase = `/api/demo/${name}/leap`;
    // The gallery shows each state as customers see it with real data: no "Sample data" badge.
    const handler = createLeapHandler({
      apiKey: MOCK_API_KEY,
      incentivesBaseUrl: `${mock.url}/alpha`,
      platformBaseUrl: mock.url,
      basePath: galleryBase,
      sessionSecret: randomSecret(),
      upstreamTimeoutMs: name === 'slow' ? 600_000 : 3_000,
      upstreamRetries: 0,
      rateLimit: false,
      logger: () => {},
      // `?as=<reference id>` on the session URL shows another customer (for example one without applications).
      authenticate: async (request) => ({
        referenceId: new URL(request.url).searchParams.get('as') ?? DEMO_REFERENCE_ID,
      }),
    });
    routes.push([galleryBase, toNodeListener(handler)]);
  }
  // Session refused: the partner's authenticate() says no.
  routes.push([
    '/api/demo/refused/leap',
    toNodeListener(
      createLeapHandler({
        mock: true,
        incentivesBaseUrl,
        platformBaseUrl,
        basePath: '/api/demo/refused/leap',
        sessionSecret: randomSecret(),
        logger: () => {},
        authenticate: async () => null,
      }),
    ),
  ]);
}

const vite = await createVite({ server: { middlewareMode: true, hmr: { port: port + 1 } }, appType: 'mpa' });
const server = createServer((req, res) => {
  const path = req.url?.split('?')[0] ?? '';
  const route = routes.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`));
  if (route) return route[1](req, res);
  vite.middlewares(req, res);
});

server.listen(port, host, () => {
  const { port: actual } = server.address() as AddressInfo;
  console.log(`leap-elements demo: http://${host}:${actual}/`);
  console.log(`  partner backend: http://${host}:${actual}${basePath}`);
  console.log(`  upstream: ${upstreamLabel}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void Promise.all([vite.close(), closeMock?.()]).then(() => process.exit(0));
  });
}
