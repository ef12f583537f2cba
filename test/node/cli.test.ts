/**
 * `leap-elements serve` and `leap-elements mock`, run from the packed package as a partner on any stack would run them
 * (the Dockerfile runs the same command): configuration by environment, refusal at start, server-to-server sessions
 * and a graceful stop.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createMockLeap } from '../../src/mock/index.js';
import { listen } from '../../src/server/node.js';
import { packedCli } from '../support/packed-cli.js';
import { freePort, startProcess } from '../support/processes.js';
import { BEND } from './support.js';

const SESSION_SECRET = '9582cwy9tyB6uD9Qdo3vHQz3g+ndW8f+LxlYCfK2skYwRdn/';
const PARTNER_SECRET = 'mFqZkLEBryVBAHaCgbcoD7XdDxXjWjltwVu1Z37rXkH5mMlQ';
const WEBHOOK_SECRET = 'azgZ2/5GS/aQoL4FPBj1h7qHC87nqp+0PkcArUtEhJSsvXZX';
const LOOKUP = JSON.stringify({ address: BEND, building_type: 'RESIDENTIAL', device_ids: [123] });

describe('leap-elements (the CLI), from the packed package', { timeout: 180_000 }, () => {
  const cli = packedCli();

  const serve = async (env: Record<string, string>) =>
    startProcess(cli.bin, ['serve'], {
      cwd: cli.app.dir,
      env: { PORT: String(await freePort()), HOST: '127.0.0.1', ...env },
      ready: /listening on (http:\/\/[^/\s]+)/,
    });

  it('without arguments prints its usage; an unknown command is refused', () => {
    const usage = cli.app.run(cli.bin, []);
    assert.equal(usage.status, 2);
    assert.match(usage.stdout, /serve .*\n.*sync .*\n.*create-meters .*\n.*applications .*\n.*mock /);
    const unknown = cli.app.run(cli.bin, ['deploy']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command "deploy"/);
  });

  it('serve refuses a bad configuration at start: one line per problem, no stack trace, no secret repeated', () => {
    const key = 'leap_live_SUPERSECRET_0123';
    const result = cli.app.run(cli.bin, ['serve'], {
      PORT: 'eighty',
      LEAP_API_KEY: key,
      LEAP_PARTNER_SECRET: 'tooShortSecret',
      LEAP_ALLOWED_ORIGINS: 'https://shop.example.com,shop.example.com',
      LEAP_RATE_LIMIT_IP: 'lots',
      LEAP_AUTH_AUDIENCE: 'my-api',
    });
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    const lines = result.stderr.trim().split('\n');
    assert.deepEqual(
      lines.map((line) => /^leap-elements serve: (\w+)/.exec(line)?.[1]),
      [
        'PORT',
        'LEAP_SESSION_SECRET',
        'LEAP_PARTNER_SECRET',
        'LEAP_ALLOWED_ORIGINS',
        'LEAP_AUTH_JWKS_URL',
        'LEAP_AUTH_ISSUER',
        'LEAP_RATE_LIMIT_IP',
        'not',
      ],
    );
    assert.doesNotMatch(result.stderr, /\n\s+at /);
    assert.ok(!result.stderr.includes(key) && !result.stderr.includes('tooShortSecret'));
  });

  it('serve without LEAP_API_KEY, outside production, answers from the embedded mock on 127.0.0.1 only, and says so', async () => {
    const server = await serve({ HOST: '' });
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:/);
    assert.match(server.stdout(), /sample data, on this machine only \(127\.0\.0\.1\)\. Set LEAP_API_KEY/);
    const base = `${server.url}/api/leap`;
    const session = await fetch(`${base}/session`, { method: 'POST' });
    assert.equal(session.headers.get('x-leap-mock'), '1');
    const { token, mock } = (await session.json()) as { token: string; mock?: boolean };
    assert.equal(mock, true, 'the session says its data is sample data');
    const lookup = await fetch(`${base}/incentives`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: LOOKUP,
    });
    assert.equal(lookup.status, 200);
    assert.equal(lookup.headers.get('x-leap-mock'), '1');
    assert.deepEqual(await (await fetch(`${base}/healthz`)).json(), { status: 'ok', upstream: 'mock' });
    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as { openapi: string; servers: { url: string }[] };
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(doc.servers, [{ url: '/api/leap' }]);
    assert.equal(await server.stop('SIGTERM'), 0);
  });

  it('serve never answers from the mock by omission: production, another interface, or a typo in the key name', () => {
    const production = cli.app.run(cli.bin, ['serve'], { NODE_ENV: 'production' });
    assert.equal(production.status, 1);
    const [problem, closing, ...rest] = production.stderr.trim().split('\n');
    assert.match(problem!, /^leap-elements serve: LEAP_API_KEY is not set and NODE_ENV is production: .*LEAP_MOCK=1/);
    assert.match(closing!, /not started/);
    assert.deepEqual(rest, []);
    assert.equal(production.stdout, '');

    const exposed = cli.app.run(cli.bin, ['serve'], { HOST: '0.0.0.0' });
    assert.equal(exposed.status, 1);
    assert.match(exposed.stderr, /HOST=0\.0\.0\.0 would show the mock's sample data to other machines/);

    const typo = cli.app.run(cli.bin, ['serve'], { NODE_ENV: 'production', LEAP_APIKEY: 'leap_live_typo_key_0123' });
    assert.equal(typo.status, 1);
    assert.match(typo.stderr, /LEAP_APIKEY is not a variable leap-elements reads: did you mean LEAP_API_KEY\?/);
    assert.ok(!typo.stderr.includes('leap_live_typo_key_0123'), 'the value is never repeated');

    const both = cli.app.run(cli.bin, ['serve'], {
      LEAP_MOCK: '1',
      LEAP_API_KEY: 'leap_live_k',
      LEAP_SESSION_SECRET: SESSION_SECRET,
    });
    assert.equal(both.status, 1);
    assert.match(both.stderr, /LEAP_MOCK=1 and LEAP_API_KEY are both set/);
  });

  it('serve with LEAP_MOCK=1 answers from the mock in production too, on purpose, marked as such', async () => {
    const server = await serve({ LEAP_MOCK: '1', NODE_ENV: 'production' });
    const session = await fetch(`${server.url}/api/leap/session`, { method: 'POST' });
    assert.equal(session.headers.get('x-leap-mock'), '1');
    assert.equal(((await session.json()) as { mock?: boolean }).mock, true);
    assert.equal(await server.stop('SIGTERM'), 0);
  });

  it('serve refuses secrets that are not random, naming each variable, never its value', () => {
    const weak = {
      LEAP_SESSION_SECRET: 'a'.repeat(40),
      LEAP_PARTNER_SECRET: 'password'.repeat(4),
      LEAP_WEBHOOK_SECRET: 'abcd'.repeat(8),
    };
    const result = cli.app.run(cli.bin, ['serve'], weak);
    assert.equal(result.status, 1);
    const lines = result.stderr.trim().split('\n');
    assert.deepEqual(
      lines.map((line) => /^leap-elements serve: (\w+)/.exec(line)?.[1]),
      ['LEAP_SESSION_SECRET', 'LEAP_PARTNER_SECRET', 'LEAP_WEBHOOK_SECRET', 'not'],
    );
    assert.ok(lines.slice(0, 3).every((line) => line.includes('openssl rand -base64 48')));
    assert.ok(Object.values(weak).every((value) => !result.stderr.includes(value)));
  });

  it('serve checks the key at start: a refused key is an error line and /healthz answers 503 until Leap accepts it', async () => {
    let refuse = true;
    const key = 'leap_live_refused_0123456789';
    const leap = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        if (refuse) {
          // Leap's refusal may echo the key: it must reach neither the log nor /healthz.
          response
            .writeHead(401, { 'content-type': 'application/json' })
            .end(JSON.stringify({ message: `bad key ${key}` }));
          return;
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results: [] }));
      });
    });
    leap.listen(0, '127.0.0.1');
    after(() => leap.close());
    await once(leap, 'listening');
    const leapUrl = `http://127.0.0.1:${(leap.address() as AddressInfo).port}`;
    const refusedLine = /"level":"error","message":"Leap refused the API key/;
    const server = await serve({
      LEAP_API_KEY: key,
      LEAP_SESSION_SECRET: SESSION_SECRET,
      LEAP_INCENTIVES_BASE_URL: `${leapUrl}/alpha`,
      LEAP_PLATFORM_BASE_URL: leapUrl,
    });
    if (!refusedLine.test(server.stderr())) await waitFor(server.child.stderr!, refusedLine);
    const base = `${server.url}/api/leap`;
    const degraded = await fetch(`${base}/healthz`, { headers: { origin: 'https://elsewhere.example' } });
    assert.equal(degraded.status, 503);
    assert.equal(degraded.headers.get('access-control-allow-origin'), null, 'no CORS grant');
    const health = (await degraded.json()) as { status: string; problem: string };
    assert.equal(health.status, 'degraded');
    assert.match(health.problem, /LEAP_API_KEY/);
    assert.ok(!JSON.stringify(health).includes(key) && !server.stderr().includes(key), 'the key is never repeated');

    refuse = false;
    const { token } = (await (await fetch(`${base}/session`, { method: 'POST' })).json()) as { token: string };
    assert.equal((await fetch(`${base}/applications`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
    assert.deepEqual(await (await fetch(`${base}/healthz`)).json(), { status: 'ok', upstream: 'leap' });
    await server.stop('SIGTERM');
  });

  it('server-to-server sessions: only the partner secret gets a session, for the customer it names', async () => {
    const server = await serve({ LEAP_PARTNER_SECRET: PARTNER_SECRET, LEAP_BASE_PATH: '/leap' });
    const session = (headers: Record<string, string>, body?: unknown) =>
      fetch(`${server.url}/leap/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    assert.equal((await session({})).status, 401, 'no guest sessions once a partner secret is set');
    assert.equal((await session({ authorization: `Bearer ${PARTNER_SECRET}x` }, { reference_id: 'c-1' })).status, 401);
    const bad = await session({ authorization: `Bearer ${PARTNER_SECRET}` }, { reference_id: '' });
    assert.equal(bad.status, 400);
    const good = await session({ authorization: `Bearer ${PARTNER_SECRET}` }, { reference_id: 'customer-42' });
    assert.equal(good.status, 200);
    const { token, reference_id } = (await good.json()) as { token: string; reference_id: string };
    assert.equal(reference_id, 'customer-42');
    const applications = await fetch(`${server.url}/leap/applications`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(applications.status, 200);
  });

  it('SIGTERM lets a request in flight finish, then exits 0', async () => {
    let arrived!: () => void;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    const mock = createMockLeap({ latencyMs: 1_000 });
    const upstream = await listen((request) => {
      // serve's own check of the key at start is not the request in flight.
      if (new URL(request.url).pathname.endsWith('/incentives')) arrived();
      return mock(request);
    });
    after(() => upstream.close());
    const server = await serve({
      LEAP_API_KEY: 'leap_live_cli_test_key',
      LEAP_SESSION_SECRET: SESSION_SECRET,
      LEAP_INCENTIVES_BASE_URL: `${upstream.url}/alpha`,
      LEAP_PLATFORM_BASE_URL: upstream.url,
    });
    const base = `${server.url}/api/leap`;
    const { token } = (await (await fetch(`${base}/session`, { method: 'POST' })).json()) as { token: string };
    const inFlight = fetch(`${base}/incentives`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: LOOKUP,
    });
    await arrival;
    const exit = server.stop('SIGTERM');
    assert.equal((await inFlight).status, 200);
    assert.equal(await exit, 0);
    await assert.rejects(fetch(`${base}/session`, { method: 'POST' }), TypeError);
  });

  it('serve refuses LEAP_WEBHOOK_FORWARD_URL without LEAP_WEBHOOK_SECRET, and a short or malformed one', () => {
    const result = cli.app.run(cli.bin, ['serve'], {
      LEAP_WEBHOOK_SECRET: 'short',
      LEAP_WEBHOOK_FORWARD_URL: 'app:3000/leap',
    });
    assert.equal(result.status, 1);
    assert.deepEqual(
      result.stderr
        .trim()
        .split('\n')
        .map((line) => /^leap-elements serve: (\w+)/.exec(line)?.[1]),
      ['LEAP_WEBHOOK_SECRET', 'LEAP_WEBHOOK_FORWARD_URL', 'not'],
    );
    assert.ok(!result.stderr.includes(': short'));
    const alone = cli.app.run(cli.bin, ['serve'], { LEAP_WEBHOOK_FORWARD_URL: 'http://app:3000/leap' });
    assert.match(alone.stderr, /LEAP_WEBHOOK_FORWARD_URL needs LEAP_WEBHOOK_SECRET/);
  });

  it('webhooks from Leap (the mock’s connect flow) reach the partner’s app through serve, with the secret; a failing app gets them again', async () => {
    const app2 = await receiver();
    const server = await serve({
      LEAP_WEBHOOK_SECRET: WEBHOOK_SECRET,
      LEAP_WEBHOOK_FORWARD_URL: `${app2.url}/leap/webhooks`,
    });
    const mock = await startProcess(
      cli.bin,
      ['mock', '--port', String(await freePort()), '--webhook-url', `${server.url}/api/leap/webhooks/leap`],
      // The secret comes from the environment, never argv (where ps shows it).
      { cwd: cli.app.dir, env: { LEAP_WEBHOOK_SECRET: WEBHOOK_SECRET }, ready: /listening on (http:\/\/\S+)/ },
    );
    // The partner's app is down for the first delivery: serve answers 500 and the sender tries again.
    app2.failNext(1);
    const started = await fetch(`${mock.url}/mock/connect-sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer any-key' },
      body: JSON.stringify({ reference_id: 'customer-77', meters: 1, delay_ms: 0 }),
    });
    assert.equal(started.status, 201);
    const events = await app2.received(6);
    assert.ok(events.every((event) => event.secret === WEBHOOK_SECRET));
    const types = events.map((event) => event.body.payload.webhook_event_type);
    assert.ok(types.includes('meter.created'), types.join());
    assert.ok(
      events.some(
        (event) =>
          event.body.payload.webhook_event_type === 'meter.created' &&
          event.body.payload.partner_reference === 'customer-77',
      ),
    );
    assert.equal(new Set(events.map((event) => event.body.webhook_event_id)).size, events.length, 'no duplicates');
    assert.match(server.stderr(), /onWebhook failed; answering 500.*LEAP_WEBHOOK_FORWARD_URL answered 500/);
    await mock.stop('SIGTERM');
    await server.stop('SIGTERM');
  });

  it('without a forward URL, serve verifies webhooks and logs one line each', async () => {
    const server = await serve({ LEAP_WEBHOOK_SECRET: WEBHOOK_SECRET });
    assert.match(server.stderr(), /LEAP_WEBHOOK_FORWARD_URL is not set/);
    const logged = waitFor(
      server.child.stderr!,
      /"message":"Leap webhook received".*"webhook_event_type":"meter.created".*"partner_reference":"customer-5"/,
    );
    const answer = await fetch(`${server.url}/api/leap/webhooks/leap`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-leap-webhook-secret': WEBHOOK_SECRET },
      body: JSON.stringify({
        webhook_event_id: 'evt-1',
        payload: {
          webhook_event_type: 'meter.created',
          partner_reference: 'customer-5',
          meter_id: 'm-1',
          transmission_region: 'CAISO',
          meter_type: 'ELECTRIC',
        },
      }),
    });
    assert.equal(answer.status, 200, await answer.clone().text());
    await logged;
    await server.stop('SIGTERM');
  });

  it('mock runs the mock Leap on its own port (and leap-elements-mock still does)', async () => {
    for (const [command, args] of [
      [cli.bin, ['mock']],
      [join(cli.app.dir, 'node_modules/.bin/leap-elements-mock'), []],
    ] as const) {
      const mock = await startProcess(command, [...args, '--port', String(await freePort())], {
        cwd: cli.app.dir,
        ready: /listening on (http:\/\/\S+)/,
      });
      const answer = await fetch(`${mock.url}/alpha/applications?refId=demo-customer`, {
        headers: { 'x-api-key': 'k' },
      });
      assert.equal(answer.status, 200);
      assert.equal(await mock.stop('SIGTERM'), 0);
    }
  });
});

interface ForwardedEvent {
  secret: string | undefined;
  body: { webhook_event_id: string; payload: { webhook_event_type: string; partner_reference?: string } };
}

/** The partner's own app: records what serve forwards, and can fail the next deliveries. */
async function receiver() {
  const events: ForwardedEvent[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  let failures = 0;
  const server = createServer((request: IncomingMessage, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk));
    request.on('end', () => {
      if (failures > 0) {
        failures -= 1;
        response.writeHead(500).end();
        return;
      }
      events.push({ secret: request.headers['x-leap-webhook-secret'] as string | undefined, body: JSON.parse(text) });
      response.writeHead(204).end();
      for (const waiter of waiting.filter((w) => events.length >= w.count)) waiter.resolve();
    });
  });
  server.listen(0, '127.0.0.1');
  after(() => server.close());
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    failNext: (count: number) => (failures = count),
    received: (count: number) =>
      new Promise<ForwardedEvent[]>((resolve) => {
        const done = () => resolve(events.slice(0, count));
        if (events.length >= count) done();
        else waiting.push({ count, resolve: done });
      }),
  };
}

/** Resolves once the stream has printed a line matching `pattern`. */
function waitFor(stream: NodeJS.ReadableStream, pattern: RegExp): Promise<void> {
  let text = '';
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      text += chunk;
      if (!pattern.test(text)) return;
      stream.off('data', onData);
      resolve();
    };
    stream.on('data', onData);
  });
}
