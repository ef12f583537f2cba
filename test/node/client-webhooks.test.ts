/** Webhook subscriptions through `createLeapClient()`, as Leap's subscription API answers them. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LeapApiError } from '../../src/core/errors.js';
import { mockOnPort } from '../support/mock-on-port.js';

describe('createLeapClient: webhook subscriptions', () => {
  const RECEIVER = 'https://partner.example/api/leap/webhooks/leap';
  const SECRET_HEADER = { name: 'x-leap-webhook-secret', value: 'Pk4wN8vQ2zX6mT1rB9cL3dF7hJ5sG0aE' };

  it('create, list, update, test and delete, as Leap’s subscription API answers them', async () => {
    const received: unknown[] = [];
    const leap = await mockOnPort({
      webhooks: {
        fetch: async (_url, init) => {
          received.push(JSON.parse(String(init?.body)));
          return new Response(null, { status: 204 });
        },
      },
    });
    const { webhooks } = leap.client();
    assert.deepEqual(await webhooks.list(), []);
    const { webhook_id } = await webhooks.create({
      receiver_url: RECEIVER,
      event_types: ['meter.created', 'connect_session.updated'],
      headers: [SECRET_HEADER],
    });
    assert.deepEqual(await webhooks.list(), [
      {
        webhook_id,
        receiver_url: RECEIVER,
        event_types: ['meter.created', 'connect_session.updated'],
        headers: [SECRET_HEADER],
      },
    ]);
    assert.deepEqual(await webhooks.update(webhook_id, { receiver_url: RECEIVER, event_types: ['meter.created'] }), {
      webhook_id,
    });
    assert.deepEqual((await webhooks.list())[0]!.headers, [], 'an update replaces every setting');
    const tested = await webhooks.test(webhook_id, {
      webhook_event_type: 'meter.created',
      meter_id: '364be407-1f08-48fa-afd2-ee1dd228b76b',
      transmission_region: 'CAISO',
    });
    assert.equal(tested.is_successful, true);
    assert.equal(tested.status_code, 204);
    assert.equal(
      (received[0] as { payload: { meter_id: string } }).payload.meter_id,
      '364be407-1f08-48fa-afd2-ee1dd228b76b',
    );
    assert.deepEqual(await webhooks.delete(webhook_id), { message: 'Operation completed successfully' });
    await assert.rejects(
      webhooks.delete(webhook_id),
      (error: unknown) =>
        error instanceof LeapApiError && error.status === 404 && error.title === 'The specified resource was not found',
    );
    assert.deepEqual(
      leap.seen.map((r) => `${r.method} ${r.path.replace(webhook_id, '{id}')}`),
      [
        'GET /v1.1/webhooks',
        'POST /v1.1/webhooks',
        'GET /v1.1/webhooks',
        'PUT /v1.1/webhooks/{id}',
        'GET /v1.1/webhooks',
        'POST /v1.1/webhooks/{id}/test',
        'DELETE /v1.1/webhooks/{id}',
        'DELETE /v1.1/webhooks/{id}',
      ],
      'a 404 is not asked again',
    );
  });

  it('a subscription Leap would refuse is refused before it is sent, naming the field', async () => {
    const leap = await mockOnPort();
    const { webhooks } = leap.client();
    for (const subscription of [
      { receiver_url: 'not a url', event_types: ['meter.created'] },
      { receiver_url: 'ftp://partner.example/hooks', event_types: ['meter.created'] },
      { receiver_url: RECEIVER, event_types: ['meter.deleted'] },
    ]) {
      await assert.rejects(
        webhooks.create(subscription as never),
        (error: unknown) =>
          error instanceof LeapApiError &&
          error.status === 400 &&
          /nothing was sent/.test(error.title) &&
          Object.keys((error.details as { fields: object }).fields).length > 0,
      );
    }
    assert.equal(leap.seen.length, 0);
  });
});
