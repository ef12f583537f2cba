/**
 * Reliability under attack, counted: a hostile upstream that echoes the key, redirects and floods; forged client
 * addresses; distinct clients by the thousand; refused origins. Each figure is what was tried and what got through.
 */
import { createLeapHandler, MemoryRateLimitStore, type LeapHandlerOptions } from '../../src/server/index.js';
import { listen } from '../../src/server/node.js';
import type { BenchOptions, Row, SectionReport } from './stats.js';

const KEY = 'leap_live_BENCH_HOSTILE_KEY_0123456789';
const SECRET = 'Rz8nV2qLw5KbT0xHc7YpDf3MjGs9UaE1oQ4iN6vBy+kX/lZm';
const LOOKUP = JSON.stringify({
  address: {
    street_1: '456 Main St',
    city: 'Bend',
    state_or_province_code: 'OR',
    postal_code: '97701',
    country_code: 'US',
  },
  building_type: 'RESIDENTIAL',
  device_ids: [123],
});

/** Upstream answers that echo the key in every place Leap's error bodies have, and statuses the page cannot use. */
const HOSTILE_ANSWERS: Array<() => Response> = [
  ...[400, 404, 409, 422, 429].flatMap((status) => [
    () => Response.json({ error: KEY, message: `key ${KEY}`, requestId: `req-${KEY}` }, { status }),
    () =>
      Response.json(
        { title: KEY, status, details: { fields: { street_1: KEY }, api_key: KEY, nested: [{ KEY }] } },
        { status },
      ),
    () => new Response(`x-api-key: ${KEY}`, { status }),
  ]),
  ...[301, 302, 307, 402, 418, 451].map(
    (status) => () => new Response(KEY, { status, headers: { location: '/elsewhere' } }),
  ),
  () => Response.json({ incentives: { total_incentive_amount: 0, by_program: [] }, echo: { 'x-api-key': KEY } }),
];

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

function heapAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

