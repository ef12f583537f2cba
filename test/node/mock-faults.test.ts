/** The mock Leap's faults, marks and limits: what x-mock-fault and latency do, keys, and the caps on what it keeps. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IncentivesResponse } from '../../src/core/schemas/incentives.js';
import { createMockLeap, MOCK_LIMITS } from '../../src/mock/index.js';
import { meter } from '../support/mock-http.js';
import { gridHeaders, incentivesAt, incentivesHeaders, lookup, quickstart } from '../support/mock-requests.js';
import { startMock, TEST_API_KEY } from './support.js';

const { url } = await startMock();
const incentives = incentivesAt(url);

describe('mock Leap: faults', () => {
  it('x-mock-fault: 500 answers a JSON error on incentives and a JSON string on the grid platform', async () => {
    const a = await incentives({}, { 'x-mock-fault': '500' });
    assert.equal(a.status, 500);
    assert.ok(a.body.requestId);
    const b = await fetch(`${url}/v2/meters/search`, {
      method: 'POST',
      headers: { ...gridHeaders, 'x-mock-fault': '500' },
      body: '{}',
    });
    assert.equal(b.status, 500);
    // The files type the grid platform's 500 as application/json with a string schema.
    assert.match(b.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(await b.json(), 'An error happened whilst processing your request');
  });

  it('x-mock-fault: malformed-json answers 200 with a broken body', async () => {
    const response = await fetch(`${url}/alpha/incentives`, {
      method: 'POST',
      headers: { ...incentivesHeaders, 'x-mock-fault': 'malformed-json' },
      body: '{}',
    });
    assert.equal(response.status, 200);
    await assert.rejects(response.json());
  });

  it('x-mock-fault: extra-fields adds unknown fields that the schemas keep', async () => {
    const { body } = await incentives(lookup(quickstart.responses[0]!.address), { 'x-mock-fault': 'extra-fields' });
    const parsed = IncentivesResponse.parse(body) as Record<string, unknown> & {
      incentives: { by_program: Array<Record<string, unknown>> };
    };
    assert.ok(parsed.x_added_later);
    assert.ok(parsed.incentives.by_program[0]!.x_added_later);
  });

  it('x-mock-fault: unsafe-connect-url and 429', async () => {
    const { body } = await incentives(lookup(quickstart.responses[0]!.address), {
      'x-mock-fault': 'unsafe-connect-url',
    });
    assert.match(String(body.connect_url), /^javascript:/);
    const limited = await fetch(`${url}/alpha/incentives`, {
      method: 'POST',
      headers: { ...incentivesHeaders, 'x-mock-fault': '429' },
      body: '{}',
    });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '30');
  });

  it('timeout hangs until hangMs and latency delays every answer, both on the mock’s clock', async () => {
    const mock = createMockLeap({ clock: 'manual', hangMs: 300, latencyMs: 150 });
    let answered = false;
    const pending = mock(`http://mock/alpha/incentives`, {
      method: 'POST',
      headers: { ...incentivesHeaders, 'x-mock-fault': 'timeout' },
      body: '{}',
    }).then((response) => {
      answered = true;
      return response;
    });
    await mock.clock.untilPending(1);
    mock.clock.tick(149);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(answered, false, 'still inside the latency');
    mock.clock.tick(1);
    await mock.clock.untilPending(1);
    mock.clock.tick(299);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(answered, false, 'still hanging');
    mock.clock.tick(1);
    const response = await pending;
    assert.equal(response.status, 504);
    assert.equal(response.headers.get('x-leap-mock'), '1');
  });

  it('holds an answer at most 10 s, whatever x-mock-latency asks', async () => {
    const mock = createMockLeap({ clock: 'manual', apiKeys: [TEST_API_KEY] });
    let answered = false;
    const pending = mock('http://mock/v2/meters/search', {
      method: 'POST',
      headers: { ...gridHeaders, 'x-mock-latency': '60000' },
      body: '{}',
    }).then((response) => {
      answered = true;
      return response;
    });
    await mock.clock.untilPending(1);
    mock.clock.tick(MOCK_LIMITS.latencyMs - 1);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(answered, false);
    mock.clock.tick(1);
    assert.equal((await pending).status, 200);
    assert.equal(MOCK_LIMITS.latencyMs, 10_000);
  });
});

describe('mock Leap: keys, marks and limits', () => {
  it('every answer says it is the mock’s, errors and faults included', async () => {
    const mock = createMockLeap({ apiKeys: [TEST_API_KEY] });
    const answers = await Promise.all([
      mock('http://mock/v2/meters/search', { method: 'POST', headers: gridHeaders, body: '{}' }),
      mock('http://mock/v2/nothing-here', { headers: gridHeaders }),
      mock('http://mock/alpha/incentives', { method: 'POST', body: '{}' }),
      mock('http://mock/v1.1/webhooks', { headers: { authorization: 'Bearer another-key' } }),
      mock('http://mock/alpha/incentives', {
        method: 'POST',
        headers: { ...incentivesHeaders, 'x-mock-fault': 'malformed-json' },
        body: '{}',
      }),
      mock('http://mock/v2/meters/search', {
        method: 'POST',
        headers: { ...gridHeaders, 'x-mock-fault': '503' },
        body: '{}',
      }),
    ]);
    assert.deepEqual(
      answers.map((a) => [a.status, a.headers.get('x-leap-mock')]),
      [
        [200, '1'],
        [404, '1'],
        [401, '1'],
        [403, '1'],
        [200, '1'],
        [503, '1'],
      ],
    );
  });

  it('with a key list: no key is 401, another key 403, in each service’s own shape', async () => {
    const mock = createMockLeap({ apiKeys: [TEST_API_KEY] });
    const body = async (path: string, headers: Record<string, string>) => {
      const answer = await mock(`http://mock${path}`, { headers });
      return [answer.status, await answer.json()];
    };
    assert.deepEqual(await body('/v1.1/webhooks', {}), [
      401,
      { error: 'Unauthorized', message: 'Auth token is invalid' },
    ]);
    assert.deepEqual(await body('/v1.1/webhooks', { authorization: 'Bearer nope' }), [
      403,
      { error: 'Forbidden', message: 'You do not have permission to perform this action' },
    ]);
    assert.deepEqual(await body('/v2/meters/search', { authorization: 'Bearer nope' }), [
      403,
      { title: 'You do not have the necessary permissions for this operation', status: 403, details: {} },
    ]);
  });

  it('keeps at most 10,000 connect sessions and 10,000 created meters, saying so', async () => {
    const mock = createMockLeap({ clock: 'manual', jobDelayMs: 0 });
    const connect = (reference_id: string, outcome = 'closed') =>
      mock('http://mock/mock/connect-sessions', {
        method: 'POST',
        headers: gridHeaders,
        body: JSON.stringify({ reference_id, outcome, meters: 1 }),
      });
    // The sessions already there are what the mock holds (its state is open to tests): one more fits, then no more.
    for (let i = 0; i < MOCK_LIMITS.connectSessions - 1; i += 1) {
      const session_id = `earlier-${i}`;
      mock.state.connectSessions.set(session_id, {
        session_id,
        reference_id: session_id,
        utility: 'PGE',
        outcome: 'closed',
        status: 'CLOSED',
        meter_ids: [],
      });
    }
    assert.equal((await connect('cap-last-fits')).status, 201);
    const refused = await connect('cap-one-too-many');
    assert.equal(refused.status, 429);
    assert.match(((await refused.json()) as { title: string }).title, /at most 10000 connect sessions/);

    // Created meters: the inventory is at the limit but one, so a job of two creates one and refuses the other.
    mock.state.createdMeters = MOCK_LIMITS.createdMeters - 1;
    const job = await mock('http://mock/v1.1/jobs/meters', {
      method: 'POST',
      headers: gridHeaders,
      body: JSON.stringify({ assets: [meter('cap-meter-1'), meter('cap-meter-2')] }),
    });
    const { job_id } = (await job.json()) as { job_id: string };
    const rows = (
      (await (await mock(`http://mock/v1.1/jobs/meters/${job_id}`, { headers: gridHeaders })).json()) as {
        assets: Array<{ status: string; status_detail: { name?: string; description?: string } }>;
      }
    ).assets;
    assert.deepEqual(
      rows.map((r) => [r.status, r.status_detail.name]),
      [
        ['COMPLETED', 'METER_CREATED'],
        ['FAILED', 'PROCESSING_ERROR'],
      ],
    );
    assert.match(rows[1]!.status_detail.description!, /at most 10000 meters/);
    mock.dispose();
  });
});
