/**
 * The nearest peer below every backend: a bare pass-through proxy (node:http + an undici keep-alive pool) that adds
 * the key and sends Leap's bytes back. No session, no validation, no CORS: what any server in front of Leap costs at
 * the least.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

export async function startBareProxy(target: string, apiKey: string): Promise<{ url: string; close(): Promise<void> }> {
  const pool = new Pool(target, { connections: 64, keepAliveTimeout: 30_000 });
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      pool
        .request({
          path: '/alpha/incentives',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
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
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        http.closeAllConnections();
        http.close(() => void pool.close().then(() => done()));
      }),
  };
}
