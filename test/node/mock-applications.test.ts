/** The mock Leap's applications: listing, paging, filtering, ownership and partial updates. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApplicationList, Application } from '../../src/core/schemas/applications.js';
import { incentivesAt, incentivesHeaders, lookup, quickstart } from '../support/mock-requests.js';
import { startMock } from './support.js';

const { url } = await startMock();
const incentives = incentivesAt(url);

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
