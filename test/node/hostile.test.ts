/**
 * Fault suite, hostile side: an upstream that echoes the key, redirects or floods; clients that forge
 * `X-Forwarded-For`, rotate addresses or call from refused origins; and the revocation hook. Each case reproduces a
 * weakness found in review and holds the fix.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createLeapHandler, MemoryRateLimitStore, type LeapHandlerOptions } from '../../src/server/index.js';
import { listen, nodeFetch } from '../../src/server/node.js';
import { ipKey } from '../../src/server/client-ip.js';
import { BEND, TEST_SECRET } from './support.js';

const KEY = 'leap_live_HOSTILE_KEY_7f3a9c2e1d';
const LOOKUP = JSON.stringify({ address: BEND, building_type: 'RESIDENTIAL', device_ids: [123] });

/** An upstream whose next answers the test decides, over a real socket. */
async function hostileUpstream() {
  let respond: (request: Request) => Response | Promise<Response> = () => new Response('unset', { status: 500 });
  const seen: string[] = [];
  const server = await listen(async (request) => {
    seen.push(new URL(request.url).pathname);
    return respond(request);
  });
  after(() => server.close());
  return {
    url: server.url,
    seen,
    answer(next: typeof respond) {
      respond = next;
    },
  };
}

/** The backend in-process (`handler`) with its log lines collected. */
function backend(options: Partial<LeapHandlerOptions> = {}) {
  const logs: string[] = [];
  const handler = createLeapHandler({
    apiKey: KEY,
    sessionSecret: TEST_SECRET,
    rateLimit: false,
    upstreamRetries: 0,
    logger: (level, message, fields) => logs.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`),
    ...options,
  });
  const call = (path: string, init: RequestInit = {}) => handler(new Request(`http://shop.test/api/leap${path}`, init));
  const session = async () => ((await (await call('/session', { method: 'POST' })).json()) as { token: string }).token;
  return { handler, call, session, logs };
}

const withToken = (token: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
});

describe('fault suite: an upstream that echoes the key', () => {
  const echoes: Array<[string, number, () => Response]> = [
    [
      'message',
      400,
      () => Response.json({ error: 'Bad Request', message: `bad key ${KEY}`, requestId: 'req_1' }, { status: 400 }),
    ],
    [
      'title',
      404,
      () => Response.json({ title: `No such thing for ${KEY}`, status: 404, details: {} }, { status: 404 }),
    ],
    ['error', 422, () => Response.json({ error: KEY }, { status: 422 })],
    [
      'nested details',
      400,
      () =>
        Response.json(
          { title: 'Invalid', details: { fields: { street_1: `required (${KEY})` }, headers: { 'x-api-key': KEY } } },
          { status: 400 },
        ),
    ],
    ['plain text', 409, () => new Response(`conflict: x-api-key=${KEY}`, { status: 409 })],
    [
      'a key-named field',
      400,
      () => Response.json({ details: { api_key: KEY, requestId: `r-${KEY}` } }, { status: 400 }),
    ],
    [
      '429 with a long Retry-After',
      429,
      () => Response.json({ message: KEY }, { status: 429, headers: { 'retry-after': '999999' } }),
    ],
  ];

  for (const [where, status, answer] of echoes) {
    it(`${status} with the key in its ${where}: a fixed title, allow-listed fields only, the key masked everywhere`, async () => {
      const upstream = await hostileUpstream();
      const { call, session, logs } = backend({
        incentivesBaseUrl: `${upstream.url}/alpha`,
        platformBaseUrl: upstream.url,
      });
      upstream.answer(answer);
      const response = await call('/incentives', withToken(await session(), { method: 'POST', body: LOOKUP }));
      const text = await response.text();
      assert.equal(response.status, status);
      assert.ok(!text.includes(KEY), text);
      assert.ok(![...response.headers.values()].some((v) => v.includes(KEY)));
      assert.ok(!logs.some((line) => line.includes(KEY)), logs.join('\n'));
      const body = JSON.parse(text) as { title: string; details: Record<string, unknown> };
      assert.ok(!body.title.includes('key'), body.title);
      assert.deepEqual(
        Object.keys(body.details).filter((k) => !['fields', 'requestId', 'address', 'retry_after_seconds'].includes(k)),
        [],
      );
      if (status === 429) assert.ok(Number(response.headers.get('retry-after')) <= 3600);
    });
  }

  it('a 200 answer that echoes the key is passed on with the key masked', async () => {
    const upstream = await hostileUpstream();
    const { call, session } = backend({ incentivesBaseUrl: `${upstream.url}/alpha`, platformBaseUrl: upstream.url });
    upstream.answer(() =>
      Response.json({
        incentives: { total_incentive_amount: 0, by_program: [] },
        debug: { received_headers: { 'x-api-key': KEY }, note: `"${KEY}"` },
      }),
    );
    const response = await call('/incentives', withToken(await session(), { method: 'POST', body: LOOKUP }));
    const text = await response.text();
    assert.equal(response.status, 200);
    assert.ok(!text.includes(KEY));
    assert.match(text, /\[redacted\]/);
  });

  for (const status of [301, 302, 307, 308, 402, 405, 418, 451]) {
    it(`status ${status} becomes 502, and a redirect is never followed`, async () => {
      const upstream = await hostileUpstream();
      upstream.answer((request) =>
        new URL(request.url).pathname.endsWith('/elsewhere')
          ? Response.json({ incentives: { total_incentive_amount: 1, by_program: [] } })
          : new Response(JSON.stringify({ message: KEY }), {
              status,
              headers: { location: `${upstream.url}/alpha/elsewhere` },
            }),
      );
      for (const transport of [undefined, nodeFetch]) {
        const { call, session } = backend({
          incentivesBaseUrl: `${upstream.url}/alpha`,
          platformBaseUrl: upstream.url,
          ...(transport ? { fetch: transport } : {}),
        });
        const response = await call('/incentives', withToken(await session(), { method: 'POST', body: LOOKUP }));
        assert.equal(response.status, 502);
        assert.ok(!(await response.text()).includes(KEY));
      }
      assert.ok(!upstream.seen.includes('/alpha/elsewhere'), 'the redirect was not followed');
    });
  }
});

describe('fault suite: an upstream that floods', () => {
  for (const [label, transport] of [
    ['fetch', undefined],
    ['nodeFetch', nodeFetch],
  ] as const) {
    it(`${label}: a declared 200 MB answer is refused before reading; an undeclared 2 MiB stream after 1 MiB`, async () => {
      const upstream = await hostileUpstream();
      const { call, session, logs } = backend({
        incentivesBaseUrl: `${upstream.url}/alpha`,
        platformBaseUrl: upstream.url,
        ...(transport ? { fetch: transport } : {}),
      });
      let pulled = 0;
      const chunk = new Uint8Array(64 * 1024).fill(32);
      const stream = (total: number) =>
        new ReadableStream<Uint8Array>({
          pull(controller) {
            if (pulled >= total) return controller.close();
            pulled += chunk.byteLength;
            controller.enqueue(chunk);
          },
        });
      upstream.answer(
        () => new Response(stream(200 * 1024 * 1024), { headers: { 'content-length': String(200 * 1024 * 1024) } }),
      );
      const token = await session();
      const declared = await call('/incentives', withToken(token, { method: 'POST', body: LOOKUP }));
      assert.equal(declared.status, 502);
      assert.ok(pulled < 200 * 1024 * 1024, 'the flood was not read to its end');

      pulled = 0;
      upstream.answer(() => new Response(stream(2 * 1024 * 1024)));
      const streamed = await call('/incentives', withToken(token, { method: 'POST', body: LOOKUP }));
      assert.equal(streamed.status, 502);
      assert.equal(((await streamed.json()) as { title: string }).title, 'Leap answered with too much data');
      assert.equal(logs.filter((line) => line.includes('more than the backend reads')).length, 2);
    });
  }
});

describe('fault suite: a 403 for another customer’s resource', () => {
  it('reads as not found on the per-customer routes, and as a refused key only where no customer is involved', async () => {
    const upstream = await hostileUpstream();
    const { call, session, logs } = backend({
      incentivesBaseUrl: `${upstream.url}/alpha`,
      platformBaseUrl: upstream.url,
    });
    upstream.answer(() => Response.json({ title: 'Forbidden', status: 403, details: {} }, { status: 403 }));
    const token = await session();
    const application = await call('/applications/123', withToken(token));
    const meter = await call('/meters/3fa85f64-5717-4562-b3fc-2c963f66afa6/enrollment', withToken(token));
    upstream.answer(() => Response.json({ title: 'Not found', status: 404, details: {} }, { status: 404 }));
    const missing = await call('/applications/124', withToken(token));
    assert.equal(application.status, 404);
    assert.equal(meter.status, 404);
    assert.deepEqual(await application.json(), await missing.json(), 'a 403 and a 404 look the same');
    assert.equal(
      logs.filter((line) => line.startsWith('error')).length,
      0,
      'no "key refused" alarm for a 403 on a resource',
    );
    upstream.answer(() => Response.json({ message: 'Forbidden' }, { status: 403 }));
    const lookup = await call('/incentives', withToken(token, { method: 'POST', body: LOOKUP }));
    assert.equal(lookup.status, 502);
    assert.match(((await lookup.json()) as { title: string }).title, /not authorized/);
  });
});

describe('fault suite: a malformed API key', () => {
  for (const bad of ['leap_live_abc\ndef', 'leap_live_abc def', 'leap_live_abc\u00e9', 'leap_live_abc\u0007']) {
    it(`is refused at construction without repeating it (${JSON.stringify(bad)})`, () => {
      assert.throws(
        () => createLeapHandler({ apiKey: bad, sessionSecret: TEST_SECRET, logger: () => {} }),
        (error: Error) =>
          /printable ASCII/.test(error.message) &&
          !error.message.includes('abc') &&
          !error.message.includes('leap_live'),
      );
    });
  }
  it('surrounding whitespace is trimmed, not refused', async () => {
    const upstream = await hostileUpstream();
    let received = '';
    upstream.answer((request) => {
      received = request.headers.get('x-api-key') ?? '';
      return Response.json({ incentives: { total_incentive_amount: 0, by_program: [] } });
    });
    const { call, session } = backend({
      apiKey: ` ${KEY}\n`,
      incentivesBaseUrl: `${upstream.url}/alpha`,
      platformBaseUrl: upstream.url,
    });
    assert.equal((await call('/incentives', withToken(await session(), { method: 'POST', body: LOOKUP }))).status, 200);
    assert.equal(received, KEY);
  });
});

/** Memory figures are read after a forced collection: the suite runs with --expose-gc (test/run.mjs). */
function collect(): void {
  assert.ok(globalThis.gc, 'run with node --expose-gc');
  globalThis.gc();
}

describe('client address keys (ipKey)', () => {
  const cases: Array<[string, string | null]> = [
    ['203.0.113.7', '203.0.113.7'],
    [' 203.0.113.7 ', '203.0.113.7'],
    ['203.0.113.7:51234', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['[2001:db8:1:2::1]:443', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['256.1.1.1', null],
    ['unknown', null],
    ['<script>', null],
    ['1.2.3', null],
    ['2001:db8::1::2', null],
    ['x'.repeat(8192), null],
  ];
  for (const [value, key] of cases) {
    it(`${JSON.stringify(value.slice(0, 30))} → ${String(key)}`, () => assert.equal(ipKey(value), key));
  }
});

describe('fault suite: spoofed client addresses', () => {
  const limited = { ip: { limit: 120, windowSeconds: 60 }, token: false as const };
  const fromProxy = (hops: string) => ({ method: 'POST', headers: { 'x-forwarded-for': hops } });

  it('trustProxy: true keys on the rightmost hop: 300 requests with a rotating first hop hit the limit at 121', async () => {
    const { call } = backend({ mock: true, apiKey: undefined, trustProxy: true, rateLimit: limited });
    const statuses: number[] = [];
    for (let i = 0; i < 300; i += 1)
      statuses.push((await call('/session', fromProxy(`10.0.${i >> 8}.${i & 255}, 203.0.113.7`))).status);
    assert.equal(statuses.filter((s) => s === 200).length, 120);
    assert.equal(statuses[120], 429);
  });

  it('trustProxy: 2 reads the hop two proxies back; a hop that is not an IP address is ignored', async () => {
    const { call } = backend({
      mock: true,
      apiKey: undefined,
      trustProxy: 2,
      rateLimit: { ip: { limit: 2, windowSeconds: 60 }, token: false },
    });
    const status = async (hops: string) => (await call('/session', fromProxy(hops))).status;
    assert.deepEqual(
      [await status('1.1.1.1, 198.51.100.1, 10.0.0.1'), await status('2.2.2.2, 198.51.100.1, 10.0.0.2')],
      [200, 200],
    );
    assert.equal(await status('3.3.3.3, 198.51.100.1, 10.0.0.3'), 429, 'the same client behind the same first proxy');
    assert.equal(await status('4.4.4.4, 198.51.100.2, 10.0.0.1'), 200, 'another client');
    // Not an address: the per-IP rule cannot key on it, so it does not apply (and cannot be used to rotate).
    const garbage = await Promise.all(Array.from({ length: 5 }, (_, i) => status(`x, <script>${i}, 10.0.0.1`)));
    assert.deepEqual(garbage, [200, 200, 200, 200, 200]);
  });

  it('IPv6 clients are keyed by their /64', async () => {
    const { call } = backend({
      mock: true,
      apiKey: undefined,
      trustProxy: true,
      rateLimit: { ip: { limit: 3, windowSeconds: 60 }, token: false },
    });
    const statuses: number[] = [];
    for (const address of ['2001:db8:1:2::1', '2001:db8:1:2::ffff', '2001:db8:1:2::abcd:1', '2001:0db8:1:2:9:8:7:6']) {
      statuses.push((await call('/session', fromProxy(address))).status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    assert.equal((await call('/session', fromProxy('2001:db8:1:3::1'))).status, 200, 'the next /64 is another client');
  });

  it('19,000 distinct 8 KB X-Forwarded-For values do not grow the heap by more than 10 MB', async () => {
    const store = new MemoryRateLimitStore();
    const { call } = backend({
      mock: true,
      apiKey: undefined,
      trustProxy: true,
      rateLimit: { ip: { limit: 1e6, windowSeconds: 60 }, token: false, store },
    });
    collect();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 19_000; i += 1) {
      const padding = `${i}`.padEnd(8 * 1024, 'x');
      const answer = await call('/openapi.json', {
        headers: { 'x-forwarded-for': `${padding}, 198.51.${(i >> 8) & 255}.${i & 255}` },
      });
      await answer.arrayBuffer();
    }
    collect();
    const grown = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
    assert.ok(store.size <= 10_000, `store size ${store.size}`);
    assert.ok(grown < 10, `heap grew ${grown.toFixed(1)} MB`);
  });
});

describe('fault suite: bounded rate-limit memory', () => {
  it('the memory store keeps at most 10,000 keys, the least recently used evicted, and stays under 10 MB for 20,000 clients', async () => {
    const store = new MemoryRateLimitStore();
    collect();
    const before = process.memoryUsage().heapUsed;
    await store.hit('ip:keep-me', 60_000);
    for (let i = 0; i < 20_000; i += 1) {
      await store.hit(`ip:198.51.${i >> 8}.${i & 255}-${'k'.repeat(200)}`, 60_000);
      if (i % 1000 === 0) await store.hit('ip:keep-me', 60_000);
    }
    collect();
    const grown = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
    assert.equal(store.size, 10_000);
    assert.ok(grown < 10, `heap grew ${grown.toFixed(1)} MB`);
    assert.equal((await store.hit('ip:keep-me', 60_000)).count, 22, 'a recently used key survives');
    assert.equal((await store.hit(`ip:198.51.0.0-${'k'.repeat(200)}`, 60_000)).count, 1, 'the oldest was forgotten');
  });
});

describe('fault suite: no socket and no clientIp', () => {
  it('skips the per-IP rule (one warning naming clientIp) but keeps the per-customer one', async () => {
    const { call, session, logs } = backend({
      mock: true,
      apiKey: undefined,
      rateLimit: { ip: { limit: 2, windowSeconds: 60 }, token: { limit: 3, windowSeconds: 60 } },
    });
    const sessions = await Promise.all(Array.from({ length: 10 }, () => call('/session', { method: 'POST' })));
    assert.ok(
      sessions.every((r) => r.status === 200),
      'one visitor cannot lock everyone out',
    );
    const token = await session();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await call('/applications', withToken(token))).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    const warnings = logs.filter((line) => line.includes('clientIp'));
    assert.equal(warnings.length, 1);
  });
});

describe('fault suite: refused origins', () => {
  it('are counted by the per-IP limit (preflights too) and logged at most once per origin per minute', async () => {
    const { handler, logs } = backend({
      mock: true,
      apiKey: undefined,
      rateLimit: { ip: { limit: 120, windowSeconds: 60 }, token: false },
      clientIp: () => '203.0.113.9',
    });
    const statuses: number[] = [];
    for (let i = 0; i < 300; i += 1) {
      const preflight = i % 2 === 0;
      const answer = await handler(
        new Request('http://shop.test/api/leap/session', {
          method: preflight ? 'OPTIONS' : 'POST',
          headers: {
            origin: 'https://evil.example',
            ...(preflight ? { 'access-control-request-method': 'POST' } : {}),
          },
        }),
      );
      statuses.push(answer.status);
    }
    assert.equal(statuses.filter((s) => s === 403).length, 120);
    assert.equal(statuses.filter((s) => s === 429).length, 180);
    assert.equal(logs.filter((line) => line.includes('origin that is not allowed')).length, 1);
  });
});

describe('isRevoked: ending sessions before they expire', () => {
  it('is asked on every call, even when the token’s signature check is remembered', async () => {
    const revoked = new Set<string>();
    const asked: string[] = [];
    const { call, session } = backend({
      mock: true,
      apiKey: undefined,
      isRevoked: async ({ jti, referenceId, issuedAt }) => {
        asked.push(referenceId);
        assert.ok(issuedAt instanceof Date && issuedAt.getTime() <= Date.now());
        return revoked.has(jti);
      },
    });
    const token = await session();
    assert.equal((await call('/applications', withToken(token))).status, 200);
    assert.equal((await call('/applications', withToken(token))).status, 200);
    const jti = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { jti: string }).jti;
    revoked.add(jti);
    const after = await call('/applications', withToken(token));
    assert.equal(after.status, 401);
    assert.equal(((await after.json()) as { title: string }).title, 'Session ended');
    assert.equal(asked.length, 3);
  });

  it('a hook that throws refuses the call (503), it does not let it through', async () => {
    const { call, session } = backend({
      mock: true,
      apiKey: undefined,
      isRevoked: () => {
        throw new Error('revocation store down');
      },
    });
    assert.equal((await call('/applications', withToken(await session()))).status, 503);
  });
});
