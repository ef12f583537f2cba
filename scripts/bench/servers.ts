/**
 * One server of the backend benchmark, run as a child process (`fork` with `--import tsx`) so the load generator in
 * the parent does not share its event loop:
 *   servers.ts mock              the mock Leap (`listen(createMockLeap())`)
 *   servers.ts backend <mockUrl> the partner backend in front of it
 * Reports `{type: 'ready', url}` over IPC; answers `{type: 'memory'}` with its memory after a forced GC.
 */
import { createLeapHandler, listen, nodeFetch, type ListeningServer } from '../../src/server/index.js';
import { createMockLeap, MOCK_API_KEY } from '../../src/mock/index.js';

export type ServerMessage =
  { type: 'ready'; url: string } | { type: 'memory'; id: number; rss: number; heapUsed: number };
export type ParentMessage = { type: 'memory'; id: number } | { type: 'stop' };

const SESSION_SECRET = 'bench-session-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

const [role, upstream] = process.argv.slice(2);
let server: ListeningServer;
if (role === 'mock') {
  server = await listen(createMockLeap());
} else if (role === 'backend' && upstream) {
  server = await listen(
    createLeapHandler({
      apiKey: MOCK_API_KEY,
      incentivesBaseUrl: `${upstream}/alpha`,
      platformBaseUrl: upstream,
      sessionSecret: SESSION_SECRET,
      rateLimit: false,
      logger: () => {},
      // The keep-alive node:http client the README recommends on Node.
      fetch: nodeFetch,
    }),
  );
} else {
  throw new Error('usage: servers.ts mock | servers.ts backend <mock url>');
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
