/** When Leap fails (timeouts, 5xx, broken JSON, refused connections), through fetch and nodeFetch; in-process too. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLeapHandler } from '../../src/server/index.js';
import { listen } from '../../src/server/node.js';
import { assertEnvelope, body, customers } from '../support/shop-backend.js';
import { BEND, json, startBackend, startMock, TEST_SECRET } from './support.js';

const upstream = await startMock();

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
