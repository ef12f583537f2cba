/**
 * The customer's whole story by reference id, over real sockets: their meters (`GET {base}/meters`, scoped, paged,
 * bounded), the mock's connect flow creating them, and Leap's webhooks reaching `POST {base}/webhooks/leap`.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createLeapHandler } from '../../src/server/index.js';
import { listen } from '../../src/server/node.js';
import { connectedMeter } from '../../src/mock/fixtures/meters.js';
import type { WebhookDelivery } from '../../src/core/types.generated.js';
import { startBackend, startMock, TEST_API_KEY, TEST_SECRET } from './support.js';

const WEBHOOK_SECRET = 'kH91+ARP1qap1DQ9sNFlqSW9yWHG0WSSY6NBttbjy7NA92p9';

interface MeterList {
  meters: Array<{
    meter_id: string;
    meter_type: string;
    utility_name: string | null;
    global_enrollment_status: string;
  }>;
}

describe('GET {base}/meters: the customer’s meters', () => {
  it('lists only the token customer’s meters, with their utility, whatever the query says', async () => {
    const upstream = await startMock();
    const backend = await startBackend(upstream.url, {
      customers: { demo: 'demo-customer', b: 'customer-b', new: 'brand-new-customer' },
    });
    const demo = await backend.session({ 'x-test-user': 'demo' });
    const other = await backend.session({ 'x-test-user': 'b' });
    const mine = (await (
      await backend.call('/meters?partner_references=customer-b', { token: demo.token })
    ).json()) as MeterList;
    const theirs = (await (await backend.call('/meters', { token: other.token })).json()) as MeterList;
    const demoIds = upstream.mock.state.meters
      .filter((m) => m.enrollment.partner_reference === 'demo-customer')
      .map((m) => m.enrollment.meter_id);
    assert.deepEqual(mine.meters.map((m) => m.meter_id).sort(), [...demoIds].sort());
    assert.ok(theirs.meters.length > 0);
    assert.ok(theirs.meters.every((m) => !demoIds.includes(m.meter_id)));
    assert.ok(mine.meters.some((m) => m.utility_name === 'Pacific Gas & Electric'));
    const fresh = await backend.session({ 'x-test-user': 'new' });
    assert.deepEqual(await (await backend.call('/meters', { token: fresh.token })).json(), { meters: [] });
  });

  it('filters by meter_type, and names a wrong one', async () => {
    const upstream = await startMock();
    const backend = await startBackend(upstream.url, { customers: { demo: 'demo-customer' } });
    const { token } = await backend.session({ 'x-test-user': 'demo' });
    const devices = (await (await backend.call('/meters?meter_type=DEVICE', { token })).json()) as MeterList;
    assert.ok(devices.meters.length > 0 && devices.meters.every((m) => m.meter_type === 'DEVICE'));
    const wrong = await backend.call('/meters?meter_type=TOASTER', { token });
    assert.equal(wrong.status, 400);
    assert.ok('meter_type' in ((await wrong.json()) as { details: { fields: object } }).details.fields);
  });

  it('follows every page, and stops at 500 meters', async () => {
    const upstream = await startMock();
    const now = new Date();
    for (let i = 0; i < 250; i += 1) upstream.mock.state.meters.push(connectedMeter('many-meters', 'SCE', now));
    for (let i = 0; i < 620; i += 1) upstream.mock.state.meters.push(connectedMeter('too-many-meters', 'SCE', now));
    const backend = await startBackend(upstream.url, { customers: { many: 'many-meters', lots: 'too-many-meters' } });
    const many = await backend.session({ 'x-test-user': 'many' });
    const lots = await backend.session({ 'x-test-user': 'lots' });
    const searches = () => upstream.seen.filter((r) => r.path === '/v2/meters/enrollments/search').length;
    const before = searches();
    assert.equal(
      ((await (await backend.call('/meters', { token: many.token })).json()) as MeterList).meters.length,
      250,
    );
    assert.equal(searches() - before, 3, 'pages of 100');
    assert.equal(
      ((await (await backend.call('/meters', { token: lots.token })).json()) as MeterList).meters.length,
      500,
    );
  });

  it('drops any meter Leap returns for another customer', async () => {
    const upstream = await listen(async (request) => {
      const path = new URL(request.url).pathname;
      const meter = (ref: string) => ({
        ...connectedMeter(ref, 'PGE', new Date()).enrollment,
      });
      if (path.endsWith('/enrollments/search'))
        return Response.json({ meters: [meter('alice-ref'), meter('mallory-ref')] });
      return Response.json({ meters: [] });
    });
    after(() => upstream.close());
    const backend = await startBackend(upstream.url, { customers: { alice: 'alice-ref' } });
    const { token } = await backend.session({ 'x-test-user': 'alice' });
    const list = (await (await backend.call('/meters', { token })).json()) as MeterList;
    assert.equal(list.meters.length, 1);
  });
});

describe('the mock’s connect flow', () => {
  it('creates the customer’s meters after the delay, moving the session CREATED → UPDATED → COMPLETED', async () => {
    const statuses: string[] = [];
    const waiting: Array<{ count: number; resolve: () => void }> = [];
    /** Resolves once `count` session updates have arrived. */
    const updates = (count: number) =>
      new Promise<void>((resolve) => (statuses.length >= count ? resolve() : waiting.push({ count, resolve })));
    const hook = await listen(async (request) => {
      const { payload } = (await request.json()) as WebhookDelivery;
      if (payload.webhook_event_type === 'connect_session.updated') {
        statuses.push((payload as { status: string }).status);
        for (const waiter of waiting.filter((w) => statuses.length >= w.count)) waiter.resolve();
      }
      return Response.json({ received: true });
    });
    after(() => hook.close());
    // The mock's clock stands still until the test moves it: "no meters yet" is checked before the connect goes on.
    const upstream = await startMock({ clock: 'manual', connectDelayMs: 100, webhooks: { url: hook.url } });
    after(() => upstream.mock.dispose());
    const backend = await startBackend(upstream.url, { customers: { new: 'new-customer-7' } });
    const { token } = await backend.session({ 'x-test-user': 'new' });
    const start = await fetch(`${upstream.url}/mock/connect-sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reference_id: 'new-customer-7', utility: 'PGE', meters: 2 }),
    });
    assert.equal(start.status, 201);
    const session = (await start.json()) as { session_id: string; status: string };
    assert.equal(session.status, 'CREATED');
    assert.deepEqual(await (await backend.call('/meters', { token })).json(), { meters: [] });
    // One step of the mock's time at a time, each update received before the next is due: they arrive in order.
    await updates(1);
    for (let count = 2; statuses.at(-1) !== 'COMPLETED'; count += 1) {
      upstream.mock.clock.tick(100);
      await updates(Math.min(count, 3));
    }
    assert.deepEqual(statuses, ['CREATED', 'UPDATED', 'COMPLETED']);
    const current = (await (
      await fetch(`${upstream.url}/mock/connect-sessions/${session.session_id}`, {
        headers: { authorization: `Bearer ${TEST_API_KEY}` },
      })
    ).json()) as { status: string; meter_ids: string[] };
    assert.equal(current.status, 'COMPLETED');
    assert.equal(current.meter_ids.length, 2);
    const list = (await (await backend.call('/meters', { token })).json()) as MeterList;
    assert.deepEqual(list.meters.map((m) => m.meter_id).sort(), [...current.meter_ids].sort());
    assert.ok(
      list.meters.every((m) => m.utility_name === 'Pacific Gas & Electric' && m.global_enrollment_status === 'PENDING'),
    );
  });
});

describe('POST {base}/webhooks/leap', () => {
  /** The backend with a webhook receiver recording what it was handed. */
  async function receiver(onWebhook?: (event: WebhookDelivery) => void | Promise<void>) {
    const handled: WebhookDelivery[] = [];
    const logs: string[] = [];
    const server = await listen(
      createLeapHandler({
        apiKey: TEST_API_KEY,
        sessionSecret: TEST_SECRET,
        webhookSecret: WEBHOOK_SECRET,
        onWebhook: async (event) => {
          await onWebhook?.(event);
          handled.push(event);
        },
        logger: (level, message) => logs.push(`${level} ${message}`),
      }),
    );
    after(() => server.close());
    const url = `${server.url}/api/leap/webhooks/leap`;
    const deliver = (body: unknown, headers: Record<string, string> = { 'x-leap-webhook-secret': WEBHOOK_SECRET }) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    return { url, deliver, handled, logs };
  }

  const METER = '11111111-1111-4111-8111-111111111111';
  const EVENTS: Array<Record<string, unknown>> = [
    {
      webhook_event_type: 'meter.created',
      meter_id: METER,
      partner_reference: 'ref-1',
      transmission_region: 'CAISO',
      meter_type: 'DEVICE',
    },
    {
      webhook_event_type: 'meter.enrollment.global-status.updated',
      meter_id: METER,
      transmission_region: 'CAISO',
      global_enrollment_status: 'ACTIVE',
    },
    {
      webhook_event_type: 'meter.enrollment.participation-status.updated',
      meter_id: METER,
      transmission_region: 'CAISO',
      participation_preference: 'IDLE',
      start_time: '2025-04-01 07:00:00+00:00',
    },
    {
      webhook_event_type: 'meter.enrollment.required-actions.updated',
      meter_id: METER,
      transmission_region: 'CAISO',
      global_enrollment_status: 'PENDING',
      required_actions: {
        partner: [
          {
            program_identifier: 'CEC-DSGS',
            delivery_period: 'CEC-DSGS_2025_AUG_OCT',
            enrollment_deadline_date_time: '2024-07-29 00:00:00+00:00',
            action_type: 'IS_AUTHORIZED',
            action_description: 'There are missing fields',
            action_code: 'AUTH_0001',
          },
        ],
      },
    },
    {
      webhook_event_type: 'meter.enrollment.group.updated',
      market_group_id: METER,
      market_group_name: 'GRP1',
      start_date_time: '2024-05-01 04:00:00+00:00',
      end_date_time: '2024-06-01 04:00:00+00:00',
      meter_ids: [METER],
    },
    { webhook_event_type: 'connect_session.updated', partner_reference: 'ref-1', status: 'COMPLETED' },
    {
      webhook_event_type: 'connect_session.authorization_updated',
      partner_reference: 'ref-1',
      utility_name: 'PGE',
      status: 'INITIATED',
    },
  ];

  it('accepts each of the seven documented events, and a type added later, and hands each to onWebhook', async () => {
    const { deliver, handled } = await receiver();
    for (const [i, payload] of [...EVENTS, { webhook_event_type: 'meter.archived', meter_id: METER }].entries()) {
      const answer = await deliver({ webhook_event_id: `evt-${i}`, payload });
      assert.equal(answer.status, 200, JSON.stringify(payload));
      assert.deepEqual(await answer.json(), { received: true });
    }
    assert.deepEqual(
      handled.map((e) => e.payload.webhook_event_type),
      [...EVENTS.map((e) => e.webhook_event_type), 'meter.archived'],
    );
  });

  it('refuses a wrong or missing secret (401), a malformed event (400), an oversized body (413) and browsers (403)', async () => {
    const { deliver, handled } = await receiver();
    const event = { webhook_event_id: 'evt-x', payload: EVENTS[0] };
    assert.equal((await deliver(event, { 'x-leap-webhook-secret': `${WEBHOOK_SECRET}!` })).status, 401);
    assert.equal((await deliver(event, {})).status, 401);
    assert.equal((await deliver('not json')).status, 400);
    const missing = await deliver({ webhook_event_id: 'evt-y', payload: { webhook_event_type: 'meter.created' } });
    assert.equal(missing.status, 400);
    assert.ok('meter_id' in ((await missing.json()) as { details: { fields: object } }).details.fields);
    assert.equal((await deliver({ payload: EVENTS[0] })).status, 400);
    assert.equal(
      (await deliver({ webhook_event_id: 'evt-z', payload: EVENTS[0], pad: 'x'.repeat(70 * 1024) })).status,
      413,
    );
    const browser = await deliver(event, { 'x-leap-webhook-secret': WEBHOOK_SECRET, origin: 'http://127.0.0.1' });
    assert.equal(browser.status, 403);
    assert.equal(browser.headers.get('access-control-allow-origin'), null);
    assert.equal(handled.length, 0);
  });

  it('hands a duplicate delivery of a handled event to nobody', async () => {
    const { deliver, handled } = await receiver();
    const event = { webhook_event_id: 'evt-dup', payload: EVENTS[5] };
    assert.deepEqual(await (await deliver(event)).json(), { received: true });
    assert.deepEqual(await (await deliver(event)).json(), { received: true, duplicate: true });
    assert.equal(handled.length, 1);
  });

  it('a failing handler answers 500 (so Leap retries) and says so; the retry is handled', async () => {
    let fail = true;
    const { deliver, handled, logs } = await receiver(() => {
      if (fail) throw new Error('database down');
    });
    const event = { webhook_event_id: 'evt-retry', payload: EVENTS[0] };
    assert.equal((await deliver(event)).status, 500);
    assert.ok(
      logs.some((line) => /^error onWebhook failed; answering 500 so Leap delivers the event again/.test(line)),
    );
    fail = false;
    assert.equal((await deliver(event)).status, 200);
    assert.equal(handled.length, 1);
  });

  it('is not there without webhookSecret', async () => {
    const upstream = await startMock();
    const backend = await startBackend(upstream.url);
    assert.equal((await backend.call('/webhooks/leap', { method: 'POST', body: '{}' })).status, 404);
  });

  it('receives the mock’s connect-flow webhooks, sent with the subscription header and retried after a failure', async () => {
    // Deliveries run in parallel and arrive in any order: wait until both the completion and the retry have arrived.
    let failedId: string | undefined;
    const types: string[] = [];
    let completedSeen = false;
    let retriedSeen = false;
    let settled!: () => void;
    const finished = new Promise<void>((resolve) => (settled = resolve));
    const { url } = await receiver((event) => {
      if (failedId === undefined) {
        failedId = event.webhook_event_id;
        throw new Error('first delivery fails');
      }
      const { payload } = event as { payload: { webhook_event_type: string; status?: string } };
      types.push(payload.webhook_event_type);
      if (payload.webhook_event_type === 'connect_session.updated' && payload.status === 'COMPLETED')
        completedSeen = true;
      if (event.webhook_event_id === failedId) retriedSeen = true;
      if (completedSeen && retriedSeen) settled();
    });
    const upstream = await startMock({
      connectDelayMs: 50,
      webhooks: { url, headers: { 'x-leap-webhook-secret': WEBHOOK_SECRET }, backoffMs: 20 },
    });
    after(() => upstream.mock.dispose());
    await fetch(`${upstream.url}/mock/connect-sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reference_id: 'webhook-customer', meters: 1 }),
    });
    await finished;
    assert.ok(types.includes('meter.created'));
    assert.ok(types.includes('connect_session.authorization_updated'));
    const retried = upstream.mock.state.webhooks.deliveries.find((d) => d.webhook_event_id === failedId);
    assert.ok(retried && retried.attempts > 1, 'the mock counted the retry');
  });
});
