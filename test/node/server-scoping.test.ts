/** Customer scoping: a token reaches its own customer's applications and meters only, however the ids are dressed. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertEnvelope, BOB_METER, body, DEMO_METER, startShop } from '../support/shop-backend.js';
import { startBackend, TEST_API_KEY } from './support.js';

const { upstream, backend, demo, bob } = await startShop();

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
