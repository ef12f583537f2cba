import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { createLeapHandler, TokenService } from '../../src/server/index.js';
import { listen } from '../../src/server/node.js';
import { BEND, json, startBackend, startMock, TEST_API_KEY, TEST_SECRET } from './support.js';

const upstream = await startMock();
const customers = { alice: 'customer-alice', bob: 'customer-b', demo: 'demo-customer' };
const backend = await startBackend(upstream.url, { customers, allowedOrigins: ['https://shop.example.com'] });
const alice = await backend.session({ 'x-test-user': 'alice' });
const demo = await backend.session({ 'x-test-user': 'demo' });
const bob = await backend.session({ 'x-test-user': 'bob' });

const BOB_METER = '9b2f4c1e-8d3a-4e5b-9c6d-7e8f9a0b1c2d';
const DEMO_METER = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

async function body(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

function assertEnvelope(value: Record<string, unknown>, status: number): void {
  assert.equal(value.status, status);
  assert.equal(typeof value.title, 'string');
  assert.ok('details' in value, 'errors carry details');
  assert.deepEqual(Object.keys(value).sort(), ['details', 'status', 'title']);
}

describe('POST /session', () => {
  it('returns a token, its expiry and the reference id from authenticate()', async () => {
    assert.equal(alice.reference_id, 'customer-alice');
    assert.ok(alice.token.split('.').length === 3);
    const ttl = Date.parse(alice.expires_at) - Date.now();
    assert.ok(ttl > 800_000 && ttl <= 900_000, `ttl ${ttl}`);
  });

  it('401 when the partner says no', async () => {
    const response = await backend.call('/session', { method: 'POST', headers: { 'x-test-user': 'mallory' } });
    assert.equal(response.status, 401);
    assertEnvelope(await body(response), 401);
  });

  it('defaults to anonymous guest sessions with a fresh random reference id', async () => {
    const guests = await startBackend(upstream.url);
    const a = await guests.session();
    const b = await guests.session();
    assert.match(a.reference_id, /^guest_[0-9a-f]{32}$/);
    assert.notEqual(a.reference_id, b.reference_id);
  });
});

describe('POST /incentives', () => {
  it('proxies a lookup with the token customer as reference_id and returns Leap’s answer', async () => {
    const response = await backend.call('/incentives', {
      ...json({ address: BEND, building_type: 'RESIDENTIAL', device_ids: [123], create_application: true }),
      token: alice.token,
    });
    assert.equal(response.status, 200);
    const result = await body(response);
    assert.equal(result.reference_id, 'customer-alice');
    assert.equal((result.incentives as { total_incentive_amount: number }).total_incentive_amount, 750);
    assert.equal(result.connect_url, 'https://app.leap.energy/connect/abc123');
    const sent = upstream.seen.at(-1)!;
    assert.equal(sent.headers.get('x-api-key'), TEST_API_KEY, 'the incentives service gets x-api-key');
  });

  it('refresh afterwards needs only the token', async () => {
    const response = await backend.call('/incentives', { ...json({ operation_type: 'refresh' }), token: alice.token });
    assert.equal(response.status, 200);
    assert.equal(((await body(response)).utility as { name: string }).name, 'PacifiCorp (Oregon)');
  });

  it('keeps unknown upstream fields intact', async () => {
    const extra = await startMock({ fault: 'extra-fields' });
    const proxy = await startBackend(extra.url);
    const session = await proxy.session();
    const response = await proxy.call('/incentives', {
      ...json({ address: BEND, building_type: 'RESIDENTIAL', device_id: 123 }),
      token: session.token,
    });
    const result = await body(response);
    assert.ok(result.x_added_later);
    assert.ok((result.incentives as { by_program: Array<Record<string, unknown>> }).by_program[0]!.x_added_later);
  });

  it('drops a connect_url that is not https on an allowed host', async () => {
    const evil = await startMock({ fault: 'unsafe-connect-url' });
    const proxy = await startBackend(evil.url);
    const session = await proxy.session();
    const response = await proxy.call('/incentives', {
      ...json({ address: BEND, building_type: 'RESIDENTIAL', device_id: 123, create_application: true }),
      token: session.token,
    });
    assert.equal(response.status, 200);
    assert.equal((await body(response)).connect_url, null);
    assert.ok(proxy.logs.some((l) => l.includes('Dropped a connect_url')));
  });

  it('400 names each bad field, including a reference_id smuggled into the body', async () => {
    const response = await backend.call('/incentives', {
      ...json({
        reference_id: 'customer-b',
        address: { ...BEND, state_or_province_code: 'ZZ', postal_code: '123' },
        building_type: 'CASTLE',
        device_ids: ['x'],
        surprise: true,
      }),
      token: alice.token,
    });
    assert.equal(response.status, 400);
    const problem = await body(response);
    assertEnvelope(problem, 400);
    const fields = (problem.details as { fields: Record<string, string> }).fields;
    for (const field of [
      'reference_id',
      'address.state_or_province_code',
      'address.postal_code',
      'building_type',
      'device_ids.0',
      'surprise',
    ]) {
      assert.ok(fields[field], `expected ${field} in ${JSON.stringify(fields)}`);
    }
    assert.match(fields.reference_id!, /session token/);
  });

  it('non-JSON body → 400, body over 16 KiB → 413', async () => {
    const notJson = await backend.call('/incentives', { method: 'POST', body: 'street=1', token: alice.token });
    assert.equal(notJson.status, 400);
    assertEnvelope(await body(notJson), 400);
    const huge = await backend.call('/incentives', {
      ...json({ address: { ...BEND, street_2: 'x'.repeat(17_000) } }),
      token: alice.token,
    });
    assert.equal(huge.status, 413);
    assertEnvelope(await body(huge), 413);
  });

  it('upstream 4xx comes back as the same envelope: a fixed title and only the fields a page can use', async () => {
    const response = await backend.call('/incentives', {
      ...json({
        address: { ...BEND, street_1: '1 Nowhere Rd', postal_code: '00000' },
        building_type: 'RESIDENTIAL',
        device_id: 123,
      }),
      token: alice.token,
    });
    assert.equal(response.status, 400);
    const problem = await body(response);
    assertEnvelope(problem, 400);
    assert.equal(problem.title, 'Leap refused the request');
    const details = problem.details as Record<string, unknown>;
    assert.equal(details.address, 'not_found');
    assert.match(String(details.requestId), /^req_/);
    assert.deepEqual(Object.keys(details).sort(), ['address', 'requestId']);
  });
});

describe('tokens', () => {
  const lookupBody = json({ operation_type: 'refresh' });

  it('missing token → 401 with WWW-Authenticate', async () => {
    const response = await backend.call('/incentives', lookupBody);
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'Bearer');
    assertEnvelope(await body(response), 401);
  });

  it('expired, tampered, wrongly signed and unsigned tokens → 401', async () => {
    const service = new TokenService(TEST_SECRET, 60);
    const expired = (await service.issue('customer-alice', Date.now() - 3_600_000)).token;
    const [head, payload, signature] = alice.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: 'customer-b' })).toString('base64url')}.${signature}`;
    const wrongKey = (await new TokenService('another-secret-that-is-also-long-enough-!!', 60).issue('customer-b'))
      .token;
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, sub: 'customer-b' })).toString('base64url')}.`;
    const wrongAudience = await new SignJWT({ scope: 'leap:customer' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('customer-b')
      .setIssuer('leap-elements')
      .setAudience('someone-else')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(TEST_SECRET));
    for (const [name, token] of Object.entries({
      expired,
      tampered,
      wrongKey,
      unsigned,
      wrongAudience,
      garbage: 'abc.def.ghi',
    })) {
      const response = await backend.call('/incentives', { ...lookupBody, token });
      assert.equal(response.status, 401, name);
      assertEnvelope(await body(response), 401);
    }
  });

  it('a token verified once stops working when it expires, and a lookalike is never taken from the cache', async () => {
    const service = new TokenService(TEST_SECRET, 60);
    const { token, expiresAt } = await service.issue('customer-alice');
    const claims = await service.verify(token);
    assert.equal(claims?.referenceId, 'customer-alice');
    // The same string again: answered from memory, still the same customer.
    assert.deepEqual(await service.verify(token), claims);
    // After its expiry, the remembered token is refused like any expired one.
    assert.equal(await service.verify(token, expiresAt.getTime() + 1), null);
    assert.equal(await service.verify(token, expiresAt.getTime() + 1), null);
    // One character off in the middle of the signature (the last one may only carry padding bits): a different
    // string, checked in full, refused.
    const at = token.lastIndexOf('.') + 10;
    const flipped = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
    assert.equal(await service.verify(flipped), null);
  });

  it('are stateless: a token from one instance works on another with the same secret', async () => {
    const other = await startBackend(upstream.url, { customers });
    const response = await other.call('/applications', { token: demo.token });
    assert.equal(response.status, 200);
  });
});

