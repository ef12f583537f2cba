/**
 * RedisRateLimitStore against a real redis-server started for this file: both client libraries, atomic counting, the
 * script cache, long keys, two backend processes sharing one limit, and serving requests while Redis is away.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { createLeapHandler, RedisRateLimitStore } from '../../src/server/index.js';
import { listen } from '../../src/server/node.js';
import {
  applications,
  guestSession,
  ioRedisClient,
  nodeRedisClient,
  range,
  reconnectStrategy,
  recorder,
  until,
} from '../support/redis-clients.js';
import { TEST_SECRET } from './support.js';

import { startRedis } from '../support/redis.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/redis-backend.ts', import.meta.url));

const redis = await startRedis();

const nodeRedis = await nodeRedisClient(redis.url);
const ioRedis = await ioRedisClient(redis.url);
// The test's own view of Redis; it queues while disconnected, so it simply waits out a restart.
const admin = createClient({ url: redis.url, socket: { reconnectStrategy } });
admin.on('error', () => {});
await admin.connect();
const clients = { 'node-redis': nodeRedis, ioredis: ioRedis };

after(async () => {
  nodeRedis.destroy();
  ioRedis.disconnect();
  admin.destroy();
  await redis.stop();
});

describe('RedisRateLimitStore', () => {
  for (const library of ['node-redis', 'ioredis'] as const) {
    it(`${library}: counts 1..N in a window about windowMs long, then starts a new window`, async () => {
      const log = recorder();
      const prefix = `window:${library}:`;
      const store = new RedisRateLimitStore({ client: clients[library], prefix, timeoutMs: 5000, logger: log.logger });
      const windowMs = 400;
      // Bounds from the clock around each call, never a tolerance: the window ends windowMs after Redis saw the
      // first hit, which happened after `started`; each resetAt is read after its own answer.
      const started = Date.now();
      const hits = [];
      for (let i = 0; i < 5; i += 1) {
        const hit = await store.hit('caller', windowMs);
        hits.push({ ...hit, answeredAt: Date.now() });
      }

      assert.deepEqual(
        hits.map((hit) => hit.count),
        [1, 2, 3, 4, 5],
        'one window: every hit counted in it',
      );
      for (const hit of hits) {
        assert.ok(hit.resetAt >= started + windowMs - 1 && hit.resetAt <= hit.answeredAt + windowMs, `${hit.resetAt}`);
      }
      assert.equal(await admin.get(`${prefix}caller`), '5', 'the key is the prefix plus the caller key');

      await until(
        () => admin.pTTL(`${prefix}caller`),
        (pttl) => pttl === -2,
        'the window to expire',
      );
      const before = Date.now();
      const fresh = await store.hit('caller', windowMs);
      assert.equal(fresh.count, 1);
      assert.ok(fresh.resetAt >= before + windowMs - 1, 'the new window runs a full windowMs');
      assert.deepEqual(log.lines, []);
    });
  }

  it('gives a counter left without an expiry a window again, instead of limiting that caller forever', async () => {
    const store = new RedisRateLimitStore({ client: nodeRedis, prefix: 'no-ttl:', timeoutMs: 5000 });
    await admin.set('no-ttl:caller', '41');
    const before = Date.now();
    const hit = await store.hit('caller', 60_000);
    const after = Date.now();
    assert.equal(hit.count, 42);
    const pttl = await admin.pTTL('no-ttl:caller');
    assert.ok(pttl > 0 && pttl <= 60_000, `PTTL ${pttl}`);
    assert.ok(hit.resetAt >= before + 60_000 - 1 && hit.resetAt <= after + 60_000, `${hit.resetAt}`);
  });

  it('is atomic: 200 concurrent hits through both libraries get every count from 1 to 200 once', async () => {
    const options = { prefix: 'burst:', timeoutMs: 5000 };
    const viaNodeRedis = new RedisRateLimitStore({ client: nodeRedis, ...options });
    const viaIoRedis = new RedisRateLimitStore({ client: ioRedis, ...options });
    const hits = await Promise.all(
      range(1, 200).map((i) => (i % 2 ? viaNodeRedis : viaIoRedis).hit('one-key', 60_000)),
    );
    assert.deepEqual(
      hits.map((hit) => hit.count).sort((a, b) => a - b),
      range(1, 200),
    );
    assert.equal(await admin.get('burst:one-key'), '200');
  });

  for (const library of ['node-redis', 'ioredis'] as const) {
    it(`${library}: sends EVALSHA, and EVAL once when Redis lost the script (SCRIPT FLUSH)`, async () => {
      const sent: string[] = [];
      const client =
        library === 'node-redis'
          ? {
              sendCommand: (args: string[]) => {
                sent.push(args[0]!);
                return nodeRedis.sendCommand(args);
              },
            }
          : {
              call: (command: string, ...args: string[]) => {
                sent.push(command);
                return ioRedis.call(command, ...args);
              },
            };
      const store = new RedisRateLimitStore({ client, prefix: `script:${library}:`, timeoutMs: 5000 });
      const counts: number[] = [];
      await admin.scriptFlush();
      counts.push((await store.hit('k', 60_000)).count, (await store.hit('k', 60_000)).count);
      await admin.scriptFlush();
      counts.push((await store.hit('k', 60_000)).count, (await store.hit('k', 60_000)).count);

      assert.deepEqual(counts, [1, 2, 3, 4]);
      assert.deepEqual(sent, ['EVALSHA', 'EVAL', 'EVALSHA', 'EVALSHA', 'EVAL', 'EVALSHA']);
    });
  }

  it('hashes keys longer than 200 characters, so Redis keys stay short', async () => {
    const prefix = 'long:';
    const store = new RedisRateLimitStore({ client: nodeRedis, prefix, timeoutMs: 5000 });
    const long = 'x'.repeat(10_000);
    const atLimit = 'k'.repeat(200);
    assert.equal((await store.hit(long, 60_000)).count, 1);
    assert.equal((await store.hit(long, 60_000)).count, 2, 'the same long key maps to the same counter');
    assert.equal((await store.hit(`${long.slice(0, -1)}y`, 60_000)).count, 1, 'not truncated: the last byte counts');
    assert.equal((await store.hit(atLimit, 60_000)).count, 1);

    const keys = await admin.keys(`${prefix}*`);
    assert.equal(keys.length, 3);
    assert.ok(keys.includes(prefix + atLimit), 'keys up to 200 characters are used as they are');
    for (const key of keys) assert.ok(key.length <= prefix.length + 200, `${key.length} characters`);
  });

  it('two backend processes share one limit', async () => {
    const prefix = 'shared:';
    const start = async (library: 'node-redis' | 'ioredis') => {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        REDIS_URL: redis.url,
        REDIS_CLIENT: library,
        REDIS_PREFIX: prefix,
        SESSION_SECRET: TEST_SECRET,
      };
      delete env.NODE_TEST_CONTEXT;
      const child = spawn(process.execPath, ['--import', 'tsx', fixture], { cwd: root, env });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const exited = once(child, 'exit');
      after(async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        await exited;
      });
      const [line] = (await Promise.race([
        once(createInterface({ input: child.stdout }), 'line'),
        exited.then(([code]) => Promise.reject(new Error(`${library} backend exited with ${code}:\n${stderr}`))),
      ])) as [string];
      return `${(JSON.parse(line) as { url: string }).url}/api/leap`;
    };
    // Different libraries on purpose: they must agree on the key and the script.
    const [a, b] = await Promise.all([start('node-redis'), start('ioredis')]);
    const { token, reference_id } = await guestSession(a);

    const served = [];
    for (const base of [a, a, a, b, b, b]) served.push((await applications(base, token)).status);
    assert.deepEqual(served, [200, 200, 200, 200, 200, 200]);

    const seventh = await applications(b, token);
    assert.equal(seventh.status, 429, 'the 7th call is over the limit of 6, counted across both processes');
    const retryAfter = Number(seventh.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.equal((await applications(a, token)).status, 429);
    assert.equal(await admin.get(`${prefix}token:${reference_id}`), '8');
  });

  it('while Redis is down or hangs the instance holds the limit on its own, warns once, and counts in Redis again once it is back', async () => {
    const client = await nodeRedisClient(redis.url);
    after(() => client.destroy());
    // The store's lines apart from the backend's own (which warns, for one, that it answers from the mock).
    const log = recorder();
    const backendLog = recorder();
    const prefix = 'outage:';
    const store = new RedisRateLimitStore({ client, prefix, logger: log.logger });
    const backend = await listen(
      createLeapHandler({
        mock: true,
        sessionSecret: TEST_SECRET,
        rateLimit: { ip: false, token: { limit: 15, windowSeconds: 60 }, store },
        logger: backendLog.logger,
      }),
    );
    after(() => backend.close());
    const base = `${backend.url}/api/leap`;
    const { token, reference_id } = await guestSession(base);
    const key = `${prefix}token:${reference_id}`;

    assert.equal((await applications(base, token)).status, 200);
    assert.equal(await admin.get(key), '1');

    await redis.stop();
    const sequential = [];
    for (let i = 0; i < 10; i += 1) sequential.push((await applications(base, token)).status);
    const concurrent = await Promise.all(range(1, 10).map(async () => (await applications(base, token)).status));
    const statuses = [...sequential, ...concurrent];
    assert.equal(statuses.filter((status) => status === 200).length, 14, 'calls 2 to 15 served, the rest refused');
    assert.equal(statuses.filter((status) => status === 429).length, 6, statuses.join());
    assert.equal(log.at('warn').length, 1, log.lines.join('\n'));
    assert.match(log.at('warn')[0]!, /^warn Redis rate-limit store unavailable, counting on this instance alone: \S/);
    const logged = [...log.lines, ...backendLog.lines];
    assert.ok(!logged.some((line) => line.includes(redis.url)), 'the Redis URL is never logged');

    // Not events.once: it would reject on the connection errors the client reports while Redis is away.
    const ready = new Promise((resolve) => client.once('ready', resolve));
    await redis.restart();
    await ready;
    assert.equal((await applications(base, token)).status, 429, 'still over the limit in this window');
    assert.equal(await admin.exists(key), 1, 'counted in Redis again');
    assert.deepEqual(log.at('info'), ['info Redis rate-limit store reachable again']);

    // A Redis that accepts the connection and never answers: the timeout hands the decision to this instance.
    redis.pause();
    try {
      assert.equal((await store.hit('while-paused', 60_000)).count, 1, 'an unanswered hit is still counted here');
      assert.equal((await store.hit('while-paused', 60_000)).count, 2);
    } finally {
      redis.resume();
    }
    assert.equal(log.at('warn').length, 1, 'still one warning: at most one a minute');
  });

  it('a webhook redelivered to another instance is dropped there: handled ids are shared for 7 days', async () => {
    const webhookSecret = 'kH91+ARP1qap1DQ9sNFlqSW9yWHG0WSSY6NBttbjy7NA92p9';
    const handled: string[] = [];
    const prefix = 'events:';
    const instance = async () => {
      const client = await nodeRedisClient(redis.url);
      after(() => client.destroy());
      const server = await listen(
        createLeapHandler({
          mock: true,
          sessionSecret: TEST_SECRET,
          webhookSecret,
          onWebhook: (event) => void handled.push(event.webhook_event_id),
          // A generous timeout: this test is about sharing, not about a slow Redis (a timed-out check is "not seen").
          rateLimit: { store: new RedisRateLimitStore({ client, prefix, timeoutMs: 30_000 }) },
          logger: () => {},
        }),
      );
      after(() => server.close());
      return async (id: string) => {
        const answer = await fetch(`${server.url}/api/leap/webhooks/leap`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-leap-webhook-secret': webhookSecret },
          body: JSON.stringify({
            webhook_event_id: id,
            payload: { webhook_event_type: 'connect_session.updated', partner_reference: 'c-1', status: 'CREATED' },
          }),
        });
        return (await answer.json()) as { received: boolean; duplicate?: boolean };
      };
    };
    const [a, b] = await Promise.all([instance(), instance()]);
    assert.deepEqual(await a('evt-shared-1'), { received: true });
    assert.deepEqual(await b('evt-shared-1'), { received: true, duplicate: true });
    assert.deepEqual(await b('evt-shared-2'), { received: true });
    assert.deepEqual(await a('evt-shared-2'), { received: true, duplicate: true });
    assert.deepEqual(handled, ['evt-shared-1', 'evt-shared-2']);
    const ttl = Number(await admin.ttl(`${prefix}webhook-event:evt-shared-1`));
    assert.ok(ttl > 6 * 24 * 3600 && ttl <= 7 * 24 * 3600, `remembered for ${ttl} s`);
  });

  for (const redisState of ['up', 'down from the start'] as const) {
    it(`400 requests, 200 at a time, against a limit of 50 a minute on one instance with Redis ${redisState}: at most 50 served`, async () => {
      const client =
        redisState === 'up'
          ? await nodeRedisClient(redis.url)
          : createClient({ url: 'redis://127.0.0.1:9', disableOfflineQueue: true, socket: { reconnectStrategy } });
      if (redisState !== 'up') {
        client.on('error', () => {});
        client.connect().catch(() => {});
      }
      after(() => client.destroy());
      const log = recorder();
      const store = new RedisRateLimitStore({ client, prefix: `burst:${redisState}:`, logger: log.logger });
      const backend = await listen(
        createLeapHandler({
          mock: true,
          sessionSecret: TEST_SECRET,
          rateLimit: { ip: { limit: 50, windowSeconds: 60 }, token: false, store },
          logger: () => {},
        }),
      );
      after(() => backend.close());
      const statuses: number[] = [];
      await Promise.all(
        range(1, 200).map(async () => {
          for (let i = 0; i < 2; i += 1) {
            const response = await fetch(`${backend.url}/api/leap/session`, { method: 'POST' });
            await response.arrayBuffer();
            statuses.push(response.status);
          }
        }),
      );
      const served = statuses.filter((status) => status === 200).length;
      assert.equal(statuses.length, 400);
      assert.equal(served + statuses.filter((status) => status === 429).length, 400, 'served or refused, nothing else');
      assert.ok(served > 0 && served <= 50, `${served} served`);
      if (redisState !== 'up') assert.equal(log.at('warn').length, 1, 'the outage is said once');
    });
  }
});
