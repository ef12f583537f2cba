/**
 * `createLeapClient()`: the applications that wait for the partner, and Leap's refusals (the key masked even when
 * Leap echoes it, a refused key, a missing key, the staging environment).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LeapApiError } from '../../src/core/errors.js';
import { createLeapClient } from '../../src/server/index.js';
import { collect, mockOnPort } from '../support/mock-on-port.js';
import { TEST_API_KEY } from './support.js';

describe('createLeapClient: applications awaiting the partner', () => {
  it('lists only what waits for the partner, across pages, and completes one with the claimed fields', async () => {
    const leap = await mockOnPort();
    const client = leap.client();
    const waiting = await collect(client.applications.awaitingPartner());
    assert.ok(waiting.length > 0);
    assert.ok(waiting.every((a) => a.status === 'awaiting_partner'));
    const all = await collect(client.applications.list({ pageSize: 2 }));
    assert.ok(all.length > waiting.length);
    assert.ok(leap.seen.filter((r) => r.path === '/alpha/applications').length > 2, 'followed the pages');

    const target = waiting[0]!;
    const updated = await client.applications.update(target.id, {
      status: 'completed',
      customer: { first_name: 'John', last_name: 'Doe', email: 'john@example.com', phone: '555-1234' },
      customer_devices: [{ id: 45, purchase_date: '2025-01-15', contractor_name: 'ABC Electric' }],
    });
    assert.equal(updated.status, 'completed');
    const read = await client.applications.get(target.id);
    assert.equal(read.status, 'completed');
    assert.equal(read.customer?.email, 'john@example.com');
    assert.equal((await collect(client.applications.awaitingPartner())).length, waiting.length - 1);
  });

  it('an invalid update is refused before it is sent', async () => {
    const leap = await mockOnPort();
    await assert.rejects(
      leap.client().applications.update(1, { status: 'done' as never }),
      (error: unknown) =>
        error instanceof LeapApiError &&
        error.status === 400 &&
        'status' in (error.details as { fields: object }).fields,
    );
    assert.equal(leap.seen.length, 0);
  });
});

describe('createLeapClient: keys and errors', () => {
  it('Leap’s refusal keeps its status, title and details, with the key masked even when Leap echoes it', async () => {
    const echo: typeof fetch = async () =>
      Response.json(
        { title: `Bad key ${TEST_API_KEY}`, status: 400, details: { header: `Bearer ${TEST_API_KEY}` } },
        { status: 400 },
      );
    const client = createLeapClient({ apiKey: TEST_API_KEY, fetch: echo, logger: () => {} });
    await assert.rejects(client.meters.enrollment('3fa85f64-5717-4562-b3fc-2c963f66afa6'), (error: unknown) => {
      assert.ok(error instanceof LeapApiError);
      assert.equal(error.status, 400);
      assert.ok(!JSON.stringify(error.toJSON()).includes(TEST_API_KEY));
      assert.match(error.title, /Bad key \[redacted\]/);
      return true;
    });
  });

  it('a refused key is a 401 that says what to check; a missing key or a bad environment stops at creation', async () => {
    const leap = await mockOnPort({ apiKeys: ['the-right-key'] });
    await assert.rejects(
      collect(leap.client({ apiKey: 'a-wrong-key' }).meters.searchEnrollments()),
      (error: unknown) => error instanceof LeapApiError && error.status === 403 && /LEAP_API_KEY/.test(error.title),
    );
    assert.throws(() => createLeapClient({}), /createLeapClient: apiKey is required/);
    assert.throws(
      () => createLeapClient({ apiKey: 'k', environment: 'prod' as never }),
      /environment must be "production" or "staging"/,
    );
    assert.throws(() => createLeapClient({ apiKey: 'with space' }), /printable ASCII/);
  });

  it('staging reaches the staging grid platform', async () => {
    const hosts: string[] = [];
    const record: typeof fetch = async (input) => {
      hosts.push(new URL(String(input instanceof Request ? input.url : input)).origin);
      return Response.json({ meters: [], next_page_token: null });
    };
    await collect(createLeapClient({ apiKey: 'k', environment: 'staging', fetch: record }).meters.searchEnrollments());
    assert.deepEqual(hosts, ['https://api.staging.leap.energy']);
  });
});
