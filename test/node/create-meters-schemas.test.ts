/**
 * Creating meters: Leap's global required fields, formats and closed enums on the JSON body, and the CSV variant read
 * into the same validated object.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAssetRequest,
  CreateMeter,
  CreateMeterBatchJobRequest,
  CreateMetersQuery,
  CsvParseError,
  createMeterBatchJobFromCsv,
  createMeterFromCsvRow,
  parseCreateMetersCsv,
} from '../../src/core/schemas/create-meters.js';

const JSON_METER = {
  partner_reference: 'site-0042',
  transmission_region: 'CAISO',
  customer_classification: 'COMMERCIAL',
  load_types: ['HVAC', 'BATTERY_STORAGE', 'LIGHTING'],
  meter_type: 'DEVICE',
  customer: {
    street_1: '100 Main St, Suite 5',
    postal_code: '94105',
    city: 'San Francisco',
    state_or_province_code: 'CA',
    country_code: 'US',
    end_customer_name: 'Jane "JJ" Doe',
    end_customer_company_name: 'Doe, Smith & Co.',
    is_in_wholesale_capacity_market: false,
    billing: {
      street_1: 'PO Box 7',
      postal_code: '94105-1234',
      city: 'San Francisco',
      state_or_province_code: 'CA',
      country_code: 'US',
    },
  },
  device: { device_type: 'BATTERY', battery_power_capacity_kw: 5.5, battery_duration_hours: 4 },
  site: {
    number_of_devices: 2,
    renewable_generator: true,
    site_devices: [{ device_type: 'BATTERY', model: 'PW-3', energy_capacity_kwh: 13.5, pv_connected: true }],
  },
  utility: { utility_name: 'PGE', electric_service_account_number: '12243243-121' },
};

const GLOBAL_REQUIRED: Array<{ field: string; path: string[] }> = [
  { field: 'partner_reference', path: ['partner_reference'] },
  { field: 'transmission_region', path: ['transmission_region'] },
  { field: 'customer_classification', path: ['customer_classification'] },
  { field: 'load_types', path: ['load_types'] },
  { field: 'meter_type', path: ['meter_type'] },
  // The address lives in `customer` in Leap's JSON shape.
  { field: 'street_1', path: ['customer', 'street_1'] },
  { field: 'postal_code', path: ['customer', 'postal_code'] },
  { field: 'city', path: ['customer', 'city'] },
  { field: 'state_or_province_code', path: ['customer', 'state_or_province_code'] },
  { field: 'country_code', path: ['customer', 'country_code'] },
];

function without(value: Record<string, unknown>, path: string[]): Record<string, unknown> {
  const copy = structuredClone(value);
  const parent = path
    .slice(0, -1)
    .reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, copy);
  delete parent[path[path.length - 1]];
  return copy;
}

describe('CreateMeter: global required fields', () => {
  it('accepts the complete meter', () => {
    assert.deepEqual(CreateMeter.parse(JSON_METER), JSON_METER);
  });

  for (const { field, path } of GLOBAL_REQUIRED) {
    it(`a meter without ${field} fails with an issue at ${path.join('.')}`, () => {
      const result = CreateMeter.safeParse(without(JSON_METER, path));
      assert.equal(result.success, false);
      const issues = result.error?.issues ?? [];
      assert.deepEqual(
        issues.map((issue) => issue.path),
        [path],
      );
      assert.equal(issues[0].path[issues[0].path.length - 1], field);
    });
  }

  it('names the asset index inside a batch job', () => {
    const result = CreateMeterBatchJobRequest.safeParse({
      assets: [JSON_METER, without(JSON_METER, ['customer', 'postal_code'])],
    });
    assert.deepEqual(
      result.error?.issues.map((issue) => issue.path),
      [['assets', 1, 'customer', 'postal_code']],
    );
  });

  it('applies the documented formats and closed enums', () => {
    const bad = (patch: Record<string, unknown>) => CreateMeter.safeParse({ ...JSON_METER, ...patch }).success;
    assert.equal(bad({ load_types: [] }), false);
    assert.equal(bad({ transmission_region: 'MISO' }), false);
    assert.equal(bad({ partner_reference: 'ab' }), false);
    assert.equal(bad({ customer: { ...JSON_METER.customer, postal_code: '9410' } }), false);
    assert.equal(bad({ customer: { ...JSON_METER.customer, state_or_province_code: 'Cal' } }), false);
    assert.equal(bad({ customer: { ...JSON_METER.customer, end_customer_name: 'J?ne' } }), false);
    assert.equal(
      bad({ site: { site_devices: [{ device_type: 'BATTERY', battery_max_state_of_charge_percentage: 0.95 }] } }),
      false,
    );
    assert.equal(bad({ site: { generator_fuel_type: '' } }), true);
    assert.equal(bad({ unknown_field: 1 }), false);
  });

  it('validates the single-create body and the query', () => {
    assert.equal(
      CreateAssetRequest.safeParse({ onboarding_token: 'tok', provisional_asset: JSON_METER }).success,
      true,
    );
    assert.equal(CreateAssetRequest.safeParse({ provisional_asset: JSON_METER }).success, false);
    assert.equal(CreateMetersQuery.safeParse({ update_existing: true, file_name: 'meters.csv' }).success, true);
    assert.equal(CreateMetersQuery.safeParse({ file_name: '../meters.csv' }).success, false);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// CSV input.

const CSV_HEADER = [
  'partner_reference',
  'transmission_region',
  'customer_classification',
  'load_types',
  'meter_type',
  'street_1',
  'postal_code',
  'city',
  'state_or_province_code',
  'country_code',
  'end_customer_name',
  'end_customer_company_name',
  'is_in_wholesale_capacity_market',
  'customer.billing.street_1',
  'customer.billing.postal_code',
  'customer.billing.city',
  'customer.billing.state_or_province_code',
  'customer.billing.country_code',
  'device_type',
  'battery_power_capacity_kw',
  'battery_duration_hours',
  'number_of_devices',
  'renewable_generator',
  'site.site_devices.0.device_type',
  'site.site_devices.0.model',
  'site.site_devices.0.energy_capacity_kwh',
  'site.site_devices.0.pv_connected',
  'utility_name',
  'electric_service_account_number',
  'tariff',
].join(',');

const CSV_ROW = [
  'site-0042',
  'CAISO',
  'COMMERCIAL',
  'HVAC;BATTERY_STORAGE|LIGHTING',
  'DEVICE',
  '"100 Main St, Suite 5"',
  '94105',
  'San Francisco',
  'CA',
  'US',
  '"Jane ""JJ"" Doe"',
  '"Doe, Smith & Co."',
  'FALSE',
  'PO Box 7',
  '94105-1234',
  'San Francisco',
  'CA',
  'US',
  'BATTERY',
  '5.5',
  '4',
  '2',
  'true',
  'BATTERY',
  'PW-3',
  '13.5',
  'TRUE',
  'PGE',
  '12243243-121',
  '',
].join(',');

describe('create meters from CSV', () => {
  it('reads quoted commas, escaped quotes and CRLF into the same validated object as the JSON', () => {
    const csv = `\uFEFF${CSV_HEADER}\r\n${CSV_ROW}\r\n\r\n`;
    const { rows } = parseCreateMetersCsv(csv);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].street_1, '100 Main St, Suite 5');
    assert.equal(rows[0].end_customer_name, 'Jane "JJ" Doe');
    const fromCsv = CreateMeter.parse(createMeterFromCsvRow(rows[0]));
    assert.deepEqual(fromCsv, CreateMeter.parse(JSON_METER));
    assert.deepEqual(CreateMeterBatchJobRequest.parse(createMeterBatchJobFromCsv(csv)), { assets: [fromCsv] });
  });

  it('keeps line breaks inside quoted fields and accepts LF-only files', () => {
    const { rows } = parseCreateMetersCsv('a,b\n"line 1\r\nline 2",x\n"",y');
    assert.deepEqual(rows, [
      { a: 'line 1\r\nline 2', b: 'x' },
      { a: '', b: 'y' },
    ]);
  });

  it('reports a missing postal_code at the same path as JSON', () => {
    const header = CSV_HEADER.split(',');
    const cells = CSV_ROW.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    cells[header.indexOf('postal_code')] = '';
    const { rows } = parseCreateMetersCsv(`${CSV_HEADER}\r\n${cells.join(',')}\r\n`);
    const result = CreateMeter.safeParse(createMeterFromCsvRow(rows[0]));
    assert.deepEqual(
      result.error?.issues.map((issue) => issue.path),
      [['customer', 'postal_code']],
    );
  });

  it('leaves unconvertible numbers as text so the schema names the field', () => {
    const meter = createMeterFromCsvRow({
      ...parseCreateMetersCsv(`${CSV_HEADER}\n${CSV_ROW}`).rows[0],
      battery_duration_hours: 'four',
    });
    const result = CreateMeter.safeParse(meter);
    assert.deepEqual(
      result.error?.issues.map((issue) => issue.path),
      [['device', 'battery_duration_hours']],
    );
  });

  it('flags misspelt columns instead of dropping them', () => {
    const meter = createMeterFromCsvRow({
      ...parseCreateMetersCsv(`${CSV_HEADER}\n${CSV_ROW}`).rows[0],
      postcode: '94105',
    });
    const result = CreateMeter.safeParse(meter);
    assert.equal(result.success, false);
    assert.equal(result.error?.issues[0].code, 'unrecognized_keys');
  });

  it('rejects malformed CSV with the line number', () => {
    const cases: Array<[string, RegExp]> = [
      ['a,b\n"open,x', /line 2: a quoted field is never closed/],
      ['a,b\nx"y,z', /line 2: a double quote inside a field/],
      ['a,b\n"x"y,z', /line 2: unexpected text after a closing quote/],
      ['a,b\n1,2,3', /line 2: 3 cells but the header has 2 columns/],
      ['a,a\n1,2', /line 1: column "a" appears twice/],
    ];
    for (const [csv, message] of cases) {
      assert.throws(
        () => parseCreateMetersCsv(csv),
        (error: unknown) => error instanceof CsvParseError && message.test(error.message),
      );
    }
    assert.throws(() => createMeterFromCsvRow({ '__proto__.polluted': 'x' }), CsvParseError);
    assert.throws(() => createMeterFromCsvRow({ postal_code: '1', 'customer.postal_code': '2' }), CsvParseError);
  });
});
