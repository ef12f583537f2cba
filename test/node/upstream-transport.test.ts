/**
 * How the backend reaches Leap: the URL of each call (built as text, always what the URL parser would give), and the
 * deadline, cap and broken connections over both transports, the runtime's fetch and the pooled `nodeFetch`.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { createLeapHandler } from '../../src/server/index.js';
import { nodeFetch } from '../../src/server/node.js';
import { upstreamTarget } from '../../src/server/upstream-url.js';
import { BEND, TEST_SECRET } from './support.js';

const LOOKUP = JSON.stringify({ address: BEND, building_type: 'RESIDENTIAL', device_ids: [123] });

describe('upstream URLs', () => {
  /** What the backend built before: a URL object per call. */
  const byParser = (base: string, path: string, query?: Record<string, string | undefined>) => {
    const url = new URL(base);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    return { origin: url.origin, path: url.pathname + url.search };
  };

  it('are what the URL parser gives, for any base, path and query', () => {
    const base = fc.constantFrom(
      'https://api.incentives.leap.energy/alpha',
      'https://api.leap.energy',
      'https://API.Leap.Energy:443/',
      'http://127.0.0.1:8080/alpha//',
      'http://[::1]:9000/a/b',
      'https://example.com/base?fixed=1',
    );
    const segment = fc.oneof(
      fc.constantFrom(
        'incentives',
        'v2',
        '.',
        '..',
        '%2e',
        '.%2E',
        '%2e%2e',
        '%2F',
        'a b',
        'é',
        '?x',
        '#y',
        '\\',
        ';a=b',
      ),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.string({ maxLength: 8 }).map(encodeURIComponent),
    );
    const path = fc.array(segment, { maxLength: 4 }).map((segments) => segments.map((s) => `/${s}`).join(''));
    const query = fc.option(
      fc.dictionary(fc.string({ maxLength: 6 }), fc.option(fc.string({ maxLength: 10 }), { nil: undefined })),
      {
        nil: undefined,
      },
    );
    fc.assert(
      fc.property(base, path, query, (b, p, q) => {
        assert.deepEqual(upstreamTarget(b, p, q), byParser(b, p, q));
      }),
      { numRuns: 2000 },
    );
  });
});

/** A raw `node:http` upstream whose every answer `respond` writes by hand. */
async function rawUpstream(respond: (res: ServerResponse) => void) {
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    req.resume();
    req.on('end', () => respond(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(
    () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

function backend(upstreamUrl: string, transport: typeof fetch | undefined, options = {}) {
  const logs: string[] = [];
  const handler = createLeapHandler({
    apiKey: 'leap_live_TRANSPORT_KEY_0a1b2c',
    incentivesBaseUrl: `${upstreamUrl}/alpha`,
    platformBaseUrl: upstreamUrl,
    sessionSecret: TEST_SECRET,
    rateLimit: false,
    upstreamBackoffMs: 1,
    logger: (level, message) => logs.push(`${level} ${message}`),
    ...(transport ? { fetch: transport } : {}),
    ...options,
  });
  const call = async (path: string, init: RequestInit = {}) => {
    const session = await handler(new Request('http://shop.test/api/leap/session', { method: 'POST' }));
    const { token } = (await session.json()) as { token: string };
    return handler(
      new Request(`http://shop.test/api/leap${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      }),
    );
  };
  return { call, logs };
}

for (const [label, transport] of [
  ['runtime fetch', undefined],
  ['nodeFetch', nodeFetch],
] as const) {
  describe(`the upstream exchange (${label})`, () => {
    it('the deadline covers the whole answer: a body that keeps trickling is given up (504)', async () => {
      const trickles = new Set<ReturnType<typeof setInterval>>();
      after(() => trickles.forEach(clearInterval));
      const upstream = await rawUpstream((res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"incentives": ');
        const trickle = setInterval(() => res.write(' '), 20);
        trickles.add(trickle);
        res.on('close', () => clearInterval(trickle));
      });
      const { call, logs } = backend(upstream.url, transport, { upstreamTimeoutMs: 300, upstreamRetries: 0 });
      const response = await call('/incentives', { method: 'POST', body: LOOKUP });
      assert.equal(response.status, 504);
      assert.ok(
        logs.some((line) => line.includes('did not answer before the deadline')),
        logs.join('\n'),
      );
    });

    it('a connection broken halfway through the body: tried again, then 502', async () => {
      const upstream = await rawUpstream((res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"results": [');
        setImmediate(() => res.socket?.destroy());
      });
      const { call } = backend(upstream.url, transport, { upstreamRetries: 2 });
      const response = await call('/applications');
      assert.equal(response.status, 502);
      assert.equal(upstream.requests(), 3);
    });

    it('Leap’s Retry-After reaches the browser on a 429', async () => {
      const upstream = await rawUpstream((res) => {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '12' });
        res.end('{"message": "slow down"}');
      });
      const { call } = backend(upstream.url, transport, { upstreamRetries: 0 });
      const response = await call('/incentives', { method: 'POST', body: LOOKUP });
      assert.equal(response.status, 429);
      assert.equal(response.headers.get('retry-after'), '12');
    });
  });
}
