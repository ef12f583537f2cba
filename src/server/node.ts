/**
 * `leap-elements/server/node`: serve the fetch handler with `node:http` (`listen`), mount it in Express, Connect or a
 * plain `node:http` server (`toNodeListener`), and call Leap over pooled keep-alive connections (`nodeFetch`). A
 * backend served by either calls Leap over `nodeFetch` unless it was created with a `fetch` of its own.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { nodeFetch } from './node-transport.js';
import { DEFAULT_TRANSPORT, type DefaultTransportSlot } from './transport.js';
import type { Logger } from './upstream.js';

export { nodeFetch } from './node-transport.js';

/**
 * A fetch handler: the backend (whose second argument is the Node bindings it reads the client address from) or
 * anything with `fetch`'s signature, such as the mock.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- both `RequestInit` and the Node bindings must fit.
export type FetchLike = (request: Request, env?: any) => Response | Promise<Response>;
export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

type ExpressRequest = IncomingMessage & { originalUrl?: string; body?: unknown; _body?: boolean; rawBody?: Buffer };

const defaultLog: Logger = (level, message) => console.error(`[leap-elements] ${level}: ${message}`);

/**
 * A backend created without a `fetch` option calls Leap over the runtime's fetch wherever it runs; served on Node, it
 * calls over the pooled keep-alive connections instead. A `fetch` given to `createLeapHandler` is always kept.
 */
function usePooledTransport(handler: FetchLike): void {
  (handler as FetchLike & Partial<DefaultTransportSlot>)[DEFAULT_TRANSPORT]?.(nodeFetch);
}

/**
 * The body a parser mounted before us already read, as the bytes it came from: a raw `Buffer` or text is used as it
 * is, parsed JSON is serialized again. Anything else cannot be given back faithfully: null.
 */
function bodyReadBefore(req: ExpressRequest): Buffer | null {
  const { body } = req;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  const json = /^application\/([\w.+-]*\+)?json\b/i.test(req.headers['content-type'] ?? '');
  if (json && body !== undefined) return Buffer.from(JSON.stringify(body));
  return null;
}

/**
 * A `(req, res)` listener for `node:http`, Express or Connect. Express strips the mount path from `req.url`; the
 * original URL is restored so `basePath` still matches: `app.use('/api/leap', toNodeListener(handler))`. Mount it
 * before `express.json()`; mounted after, the body that parser read is used, or the request is answered 500 with a
 * log line saying what to move.
 */
export function toNodeListener(handler: FetchLike, options: { logger?: Logger } = {}): NodeListener {
  usePooledTransport(handler);
  const log = options.logger ?? defaultLog;
  const listener = getRequestListener((request, env) => handler(request, env));
  return (req: ExpressRequest, res) => {
    if (req.originalUrl) req.url = req.originalUrl;
    const readBefore = req._body === true || req.readableEnded;
    if (readBefore && req.method !== 'GET' && req.method !== 'HEAD') {
      const body = bodyReadBefore(req);
      if (!body) {
        log(
          'error',
          'The request body was already read by a body parser mounted before leap-elements: mount leap-elements before express.json() / body-parser.',
        );
        res.writeHead(500, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ title: 'Internal error', status: 500, details: {} }));
        return;
      }
      req.rawBody = body;
      req.headers['content-length'] = String(body.byteLength);
      delete req.headers['transfer-encoding'];
    }
    void listener(req, res);
  };
}

export interface ListeningServer {
  server: Server;
  url: string;
  /** Stops accepting connections, lets requests in flight finish (up to `graceMs`, default 10 s), then closes. */
  close(graceMs?: number): Promise<void>;
}

const KEEP_ALIVE_MS = 65_000;

/** Starts a `node:http` server for a fetch handler. Port 0 picks a free port. */
export function listen(
  handler: FetchLike,
  options: { port?: number; hostname?: string } = {},
): Promise<ListeningServer> {
  const server = createServer(toNodeListener(handler));
  // Idle keep-alive connections stay open longer than any client or load balancer keeps them (60 s for the common
  // ones): the client always closes first, so a request never goes out on a connection the server is closing.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  const hostname = options.hostname ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, hostname, () => {
      const { port } = server.address() as AddressInfo;
      const host = hostname.includes(':') ? `[${hostname}]` : hostname;
      resolve({ server, url: `http://${host}:${port}`, close: (graceMs = 0) => drain(server, graceMs) });
    });
  });
}

/**
 * Closes the server: idle keep-alive connections at once, busy ones when their answer is sent, and whatever is still
 * open when the grace period ends.
 */
function drain(server: Server, graceMs: number): Promise<void> {
  return new Promise<void>((done) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(timer);
      done();
    });
    server.closeIdleConnections();
    if (graceMs <= 0) server.closeAllConnections();
  });
}