describe('customer scoping', () => {
  it('applications list holds only the token customer, whatever the query says', async () => {
    const response = await backend.call('/applications?refId=customer-b&customer_id=610', { token: demo.token });
    assert.equal(response.status, 200);
    const list = (await body(response)) as { results: Array<{ customer_id: number }> };
    assert.equal(list.results.length, 8);
    assert.ok(list.results.every((a) => a.customer_id === 609));
    const sent = upstream.seen.at(-1)!.path;
    assert.match(sent, /refId=demo-customer/);
    assert.doesNotMatch(sent, /customer_id|customer-b/);
  });

  it("another customer's application is 404, however the id is dressed up", async () => {
    const bobs = (await body(await backend.call('/applications', { token: bob.token }))) as {
      results: Array<{ id: number }>;
    };
    const bobId = bobs.results[0]!.id;
    assert.equal((await backend.call(`/applications/${bobId}`, { token: bob.token })).status, 200);
    const attempts = [
      `/applications/${bobId}`,
      `/applications/${bobId}?refId=customer-b`,
      `/applications/${bobId}%3FrefId%3Dcustomer-b`,
      `/applications/${bobId}%2F..%2F${bobId}`,
      `/applications/..%2Fapplications%2F${bobId}`,
      `/applications/${bobId}%00`,
    ];
    for (const path of attempts) {
      const response = await backend.call(path, {
        token: demo.token,
        headers: { 'x-reference-id': 'customer-b', 'x-test-user': 'bob' },
      });
      assert.equal(response.status, 404, path);
      assertEnvelope(await body(response), 404);
    }
  });

  it("another customer's meter enrollment is 404, the same as a missing one", async () => {
    const own = await backend.call(`/meters/${DEMO_METER}/enrollment`, { token: demo.token });
    assert.equal(own.status, 200);
    assert.equal((await body(own)).partner_reference, 'demo-customer');
    assert.equal(
      upstream.seen.at(-1)!.headers.get('authorization'),
      `Bearer ${TEST_API_KEY}`,
      'the grid platform gets a Bearer key',
    );
    const theirs = await backend.call(`/meters/${BOB_METER}/enrollment`, { token: demo.token });
    const missing = await backend.call('/meters/00000000-0000-4000-8000-000000000000/enrollment', {
      token: demo.token,
    });
    const bogus = await backend.call('/meters/..%2F..%2Fv2%2Fmeters%2Fsearch/enrollment', { token: demo.token });
    for (const response of [theirs, missing, bogus]) assert.equal(response.status, 404);
    assert.deepEqual(await body(theirs), await body(missing));
  });

  it('a guest cannot reach seeded customers at all', async () => {
    const guest = await (await startBackend(upstream.url)).session();
    const list = (await body(await backend.call('/applications', { token: guest.token }))) as { results: unknown[] };
    // The guest token was signed by another instance with the same secret: it is valid here, and scoped to the guest.
    assert.deepEqual(list.results, []);
  });
});

