import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { IncentivesResponse } from '../../src/core/schemas/incentives.js';
import { ApplicationList, Application } from '../../src/core/schemas/applications.js';
import { MeterEnrollmentResponse } from '../../src/core/schemas/enrollments.js';
import { createMockLeap, MOCK_ADDRESSES, MOCK_LIMITS } from '../../src/mock/index.js';
import { isLoopbackHost, runMock } from '../../src/mock/run.js';
import { listen } from '../../src/server/node.js';
import { meter } from '../support/mock-http.js';
import { startMock, TEST_API_KEY } from './support.js';

const quickstart = JSON.parse(readFileSync(new URL('./fixtures/quickstart.json', import.meta.url), 'utf8')) as {
  request: Record<string, unknown>;
  responses: Array<Record<string, unknown> & { address: Record<string, string>; reference_id: string }>;
  applicationList: unknown;
  applicationPatch: unknown;
};

const { url } = await startMock();
const instantJobs = await startMock({ jobDelayMs: 0 });
const incentivesHeaders = { 'x-api-key': TEST_API_KEY, 'content-type': 'application/json' };
const gridHeaders = { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' };

async function incentives(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/alpha/incentives`, {
    method: 'POST',
    headers: { ...incentivesHeaders, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> };
}

function lookup(address: Record<string, string>, extra: Record<string, unknown> = {}) {
  return {
    operation_type: 'lookup',
    reference_id: `ref-${Math.random().toString(36).slice(2)}`,
    address,
    building_type: 'RESIDENTIAL',
    device_id: 123,
    create_application: true,
    ...extra,
  };
}

function addressOf(fixture: (typeof MOCK_ADDRESSES)[number]) {
  return {
    street_1: fixture.street_1,
    city: fixture.city,
    state_or_province_code: fixture.state,
    postal_code: fixture.postal_code,
    country_code: 'US',
  };
}

describe('mock Leap: incentives', () => {
  it('reproduces the three quickstart response examples exactly for their inputs', async () => {
    for (const expected of quickstart.responses) {
      const { status, body } = await incentives({
        ...quickstart.request,
        reference_id: expected.reference_id,
        address: expected.address,
      });
      assert.equal(status, 200);
      assert.deepEqual(body, expected);
    }
  });

  it('every answer satisfies the response schema, in every market', async () => {
    const markets = new Set<string>();
    for (const fixture of MOCK_ADDRESSES) {
      const { status, body } = await incentives(lookup(addressOf(fixture), { device_ids: [123, 32, 44] }));
      assert.equal(status, 200, fixture.label);
      assert.ok(IncentivesResponse.safeParse(body).success, fixture.label);
      markets.add(fixture.market);
    }
    for (const market of ['CAISO', 'NYISO', 'PJM', 'ERCOT']) assert.ok(markets.has(market), market);
  });

  it('repeats in device_ids mean quantity', async () => {
    const sf = MOCK_ADDRESSES.find((a) => a.city === 'San Francisco')!;
    const { body } = await incentives(lookup(addressOf(sf), { device_id: undefined, device_ids: [44, 44, 44] }));
    const sgip = (
      body.incentives as { by_program: Array<{ program_id: number; total_incentive: number }> }
    ).by_program.find((p) => p.program_id === 2102);
    assert.equal(sgip?.total_incentive, 3000);
  });

  it('resolves device_names through the equipment map and names unknown ones', async () => {
    const ok = await incentives(
      lookup(quickstart.responses[0]!.address, { device_id: undefined, device_names: ['level 2 ev charger'] }),
    );
    assert.equal((ok.body.incentives as { total_incentive_amount: number }).total_incentive_amount, 750);
    const bad = await incentives(
      lookup(quickstart.responses[0]!.address, { device_id: undefined, device_names: ['Flux Capacitor'] }),
    );
    assert.equal(bad.status, 400);
    assert.match(String(bad.body.message), /Flux Capacitor/);
  });

  it('offers several possible_utilities and evaluates the one the customer picks', async () => {
    const davis = MOCK_ADDRESSES.find((a) => a.city === 'Davis')!;
    const first = await incentives(lookup(addressOf(davis)));
    assert.equal(first.body.utility, null);
    const possible = first.body.possible_utilities as Array<{ eiaid: number | string; name: string }>;
    assert.equal(possible.length, 2);
    assert.equal(typeof possible[1]!.eiaid, 'string', 'eiaid may be a string in possible_utilities');
    const picked = await incentives({
      operation_type: 'refresh',
      reference_id: first.body.reference_id,
      utility_eiaid: possible[1]!.eiaid,
    });
    assert.equal((picked.body.utility as { name: string }).name, 'Valley Clean Energy Alliance');
    assert.equal((picked.body.incentives as { total_incentive_amount: number }).total_incentive_amount, 300);
  });

  it('answers 400 for an address it cannot geocode', async () => {
    const { status, body } = await incentives(
      lookup({ ...quickstart.responses[0]!.address, street_1: '1 Nowhere Rd', postal_code: '00000' }),
    );
    assert.equal(status, 400);
    assert.match(String(body.message), /geocoded/);
    assert.ok(body.requestId);
  });

  it('refresh works only for a reference_id seen in an earlier lookup', async () => {
    const reference_id = `ref-refresh-${Date.now()}`;
    const before = await incentives({ operation_type: 'refresh', reference_id });
    assert.equal(before.status, 404);
    await incentives({ ...lookup(quickstart.responses[0]!.address), reference_id });
    const afterLookup = await incentives({ operation_type: 'refresh', reference_id });
    assert.equal(afterLookup.status, 200);
    assert.equal((afterLookup.body.incentives as { total_incentive_amount: number }).total_incentive_amount, 750);
  });

  it('override replaces the device list', async () => {
    const reference_id = `ref-override-${Date.now()}`;
    const sf = MOCK_ADDRESSES.find((a) => a.city === 'San Francisco')!;
    await incentives({ ...lookup(addressOf(sf)), reference_id });
    const overridden = await incentives({
      operation_type: 'override',
      reference_id,
      building_type: 'RESIDENTIAL',
      device_ids: [44],
    });
    const programs = (overridden.body.incentives as { by_program: Array<{ program_id: number }> }).by_program.map(
      (p) => p.program_id,
    );
    assert.deepEqual(programs, [2102]);
  });

  it('validates requests and answers the incentives error body', async () => {
    const badEnum = await incentives({
      operation_type: 'lookup',
      reference_id: 'x',
      building_type: 'CASTLE',
      address: quickstart.responses[0]!.address,
    });
    assert.equal(badEnum.status, 400);
    assert.equal(typeof badEnum.body.message, 'string');
    assert.match((badEnum.body.details as Record<string, string>).building_type ?? '', /RESIDENTIAL/);
    const missing = await incentives({ operation_type: 'lookup', reference_id: 'x', building_type: 'RESIDENTIAL' });
    assert.equal(missing.status, 400);
    assert.match((missing.body.details as Record<string, string>).address ?? '', /required/);
  });
});

describe('mock Leap: auth header styles', () => {
  it('incentives wants x-api-key, not a Bearer token', async () => {
    const response = await fetch(`${url}/alpha/incentives`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_API_KEY}` },
      body: '{}',
    });
    assert.equal(response.status, 401);
    const body = (await response.json()) as Record<string, unknown>;
    assert.ok(body.message && body.requestId);
  });

  it('the grid platform wants a Bearer token, not x-api-key, and answers {title, status, details}', async () => {
    const meterId = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
    const response = await fetch(`${url}/v2/meters/${meterId}/enrollments`, { headers: { 'x-api-key': TEST_API_KEY } });
    assert.equal(response.status, 401);
    assert.deepEqual(await response.json(), { title: 'Unauthorized', status: 401, details: {} });
  });

  it('a key outside apiKeys gets 403', async () => {
    const wrong = await incentives({}, { 'x-api-key': 'leap_live_wrong' });
    assert.equal(wrong.status, 403);
    const grid = await fetch(`${url}/v2/meters/search`, {
      method: 'POST',
      headers: { authorization: 'Bearer nope' },
      body: '{}',
    });
    assert.equal(grid.status, 403);
  });
});

