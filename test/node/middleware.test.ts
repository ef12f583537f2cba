/** The backend's own middleware plumbing: one step running several middleware, and a request's origin read as text. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Hono, type MiddlewareHandler } from 'hono';
import { chain } from '../../src/server/middleware/chain.js';
import { originOf } from '../../src/server/middleware/origin.js';

describe('chain', () => {
  const app = (...steps: MiddlewareHandler[]) => {
    const hono = new Hono();
    hono.get('/x', chain(...steps), (c) => c.text('route'));
    return (path = '/x') => hono.fetch(new Request(`http://shop.test${path}`));
  };
  const log: string[] = [];
  const awaits =
    (name: string): MiddlewareHandler =>
    async (_c, next) => {
      log.push(name);
      await next();
    };
  const returns =
    (name: string): MiddlewareHandler =>
    (_c, next) => {
      log.push(name);
      return next();
    };
  const answers =
    (name: string): MiddlewareHandler =>
    (c) => {
      log.push(name);
      return Promise.resolve(c.text(name, 403));
    };

  it('runs the steps in order, then the route', async () => {
    log.length = 0;
    const response = await app(awaits('a'), returns('b'), awaits('c'))();
    assert.equal(await response.text(), 'route');
    assert.deepEqual(log, ['a', 'b', 'c']);
  });

  it('an answer from a later step is the answer, whether the earlier ones await next() or return it', async () => {
    for (const first of [awaits, returns]) {
      log.length = 0;
      const response = await app(first('a'), answers('refused'), awaits('never'))();
      assert.equal(response.status, 403);
      assert.equal(await response.text(), 'refused');
      assert.deepEqual(log, ['a', 'refused']);
    }
  });
});

describe('originOf', () => {
  it('is the URL parser’s origin for any URL a request can carry', () => {
    const host = fc.oneof(
      fc.domain(),
      fc.ipV4(),
      fc.ipV6().map((ip) => `[${ip}]`),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('http', 'https'),
        host,
        fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
        fc.webPath(),
        fc.option(fc.webQueryParameters(), { nil: undefined }),
        (scheme, h, port, path, query) => {
          const url = new Request(`${scheme}://${h}${port ? `:${port}` : ''}${path}${query ? `?${query}` : ''}`).url;
          assert.equal(originOf(url), new URL(url).origin);
        },
      ),
    );
  });
});