describe('CORS', () => {
  it('grants an allowed origin, with credentials', async () => {
    const response = await backend.call('/session', {
      method: 'POST',
      headers: { origin: 'https://shop.example.com', 'x-test-user': 'alice' },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://shop.example.com');
    assert.equal(response.headers.get('access-control-allow-credentials'), 'true');
    assert.equal(response.headers.get('access-control-expose-headers'), 'retry-after, x-leap-mock');
    assert.match(response.headers.get('vary') ?? '', /Origin/);
  });

  it('an answer to a request without Origin grants nothing and still varies on Origin', async () => {
    const response = await backend.call('/session', { method: 'POST', headers: { 'x-test-user': 'alice' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    assert.equal(response.headers.get('access-control-allow-credentials'), null);
    assert.match(response.headers.get('vary') ?? '', /Origin/);
  });

  it('refuses any other origin with 403 and no CORS grant', async () => {
    const response = await backend.call('/session', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'x-test-user': 'alice' },
    });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    assertEnvelope(await body(response), 403);
  });

  it('answers preflight for allowed origins only', async () => {
    const preflight = (origin: string) =>
      backend.call('/incentives', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const ok = await preflight('https://shop.example.com');
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), 'https://shop.example.com');
    assert.match(ok.headers.get('access-control-allow-headers') ?? '', /authorization/i);
    const refused = await preflight('https://evil.example');
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
  });
});

describe('routing', () => {
  it('unknown route → 404, wrong method → 405 with Allow', async () => {
    const unknown = await backend.call('/nope', { token: alice.token });
    assert.equal(unknown.status, 404);
    assertEnvelope(await body(unknown), 404);
    const wrong = await backend.call('/incentives', { method: 'GET', token: alice.token });
    assert.equal(wrong.status, 405);
    assert.match(wrong.headers.get('allow') ?? '', /POST/);
    assertEnvelope(await body(wrong), 405);
    assert.equal((await backend.call('/session', { method: 'GET' })).status, 405);
  });

  it('every answer, success or failure, is marked no-store and nosniff', async () => {
    const answers = [
      await backend.call('/incentives', { ...json({ operation_type: 'refresh' }), token: alice.token }),
      await backend.call('/incentives', { ...json({ operation_type: 'nope' }), token: alice.token }),
      await backend.call('/incentives', json({ operation_type: 'refresh' })),
      await backend.call('/applications/999999', { token: alice.token }),
      await backend.call('/nope', { token: alice.token }),
      await backend.call('/incentives', { ...json({ pad: 'x'.repeat(20_000) }), token: alice.token }),
    ];
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 400, 401, 404, 404, 413],
    );
    for (const answer of answers) {
      assert.equal(answer.headers.get('cache-control'), 'no-store', `${answer.status}`);
      assert.equal(answer.headers.get('x-content-type-options'), 'nosniff', `${answer.status}`);
    }
  });
});