describe('mock Leap: applications', () => {
  it('lists with the documented truncated shape and pages with next_page_token', async () => {
    const seen: unknown[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const query = new URLSearchParams({
        refId: 'demo-customer',
        limit: '3',
        ...(token ? { page_token: token } : {}),
      });
      const response = await fetch(`${url}/alpha/applications?${query}`, { headers: incentivesHeaders });
      const list = ApplicationList.parse(await response.json());
      seen.push(...list.results);
      token = list.next_page_token ?? null;
      pages += 1;
    } while (token);
    assert.equal(seen.length, 8, 'one application per status');
    assert.equal(pages, 3);
    assert.ok(seen.every((a) => !('customer_devices' in (a as object))));
  });

  it('filters by application_status and refuses unknown ones', async () => {
    const response = await fetch(`${url}/alpha/applications?application_status=awaiting_partner`, {
      headers: incentivesHeaders,
    });
    const list = ApplicationList.parse(await response.json());
    assert.ok(list.results.length >= 2);
    assert.ok(list.results.every((a) => a.status === 'awaiting_partner'));
    const bad = await fetch(`${url}/alpha/applications?application_status=lost`, { headers: incentivesHeaders });
    assert.equal(bad.status, 400);
  });

  it('GET by id verifies ownership when refId is given; PATCH updates partially', async () => {
    const list = ApplicationList.parse(
      await (await fetch(`${url}/alpha/applications?refId=customer-b`, { headers: incentivesHeaders })).json(),
    );
    const id = list.results[0]!.id;
    const mine = await fetch(`${url}/alpha/applications/${id}?refId=customer-b`, { headers: incentivesHeaders });
    assert.equal(mine.status, 200);
    assert.ok(Application.safeParse(await mine.json()).success);
    const theirs = await fetch(`${url}/alpha/applications/${id}?refId=demo-customer`, { headers: incentivesHeaders });
    assert.equal(theirs.status, 404);
    const patched = await fetch(`${url}/alpha/applications/${id}`, {
      method: 'PATCH',
      headers: incentivesHeaders,
      body: JSON.stringify(quickstart.applicationPatch),
    });
    const body = (await patched.json()) as {
      status: string;
      customer: { phone: string };
      customer_devices: Array<{ contractor_name?: string }>;
    };
    assert.equal(body.status, 'completed');
    assert.equal(body.customer.phone, '555-1234');
    assert.ok(body.customer_devices.some((d) => d.contractor_name === 'ABC Electric'));
  });

  it('create_application opens an application for each eligible program', async () => {
    const reference_id = `ref-apps-${Date.now()}`;
    await incentives({ ...lookup(quickstart.responses[2]!.address), reference_id });
    const list = ApplicationList.parse(
      await (await fetch(`${url}/alpha/applications?refId=${reference_id}`, { headers: incentivesHeaders })).json(),
    );
    assert.deepEqual(list.results.map((a) => a.program_id).sort(), [1001, 1002]);
    assert.ok(list.results.every((a) => a.status === 'not_started'));
  });
});

