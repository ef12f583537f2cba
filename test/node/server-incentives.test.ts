/**
 * The partner backend's POST /incentives (the lookup proxied for the token's customer, bad input named by field), and
 * its routing: methods, and the headers on every answer. The routing cases read the lookup the first cases made.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertEnvelope, body, startShop } from '../support/shop-backend.js';
import { BEND, json, startBackend, startMock, TEST_API_KEY } from './support.js';

const { upstream, backend, alice } = await startShop();

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
