/**
 * The mock delivers every event type Leap documents, when its state changes, to every receiver subscribed to it: a
 * partner backend subscribed through the subscription API (every type, with its secret header) and a second receiver
 * subscribed to two types. Each delivery is held to the webhooks file's `WebhookPayload`; retries run on the mock's
 * clock, so nothing here waits on the wall clock.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLeapHandler } from '../../src/server/index.js';
import { listen } from '../../src/server/node.js';
import type { WebhookDelivery } from '../../src/core/types.generated.js';
import { contract, contractMock } from '../support/mock-http.js';

const SECRET = 'Zq8vN3kP0xWm5tR2yL7cB9dF4hJ6sG1aE3uK8oT5iY2w';
const BATTERY = '7c9e6679-7425-40de-944b-e07fc1f90ae7'; // seeded PENDING: five changes go once around the cycle
const payloadSchema = contract().component('leap-webhooks.openapi.yml', 'WebhookPayload');

/** Records what reaches a receiver; `until(n)` resolves once n deliveries arrived. */
function recorder() {
  const got: WebhookDelivery[] = [];
  const waiting: Array<{ count: number; resolve: () => void }> = [];
  return {
    got,
    add(delivery: WebhookDelivery) {
      got.push(delivery);
      for (const wait of waiting.filter((w) => got.length >= w.count)) {
        waiting.splice(waiting.indexOf(wait), 1);
        wait.resolve();
      }
    },
    until(count: number) {
      return got.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ count, resolve }));
    },
    types: () => new Set(got.map((d) => d.payload.webhook_event_type)),
  };
}

const leap = await contractMock({ clock: 'manual', jobDelayMs: 0, webhooks: { backoffMs: 1000 } });

// Receiver A: the partner backend itself, checking the secret and the events.
const atBackend = recorder();
const backend = await listen(
  createLeapHandler({
    apiKey: 'leap_live_unused_here_0123456789',
    sessionSecret: 'vK3pQ9wZ2mT7xR4nL8bC1dF6hJ0sG5aE9uY3oI7tW2qN',
    webhookSecret: SECRET,
    onWebhook: (event) => atBackend.add(event),
    logger: () => {},
  }),
);
// Receiver B: a bare receiver subscribed to two types, checking every body against the file.
const atB = recorder();
const bodies: unknown[] = [];
const b = await listen(async (request) => {
  const body = (await request.json()) as WebhookDelivery;
  bodies.push(body);
  atB.add(body);
  return new Response(null, { status: 204 });
});
after(async () => {
  await backend.close();
  await b.close();
});
const backendUrl = `${backend.url}/api/leap/webhooks/leap`;

async function subscribe(receiver_url: string, event_types: string[], headers: Array<{ name: string; value: string }>) {
  const answer = await leap.call('POST', '/v1.1/webhooks', { body: { receiver_url, event_types, headers } });
  assert.equal(answer.status, 200);
  return (answer.body as { webhook_id: string }).webhook_id;
}

