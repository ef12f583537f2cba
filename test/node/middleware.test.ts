/** The backend's own middleware plumbing: one step running several middleware, and a request's origin read as text. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Hono, type MiddlewareHandler } from 'hono';
import { createLeapHandler } from '../../src/server/index.js';
import { chain } from '../../src/server/middleware/chain.js';
import { originOf } from '../../src/server/middleware/origin.js';
import { BEND, TEST_SECRET } from './support.js';

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

describe('the headers every answer carries', () => {
  const PAGE = 'https://shop.example.com';
  const handler = createLeapHandler({
    mock: true,
    sessionSecret: TEST_SECRET,
    allowedOrigins: [PAGE],
    rateLimit: { ip: false, token: { limit: 4, windowSeconds: 60 } },
    webhookSecret: 'NfAD+qxdE2y2BjQw6hhDKOVROJ8lfsQX+fhkds9vxju8ucHZ',
    onWebhook: () => {},
    logger: () => {},
  });
  const call = (path: string, init: RequestInit = {}) =>
    handler(
      new Request(`http://backend.test/api/leap${path}`, {
        ...init,
        headers: { origin: PAGE, ...(init.headers as Record<string, string>) },
      }),
    );

  it('whichever way the answer was built: no-store, nosniff, and the allowed origin’s grant', async () => {
    const session = await call('/session', { method: 'POST' });
    const { token } = (await session.clone().json()) as { token: string };
    const withToken = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const lookup = JSON.stringify({ address: BEND, building_type: 'RESIDENTIAL', device_ids: [123] });
    const answers: Array<[string, Response, Record<string, RegExp>]> = [
      ['a session (c.json)', session, {}],
      [
        'a lookup passed on as sent',
        await call('/incentives', { method: 'POST', headers: withToken, body: lookup }),
        {},
      ],
      ['a refused body', await call('/incentives', { method: 'POST', headers: withToken, body: '{"x":1}' }), {}],
      ['no token', await call('/incentives', { method: 'POST', body: lookup }), { 'www-authenticate': /Bearer/ }],
      ['an unknown route', await call('/nope'), {}],
      ['a wrong method', await call('/incentives'), { allow: /POST/ }],
      ['the contract (c.body)', await call('/openapi.json'), {}],
    ];
    for (let i = 0; i < 4; i += 1) await call('/applications', { headers: withToken });
    answers.push(['rate limited', await call('/applications', { headers: withToken }), { 'retry-after': /^\d+$/ }]);
    assert.deepEqual(
      answers.map(([, response]) => response.status),
      [200, 200, 400, 401, 404, 405, 200, 429],
    );
    for (const [what, response, own] of answers) {
      assert.equal(response.headers.get('cache-control'), 'no-store', what);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', what);
      assert.equal(response.headers.get('access-control-allow-origin'), PAGE, what);
      assert.equal(response.headers.get('access-control-allow-credentials'), 'true', what);
      assert.match(response.headers.get('vary') ?? '', /Origin/, what);
      for (const [name, value] of Object.entries(own)) assert.match(response.headers.get(name) ?? '', value, what);
    }
  });

  it('a preflight gets its own grant; the webhook route, none', async () => {
    const preflight = await call('/incentives', {
      method: 'OPTIONS',
      headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), PAGE);
    assert.equal(preflight.headers.get('cache-control'), 'no-store');
    const webhook = await call('/webhooks/leap', { method: 'POST', body: '{}' });
    assert.equal(webhook.status, 403);
    assert.equal(webhook.headers.get('access-control-allow-origin'), null);
    assert.equal(webhook.headers.get('access-control-allow-credentials'), null);
    assert.equal(webhook.headers.get('cache-control'), 'no-store');
  });
});
