/** The partner backend's rate limits, and the API key that never leaves the server. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLeapHandler } from '../../src/server/index.js';
import { assertEnvelope, body, customers, DEMO_METER, startShop } from '../support/shop-backend.js';
import { BEND, json, startBackend, startMock, TEST_API_KEY, TEST_SECRET } from './support.js';

const { upstream, backend, alice } = await startShop();

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
