/**
 * Node adapter: serve the fetch handler with `node:http`, or mount it in Express/Connect.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Agent, type Dispatcher } from 'undici';
import { RAW_SEND, type RawSend } from './upstream.js';

export type FetchLike = (request: Request, env?: unknown) => Response | Promise<Response>;
export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A `(req, res)` listener for `node:http`, Express or Connect. Express strips the mount path from `req.url`; the
 * original URL is restored so `basePath` still matches: `app.use('/api/leap', toNodeListener(handler))`.
 */
export function toNodeListener(handler: FetchLike): NodeListener {
  const listener = getRequestListener((request, env) => handler(request, env));
  return (req, res) => {
    const original = (req as IncomingMessage & { originalUrl?: string }).originalUrl;
    if (original) req.url = original;
    void listener(req, res);
  };
}

export interface ListeningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Starts a `node:http` server for a fetch handler. Port 0 picks a free port. */
export function listen(
  handler: FetchLike,
  options: { port?: number; hostname?: string } = {},
): Promise<ListeningServer> {
  const server = createServer(toNodeListener(handler));
  const hostname = options.hostname ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, hostname, () => {
      const { port } = server.address() as AddressInfo;
      const host = hostname.includes(':') ? `[${hostname}]` : hostname;
      resolve({
        server,
        url: `http://${host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Keep-alive connection pools per upstream origin (Leap's two services). */
const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 64 });

/** One request over the pools, its answer read in full; fails like `fetch` does. */
const send: RawSend = async (url, init) => {
  if (init.signal.aborted) throw init.signal.reason;
  try {
    const answer = await dispatcher.request({
      origin: url.origin,
      path: url.pathname + url.search,
      method: init.method as Dispatcher.HttpMethod,
      headers: init.headers,
      body: init.body,
      signal: init.signal,
    });
    const text = await answer.body.text();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    return { status: answer.statusCode, headers, text };
  } catch (error) {
    if (init.signal.aborted) throw init.signal.reason;
    throw new TypeError('fetch failed', { cause: error });
  }
};

/**
 * A `fetch` for the backend's upstream calls on Node, over undici's pooled keep-alive connections: several times less
 * overhead per call than the built-in fetch. Pass it as `createLeapHandler({ fetch: nodeFetch })`. It supports what
 * the backend uses: method, headers, a string body, `signal` and `redirect: 'error'` (redirects are answered as-is).
 * The backend reads its answers through the raw sender it carries, without building a `Response`.
 */
export const nodeFetch = Object.assign(
  async function nodeFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    const answer = await send(url, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined || init.body === null ? undefined : String(init.body),
      // A signal that never fires stands in when the caller gives none.
      signal: init.signal ?? new AbortController().signal,
    });
    const noBody = answer.status === 204 || answer.status === 304;
    return new Response(noBody ? null : answer.text, { status: answer.status, headers: answer.headers });
  },
  { [RAW_SEND]: send },
);