describe('upstream failures', () => {
  it('a timeout becomes 504 at the deadline, not the upstream’s own answer later', async () => {
    const hanging = await startMock({ fault: 'timeout', hangMs: 5_000 });
    const proxy = await startBackend(hanging.url, { upstreamTimeoutMs: 300 });
    const session = await proxy.session();
    const response = await proxy.call('/incentives', { ...json({ operation_type: 'refresh' }), token: session.token });
    // The mock gives up after 5 s with a 504 of its own, which the backend would retell as 502: a 504 here is the
    // backend's deadline, whatever the machine's load.
    assert.equal(response.status, 504);
    assertEnvelope(await body(response), 504);
  });

  it('5xx is retried for idempotent calls, then 502; override is not retried', async () => {
    const failing = await startMock({ fault: '500' });
    const proxy = await startBackend(failing.url, { upstreamRetries: 2 });
    const session = await proxy.session();
    const lookup = await proxy.call('/incentives', {
      ...json({ address: BEND, building_type: 'RESIDENTIAL', device_id: 123 }),
      token: session.token,
    });
    assert.equal(lookup.status, 502);
    assertEnvelope(await body(lookup), 502);
    assert.equal(failing.seen.length, 3, 'one call and two retries');
    const override = await proxy.call('/incentives', {
      ...json({ operation_type: 'override', building_type: 'RESIDENTIAL', device_id: 123 }),
      token: session.token,
    });
    assert.equal(override.status, 502);
    assert.equal(failing.seen.length, 4, 'override is sent once');
  });

  it('malformed upstream JSON → 502; connection refused → 502', async () => {
    const broken = await startMock({ fault: 'malformed-json' });
    const proxy = await startBackend(broken.url);
    const session = await proxy.session();
    const response = await proxy.call('/incentives', { ...json({ operation_type: 'refresh' }), token: session.token });
    assert.equal(response.status, 502);
    const closed = await listen(async () => new Response('unused'));
    const deadUrl = closed.url;
    await closed.close();
    const refused = await startBackend(deadUrl);
    const s2 = await refused.session();
    const r2 = await refused.call('/applications', { token: s2.token });
    assert.equal(r2.status, 502);
    assert.match(String((await body(r2)).title), /reach Leap/);
  });

  it('a refused API key is the server’s problem: 502, never 401 to the browser', async () => {
    const strict = await startMock({ apiKeys: ['some-other-key'] });
    const proxy = await startBackend(strict.url);
    const session = await proxy.session();
    const response = await proxy.call('/applications', { token: session.token });
    assert.equal(response.status, 502);
    assert.ok(proxy.logs.some((l) => l.startsWith('error') && l.includes('refused the API key')));
  });
});

