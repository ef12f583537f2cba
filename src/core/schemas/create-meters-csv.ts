/**
 * Create-meters CSV (`Content-Type: text/csv`, Leap's "Partner-Created Meters" guide): one meter per row, header names
 * the JSON field names, read into the JSON shape of `POST /v1.1/jobs/meters` so the same schema checks both.
 */
// The library's own build for every runtime (it carries what it needs of Node's Buffer): Workers and Deno have none.
import { CsvError, parse } from 'csv-parse/browser/esm/sync';

/** A CSV text that cannot be read as RFC 4180, or whose header cannot be mapped; `line` is 1-based. */
export class CsvParseError extends Error {
  override readonly name = 'CsvParseError';
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `CSV line ${line}: ${message}`);
  }
}

interface CsvRecord {
  cells: string[];
  line: number;
}

/** csv-parse's refusals, in the words the rest of this file uses. */
const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'unexpected text after a closing quote',
  INVALID_OPENING_QUOTE: 'a double quote inside a field must be escaped as "" and the field quoted',
};

/** RFC 4180 records (csv-parse), each with the line it starts on; blank lines are kept as one empty cell. */
function readCsvRecords(input: string): CsvRecord[] {
  let parsed: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // With `info`, each record comes with where it was read; the typings do not follow the option.
    parsed = parse(input, {
      bom: true,
      info: true,
      // CRLF, LF or CR, even mixed in one file (spreadsheets and editors disagree).
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines;
    throw new CsvParseError(CSV_ERRORS[error.code] ?? error.message, line);
  }
  // csv-parse counts the line a record ends on; the next one starts after it.
  let nextLine = 1;
  return parsed.map(({ record, info }) => {
    const line = nextLine;
    nextLine = info.lines + 1;
    return { cells: record, line };
  });
}

/**
 * Reads a create-meters CSV (RFC 4180: quoted fields with commas, line breaks and `""`; CRLF or LF; optional BOM).
 * Each row becomes `{header: cell}` with every header present; blank lines are skipped. Throws `CsvParseError` for
 * malformed quoting, duplicate or missing headers, and rows with more cells than headers.
 */
export function parseCreateMetersCsv(text: string): {
  headers: string[];
  rows: Record<string, string>[];
  /** The 1-based line of the file each row starts on. */
  lines: number[];
} {
  const [head, ...body] = readCsvRecords(text);
  if (!head) return { headers: [], rows: [], lines: [] };
  const headers = head.cells.map((name) => name.trim());
  const seen = new Set<string>();
  headers.forEach((name) => {
    if (name && seen.has(name)) throw new CsvParseError(`column "${name}" appears twice in the header`, head.line);
    seen.add(name);
  });
  const rows: Record<string, string>[] = [];
  const lines: number[] = [];
  for (const record of body) {
    if (record.cells.every((value) => value.trim() === '')) continue;
    if (record.cells.length > headers.length && record.cells.slice(headers.length).some((value) => value.trim())) {
      throw new CsvParseError(`${record.cells.length} cells but the header has ${headers.length} columns`, record.line);
    }
    const row: Record<string, string> = {};
    headers.forEach((name, index) => {
      const value = record.cells[index] ?? '';
      if (name) row[name] = value;
      else if (value.trim()) throw new CsvParseError(`column ${index + 1} has a value but no header`, record.line);
    });
    rows.push(row);
    lines.push(record.line);
  }
  return { headers: headers.filter(Boolean), rows, lines };
}

// Where a flat CSV header lives in the JSON shape; names used in more than one object (billing's street_1, the
// site_devices fields) need the dotted path, e.g. `customer.billing.street_1` or `site.site_devices.0.model`.
const CSV_FIELDS_BY_PARENT: Record<string, readonly string[]> = {
  customer: [
    'street_1',
    'street_2',
    'postal_code',
    'city',
    'state_or_province_code',
    'country_code',
    'end_customer_name',
    'end_customer_title',
    'end_customer_email',
    'end_customer_phone_number',
    'end_customer_company_name',
    'partner_offering_name',
    'partner_offering_date',
    'is_in_wholesale_capacity_market',
    'dispatch_option',
    'partner_customer_reference',
  ],
  device: [
    'device_type',
    'device_serial_number',
    'device_model',
    'device_manufacturer',
    'install_date',
    'battery_power_capacity_kw',
    'battery_energy_capacity_kwh',
    'battery_duration_hours',
    'permission_to_operate_date',
  ],
  site: [
    'load_zone',
    'number_of_devices',
    'on_site_fossil_generator',
    'renewable_generator',
    'generator_capacity_kw',
    'generator_model_year',
    'generator_manufacturer',
    'generator_fuel_type',
    'generator_serial_number',
  ],
  caiso: ['is_receiving_sgip_funding', 'nem_type'],
  isone: ['in_connected_solutions'],
  nyiso: ['cbl_method', 'company_type', 'existing_nyiso_resource_id', 'partner_nyiso_resource_name'],
  utility: [
    'utility_name',
    'load_serving_entity',
    'electric_service_account_number',
    'tariff',
    'voltage',
    'utility_meter_serial_number',
  ],
};
const CSV_PARENT: Record<string, string> = Object.fromEntries(
  Object.entries(CSV_FIELDS_BY_PARENT).flatMap(([parent, fields]) => fields.map((field) => [field, parent])),
);

// CSV cells are text; these leaves are numbers or booleans in the JSON shape.
const CSV_NUMBER_FIELDS = new Set([
  'battery_power_capacity_kw',
  'battery_energy_capacity_kwh',
  'battery_duration_hours',
  'number_of_devices',
  'generator_capacity_kw',
  'generator_model_year',
  'energy_capacity_kwh',
  'power_capacity_kw',
  'energy_capacity_duration_hours',
  'model_year',
  'max_energy_production_rate_kw',
  'max_energy_consumption_rate_kw',
  'battery_max_state_of_charge_percentage',
  'battery_min_state_of_charge_percentage',
]);
const CSV_BOOLEAN_FIELDS = new Set([
  'is_in_wholesale_capacity_market',
  'on_site_fossil_generator',
  'renewable_generator',
  'pv_connected',
  'is_receiving_sgip_funding',
  'in_connected_solutions',
]);
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function csvPath(header: string): (string | number)[] {
  const segments = header.includes('.') ? header.split('.') : [CSV_PARENT[header], header].filter(Boolean);
  return segments.map((segment) => {
    if (!segment || UNSAFE_KEYS.has(segment)) throw new CsvParseError(`column "${header}" is not a field path`);
    return /^\d+$/.test(segment) ? Number(segment) : segment;
  });
}

function csvValue(path: readonly (string | number)[], value: string): unknown {
  const leaf = path[path.length - 1];
  if (path.length === 1 && leaf === 'load_types') {
    return value
      .split(/[;|]/)
      .map((item) => item.trim())
      .filter(Boolean);
  }
  if (typeof leaf !== 'string') return value;
  if (CSV_NUMBER_FIELDS.has(leaf)) {
    const number = Number(value);
    // Anything that is not a plain number stays text, so the schema reports the field instead of a silent NaN.
    return Number.isFinite(number) ? number : value;
  }
  if (CSV_BOOLEAN_FIELDS.has(leaf)) {
    if (/^true$/i.test(value)) return true;
    if (/^false$/i.test(value)) return false;
  }
  return value;
}

/**
 * Turns one row of `parseCreateMetersCsv` into the JSON shape of `CreateMeter`, ready for `CreateMeter.safeParse`.
 * Headers are JSON field names: flat (`postal_code` goes to `customer.postal_code`) or dotted
 * (`customer.billing.street_1`, `site.site_devices.0.model`, `load_types.0`). `load_types` may hold several values
 * separated by `;` or `|`. Empty cells are left out, numbers and booleans are converted, and anything unconvertible
 * stays text for the schema to report.
 */
export function createMeterFromCsvRow(row: Readonly<Record<string, string>>): Record<string, unknown> {
  const meter: Record<string, unknown> = {};
  const setBy = new Map<string, string>();
  for (const [header, raw] of Object.entries(row)) {
    const value = raw.trim();
    if (!value) continue;
    const path = csvPath(header.trim());
    const key = path.join('.');
    const other = setBy.get(key);
    if (other) throw new CsvParseError(`columns "${other}" and "${header}" both set ${key}`);
    setBy.set(key, header);
    let target: Record<string | number, unknown> = meter;
    path.slice(0, -1).forEach((segment, index) => {
      const next = target[segment];
      if (next === undefined) {
        target[segment] = typeof path[index + 1] === 'number' ? [] : {};
      } else if (typeof next !== 'object' || next === null) {
        throw new CsvParseError(`column "${header}" conflicts with the value of ${path.slice(0, index + 1).join('.')}`);
      }
      target = target[segment] as Record<string | number, unknown>;
    });
    target[path[path.length - 1]] = csvValue(path, value);
  }
  return meter;
}

/** A whole create-meters CSV as the JSON body of `POST /v1.1/jobs/meters`, for `CreateMeterBatchJobRequest`. */
export function createMeterBatchJobFromCsv(text: string): { assets: Record<string, unknown>[] } {
  return { assets: parseCreateMetersCsv(text).rows.map(createMeterFromCsvRow) };
}
