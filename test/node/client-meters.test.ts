/** Partner-created meters through `createLeapClient()`: JSON and CSV jobs with their per-row outcomes, over real HTTP. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LeapApiError } from '../../src/core/errors.js';
import { mockOnPort } from '../support/mock-on-port.js';
import { TEST_API_KEY } from './support.js';

describe('createLeapClient: partner-created meters', () => {
  const meter = (partner_reference: string, postal_code = '94105', street = '1 Market St') => ({
    partner_reference,
    transmission_region: 'CAISO' as const,
    customer_classification: 'RESIDENTIAL' as const,
    load_types: ['HVAC' as const],
    meter_type: 'DEVICE' as const,
    customer: {
      street_1: street,
      postal_code,
      city: 'San Francisco',
      state_or_province_code: 'CA',
      country_code: 'US',
    },
  });
  const HEADER =
    'partner_reference,transmission_region,customer_classification,load_types,meter_type,street_1,postal_code,city,state_or_province_code,country_code';

  it('JSON: the job is processing, then every row has its outcome; a failed row says why', async () => {
    const leap = await mockOnPort({ jobDelayMs: 1000, clock: 'manual' });
    const client = leap.client();
    const { jobId, meters } = await client.meters.create([meter('pc-1'), meter('pc-2', '00000')]);
    assert.equal(meters, 2);
    const early = await client.meters.job(jobId);
    assert.equal(early.done, false);
    assert.deepEqual(
      early.rows.map((r) => r.outcome),
      ['processing', 'processing'],
    );
    // The job's time passes on the mock's clock, after the first poll saw it processing.
    const job = await client.meters.waitForJob(jobId, { pollMs: 1, onPoll: () => leap.mock.clock.tick(1000) });
    assert.equal(job.done, true);
    assert.equal(job.job.status, 'COMPLETED_WITH_ERRORS');
    const [created, failed] = job.rows;
    assert.equal(created!.outcome, 'created');
    assert.ok('meterId' in created! && (await client.meters.details(created.meterId)).partner_reference === 'pc-1');
    assert.deepEqual(failed, {
      outcome: 'failed',
      partnerReference: 'pc-2',
      reason: 'The address could not be found.',
      code: 'ADDRESS_NOT_FOUND',
    });
  });

  it('CSV with a BOM, CRLF line ends and a quoted comma goes as text/csv; the meters keep every character', async () => {
    const leap = await mockOnPort({ jobDelayMs: 0 });
    const client = leap.client();
    const csv = `\ufeff${HEADER}\r\ncsv-1,CAISO,RESIDENTIAL,HVAC;EV_CHARGING,DEVICE,"1 Market St, Suite 5",94105,San Francisco,CA,US\r\n`;
    const { jobId } = await client.meters.create(csv, { fileName: 'meters.csv' });
    const sent = leap.seen.find((r) => r.method === 'POST' && r.path === '/v1.1/jobs/meters')!;
    assert.equal(sent.contentType, 'text/csv');
    assert.equal(sent.body, csv, 'sent as the partner wrote it');
    assert.equal(sent.query.get('file_name'), 'meters.csv');
    const job = await client.meters.waitForJob(jobId, { pollMs: 10 });
    const row = job.rows[0]!;
    assert.equal(row.outcome, 'created');
    const details = await client.meters.details((row as { meterId: string }).meterId);
    assert.equal(details.customer?.street_1, '1 Market St, Suite 5');
    assert.deepEqual(details.load_types, ['HVAC', 'EV_CHARGING']);
  });

  it('a bad row is refused before anything is sent, naming its row, line and field', async () => {
    const leap = await mockOnPort();
    const csv = [
      HEADER,
      'ok-1,CAISO,RESIDENTIAL,HVAC,DEVICE,1 Market St,94105,San Francisco,CA,US',
      'bad-1,,RESIDENTIAL,HVAC,DEVICE,"2 Market St, Unit ""B""",94105,San Francisco,CA,US',
    ].join('\r\n');
    await assert.rejects(leap.client().meters.create(csv), (error: unknown) => {
      assert.ok(error instanceof LeapApiError);
      assert.equal(error.status, 400);
      assert.match(error.title, /1 of 2 meters are not valid; nothing was sent/);
      assert.deepEqual(
        (error.details as { problems: Array<{ row: number; line: number; field: string }> }).problems.map((p) => [
          p.row,
          p.line,
          p.field,
        ]),
        [[2, 3, 'transmission_region']],
      );
      return true;
    });
    await assert.rejects(leap.client().meters.create('partner_reference\n"never closed'), /The CSV cannot be read/);
    assert.equal(leap.seen.length, 0, 'no request reached Leap');
  });

  it('update_existing updates the meter with that reference; several meters with it are MULTIPLE_PARTNER_REFERENCE', async () => {
    const leap = await mockOnPort({ jobDelayMs: 0, clock: 'manual' });
    const client = leap.client();
    const run = async (meters: ReturnType<typeof meter>[], updateExisting = false) =>
      (await client.meters.waitForJob((await client.meters.create(meters, { updateExisting })).jobId)).rows[0]!;
    const first = await run([meter('upd-1')]);
    assert.equal(first.outcome, 'created');
    assert.equal((await run([meter('upd-1')])).outcome, 'duplicate');
    const updated = await run([meter('upd-1', '94105', '9 New St')], true);
    assert.deepEqual(updated, { ...first, outcome: 'updated' });

    // A customer who connected two meters with one Leap Connect link: both carry the reference.
    const connect = await fetch(`${leap.url}/mock/connect-sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reference_id: 'shared-ref', meters: 2, delay_ms: 0 }),
    });
    assert.equal(connect.status, 201);
    const session = (await connect.json()) as { session_id: string };
    // The mock finishes the connect flow on its own clock, which the test moves.
    leap.mock.clock.tick(0);
    const read = await fetch(`${leap.url}/mock/connect-sessions/${session.session_id}`, {
      headers: { authorization: `Bearer ${TEST_API_KEY}` },
    });
    assert.equal(((await read.json()) as { status: string }).status, 'COMPLETED');
    const multiple = await run([meter('shared-ref')], true);
    assert.equal(multiple.outcome, 'multiple-partner-reference');
  });
});