describe('rate limits', () => {
  it('per token: 429 with Retry-After', async () => {
    const limited = await startBackend(upstream.url, {
      customers,
      rateLimit: { token: { limit: 2, windowSeconds: 60 }, ip: false },
    });
    const session = await limited.session({ 'x-test-user': 'demo' });
    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await limited.call('/applications', { token: session.token })).status);
    assert.deepEqual(statuses, [200, 200, 429]);
    const again = await limited.call('/applications', { token: session.token });
    const retryAfter = Number(again.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 60);
    const problem = await body(again);
    assertEnvelope(problem, 429);
    // Another customer has their own budget.
    const other = await limited.session({ 'x-test-user': 'bob' });
    assert.equal((await limited.call('/applications', { token: other.token })).status, 200);
  });

  it('per IP, sessions included', async () => {
    const limited = await startBackend(upstream.url, {
      rateLimit: { ip: { limit: 3, windowSeconds: 60 }, token: false },
    });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await limited.call('/session', { method: 'POST' })).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
  });
});

describe('the API key never leaves the server', () => {
  it('appears in no response body, header or log line', async () => {
    const failing = await startMock({ fault: '500' });
    const proxies = [
      backend,
      await startBackend(failing.url),
      await startBackend(upstream.url, { upstreamTimeoutMs: 1 }),
    ];
    const texts: string[] = [];
    for (const proxy of proxies) {
      const session = await proxy.session().catch(() => alice);
      const requests: Array<[string, RequestInit & { token?: string }]> = [
        [
          '/incentives',
          {
            ...json({ address: BEND, building_type: 'RESIDENTIAL', device_id: 123, create_application: true }),
            token: session.token,
          },
        ],
        ['/incentives', { ...json({ nonsense: true }), token: session.token }],
        ['/incentives', { ...json({ operation_type: 'refresh' }), token: 'bad' }],
        ['/applications', { token: session.token }],
        ['/applications/1', { token: session.token }],
        [`/meters/${DEMO_METER}/enrollment`, { token: session.token }],
        ['/unknown', {}],
      ];
      for (const [path, init] of requests) {
        const response = await proxy.call(path, init);
        texts.push(await response.text());
        response.headers.forEach((value, name) => texts.push(`${name}: ${value}`));
      }
      texts.push(...proxy.logs);
    }
    const leaks = texts.filter((t) => t.includes(TEST_API_KEY) || t.includes('TESTKEY'));
    assert.deepEqual(leaks, []);
    assert.ok(texts.length > 40);
  });

  it('is required unless mock: true', () => {
    assert.throws(() => createLeapHandler({ sessionSecret: TEST_SECRET }), /apiKey is required .*mock: true/);
    assert.doesNotThrow(() => createLeapHandler({ mock: true, sessionSecret: TEST_SECRET, logger: () => {} }));
  });

  it('refuses a short session secret', () => {
    assert.throws(() => createLeapHandler({ apiKey: 'k', sessionSecret: 'short' }), /at least 32/);
  });
});

