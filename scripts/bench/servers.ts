/**
 * One server of the backend benchmarks, run as a child process (`fork` with `--import tsx`, see children.ts) so the
 * load generator in the parent does not share its event loop:
 *   servers.ts mock                the mock Leap (`listen(createMockLeap())`)
 *   servers.ts mock-inventory <n>  the mock Leap with n synthetic meters, for the sync benchmark
 *   servers.ts backend <mockUrl>   the partner backend in front of it (`fetch: nodeFetch`, rate limiting off)
 *   servers.ts backend-redis <mockUrl> <redisUrl>  the same with rate limits on, counted on a shared Redis
 *   servers.ts proxy <url>         the nearest peer: a bare pass-through proxy (node:http + undici, adds the key,
 *                                  checks nothing), the least any server in front of Leap can cost
 *   servers.ts upstream            the peer benchmark's fake Leap: sized incentives answers (answers.ts)
 *   servers.ts handler <url>       createLeapHandler + listen, as a partner writes it (peers/leap.ts)
 *   servers.ts serve <url>         `leap-elements serve` configured by environment (peers/leap.ts)
 *   servers.ts express <url>       the hand-written Express 5 peer (peers/express.ts)
 *   servers.ts fastify <url>       the hand-written Fastify 5 peer (peers/fastify.ts)
 * Reports `{type: 'ready', url}` over IPC; answers `{type: 'memory'}` with its memory after a forced GC, and (the
 * fake upstream) `{type: 'answer-size'}` by switching answers.
 */
import { createClient } from 'redis';
import { createLeapHandler, RedisRateLimitStore, type RateLimitStore } from '../../src/server/index.js';
import { listen, nodeFetch } from '../../src/server/node.js';
import { createMockLeap, MOCK_API_KEY } from '../../src/mock/index.js';
import { startFakeUpstream } from './fake-upstream.js';
import { startBareProxy } from './peers/bare-proxy.js';
import { SESSION_SECRET, UPSTREAM_KEY } from './peers/common.js';
import { startExpressPeer } from './peers/express.js';
import { startFastifyPeer } from './peers/fastify.js';
import { startLeapHandler, startServe } from './peers/leap.js';

export type ServerMessage =
  | { type: 'ready'; url: string }
  | { type: 'memory'; id: number; rss: number; heapUsed: number }
  | { type: 'answer-size'; id: number };
export type ParentMessage =
  { type: 'memory'; id: number } | { type: 'answer-size'; id: number; bytes: number } | { type: 'stop' };

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
    fetch: nodeFetch,
  });
}

interface Running {
  url: string;
  close(): Promise<void>;
  answerSize?(bytes: number): void;
}

const USAGE =
  'usage: servers.ts mock | upstream | mock-inventory <n> | backend-redis <mock url> <redis url> | ' +
  '(backend | proxy | handler | serve | express | fastify) <upstream url>';

/** The role's URL argument. */
function target(): string {
  if (!upstream) throw new Error(USAGE);
  return upstream;
}

async function start(): Promise<Running> {
  switch (role) {
    case 'mock':
      return listen(createMockLeap());
    case 'mock-inventory':
      return listen(createMockLeap({ meterCount: Number(upstream) }));
    case 'backend':
      return listen(backendFor(target()));
    case 'backend-redis': {
      if (!redisUrl) throw new Error(USAGE);
      const client = createClient({ url: redisUrl, disableOfflineQueue: true });
      await client.connect();
      return listen(backendFor(target(), new RedisRateLimitStore({ client })));
    }
    case 'proxy':
      return startBareProxy(target(), UPSTREAM_KEY);
    case 'upstream':
      return startFakeUpstream(UPSTREAM_KEY);
    case 'handler':
      return startLeapHandler(target());
    case 'serve':
      return startServe(target());
    case 'express':
      return startExpressPeer(target());
    case 'fastify':
      return startFastifyPeer(target());
  }
  throw new Error(USAGE);
}

const server = await start();
const send = (message: ServerMessage) => process.send?.(message);
send({ type: 'ready', url: server.url });

process.on('message', (message: ParentMessage) => {
  if (message.type === 'memory') {
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    send({ type: 'memory', id: message.id, rss, heapUsed });
  } else if (message.type === 'answer-size') {
    server.answerSize?.(message.bytes);
    send({ type: 'answer-size', id: message.id });
  } else if (message.type === 'stop') {
    void server.close().then(() => process.exit(0));
  }
});
// The parent went away: do not linger.
process.on('disconnect', () => process.exit(0));
