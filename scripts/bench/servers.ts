/**
 * One server of the backend benchmark, run as a child process (`fork` with `--import tsx`) so the load generator in
 * the parent does not share its event loop:
 *   servers.ts mock              the mock Leap (`listen(createMockLeap())`)
 *   servers.ts mock-inventory <n> the mock Leap with n synthetic meters, for the sync benchmark
 *   servers.ts backend <mockUrl> the partner backend in front of it
 *   servers.ts backend-redis <mockUrl> <redisUrl>  the same with rate limits on, counted on a shared Redis
 *   servers.ts proxy <mockUrl>   the nearest peer: a bare pass-through proxy (node:http + undici, adds the API key,
 *                                checks nothing), the least any server in front of the mock can cost
 * Reports `{type: 'ready', url}` over IPC; answers `{type: 'memory'}` with its memory after a forced GC.
 */
import { createClient } from 'redis';
import { createLeapHandler, RedisRateLimitStore, type RateLimitStore } from '../../src/server/index.js';
import { listen, nodeFetch, type ListeningServer } from '../../src/server/node.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { createMockLeap, MOCK_API_KEY } from '../../src/mock/index.js';

export type ServerMessage =
  { type: 'ready'; url: string } | { type: 'memory'; id: number; rss: number; heapUsed: number };
export type ParentMessage = { type: 'memory'; id: number } | { type: 'stop' };

const SESSION_SECRET = 'vst3wcv5MIxCSVsVqUUQVRX1TwRKPuzStNfH2MteJk78oQwP';

const [role, upstream, redisUrl] = process.argv.slice(2);

/** The backend in front of the mock; `rateLimit` false unless a store is given. */
function backendFor(mockUrl: string, store?: RateLimitStore) {
  return createLeapHandler({
    apiKey: MOCK_API_KEY,
    incentivesBaseUrl: `${mockUrl}/alpha`,
    platformBaseUrl: mockUrl,
    sessionSecret: SESSION_SECRET,
    // Limits high enough never to answer 429: the store is exercised on every request, nothing is refused.
    rateLimit: store
      ? { ip: { limit: 1e9, windowSeconds: 60 }, token: { limit: 1e9, windowSeconds: 60 }, store }
      : false,
    logger: () => {},
    // The keep-alive node:http client docs/backend.md recommends on Node.
    fetch: nodeFetch,
  });
}

let server: ListeningServer;
if (role === 'mock') {
  server = await listen(createMockLeap());
} else if (role === 'mock-inventory' && upstream) {
  server = await listen(createMockLeap({ meterCount: Number(upstream) }));
} else if (role === 'backend' && upstream) {
  server = await listen(backendFor(upstream));
} else if (role === 'backend-redis' && upstream && redisUrl) {
  const client = createClient({ url: redisUrl, disableOfflineQueue: true });
  await client.connect();
  server = await listen(backendFor(upstream, new RedisRateLimitStore({ client })));
} else if (role === 'proxy' && upstream) {
  server = await bareProxy(upstream);
} else {
  throw new Error(
    'usage: servers.ts mock | mock-inventory <n> | backend <mock url> | backend-redis <mock url> <redis url> | proxy <mock url>',
  );
}

/** Forwards every request's body to the mock's incentives route with the key and sends its answer back. */
async function bareProxy(target: string): Promise<ListeningServer> {
  const pool = new Pool(target, { connections: 64, keepAliveTimeout: 30_000 });
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      pool
        .request({
          path: '/alpha/incentives',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': MOCK_API_KEY },
          body: Buffer.concat(chunks),
        })
        .then(async (answer) => {
          const body = Buffer.from(await answer.body.arrayBuffer());
          res.writeHead(answer.statusCode, { 'content-type': 'application/json', 'content-length': body.length });
          res.end(body);
        })
        .catch(() => {
          res.writeHead(502).end();
        });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    server: http,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        http.closeAllConnections();
        http.close(() => void pool.close().then(() => done()));
      }),
  };
}

const send = (message: ServerMessage) => process.send?.(message);
send({ type: 'ready', url: server.url });

process.on('message', (message: ParentMessage) => {
  if (message.type === 'memory') {
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    send({ type: 'memory', id: message.id, rss, heapUsed });
  } else if (message.type === 'stop') {
    void server.close().then(() => process.exit(0));
  }
});
// The parent went away: do not linger.
process.on('disconnect', () => process.exit(0));
