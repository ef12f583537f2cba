/**
 * Safe by default: the mistakes a partner can make by accident never serve sample data as a quote, never accept a
 * guessable secret, never trust a reference id Leap would refuse, and never turn a hostile webhook into a 500 that Leap
 * delivers for ever. Each case reproduces an attack on the backend as deployed.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { createLeapHandler, type LeapHandlerOptions } from '../../src/server/index.js';
import { listen } from '../../src/server/node.js';
import { secretWeakness } from '../../src/server/secret-strength.js';
import { forwardWebhooks, MAX_FORWARD_ANSWER_BYTES } from '../../src/cli/webhook-forward.js';
import { BEND, startBackend, startMock, TEST_API_KEY, TEST_SECRET } from './support.js';

const WEBHOOK_SECRET = 'kH91+ARP1qap1DQ9sNFlqSW9yWHG0WSSY6NBttbjy7NA92p9';
const PARTNER_SECRET = 'mFqZkLEBryVBAHaCgbcoD7XdDxXjWjltwVu1Z37rXkH5mMlQ';
const quiet = { logger: () => {} };

describe('the mock, only when asked for', () => {
  it('createLeapHandler with neither apiKey nor mock: true refuses to start, naming both', () => {
    for (const options of [{}, { apiKey: '' }, { mock: false }] as LeapHandlerOptions[]) {
      assert.throws(
        () => createLeapHandler({ ...options, sessionSecret: TEST_SECRET }),
        /apiKey is required \(set LEAP_API_KEY\), or pass mock: true/,
      );
    }
  });

  it('every answer from a mock says so (x-leap-mock: 1, and "mock": true in the session); answers from Leap do not', async () => {
    const mocked = await listen(createLeapHandler({ mock: true, sessionSecret: TEST_SECRET, ...quiet }));
    after(() => mocked.close());
    const base = `${mocked.url}/api/leap`;
    const session = await fetch(`${base}/session`, { method: 'POST' });
    const { token, mock } = (await session.json()) as { token: string; mock?: boolean };
    assert.equal(mock, true);
    const answers = [
      session,
      await fetch(`${base}/incentives`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ address: BEND, building_type: 'RESIDENTIAL', device_id: 123 }),
      }),
      await fetch(`${base}/applications`, { headers: { authorization: `Bearer ${token}` } }),
      await fetch(`${base}/applications`),
      await fetch(`${base}/nowhere`),
      await fetch(`${base}/healthz`),
    ];
    assert.deepEqual(
      answers.map((answer) => [answer.status, answer.headers.get('x-leap-mock')]),
      [
        [200, '1'],
        [200, '1'],
        [200, '1'],
        [401, '1'],
        [404, '1'],
        [200, '1'],
      ],
    );

    const upstream = await startMock();
    const real = await startBackend(upstream.url);
    const realSession = await real.call('/session', { method: 'POST' });
    assert.equal(realSession.headers.get('x-leap-mock'), null);
    assert.equal('mock' in ((await realSession.json()) as object), false);
  });
});

describe('secrets that are not random are refused', () => {
  const weak = ['a'.repeat(32), 'password'.repeat(4), 'abcd'.repeat(8), 'my-super-secret-session-key-2024!', 'short'];
  for (const option of ['sessionSecret', 'partnerSecret', 'webhookSecret'] as const) {
    it(`${option}: refused at construction, saying how to make one, never repeating it`, () => {
      for (const secret of weak) {
        assert.throws(
          () => createLeapHandler({ mock: true, sessionSecret: TEST_SECRET, ...quiet, [option]: secret }),
          (error: Error) =>
            error.message.startsWith(`createLeapHandler: ${option} `) &&
            error.message.includes('openssl rand -base64 48') &&
            !error.message.includes(secret),
        );
      }
    });
  }

  it('random secrets always pass: openssl-style base64 and hex of 24 to 64 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 24, maxLength: 64 }), (bytes) => {
        const buffer = Buffer.from(bytes);
        return secretWeakness(buffer.toString('base64')) === null;
      }),
      { numRuns: 2_000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 64 }), (bytes) => {
        return secretWeakness(Buffer.from(bytes).toString('hex')) === null;
      }),
      { numRuns: 2_000 },
    );
    for (let i = 0; i < 200; i += 1) assert.equal(secretWeakness(randomBytes(48).toString('base64')), null);
  });
});

describe('reference ids are checked against Leap’s rules on every path', () => {
  const invalid = ['ab', 'a/b?c#d', ' abc', 'abc ', 'ab\u0000c', 'ab\u202ecd', 'x'.repeat(256), 'cus{1}'];

  it('a partner server naming an invalid id gets a 400 that says why', async () => {
    const backend = await listen(
      createLeapHandler({ mock: true, sessionSecret: TEST_SECRET, partnerSecret: PARTNER_SECRET, ...quiet }),
    );
    after(() => backend.close());
    const session = (reference_id: string) =>
      fetch(`${backend.url}/api/leap/session`, {
        method: 'POST',
        headers: { authorization: `Bearer ${PARTNER_SECRET}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reference_id }),
      });
    for (const id of invalid) {
      const answer = await session(id);
      assert.equal(answer.status, 400, JSON.stringify(id));
      const body = (await answer.json()) as { details: { fields: { reference_id: string } } };
      assert.match(body.details.fields.reference_id, /^The reference id must/);
    }
    assert.equal(((await (await session('cus_123')).json()) as { reference_id: string }).reference_id, 'cus_123');
  });

  it('an authenticate() returning an invalid id gets a 400 (and a log line), not a session', async () => {
    let id = '';
    const logs: string[] = [];
    const backend = await listen(
      createLeapHandler({
        mock: true,
        sessionSecret: TEST_SECRET,
        authenticate: async () => ({ referenceId: id }),
        logger: (level, message) => logs.push(`${level} ${message}`),
      }),
    );
    after(() => backend.close());
    for (id of invalid) {
      const answer = await fetch(`${backend.url}/api/leap/session`, { method: 'POST' });
      assert.equal(answer.status, 400, JSON.stringify(id));
    }
    assert.ok(
      logs.filter((line) => line.startsWith('error authenticate() returned a reference id')).length >= invalid.length,
    );
    id = 'user-42';
    assert.equal((await fetch(`${backend.url}/api/leap/session`, { method: 'POST' })).status, 200);
  });
});

describe('GET {base}/healthz', () => {
  it('answers without a token, without a CORS grant and without counting against the rate limit', async () => {
    const backend = await listen(
      createLeapHandler({
        mock: true,
        sessionSecret: TEST_SECRET,
        allowedOrigins: ['https://shop.example.com'],
        rateLimit: { ip: { limit: 1, windowSeconds: 60 }, token: false },
        ...quiet,
      }),
    );
    after(() => backend.close());
    for (let i = 0; i < 5; i += 1) {
      const answer = await fetch(`${backend.url}/api/leap/healthz`, {
        headers: { origin: 'https://shop.example.com' },
      });
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('access-control-allow-origin'), null);
      assert.deepEqual(await answer.json(), { status: 'ok', upstream: 'mock' });
    }
    assert.equal((await fetch(`${backend.url}/api/leap/healthz`, { method: 'POST' })).status, 405);
  });

  it('503 while Leap refuses the key (never the key in it), ok again once a call succeeds', async () => {
    let refuse = true;
    const upstream = async () =>
      refuse
        ? Response.json({ message: `invalid key ${TEST_API_KEY}` }, { status: 401 })
        : Response.json({ results: [] });
    const logs: string[] = [];
    const handler = createLeapHandler({
      apiKey: TEST_API_KEY,
      sessionSecret: TEST_SECRET,
      fetch: upstream,
      logger: (level, message) => logs.push(`${level} ${message}`),
    });
    const health = async () => {
      const answer = await handler(new Request('http://backend.test/api/leap/healthz'));
      return { status: answer.status, body: (await answer.json()) as { status: string; problem?: string } };
    };
    assert.equal((await health()).status, 200, 'nothing known yet: ok');
    const check = await handler.checkUpstream();
    assert.equal(check.ok, false);
    assert.ok(logs.some((line) => line.startsWith('error Leap refused the API key')));
    const degraded = await health();
    assert.equal(degraded.status, 503);
    assert.equal(degraded.body.status, 'degraded');
    assert.match(degraded.body.problem!, /Leap refused the API key \(HTTP 401\): check LEAP_API_KEY/);
    assert.ok(!JSON.stringify(degraded.body).includes(TEST_API_KEY));

    refuse = false;
    assert.deepEqual(await handler.checkUpstream(), { ok: true, upstream: 'leap' });
    assert.deepEqual(await health(), { status: 200, body: { status: 'ok', upstream: 'leap' } });
  });
});

describe('webhook poison messages', () => {
  async function receiver(onWebhook: LeapHandlerOptions['onWebhook'] = () => {}) {
    const server = await listen(
      createLeapHandler({ mock: true, sessionSecret: TEST_SECRET, webhookSecret: WEBHOOK_SECRET, onWebhook, ...quiet }),
    );
    after(() => server.close());
    return (body: string) =>
      fetch(`${server.url}/api/leap/webhooks/leap`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-leap-webhook-secret': WEBHOOK_SECRET },
        body,
      });
  }

  it('event types named like Object’s own members are unknown events, handled once, never a 500', async () => {
    const types: string[] = [];
    const deliver = await receiver((event) => void types.push(event.payload.webhook_event_type));
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
    for (const [i, name] of names.entries()) {
      const answer = await deliver(
        JSON.stringify({ webhook_event_id: `evt-${i}`, payload: { webhook_event_type: name } }),
      );
      assert.equal(answer.status, 200, `${name}: ${await answer.clone().text()}`);
    }
    assert.deepEqual(types, names);
  });

  it('a payload nested deeper than 64 is a 400, whatever its depth; 64 is accepted', async () => {
    const deliver = await receiver();
    const nested = (depth: number) =>
      `{"webhook_event_id":"deep-${depth}","payload":{"webhook_event_type":"x.y","data":${'['.repeat(depth - 2)}${']'.repeat(depth - 2)}}}`;
    for (const depth of [65, 1_000, 20_000]) {
      const answer = await deliver(nested(depth));
      assert.equal(answer.status, 400, String(depth));
      assert.equal(((await answer.json()) as { title: string }).title, 'Request body is nested too deeply');
    }
    assert.equal((await deliver(nested(64))).status, 200);
    // Brackets inside strings are text, not nesting.
    assert.equal(
      (await deliver(JSON.stringify({ webhook_event_id: 'str', payload: { webhook_event_type: '['.repeat(500) } })))
        .status,
      200,
    );
  });

  it('the forwarder reads at most 64 KiB of the partner app’s answer, however much it sends', async () => {
    let written = 0;
    let closed!: () => void;
    const clientGone = new Promise<void>((resolve) => (closed = resolve));
    const app = createServer((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(16 * 1024, 120);
      const pump = () => {
        while (!response.destroyed && response.write(chunk)) written += chunk.length;
      };
      response.on('drain', pump);
      response.on('close', closed);
      pump();
    });
    app.listen(0, '127.0.0.1');
    after(() => app.close());
    await once(app, 'listening');
    const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/hook`;
    await forwardWebhooks(url, WEBHOOK_SECRET)({ webhook_event_id: 'e', payload: { webhook_event_type: 'x' } });
    await clientGone;
    assert.ok(written < MAX_FORWARD_ANSWER_BYTES * 64, `the app wrote ${written} bytes before the forwarder hung up`);
  });
});