export async function runReliability({ log }: BenchOptions): Promise<SectionReport> {
  const rows: Row[] = [];
  const logs: string[] = [];
  const options = (extra: Partial<LeapHandlerOptions>): LeapHandlerOptions => ({
    apiKey: KEY,
    sessionSecret: SECRET,
    upstreamRetries: 0,
    logger: (level, message, fields) => logs.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`),
    ...extra,
  });

  log('reliability: a hostile upstream');
  let answer = HOSTILE_ANSWERS[0]!;
  const upstream = await listen(() => answer());
  const handler = createLeapHandler(
    options({ rateLimit: false, incentivesBaseUrl: `${upstream.url}/alpha`, platformBaseUrl: upstream.url }),
  );
  const call = (path: string, init: RequestInit = {}) => handler(new Request(`http://shop.test/api/leap${path}`, init));
  const { token } = (await (await call('/session', { method: 'POST' })).json()) as { token: string };
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  let tried = 0;
  let leaked = 0;
  for (const hostile of HOSTILE_ANSWERS) {
    answer = hostile;
    for (const [path, init] of [
      ['/incentives', { method: 'POST', headers: auth, body: LOOKUP }],
      ['/applications', { headers: auth }],
      ['/applications/123', { headers: auth }],
      ['/meters/3fa85f64-5717-4562-b3fc-2c963f66afa6/enrollment', { headers: auth }],
    ] as const) {
      const response = await call(path, init);
      const text = `${await response.text()} ${[...response.headers.values()].join(' ')}`;
      tried += 1;
      if (text.includes(KEY)) leaked += 1;
    }
  }
  const leakedInLogs = logs.filter((line) => line.includes(KEY)).length;
  await upstream.close();
  rows.push({
    section: 'Reliability',
    figure:
      'Hostile upstream: answers echoing the key (4xx bodies, plain text, a 200), redirects and odd statuses, on every route',
    measured: `${tried} answers, ${leaked} carried the key; ${logs.length} log lines, ${leakedInLogs} carried it`,
    target: '0 leaks',
    verdict: leaked + leakedInLogs === 0 ? 'pass' : 'fail',
  });

  log('reliability: forged X-Forwarded-For');
  const store = new MemoryRateLimitStore();
  const spoofed = createLeapHandler(
    options({
      mock: true,
      apiKey: undefined,
      trustProxy: true,
      rateLimit: { ip: { limit: 120, windowSeconds: 60 }, token: false, store },
    }),
  );
  let admitted = 0;
  for (let i = 0; i < 300; i += 1) {
    const response = await spoofed(
      new Request('http://shop.test/api/leap/session', {
        method: 'POST',
        headers: { 'x-forwarded-for': `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}, 203.0.113.7` },
      }),
    );
    if (response.status === 200) admitted += 1;
    await response.arrayBuffer();
  }
  const before = heapAfterGc();
  const wide = createLeapHandler(
    options({
      mock: true,
      apiKey: undefined,
      trustProxy: true,
      rateLimit: { ip: { limit: 1e9, windowSeconds: 60 }, token: false, store },
    }),
  );
  for (let i = 0; i < 19_000; i += 1) {
    const header = `${`${i}`.padEnd(8192, 'x')}, 198.51.${(i >> 8) & 255}.${i & 255}`;
    await (
      await wide(new Request('http://shop.test/api/leap/openapi.json', { headers: { 'x-forwarded-for': header } }))
    ).arrayBuffer();
  }
  const grown = heapAfterGc() - before;
  rows.push({
    section: 'Reliability',
    figure:
      'Forged X-Forwarded-For: 300 requests rotating the first hop (limit 120/min), then 19,000 distinct 8 KB headers',
    measured: `${admitted} of 300 admitted; heap +${mb(grown)}, ${store.size} clients tracked`,
    target: '120 admitted; heap < 10 MB',
    verdict: admitted === 120 && grown < 10 * 1048576 ? 'pass' : 'fail',
  });

  log('reliability: 20,000 distinct clients');
  const bounded = new MemoryRateLimitStore();
  const start = heapAfterGc();
  for (let i = 0; i < 20_000; i += 1) await bounded.hit(`ip:client-${i}-${'k'.repeat(100)}`, 60_000);
  const storeGrowth = heapAfterGc() - start;
  rows.push({
    section: 'Reliability',
    figure: 'Memory rate-limit store: 20,000 distinct clients with 110-character keys',
    measured: `${bounded.size} kept, heap +${mb(storeGrowth)}`,
    target: '≤ 10,000 kept; < 10 MB',
    verdict: bounded.size <= 10_000 && storeGrowth < 10 * 1048576 ? 'pass' : 'fail',
  });

  log('reliability: a refused origin flooding');
  logs.length = 0;
  const guarded = createLeapHandler(
    options({
      mock: true,
      apiKey: undefined,
      clientIp: () => '203.0.113.9',
      rateLimit: { ip: { limit: 120, windowSeconds: 60 }, token: false },
    }),
  );
  let limited = 0;
  for (let i = 0; i < 300; i += 1) {
    const response = await guarded(
      new Request('http://shop.test/api/leap/session', {
        method: i % 2 ? 'POST' : 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      }),
    );
    if (response.status === 429) limited += 1;
  }
  const refusalLines = logs.filter((line) => line.includes('origin that is not allowed')).length;
  rows.push({
    section: 'Reliability',
    figure: 'A refused origin: 300 requests (half preflights) from one address, limit 120/min',
    measured: `${limited} answered 429, ${refusalLines} log line`,
    target: '180 limited; 1 line a minute',
    verdict: limited === 180 && refusalLines === 1 ? 'pass' : 'fail',
  });

  return {
    rows,
    notes: [
      'Reliability: the partner backend in-process, in front of an upstream on a loopback socket that answers as the ' +
        'rows say. A key "leak" is any occurrence of the API key in an answer body, a header or a log line. Heap ' +
        'figures are `heapUsed` after `global.gc()`, before and after. The same attacks are the fault suite in ' +
        '`test/node/hostile.test.ts`.',
    ],
  };
}
