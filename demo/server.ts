/**
 * `npm start`: one process that serves the demo pages (Vite), mounts the partner backend at /api/leap, and, when
 * LEAP_API_KEY is not set, starts the mock Leap on a loopback port as the backend's upstream (real HTTP, no network).
 *
 * Environment: PORT (default 5173), HOST (default localhost), ALLOWED_ORIGINS (comma list), SESSION_SECRET,
 * LEAP_API_KEY, LEAP_INCENTIVES_BASE_URL, LEAP_PLATFORM_BASE_URL, MOCK_LATENCY_MS.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createVite } from 'vite';
import { createLeapHandler, listen, toNodeListener } from '../src/server/index.js';
import { createMockLeap, DEMO_REFERENCE_ID, MOCK_API_KEY } from '../src/mock/index.js';

const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? 'localhost';
const basePath = '/api/leap';
const realKey = process.env.LEAP_API_KEY;

let upstreamLabel: string;
let incentivesBaseUrl: string | undefined;
let platformBaseUrl: string | undefined;
let closeMock: (() => Promise<void>) | null = null;

if (realKey) {
  incentivesBaseUrl = process.env.LEAP_INCENTIVES_BASE_URL;
  platformBaseUrl = process.env.LEAP_PLATFORM_BASE_URL;
  upstreamLabel = `the real Leap API (${incentivesBaseUrl ?? 'https://api.incentives.leap.energy/alpha'}, ${platformBaseUrl ?? 'https://api.leap.energy'})`;
} else {
  const mock = await listen(createMockLeap({ latencyMs: Number(process.env.MOCK_LATENCY_MS ?? 250) }));
  closeMock = mock.close;
  incentivesBaseUrl = `${mock.url}/alpha`;
  platformBaseUrl = mock.url;
  upstreamLabel = `the embedded mock Leap at ${mock.url} (no key, no network)`;
}

const backend = createLeapHandler({
  apiKey: realKey ?? MOCK_API_KEY,
  incentivesBaseUrl,
  platformBaseUrl,
  basePath,
  sessionSecret: process.env.SESSION_SECRET ?? `demo-only-secret-${crypto.randomUUID()}`,
  allowedOrigins: (process.env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean),
  // The demo signs everyone in as the mock's demo customer so the account page has data; with a real key, guests.
  authenticate: realKey ? undefined : async () => ({ referenceId: DEMO_REFERENCE_ID }),
});
const backendListener = toNodeListener(backend);

const vite = await createVite({ server: { middlewareMode: true, hmr: { port: port + 1 } }, appType: 'mpa' });
const server = createServer((req, res) => {
  if (req.url === basePath || req.url?.startsWith(`${basePath}/`)) return backendListener(req, res);
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
