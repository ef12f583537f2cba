/**
 * `leap-elements/server/node` inside real Express apps: mounted before or after the usual body parsers, and shut down
 * while a request is in flight.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { createLeapHandler } from '../../src/server/index.js';
import { listen, nodeFetch, toNodeListener } from '../../src/server/node.js';
import { BEND, startMock, TEST_API_KEY, TEST_SECRET } from './support.js';

const LOOKUP = { address: BEND, building_type: 'RESIDENTIAL', device_ids: [123] };

/** An Express app with `parsers` mounted before the backend at /api/leap, listening on a free port. */
async function expressApp(parsers: express.RequestHandler[]) {
  const logs: string[] = [];
  const logger = (level: string, message: string) => logs.push(`${level} ${message}`);
  const app = express();
  for (const parser of parsers) app.use(parser);
  app.use(
    '/api/leap',
    toNodeListener(createLeapHandler({ mock: true, sessionSecret: TEST_SECRET, logger }), { logger }),
  );
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  after(() => new Promise<void>((done) => server.close(() => done())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/leap`;
  const token = ((await (await fetch(`${base}/session`, { method: 'POST' })).json()) as { token: string }).token;
  const lookup = (body: string, contentType = 'application/json') =>
    fetch(`${base}/incentives`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body,
    });
  return { logs, lookup };
}

describe('toNodeListener in Express', () => {
  it('mounted before any body parser: a lookup answers', async () => {
    const { lookup } = await expressApp([]);
    const answer = await lookup(JSON.stringify(LOOKUP));
    assert.equal(answer.status, 200);
    assert.equal(
      ((await answer.json()) as { incentives: { total_incentive_amount: number } }).incentives.total_incentive_amount,
      750,
    );
  });

  it('after express.json(): uses the body it parsed, and still names bad fields', async () => {
    const { lookup, logs } = await expressApp([express.json()]);
    const answer = await lookup(JSON.stringify(LOOKUP));
    assert.equal(answer.status, 200);
    const invalid = await lookup(JSON.stringify({ ...LOOKUP, building_type: 'CASTLE' }));
    assert.equal(invalid.status, 400);
    assert.ok('building_type' in ((await invalid.json()) as { details: { fields: object } }).details.fields);
    assert.deepEqual(
      logs.filter((line) => line.startsWith('error')),
      [],
    );
  });

  it('after express.text() and express.raw() for JSON: uses the text or bytes they read', async () => {
    for (const parser of [express.text({ type: 'application/json' }), express.raw({ type: 'application/json' })]) {
      const { lookup } = await expressApp([parser]);
      assert.equal((await lookup(JSON.stringify(LOOKUP))).status, 200);
    }
  });

  it('after a parser whose result cannot be turned back into the body: 500 and one log line saying what to move', async () => {
    const { lookup, logs } = await expressApp([express.urlencoded({ extended: false })]);
    const answer = await lookup('address=1', 'application/x-www-form-urlencoded');
    assert.equal(answer.status, 500);
    assert.deepEqual(await answer.json(), { title: 'Internal error', status: 500, details: {} });
    const errors = logs.filter((line) => line.startsWith('error'));
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /mount leap-elements before express\.json\(\)/);
  });
});

describe('listen', () => {
  it('close(grace) lets a request in flight finish and refuses new connections', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived!: () => void;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    const server = await listen(async () => {
      arrived();
      await held;
      return new Response('done');
    });
    const inFlight = fetch(server.url);
    await arrival;
    const closed = server.close(5_000);
    release();
    assert.equal(await (await inFlight).text(), 'done');
    await closed;
    await assert.rejects(fetch(server.url), TypeError);
  });
});

describe('the transport to Leap of a backend served on Node', () => {
  /**
   * Which client called the mock for a lookup. The runtime's fetch adds the fetch standard's request headers
   * (`sec-fetch-mode`, `accept-language`); the pooled transport sends only the backend's own.
   */
  async function clientOfLookup(serve: 'listen' | 'express' | 'in-process', fetchOption?: typeof fetch) {
    const mock = await startMock();
    const handler = createLeapHandler({
      apiKey: TEST_API_KEY,
      incentivesBaseUrl: `${mock.url}/alpha`,
      platformBaseUrl: mock.url,
      sessionSecret: TEST_SECRET,
      rateLimit: false,
      logger: () => {},
      ...(fetchOption ? { fetch: fetchOption } : {}),
    });
    let call: (path: string, init?: RequestInit) => Promise<Response>;
    if (serve === 'in-process') {
      call = (path, init) => handler(new Request(`http://shop.test/api/leap${path}`, init));
    } else if (serve === 'listen') {
      const server = await listen(handler);
      after(() => server.close());
      call = (path, init) => fetch(`${server.url}/api/leap${path}`, init);
    } else {
      const app = express();
      app.use('/api/leap', toNodeListener(handler));
      const server = await new Promise<Server>((resolve) => {
        const s = app.listen(0, '127.0.0.1', () => resolve(s));
      });
      after(() => new Promise<void>((done) => server.close(() => done())));
      call = (path, init) => fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/leap${path}`, init);
    }
    const { token } = (await (await call('/session', { method: 'POST' })).json()) as { token: string };
    const answer = await call('/incentives', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(LOOKUP),
    });
    assert.equal(answer.status, 200);
    const lookup = mock.seen.find((request) => request.path === '/alpha/incentives');
    assert.ok(lookup, 'the mock was called');
    return lookup.headers.has('sec-fetch-mode') ? 'runtime fetch' : 'pooled';
  }

  it('listen and toNodeListener call Leap over the pooled connections when createLeapHandler had no fetch', async () => {
    assert.equal(await clientOfLookup('listen'), 'pooled');
    assert.equal(await clientOfLookup('express'), 'pooled');
  });

  it('a fetch given to createLeapHandler is kept, and nodeFetch is the pooled transport', async () => {
    assert.equal(await clientOfLookup('listen', fetch), 'runtime fetch');
    assert.equal(await clientOfLookup('express', fetch), 'runtime fetch');
    assert.equal(await clientOfLookup('in-process', nodeFetch), 'pooled');
  });

  it('called as a fetch handler (Workers, Next.js), the backend uses the runtime fetch', async () => {
    assert.equal(await clientOfLookup('in-process'), 'runtime fetch');
  });
});