describe('mock Leap: meters and enrollments', () => {
  const meterId = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

  it('serves meter details under both documented paths', async () => {
    const short = await fetch(`${url}/v2/meters/${meterId}`, { headers: gridHeaders });
    const long = await fetch(`${url}/v2/meters/${meterId}/details`, { headers: gridHeaders });
    assert.equal(short.status, 200);
    assert.deepEqual(await short.json(), await long.json());
  });

  it('serves an enrollment that satisfies the schema, and the documented errors', async () => {
    const response = await fetch(`${url}/v2/meters/${meterId}/enrollments`, { headers: gridHeaders });
    assert.ok(MeterEnrollmentResponse.safeParse(await response.json()).success);
    const missing = await fetch(`${url}/v2/meters/00000000-0000-4000-8000-000000000000/enrollments`, {
      headers: gridHeaders,
    });
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { title: string }).title, 'Meter not found');
    const notUuid = await fetch(`${url}/v2/meters/abcdef/enrollments`, { headers: gridHeaders });
    assert.equal(notUuid.status, 400);
    assert.equal(((await notUuid.json()) as { title: string }).title, 'Meter id is not a UUID');
  });

  it('the first delivery period always holds "now", even in the hours after midnight UTC on the 1st', () => {
    for (const now of [
      '2026-12-01T00:30:00Z',
      '2026-12-01T07:00:00Z',
      '2026-11-30T23:59:00Z',
      '2027-01-01T03:00:00Z',
    ]) {
      const mock = createMockLeap({ now: () => new Date(now) });
      for (const { enrollment } of mock.state.meters) {
        const [first] = enrollment.program_enrollment as Array<Record<string, string>>;
        if (!first) continue;
        assert.ok(
          Date.parse(first.delivery_period_start_date_time!) <= Date.parse(now) &&
            Date.parse(now) < Date.parse(first.delivery_period_end_date_time!),
          `${now}: ${first.delivery_period_start_date_time} – ${first.delivery_period_end_date_time}`,
        );
      }
    }
  });

  for (const path of ['/v2/meters/search', '/v2/meters/details/search', '/v2/meters/enrollments/search']) {
    it(`${path} pages with next_page_token and filters by last_modified_date_time`, async () => {
      const all: Array<{ meter_id: string }> = [];
      let page_token: string | undefined;
      do {
        const response = await fetch(`${url}${path}`, {
          method: 'POST',
          headers: gridHeaders,
          body: JSON.stringify({ page_size: 1, ...(page_token ? { page_token } : {}) }),
        });
        const body = (await response.json()) as { meters: Array<{ meter_id: string }>; next_page_token: string | null };
        all.push(...body.meters);
        page_token = body.next_page_token ?? undefined;
      } while (page_token);
      assert.ok(all.length >= 4);
      assert.equal(new Set(all.map((m) => m.meter_id)).size, all.length, 'no meter twice');
      const recent = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: gridHeaders,
        body: JSON.stringify({ last_modified_date_time: new Date(Date.now() - 5 * 86_400_000).toISOString() }),
      });
      const recentBody = (await recent.json()) as { meters: unknown[] };
      assert.ok(recentBody.meters.length > 0 && recentBody.meters.length < all.length);
    });
  }
});

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

