/**
 * The mock's searches and listings honour every filter the files define, and refuse (400, in the documented shape)
 * every request the files forbid: the thirteen by name, then one for each rule of each `MeterFilterRequest`
 * field, generated from the published schema and confirmed invalid by the validator before it is sent.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contract, contractMock } from '../support/mock-http.js';

const leap = await contractMock({ jobDelayMs: 0, meterCount: 40 });
const { call } = leap;

interface Enrollment {
  meter_id: string;
  partner_reference?: string;
  transmission_region: string;
  customer_classification?: string;
  meter_type?: string;
  load_types: string[];
  customer_group?: string;
  tags: string[];
  connection_references?: string[];
  is_archived: boolean;
  global_enrollment_status: string;
  audit: { created_at: string; updated_at: string };
  required_actions: { partner?: Array<{ action_type: string }>; leap?: Array<{ action_type: string }> };
}

const meter = (partner_reference: string, extra: Record<string, unknown> = {}) => ({
  partner_reference,
  transmission_region: 'ISONE',
  customer_classification: 'COMMERCIAL',
  load_types: ['BATTERY_STORAGE', 'HVAC'],
  meter_type: 'UTILITY_METER',
  customer: {
    street_1: '1 Federal St',
    postal_code: '02110',
    city: 'Boston',
    state_or_province_code: 'MA',
    country_code: 'US',
  },
  ...extra,
});

// Partner-created meters that differ from the seeded ones in every filtered field.
const made = await call('POST', '/v1.1/jobs/meters', {
  body: { assets: [meter('fleet-a-1', { customer_group: 'Fleet A' }), meter('fleet-b-1', { meter_type: 'SUBMETER' })] },
});
assert.equal(made.status, 201);

async function search(body: Record<string, unknown>, path = '/v2/meters/enrollments/search'): Promise<Enrollment[]> {
  const answer = await call('POST', path, { body: { page_size: 500, ...body } });
  assert.equal(answer.status, 200, answer.text);
  return (answer.body as { meters: Enrollment[] }).meters;
}

const ALL = await search({});
const ids = (meters: Enrollment[]) => meters.map((m) => m.meter_id).sort();
const hasAny = (values: string[] | undefined, wanted: string[]) => wanted.some((w) => values?.includes(w));

describe('the meter searches honour every filter of MeterFilterRequest', () => {
  const MIDDLE = ALL.map((m) => m.audit.updated_at).sort()[Math.floor(ALL.length / 2)]!;
  const CREATED = ALL.map((m) => m.audit.created_at).sort()[Math.floor(ALL.length / 3)]!;
  const cases: Array<[string, Record<string, unknown>, (m: Enrollment) => boolean]> = [
    ['transmission_region', { transmission_region: 'NYISO' }, (m) => m.transmission_region === 'NYISO'],
    [
      'customer_classification',
      { customer_classification: 'COMMERCIAL' },
      (m) => m.customer_classification === 'COMMERCIAL',
    ],
    [
      'meter_ids',
      { meter_ids: [ALL[0]!.meter_id, ALL[3]!.meter_id] },
      (m) => [ALL[0]!.meter_id, ALL[3]!.meter_id].includes(m.meter_id),
    ],
    [
      'partner_references',
      { partner_references: ['customer-b', 'fleet-a-1'] },
      (m) => ['customer-b', 'fleet-a-1'].includes(m.partner_reference!),
    ],
    [
      'global_enrollment_statuses',
      { global_enrollment_statuses: ['ACTIVE', 'INELIGIBLE'] },
      (m) => ['ACTIVE', 'INELIGIBLE'].includes(m.global_enrollment_status),
    ],
    ['meter_types', { meter_types: ['DEVICE', 'SUBMETER'] }, (m) => ['DEVICE', 'SUBMETER'].includes(m.meter_type!)],
    ['load_types', { load_types: ['HVAC'] }, (m) => hasAny(m.load_types, ['HVAC'])],
    [
      'customer_groups',
      { customer_groups: ['Fleet A', 'Home batteries'] },
      (m) => ['Fleet A', 'Home batteries'].includes(m.customer_group!),
    ],
    ['tags', { tags: ['battery'] }, (m) => hasAny(m.tags, ['battery'])],
    [
      'connection_reference_ids',
      { connection_reference_ids: ['customer-b'] },
      (m) => hasAny(m.connection_references, ['customer-b']),
    ],
    [
      'action_type',
      { action_type: ['HAS_AMI', 'IS_ASSIGNED_TO_A_RESOURCE'] },
      (m) =>
        hasAny(
          [...(m.required_actions.partner ?? []), ...(m.required_actions.leap ?? [])].map((a) => a.action_type),
          ['HAS_AMI', 'IS_ASSIGNED_TO_A_RESOURCE'],
        ),
    ],
    ['last_modified_date_time', { last_modified_date_time: MIDDLE }, (m) => m.audit.updated_at >= MIDDLE],
    ['created_after_date_time', { created_after_date_time: CREATED }, (m) => m.audit.created_at >= CREATED],
    ['created_before_date_time', { created_before_date_time: CREATED }, (m) => m.audit.created_at < CREATED],
    [
      'partner_action_required: true',
      { partner_action_required: true },
      (m) => (m.required_actions.partner ?? []).length > 0,
    ],
    ['partner_action_required: false returns every meter', { partner_action_required: false }, () => true],
    ['exclude_archived', { exclude_archived: true }, (m) => !m.is_archived],
    [
      'filters together (AND)',
      { load_types: ['HVAC'], transmission_region: 'ISONE', meter_types: ['SUBMETER'] },
      (m) => m.partner_reference === 'fleet-b-1',
    ],
  ];
  for (const [name, filter, expected] of cases) {
    it(name, async () => {
      const want = ids(ALL.filter(expected));
      assert.ok(want.length > 0, 'the filter keeps some meters');
      if (!name.includes('every meter') && !name.startsWith('exclude'))
        assert.ok(want.length < ALL.length, 'and drops others');
      assert.deepEqual(ids(await search(filter)), want);
      assert.deepEqual(ids(await search(filter, '/v2/meters/search')), want, 'the details search filters the same');
    });
  }
});

describe('requests the files forbid are refused with 400', () => {
  const schema = contract().requestSchema('searchMeterEnrollments');

  async function refused(body: unknown, path = '/v2/meters/enrollments/search') {
    assert.notDeepEqual(contract().problems(schema, body), [], `the files forbid ${JSON.stringify(body).slice(0, 80)}`);
    const answer = await call('POST', path, { body });
    assert.equal(answer.status, 400, `${JSON.stringify(body).slice(0, 80)}: ${answer.text.slice(0, 200)}`);
  }

  it('the thirteen a sync checkpoint could carry', async () => {
    for (const body of [
      { transmission_region: 'MARS' },
      { customer_classification: 'INDUSTRIAL' },
      { global_enrollment_statuses: ['DONE'] },
      { meter_types: ['BOAT'] },
      { load_types: ['TOASTER'] },
      { action_type: ['DANCE'] },
      { last_modified_date_time: 'yesterday' },
      { created_after_date_time: '2024-10-21' },
      { partner_references: [] },
      { partner_references: ['ab'] },
      { global_enrollment_statuses: ['ACTIVE', 'ELIGIBLE', 'INELIGIBLE', 'NOT_PARTICIPATING', 'PENDING', 'ACTIVE'] },
      { partner_action_required: 'yes' },
      { exclude_archived: 'no' },
    ]) {
      await refused(body);
    }
  });

  it('one violation of each rule of each field, generated from the schema', async () => {
    type Schema = Record<string, unknown> & { allOf?: Schema[]; items?: Schema; enum?: unknown[] };
    // The rules of a schema and of everything in its allOf.
    const rules = (s: Schema): Schema =>
      (s.allOf ?? []).reduce<Schema>((all, part) => ({ ...rules(part), ...all }), { ...s });
    const validItem = (s: Schema, i: number): unknown => {
      const r = rules(s);
      if (r.enum) return r.enum[i % r.enum.length];
      if (r.format === 'uuid') return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      return `value-${i}`;
    };
    const badValues = (s: Schema): unknown[] => {
      const r = rules(s);
      const out: unknown[] = [];
      if (r.type === 'string') out.push(7);
      if (r.type === 'integer') out.push('10', 1.5);
      if (r.type === 'boolean') out.push('yes', 1);
      if (r.enum) out.push('NOT_A_VALUE');
      if (r.format === 'date-time') out.push('yesterday', '2024-10-21', '2024-10-21T11:43:05');
      if (r.format === 'uuid') out.push('abcdef');
      if (typeof r.minimum === 'number') out.push(r.minimum - 1);
      if (typeof r.maximum === 'number') out.push(r.maximum + 1);
      if (typeof r.minLength === 'number' || r.pattern) out.push('ab', 'a/b?c');
      if (r.type === 'array') {
        out.push('not-a-list');
        if (typeof r.minItems === 'number' && r.minItems > 0) out.push([]);
        if (typeof r.maxItems === 'number')
          out.push(Array.from({ length: r.maxItems + 1 }, (_, i) => validItem(r.items!, i)));
        for (const item of badValues(r.items!)) out.push([item]);
      }
      return out;
    };
    let sent = 0;
    for (const [field, fieldSchema] of Object.entries(schema.properties as Record<string, Schema>)) {
      for (const value of badValues(fieldSchema)) {
        const body = { [field]: value };
        // Only what the validator itself calls invalid is sent (a generated value could happen to be valid).
        if (!contract().problems(schema, body).length) continue;
        await refused(body);
        sent += 1;
      }
    }
    assert.ok(sent >= 60, `${sent} invalid requests`);
  });

  it('what the files allow is taken: repeated values (their own example), fields they do not name, no body', async () => {
    for (const body of [
      { global_enrollment_statuses: ['ACTIVE', 'ACTIVE'], meter_types: ['DEVICE', 'DEVICE'] },
      { a_field_leap_may_add: true },
      { last_modified_date_time: '2024-10-21T11:43:05+02:00' },
      { meter_ids: [] },
    ]) {
      assert.deepEqual(
        contract()
          .problems(schema, body)
          .filter((p) => !/duplicate/.test(p)),
        [],
      );
      assert.equal((await call('POST', '/v2/meters/enrollments/search', { body })).status, 200, JSON.stringify(body));
    }
    assert.equal((await call('POST', '/v2/meters/search')).status, 200, 'a search without a body');
  });

  it('the create-meters query: update_existing is a boolean, file_name follows the file’s pattern', async () => {
    const operation = contract().operation('createMeterBatchJob');
    const param = (name: string) => operation.parameters.find((p) => p.name === name)!.schema!;
    const post = (query: string) =>
      call('POST', `/v1.1/jobs/meters?${query}`, { body: { assets: [meter(`q-${sent++}`)] } });
    let sent = 0;
    for (const value of ['yes', '1', 'TRUE', '']) {
      assert.equal((await post(`update_existing=${value}`)).status, 400, `update_existing=${value}`);
    }
    for (const value of ['true', 'false']) assert.equal((await post(`update_existing=${value}`)).status, 201);
    for (const value of ['a/b.csv', 'x'.repeat(256), 'ab', 'bad*name.csv']) {
      assert.notDeepEqual(contract().problems(param('file_name'), value), [], value);
      assert.equal((await post(`file_name=${encodeURIComponent(value)}`)).status, 400, value);
    }
    for (const value of ['meters.csv', 'June upload 2.json']) {
      assert.deepEqual(contract().problems(param('file_name'), value), []);
      assert.equal((await post(`file_name=${encodeURIComponent(value)}`)).status, 201, value);
    }
    // The single-meter endpoint checks update_existing the same way, in its own error shape.
    const single = await call('POST', '/v1.1/meters?update_existing=maybe', {
      body: { onboarding_token: 't', provisional_asset: meter('single-q') },
    });
    assert.equal(single.status, 400);
    assert.deepEqual(single.body, { errors: [{ field: 'update_existing', description: 'Expected true or false' }] });
  });
});

describe('the create-meters listings honour filter, search_query and search_fields', () => {
  it('jobs: by status, file name and reference, combined, and free text; an unknown filter is a 400', async () => {
    const ok = await call('POST', '/v1.1/jobs/meters?file_name=june-upload.csv', {
      body: { assets: [meter('june-1')] },
    });
    const bad = await call('POST', '/v1.1/jobs/meters?file_name=july-upload.csv', {
      body: { assets: [meter('july-1', { customer: { ...meter('x').customer, postal_code: '00000' } })] },
    });
    const jobIds = (query: string) =>
      call('GET', `/v1.1/jobs/meters?${query}`).then((a) =>
        (a.body as { jobs: Array<{ job_id: string }> }).jobs.map((j) => j.job_id),
      );
    const okId = (ok.body as { job_id: string }).job_id;
    const badId = (bad.body as { job_id: string }).job_id;
    assert.deepEqual(await jobIds('filter=status:FAILED'), [badId]);
    assert.deepEqual(await jobIds('filter=file_name:june-upload.csv'), [okId]);
    assert.deepEqual(await jobIds('filter=status:COMPLETED,FAILED&filter=partner_reference:july-1'), [badId]);
    assert.deepEqual(await jobIds('search_query=JUNE-upload,july-upload&search_fields=file_name'), [okId, badId]);
    assert.deepEqual(await jobIds('search_query=july-1&search_fields=partner_reference'), [badId]);
    for (const query of [
      'filter=colour:blue',
      'filter=status',
      'search_query=x',
      'search_query=x&search_fields=colour',
      'page_size=ten',
    ]) {
      assert.equal((await call('GET', `/v1.1/jobs/meters?${query}`)).status, 400, query);
    }
  });

  it('provisional assets: by status, region and reference, free text in the device serial; invalid filters are a ValidationError', async () => {
    await call('POST', '/v1.1/jobs/meters', {
      body: { assets: [meter('serial-row', { device: { device_serial_number: 'SN-12345' } })] },
    });
    const rows = (query: string) =>
      call('GET', `/v1.1/provisional-assets?${query}`).then(
        (a) =>
          (a.body as { provisional_assets: Array<{ partner_reference: string; status: string }> }).provisional_assets,
      );
    assert.deepEqual(
      (await rows('search_query=sn-123&search_fields=device_serial_number')).map((r) => r.partner_reference),
      ['serial-row'],
    );
    assert.ok((await rows('filter=status:FAILED')).every((r) => r.status === 'FAILED'));
    assert.ok((await rows('filter=transmission_region:ISONE,NYISO')).length >= 3);
    assert.deepEqual(
      (await rows('filter=partner_reference:fleet-a-1')).map((r) => r.partner_reference),
      ['fleet-a-1'],
    );
    const refused = await call('GET', '/v1.1/provisional-assets?filter=colour:blue');
    assert.equal(refused.status, 400);
    assert.equal((refused.body as { problem_field: string }).problem_field, 'filter');
    // The same rows as CSV, nested fields as dotted columns.
    const csv = await fetch(`${leap.url}/v1.1/provisional-assets?filter=partner_reference:serial-row`, {
      headers: { authorization: 'Bearer leap_contract_key_5f1d9c2a7b', accept: 'text/csv' },
    });
    const [header, row] = (await csv.text()).split('\n');
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    assert.ok(header!.split(',').includes('data.device.device_serial_number'));
    assert.ok(row!.includes('SN-12345'));
  });
});
