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
import { listen, toNodeListener } from '../../src/server/node.js';
import { BEND, TEST_SECRET } from './support.js';

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
