/**
 * Fault suite, hostile clients: forged `X-Forwarded-For`, rotating addresses, no socket to key on, refused origins,
 * and the rate-limit memory all of them must not grow past its bound.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryRateLimitStore } from '../../src/server/index.js';
import { ipKey } from '../../src/server/client-ip.js';
import { backend, collectGarbage, withToken } from '../support/hostile-backend.js';

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
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 19_000; i += 1) {
      const padding = `${i}`.padEnd(8 * 1024, 'x');
      const answer = await call('/openapi.json', {
        headers: { 'x-forwarded-for': `${padding}, 198.51.${(i >> 8) & 255}.${i & 255}` },
      });
      await answer.arrayBuffer();
    }
    collectGarbage();
    const grown = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
    assert.ok(store.size <= 10_000, `store size ${store.size}`);
    assert.ok(grown < 10, `heap grew ${grown.toFixed(1)} MB`);
  });
});

describe('fault suite: bounded rate-limit memory', () => {
  it('the memory store keeps at most 10,000 keys, the least recently used evicted, and stays under 10 MB for 20,000 clients', async () => {
    const store = new MemoryRateLimitStore();
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    await store.hit('ip:keep-me', 60_000);
    for (let i = 0; i < 20_000; i += 1) {
      await store.hit(`ip:198.51.${i >> 8}.${i & 255}-${'k'.repeat(200)}`, 60_000);
      if (i % 1000 === 0) await store.hit('ip:keep-me', 60_000);
    }
    collectGarbage();
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
