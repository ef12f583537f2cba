/** RedisRateLimitStore without a redis-server: the clients it refuses, and how it warns and recovers, on a fake clock. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RedisRateLimitStore } from '../../src/server/index.js';
import { recorder } from '../support/redis-clients.js';

describe('RedisRateLimitStore without a server', () => {
  it('refuses a client it cannot drive', () => {
    assert.throws(
      () => new RedisRateLimitStore({ client: {} as never }),
      /client must be a node-redis client .* or an ioredis client/,
    );
  });

  it('warns at most once a minute, masks credentials, and announces the recovery once', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: 1_000_000 });
    let down = true;
    const client = {
      sendCommand: async () => {
        if (down) throw new Error('connect ECONNREFUSED redis://default:hunter2@10.0.0.5:6379');
        return [1, 60_000];
      },
    };
    const log = recorder();
    const store = new RedisRateLimitStore({ client, logger: log.logger });

    // Redis down: the instance's own count decides, never 0.
    assert.deepEqual(await store.hit('k', 60_000), { count: 1, resetAt: 1_000_000 + 60_000 });
    assert.equal((await store.hit('k', 60_000)).count, 2);
    t.mock.timers.tick(59_999);
    await store.hit('k', 60_000);
    assert.equal(log.lines.length, 1);
    t.mock.timers.tick(1);
    await store.hit('k', 60_000);
    down = false;
    // Redis back, with a lower count (1) than this instance's new window has seen (2): the higher one decides.
    assert.equal((await store.hit('k', 60_000)).count, 2);
    await store.hit('k', 60_000);

    assert.deepEqual(log.lines, [
      'warn Redis rate-limit store unavailable, counting on this instance alone: connect ECONNREFUSED redis://***@10.0.0.5:6379',
      'warn Redis rate-limit store unavailable, counting on this instance alone: connect ECONNREFUSED redis://***@10.0.0.5:6379 (2 more failures since the last warning)',
      'info Redis rate-limit store reachable again',
    ]);
  });
});
