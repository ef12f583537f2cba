/**
 * The upstream every peer calls in the peer benchmark: Leap's `POST /alpha/incentives` as a plain `node:http` server
 * that checks the key, reads the customer's `reference_id` from the body and answers a pre-built answer of the size
 * the parent asked for, with `Content-Length`. It costs every backend the same and as little as possible.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sizedAnswer } from './answers.js';

export interface FakeUpstream {
  url: string;
  /** From now on, answers of at least `bytes` bytes. */
  answerSize(bytes: number): void;
  close(): Promise<void>;
}

export async function startFakeUpstream(apiKey: string): Promise<FakeUpstream> {
  let answer = sizedAnswer(1024);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/alpha/incentives') return res.writeHead(404).end();
      if (req.headers['x-api-key'] !== apiKey) return res.writeHead(401).end('{"error":"Unauthorized"}');
      let referenceId: unknown;
      try {
        referenceId = (JSON.parse(Buffer.concat(chunks).toString()) as { reference_id?: unknown }).reference_id;
      } catch {
        return res.writeHead(400).end('{"error":"Bad Request"}');
      }
      const body = Buffer.concat([answer.head, Buffer.from(JSON.stringify(referenceId ?? null)), answer.tail]);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.byteLength }).end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answerSize(bytes) {
      answer = sizedAnswer(bytes);
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