describe('leap-elements-mock CLI', () => {
  it('listens on 127.0.0.1, takes its key and webhook secret from the environment, and never prints them', async () => {
    const key = 'leap_cli_mock_key_7d3f9a1c';
    const secret = 'Hn4qW8zT1vB6xK3mP9sD2fG7jL0cR5yE8uA1oI4tQ6w';
    const seen: Array<string | null> = [];
    const receiver = await listen(async (request) => {
      seen.push(request.headers.get('x-leap-webhook-secret'));
      return new Response(null, { status: 204 });
    });
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/mock/cli.ts', '--port', '0', '--webhook-url', receiver.url],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LEAP_API_KEY: key, LEAP_WEBHOOK_SECRET: secret } },
    );
    let printed = '';
    child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('Webhooks go to')) resolve(text);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${printed}`)));
      });
      printed += output;
      const base = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      assert.match(base ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
      const search = (bearer: string) =>
        fetch(`${base}/v2/meters/search`, {
          method: 'POST',
          headers: { authorization: `Bearer ${bearer}` },
          body: '{}',
        });
      assert.equal((await search(TEST_API_KEY)).status, 403, 'only the key in LEAP_API_KEY');
      const ok = await search(key);
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get('x-leap-mock'), '1');
      // The connect flow's webhooks carry the secret from the environment.
      const started = await fetch(`${base}/mock/connect-sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reference_id: 'cli-customer', delay_ms: 0, outcome: 'closed' }),
      });
      assert.equal(started.status, 201);
      while (seen.length < 2) await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(seen.slice(0, 2), [secret, secret]);
      assert.ok(!printed.includes(key) && !printed.includes(secret), 'neither is printed');
      assert.ok(!child.spawnargs.join(' ').includes(secret), 'nor in argv, where ps shows it');
    } finally {
      child.kill('SIGTERM');
      await receiver.close();
    }
  });

  it('refuses, with the fix, a secret in argv, an exposed host without a key, and latency over 10 s', async () => {
    const run = async (args: string[], env: Record<string, string> = {}) => {
      const lines: string[] = [];
      const original = console.error;
      console.error = (line: string) => void lines.push(String(line));
      try {
        return { code: await runMock(args, env), lines };
      } finally {
        console.error = original;
      }
    };
    const secretInArgv = await run(['--webhook-url', 'http://127.0.0.1:9/hook', '--webhook-secret', 'shown-in-ps']);
    assert.equal(secretInArgv.code, 2);
    assert.match(secretInArgv.lines.join('\n'), /set LEAP_WEBHOOK_SECRET instead/);
    assert.ok(!secretInArgv.lines.join('\n').includes('shown-in-ps'), 'the secret is not repeated');
    const exposed = await run(['--host', '0.0.0.0']);
    assert.equal(exposed.code, 2);
    assert.match(exposed.lines.join('\n'), /--host 0\.0\.0\.0 .*set LEAP_API_KEY/);
    const slow = await run(['--latency', '10001']);
    assert.equal(slow.code, 2);
    assert.match(slow.lines.join('\n'), /--latency must be milliseconds from 0 to 10000/);
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'example.com']) assert.ok(!isLoopbackHost(host), host);
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

