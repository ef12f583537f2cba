/** The mock Leap's incentives service: the quickstart's examples, every market, and each auth header style. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IncentivesResponse } from '../../src/core/schemas/incentives.js';
import { MOCK_ADDRESSES } from '../../src/mock/index.js';
import { addressOf, incentivesAt, lookup, quickstart } from '../support/mock-requests.js';
import { startMock, TEST_API_KEY } from './support.js';

const { url } = await startMock();
const incentives = incentivesAt(url);

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
