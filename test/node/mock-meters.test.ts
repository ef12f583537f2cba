/** The mock Leap's meters and enrollments, and the meters partners create from JSON and CSV. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MeterEnrollmentResponse } from '../../src/core/schemas/enrollments.js';
import { createMockLeap } from '../../src/mock/index.js';
import { meter } from '../support/mock-http.js';
import { gridHeaders } from '../support/mock-requests.js';
import { startMock } from './support.js';

const { url } = await startMock();
const instantJobs = await startMock({ jobDelayMs: 0 });

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