describe('webhooks: every event type, to every subscribed receiver', () => {
  const ALL = contract().component('leap-webhooks.openapi.yml', 'WebhookEventType').enum as string[];
  let toBackend = '';
  let toB = '';

  it('the subscription API lists what was subscribed, headers included', async () => {
    toBackend = await subscribe(backendUrl, ALL, [{ name: 'x-leap-webhook-secret', value: SECRET }]);
    toB = await subscribe(`${b.url}/hooks`, ['meter.created', 'connect_session.updated'], []);
    const list = (await leap.call('GET', '/v1.1/webhooks')).body as { webhooks: Array<Record<string, unknown>> };
    assert.deepEqual(
      list.webhooks.map((w) => [w.webhook_id, w.receiver_url, (w.event_types as string[]).length]),
      [
        [toBackend, backendUrl, 7],
        [toB, `${b.url}/hooks`, 2],
      ],
    );
  });

  it('connects that complete, fail and close; a partner-created meter; an enrollment going once around', async () => {
    for (const outcome of ['completed', 'failed', 'closed']) {
      const started = await leap.raw('POST', '/mock/connect-sessions', {
        reference_id: `hooks-${outcome}`,
        meters: 1,
        delay_ms: 1000,
        outcome,
      });
      assert.equal(started.status, 201);
    }
    leap.mock.clock.tick(1000);
    const job = await leap.call('POST', '/v1.1/jobs/meters', {
      body: {
        assets: [
          {
            partner_reference: 'hooks-partner-meter',
            transmission_region: 'PJM',
            customer_classification: 'RESIDENTIAL',
            load_types: ['HVAC'],
            meter_type: 'UTILITY_METER',
            customer: {
              street_1: '2 Main St',
              postal_code: '19103',
              city: 'Philadelphia',
              state_or_province_code: 'PA',
              country_code: 'US',
            },
          },
        ],
      },
    });
    assert.equal(job.status, 201);
    for (let step = 0; step < 5; step += 1)
      assert.deepEqual(leap.mock.advance({ ms: 3_600_000, meterIds: [BATTERY] }), [BATTERY]);

    const sent = leap.mock.state.webhooks.deliveries;
    const forBackend = sent.filter((d) => d.webhook_id === toBackend).length;
    const forB = sent.filter((d) => d.webhook_id === toB).length;
    await Promise.all([atBackend.until(forBackend), atB.until(forB)]);

    assert.deepEqual([...atBackend.types()].sort(), [...ALL].sort(), 'the backend got every event type');
    const payloads = atBackend.got.map((d) => d.payload as Record<string, unknown>);
    const statuses = (type: string) =>
      new Set(payloads.filter((p) => p.webhook_event_type === type).map((p) => p.status));
    assert.deepEqual([...statuses('connect_session.updated')].sort(), ['CLOSED', 'COMPLETED', 'CREATED', 'UPDATED']);
    assert.deepEqual([...statuses('connect_session.authorization_updated')].sort(), [
      'COMPLETED',
      'FAILED',
      'INITIATED',
    ]);
    const created = payloads.filter((p) => p.webhook_event_type === 'meter.created').map((p) => p.partner_reference);
    assert.deepEqual(
      created.sort(),
      ['hooks-completed', 'hooks-partner-meter'],
      'a meter from a connect and from a job',
    );
    // The enrollment's own events follow its state: what the enrollment search answers now.
    const enrollment = (await leap.call('GET', `/v2/meters/${BATTERY}/enrollments`)).body as Record<string, unknown>;
    const last = payloads.filter((p) => p.meter_id === BATTERY && String(p.webhook_event_type).includes('global'));
    assert.deepEqual(
      last.map((p) => p.global_enrollment_status),
      ['ELIGIBLE', 'ACTIVE', 'NOT_PARTICIPATING', 'INELIGIBLE', 'PENDING'],
    );
    assert.equal(enrollment.global_enrollment_status, 'PENDING');
    const group = payloads.find((p) => p.webhook_event_type === 'meter.enrollment.group.updated')!;
    assert.deepEqual(group.meter_ids, [BATTERY]);

    // B got exactly its two types, the same events the backend got.
    assert.deepEqual([...atB.types()].sort(), ['connect_session.updated', 'meter.created']);
    const wanted = payloads.filter((p) =>
      ['meter.created', 'connect_session.updated'].includes(String(p.webhook_event_type)),
    );
    assert.equal(atB.got.length, wanted.length);
    // Every delivery is what the webhooks file calls a WebhookPayload.
    for (const body of [...bodies, ...atBackend.got]) assert.deepEqual(contract().problems(payloadSchema, body), []);
  });

  it('an updated subscription gets only its new types; a deleted one nothing', async () => {
    const put = await leap.call('PUT', `/v1.1/webhooks/${toBackend}`, {
      body: {
        receiver_url: backendUrl,
        event_types: ['meter.created'],
        headers: [{ name: 'x-leap-webhook-secret', value: SECRET }],
      },
    });
    assert.equal(put.status, 200);
    assert.equal((await leap.call('DELETE', `/v1.1/webhooks/${toB}`)).status, 200);
    const before = {
      backend: atBackend.got.length,
      b: atB.got.length,
      sent: leap.mock.state.webhooks.deliveries.length,
    };
    leap.mock.advance({ ms: 1000, meterIds: [BATTERY] });
    await leap.raw('POST', '/mock/connect-sessions', { reference_id: 'hooks-late', meters: 1, delay_ms: 0 });
    leap.mock.clock.tick(0);
    const sent = leap.mock.state.webhooks.deliveries.slice(before.sent);
    assert.deepEqual(
      sent.map((d) => [d.webhook_id, d.webhook_event_type]),
      [[toBackend, 'meter.created']],
    );
    await atBackend.until(before.backend + 1);
    assert.equal(atB.got.length, before.b);
  });

  it('a failed delivery is retried on the mock’s clock until the receiver takes it', async () => {
    let fail = true;
    const flaky = recorder();
    const server = await listen(async (request) => {
      const body = (await request.json()) as WebhookDelivery;
      if (fail) {
        fail = false;
        return new Response('busy', { status: 503 });
      }
      flaky.add(body);
      return Response.json({ received: true });
    });
    after(() => server.close());
    const id = await subscribe(server.url, ['meter.created'], []);
    const pending = leap.mock.clock.pending;
    await leap.raw('POST', '/mock/connect-sessions', { reference_id: 'hooks-retry', meters: 1, delay_ms: 0 });
    leap.mock.clock.tick(0);
    // The first attempt fails; its retry is scheduled one backoff later, on the mock's clock.
    await leap.mock.clock.untilPending(pending + 1);
    const delivery = leap.mock.state.webhooks.deliveries.find((d) => d.webhook_id === id)!;
    assert.deepEqual([delivery.attempts, delivery.lastStatus, delivery.delivered], [1, 503, false]);
    leap.mock.clock.tick(1000);
    await flaky.until(1);
    assert.equal(flaky.got[0]!.webhook_event_id, delivery.webhook_event_id, 'the same event, delivered again');
    assert.equal(delivery.attempts, 2);
  });

  it('the test operation sends one event and answers what the receiver did', async () => {
    const good = await leap.call('POST', `/v1.1/webhooks/${toBackend}/test`, {
      body: {
        webhook_event_type: 'meter.created',
        meter_id: '364be407-1f08-48fa-afd2-ee1dd228b76b',
        partner_reference: 'sample-ref-123',
        transmission_region: 'CAISO',
      },
    });
    assert.equal((good.body as { is_successful: boolean; status_code: number }).is_successful, true);
    assert.equal((good.body as { status_code: number }).status_code, 200);
    // The backend refuses the file's own example event (it lacks transmission_region): Leap reports the 400.
    const example = await leap.call('POST', `/v1.1/webhooks/${toBackend}/test`, {
      body: {
        webhook_event_type: 'meter.created',
        meter_id: '364be407-1f08-48fa-afd2-ee1dd228b76b',
        partner_reference: 'sample-ref-123',
      },
    });
    assert.deepEqual(
      [
        (example.body as { is_successful: boolean }).is_successful,
        (example.body as { status_code: number }).status_code,
      ],
      [false, 400],
    );
    // A receiver nobody listens on: no status, an error.
    const closed = await listen(() => new Response('gone'));
    await closed.close();
    const gone = await subscribe(closed.url, ['meter.created'], []);
    const unreachable = (
      await leap.call('POST', `/v1.1/webhooks/${gone}/test`, { body: { webhook_event_type: 'meter.created' } })
    ).body as Record<string, unknown>;
    assert.equal(unreachable.is_successful, false);
    assert.equal(typeof unreachable.error, 'string');
    assert.equal('status_code' in unreachable, false);
  });
});