describe('runs in-process on any fetch runtime', () => {
  it('createLeapHandler with mock: true and a fetch handler as upstream, no sockets', async () => {
    const { createMockLeap } = await import('../../src/mock/index.js');
    const mock = createMockLeap();
    const handler = createLeapHandler({
      mock: true,
      sessionSecret: TEST_SECRET,
      fetch: (input, init) => mock(new Request(input, init)),
    });
    const session = (await (
      await handler(new Request('http://partner.test/api/leap/session', { method: 'POST' }))
    ).json()) as { token: string };
    const response = await handler(
      new Request('http://partner.test/api/leap/incentives', {
        method: 'POST',
        headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ address: BEND, building_type: 'RESIDENTIAL', device_id: 123 }),
      }),
    );
    assert.equal(response.status, 200);
  });
});

describe('nodeFetch, the keep-alive upstream client for Node', () => {
  it('carries the same behaviour: answers, deadlines, retries and refused connections', async () => {
    const { nodeFetch } = await import('../../src/server/node.js');
    const ok = await startBackend(upstream.url, { fetch: nodeFetch, customers });
    const session = await ok.session({ 'x-test-user': 'demo' });
    const result = await ok.call('/incentives', {
      ...json({ address: BEND, building_type: 'RESIDENTIAL', device_id: 123 }),
      token: session.token,
    });
    assert.equal(result.status, 200);
    assert.equal(((await body(result)).incentives as { total_incentive_amount: number }).total_incentive_amount, 750);
    assert.equal((await ok.call('/applications', { token: session.token })).status, 200);

    const hanging = await startMock({ fault: 'timeout', hangMs: 5_000 });
    const slow = await startBackend(hanging.url, { fetch: nodeFetch, upstreamTimeoutMs: 300 });
    const s2 = await slow.session();
    const timedOut = await slow.call('/incentives', { ...json({ operation_type: 'refresh' }), token: s2.token });
    assert.equal(timedOut.status, 504, 'the deadline, not the mock giving up after 5 s (502)');

    const failing = await startMock({ fault: '500' });
    const retrying = await startBackend(failing.url, { fetch: nodeFetch, upstreamRetries: 2 });
    const s3 = await retrying.session();
    const down = await retrying.call('/applications', { token: s3.token });
    assert.equal(down.status, 502);
    assert.equal(failing.seen.length, 3);

    const closed = await listen(async () => new Response('unused'));
    const deadUrl = closed.url;
    await closed.close();
    const refused = await startBackend(deadUrl, { fetch: nodeFetch });
    const s4 = await refused.session();
    const r = await refused.call('/applications', { token: s4.token });
    assert.equal(r.status, 502);
    assert.match(String((await body(r)).title), /reach Leap/);
  });

  it('is a fetch in its own right: status, headers, body, abort and refused connections', async () => {
    const { nodeFetch } = await import('../../src/server/node.js');
    const server = await listen(
      async (request) =>
        new Response(JSON.stringify({ method: request.method, got: await request.text() }), {
          status: 201,
          headers: { 'content-type': 'application/json', 'x-extra': 'yes' },
        }),
    );
    const response = await nodeFetch(`${server.url}/echo?q=1`, { method: 'POST', body: 'hello' });
    assert.ok(response instanceof Response);
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('x-extra'), 'yes');
    assert.deepEqual(await response.json(), { method: 'POST', got: 'hello' });

    const controller = new AbortController();
    controller.abort(new DOMException('stop', 'AbortError'));
    await assert.rejects(nodeFetch(server.url, { signal: controller.signal }), { name: 'AbortError' });
    const deadUrl = server.url;
    await server.close();
    await assert.rejects(nodeFetch(deadUrl), TypeError);
  });
});
