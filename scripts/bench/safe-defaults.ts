/**
 * Safe by default, counted: requests served against a limit while Redis is up, hangs or is gone; and the mistakes and
 * attacks of a partner's deployment (guessable secrets, reference ids Leap would refuse, webhook poison), each with
 * how many got through.
 */
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { createLeapHandler, RedisRateLimitStore } from '../../src/server/index.js';
import { listen } from '../../src/server/node.js';
import { secretWeakness } from '../../src/server/secret-strength.js';
import { startRedis } from '../../test/support/redis.mjs';
import type { BenchOptions, Row, SectionReport } from './stats.js';

const SECRET = 'Rz8nV2qLw5KbT0xHc7YpDf3MjGs9UaE1oQ4iN6vBy+kX/lZm';
const PARTNER_SECRET = 'mFqZkLEBryVBAHaCgbcoD7XdDxXjWjltwVu1Z37rXkH5mMlQ';
const LIMIT = 50;

/** 400 sessions asked for by 200 clients at once, 2 each, against 50 a minute: how many were served. */
async function burst(store: RedisRateLimitStore): Promise<number> {
  const server = await listen(
    createLeapHandler({
      mock: true,
      sessionSecret: SECRET,
      rateLimit: { ip: { limit: LIMIT, windowSeconds: 60 }, token: false, store },
      logger: () => {},
    }),
  );
  let served = 0;
  await Promise.all(
    Array.from({ length: 200 }, async () => {
      for (let i = 0; i < 2; i += 1) {
        const response = await fetch(`${server.url}/api/leap/session`, { method: 'POST' });
        await response.arrayBuffer();
        if (response.status === 200) served += 1;
      }
    }),
  );
  await server.close();
  return served;
}

async function redisLimiter(log: BenchOptions['log']): Promise<Row[]> {
  const redis = await startRedis({ log });
  const client = createClient({ url: redis.url, disableOfflineQueue: true, socket: { reconnectStrategy: () => 100 } });
  client.on('error', () => {});
  await client.connect();
  const store = (prefix: string) => new RedisRateLimitStore({ client, prefix, logger: () => {} });
  const served: Record<string, number> = {};
  try {
    log('reliability: Redis limiter, Redis up');
    served.up = await burst(store('up:'));
    log('reliability: Redis limiter, Redis hanging');
    redis.pause();
    served.hanging = await burst(store('hanging:'));
    redis.resume();
    log('reliability: Redis limiter, Redis down');
    await redis.stop();
    served.down = await burst(store('down:'));
  } finally {
    client.destroy();
    await redis.stop();
  }
  return Object.entries(served).map(([state, count]) => ({
    section: 'Reliability',
    figure: `Shared rate limit, Redis ${state}: 400 requests, 200 at a time, against ${LIMIT}/min on one instance`,
    measured: `${count} served`,
    target: '≤ 60 served',
    verdict: count <= 60 ? 'pass' : 'fail',
  }));
}

async function attacks(): Promise<Row[]> {
  const weak = [
    'a'.repeat(32),
    'password'.repeat(4),
    'abcd'.repeat(8),
    'my-super-secret-session-key-2024!',
    'x'.repeat(31),
  ];
  let weakAccepted = 0;
  for (const secret of weak) {
    for (const option of ['sessionSecret', 'partnerSecret', 'webhookSecret'] as const) {
      try {
        createLeapHandler({ mock: true, sessionSecret: SECRET, logger: () => {}, [option]: secret });
        weakAccepted += 1;
      } catch {
        // refused, as it should be
      }
    }
  }
  let randomRefused = 0;
  const randomTried = 10_000;
  for (let i = 0; i < randomTried; i += 1) {
    // 32 characters or more: hex of 16 bytes and up, base64 of 24 bytes and up.
    const hex = i % 2 === 1;
    const bytes = (hex ? 16 : 24) + (i % 41);
    if (secretWeakness(randomBytes(bytes).toString(hex ? 'hex' : 'base64')) !== null) randomRefused += 1;
  }

  const handler = createLeapHandler({
    mock: true,
    sessionSecret: SECRET,
    partnerSecret: PARTNER_SECRET,
    webhookSecret: SECRET,
    onWebhook: () => {},
    logger: () => {},
  });
  const ids = [
    'ab',
    'a/b?c#d',
    ' abc',
    'abc ',
    'ab\u0000c',
    'ab\u202ecd',
    'x'.repeat(256),
    'cus{1}',
    'a|b|c',
    '%00%00',
  ];
  let sessionsIssued = 0;
  for (const id of ids) {
    const answer = await handler(
      new Request('http://shop.test/api/leap/session', {
        method: 'POST',
        headers: { authorization: `Bearer ${PARTNER_SECRET}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reference_id: id }),
      }),
    );
    if (answer.status === 200) sessionsIssued += 1;
  }

  const poison = [
    ...['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'].map((type) =>
      JSON.stringify({ webhook_event_id: `evt-${type}`, payload: { webhook_event_type: type } }),
    ),
    ...[65, 1_000, 20_000, 100_000].map(
      (depth) =>
        `{"webhook_event_id":"deep","payload":{"webhook_event_type":"x","d":${'['.repeat(depth)}${']'.repeat(depth)}}}`,
    ),
    'not json',
  ];
  let serverErrors = 0;
  for (const body of poison) {
    const answer = await handler(
      new Request('http://shop.test/api/leap/webhooks/leap', {
        method: 'POST',
        headers: { 'x-leap-webhook-secret': SECRET, 'content-type': 'application/json' },
        body,
      }),
    );
    if (answer.status >= 500) serverErrors += 1;
  }
  return [
    {
      section: 'Reliability',
      figure: `Guessable secrets (${weak.length} kinds, each as the session, partner and webhook secret)`,
      measured: `${weak.length * 3} tried, ${weakAccepted} accepted; ${randomTried} random secrets (hex of 16 to 56 bytes, base64 of 24 to 64): ${randomRefused} refused`,
      target: '0 accepted; 0 random refused',
      verdict: weakAccepted === 0 && randomRefused === 0 ? 'pass' : 'fail',
    },
    {
      section: 'Reliability',
      figure:
        'Reference ids Leap would refuse, named by the partner server (short, reserved characters, spaces, controls)',
      measured: `${ids.length} tried, ${sessionsIssued} sessions issued`,
      target: '0 issued',
      verdict: sessionsIssued === 0 ? 'pass' : 'fail',
    },
    {
      section: 'Reliability',
      figure: 'Webhook poison: event types named after Object members, bodies nested 65 to 100,000 deep, not JSON',
      measured: `${poison.length} tried, ${serverErrors} answered 5xx`,
      target: '0 (a 5xx would be delivered again for ever)',
      verdict: serverErrors === 0 ? 'pass' : 'fail',
    },
  ];
}

export async function runSafeDefaults({ log }: BenchOptions): Promise<SectionReport> {
  const rows = [...(await redisLimiter(log)), ...(await attacks())];
  return {
    rows,
    notes: [
      'Safe defaults: the limiter rows start a private redis-server and one backend instance with a per-IP limit of 50 ' +
        'a minute, then send 400 session requests from 200 concurrent clients; "hanging" freezes Redis (SIGSTOP) so ' +
        'every check waits out its 250 ms timeout, "down" stops it. The attack rows run the backend in-process. The ' +
        'same cases are in `test/node/safe-defaults.test.ts` and `test/node/redis-store.test.ts`.',
    ],
  };
}