describe('mock Leap: create meters', () => {
  // Jobs that finish before answering, so each test reads the outcome at once; the delay has its own test.
  const url = instantJobs.url;

  async function job(id: string) {
    const response = await fetch(`${url}/v1.1/jobs/meters/${id}`, { headers: gridHeaders });
    assert.equal(response.status, 200);
    return (await response.json()) as {
      status: string;
      assets: Array<{
        partner_reference: string;
        status: string;
        meter_id?: string;
        status_detail: { name: string };
      }>;
    };
  }

  it('JSON: creates meters, reports each partner_reference, and the new meter is searchable', async () => {
    const ref = `pc-${Date.now()}`;
    const created = await fetch(`${url}/v1.1/jobs/meters`, {
      method: 'POST',
      headers: gridHeaders,
      body: JSON.stringify({ assets: [meter(ref), meter(`${ref}-bad`, '00000')] }),
    });
    assert.equal(created.status, 201);
    const { job_id } = (await created.json()) as { job_id: string };
    const status = await job(job_id);
    assert.equal(status.status, 'COMPLETED_WITH_ERRORS');
    const ok = status.assets.find((a) => a.partner_reference === ref)!;
    assert.equal(ok.status, 'COMPLETED');
    assert.equal(ok.status_detail.name, 'METER_CREATED');
    const failed = status.assets.find((a) => a.partner_reference === `${ref}-bad`)!;
    assert.equal(failed.status, 'FAILED');
    assert.equal('meter_id' in failed, false, 'no meter id: absent, not null');
    const search = await fetch(`${url}/v2/meters/enrollments/search`, {
      method: 'POST',
      headers: gridHeaders,
      body: JSON.stringify({ partner_references: [ref] }),
    });
    const found = (await search.json()) as { meters: Array<{ meter_id: string }> };
    assert.deepEqual(
      found.meters.map((m) => m.meter_id),
      [ok.meter_id],
    );
  });

  it('CSV: the same meters from Content-Type text/csv', async () => {
    const ref = `csv-${Date.now()}`;
    const csv = [
      'partner_reference,transmission_region,customer_classification,load_types,meter_type,street_1,postal_code,city,state_or_province_code,country_code',
      `${ref},CAISO,RESIDENTIAL,HVAC;EV_CHARGING,DEVICE,"1 Market St, Suite 5",94105,San Francisco,CA,US`,
    ].join('\r\n');
    const created = await fetch(`${url}/v1.1/jobs/meters`, {
      method: 'POST',
      headers: { ...gridHeaders, 'content-type': 'text/csv' },
      body: csv,
    });
    assert.equal(created.status, 201);
    const status = await job(((await created.json()) as { job_id: string }).job_id);
    assert.equal(status.status, 'COMPLETED');
    const details = await fetch(`${url}/v2/meters/${status.assets[0]!.meter_id}`, { headers: gridHeaders });
    const body = (await details.json()) as { load_types: string[]; customer: { street_1: string } };
    assert.deepEqual(body.load_types, ['HVAC', 'EV_CHARGING']);
    assert.equal(body.customer.street_1, '1 Market St, Suite 5');
  });

  it('a missing global required field is a 400 naming it', async () => {
    const incomplete = meter('missing-region') as Record<string, unknown>;
    delete incomplete.transmission_region;
    const response = await fetch(`${url}/v1.1/jobs/meters`, {
      method: 'POST',
      headers: gridHeaders,
      body: JSON.stringify({ assets: [incomplete] }),
    });
    assert.equal(response.status, 400);
    const problem = (await response.json()) as {
      title: string;
      status: number;
      details: Array<{ problem_field: string; json_index: number }>;
    };
    assert.equal(problem.status, 400);
    assert.deepEqual(
      problem.details.map((d) => [d.problem_field, d.json_index]),
      [['transmission_region', 0]],
    );
  });

  it('an existing partner_reference is a duplicate unless update_existing=true', async () => {
    const ref = `dup-${Date.now()}`;
    const post = (query = '') =>
      fetch(`${url}/v1.1/jobs/meters${query}`, {
        method: 'POST',
        headers: gridHeaders,
        body: JSON.stringify({ assets: [meter(ref)] }),
      }).then(async (r) => job(((await r.json()) as { job_id: string }).job_id));
    const first = await post();
    const second = await post();
    assert.equal(second.assets[0]!.status, 'DUPLICATE');
    const third = await post('?update_existing=true');
    assert.equal(third.assets[0]!.status_detail.name, 'METER_UPDATED');
    assert.equal(third.assets[0]!.meter_id, first.assets[0]!.meter_id);
  });

  it('a job is PROCESSING, every row too, until jobDelayMs has passed; then each row has its outcome', async () => {
    // The mock's clock stands still until the test moves it: no polling, no sleeping.
    const slow = createMockLeap({ clock: 'manual', jobDelayMs: 1000 });
    const created = await slow('http://mock/v1.1/jobs/meters', {
      method: 'POST',
      headers: gridHeaders,
      body: JSON.stringify({ assets: [meter('slow-1'), meter('slow-2')] }),
    });
    const { job_id } = (await created.json()) as { job_id: string };
    const read = async () =>
      (await (await slow(`http://mock/v1.1/jobs/meters/${job_id}`, { headers: gridHeaders })).json()) as {
        status: string;
        assets: Array<{ status: string; meter_id?: string; status_detail: object }>;
      };
    const first = await read();
    assert.equal(first.status, 'PROCESSING');
    assert.deepEqual(
      first.assets.map((a) => [a.status, a.meter_id, a.status_detail]),
      [
        ['PROCESSING', undefined, {}],
        ['PROCESSING', undefined, {}],
      ],
    );
    slow.clock.tick(999);
    assert.equal((await read()).status, 'PROCESSING', 'a millisecond early');
    slow.clock.tick(1);
    const last = await read();
    assert.equal(last.status, 'COMPLETED');
    assert.ok(last.assets.every((a) => a.status === 'COMPLETED' && a.meter_id));
  });

  it('unknown job ids: 404, and 400 when not a UUID', async () => {
    assert.equal(
      (await fetch(`${url}/v1.1/jobs/meters/00000000-0000-4000-8000-000000000000`, { headers: gridHeaders })).status,
      404,
    );
    assert.equal((await fetch(`${url}/v1.1/jobs/meters/nope`, { headers: gridHeaders })).status, 400);
  });
});
