/**
 * Node adapter: serve the fetch handler with `node:http`, or mount it in Express/Connect.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';

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
