/**
 * Partner-created meters (`leap-create-meters.openapi.yml`): the create request (JSON, or CSV turned into the same JSON
 * shape), the batch job and its per-`partner_reference` results, the synchronous single create, and their errors.
 *
 * Requests are what we send, so they are strict: closed enums, Leap's documented formats, unknown fields rejected (a
 * misspelt CSV column would otherwise vanish silently and the meter would miss a program-required field). Responses
 * are loose and lenient like every other Leap response.
 */
import * as z from 'zod/mini';
import { closedEnum, isoDateTime, openEnum } from './common.js';
import {
  ASSET_STATUS_DETAIL_NAMES,
  CBL_METHODS,
  COMPANY_TYPES,
  CUSTOMER_CLASSIFICATIONS,
  DEVICE_TYPES,
  DISPATCH_OPTIONS,
  FUEL_TYPES,
  JOB_STATUSES,
  LOAD_TYPES,
  METER_TYPES,
  NEM_TYPES,
  PROVISIONAL_ASSET_STATUSES,
  TRANSMISSION_REGIONS,
  UTILITY_NAMES,
  VOLTAGE_LEVELS,
} from './grid-enums.js';
import { GridErrorResponse, GridValidationError } from './grid-errors.js';
import {
  MeterCaiso,
  MeterCustomer,
  MeterDevice,
  MeterIsone,
  MeterNyiso,
  MeterSite,
  MeterUtility,
  PartnerReference,
} from './meters.js';

// ---------------------------------------------------------------------------------------------------------------
// Request formats, transcribed from the OpenAPI patterns (À-ɏ and Ḁ-ỿ written as escapes).

const LETTERS = 'A-Za-z\\u00C0-\\u024F\\u1E00-\\u1EFF0-9';
const STREET_PATTERN = new RegExp(`^[\\u2019'+#"@()/&.,;\\s${LETTERS}\\-|\\\\]{1,128}$`);
const CITY_PATTERN = new RegExp(`^[\\u2019'+#"@()/&.,;\\s${LETTERS}\\-]{1,128}$`);
const CUSTOMER_GROUP_PATTERN = new RegExp(`^[\\u2019'+#"@()/&.,;${LETTERS}\\s_\\-]{0,128}$`);
const POSTAL_CODE_PATTERN = /^[0-9]{5}(?:-[0-9]{4})?$/;
// Leap rejects "?", non-breaking spaces and U+FFFD: the marks of a name mangled by a wrong encoding.
const NAME_PATTERN = /^(?!.*[\uFFFD\u00A0?])[\s\S]{1,128}$/;
const FILE_NAME_PATTERN = /^[a-zA-Z0-9._\s-]+.[a-zA-Z0-9]+$/;

const ADDRESS_CHARS = `letters, digits, spaces and ’'+#"@()/&.,;- only`;

function text(min: number, max: number) {
  return z.string().check(z.minLength(min), z.maxLength(max));
}
function patterned(pattern: RegExp, max: number, message: string) {
  return z.string().check(z.maxLength(max), z.regex(pattern, { message }));
}
function decimal(min: number, max: number) {
  return z.number().check(z.gte(min), z.lte(max));
}
function integer(min: number, max: number) {
  return z.int().check(z.gte(min), z.lte(max));
}

const street = patterned(STREET_PATTERN, 128, `Expected 1 to 128 characters: ${ADDRESS_CHARS} | \\`);
const city = patterned(CITY_PATTERN, 128, `Expected 1 to 128 characters: ${ADDRESS_CHARS}`);
const postalCode = z
  .string()
  .check(z.regex(POSTAL_CODE_PATTERN, { message: 'Expected a US ZIP code: 12345 or 12345-6789' }));
const twoLetters = z.string().check(z.length(2));
const isoDate = z.iso.date();

/** `customer.billing` of a create-meters request (`POST /v1.1/jobs/meters`). */
export const CreateMeterBillingAddress = z.strictObject({
  street_1: street,
  street_2: z.optional(street),
  postal_code: postalCode,
  city,
  state_or_province_code: twoLetters,
  country_code: twoLetters,
});
export type CreateMeterBillingAddress = z.infer<typeof CreateMeterBillingAddress>;

/**
 * `customer` of a create-meters request (`POST /v1.1/jobs/meters`, `POST /v1.1/meters`): the asset's address, which is
 * globally required, plus contact data some programs require.
 */
export const CreateMeterCustomer = z.strictObject({
  street_1: street,
  street_2: z.optional(street),
  postal_code: postalCode,
  city,
  state_or_province_code: twoLetters,
  country_code: twoLetters,
  end_customer_name: z.optional(
    z
      .string()
      .check(z.regex(NAME_PATTERN, { message: 'Expected 1 to 128 characters without "?" or broken characters' })),
  ),
  end_customer_title: z.optional(patterned(CITY_PATTERN, 15, `Expected 1 to 15 characters: ${ADDRESS_CHARS}`)),
  end_customer_email: z.optional(z.email().check(z.minLength(3), z.maxLength(128))),
  /** Digits as on file with the utility, without a leading "1". */
  end_customer_phone_number: z.optional(text(3, 32)),
  end_customer_company_name: z.optional(city),
  partner_offering_name: z.optional(text(1, 128)),
  partner_offering_date: z.optional(isoDate),
  is_in_wholesale_capacity_market: z.optional(z.boolean()),
  dispatch_option: z.optional(closedEnum(DISPATCH_OPTIONS)),
  billing: z.optional(CreateMeterBillingAddress),
  /** Should match the Leap Connect `refId` when customer- and partner-supplied data are combined. */
  partner_customer_reference: z.optional(PartnerReference),
});
export type CreateMeterCustomer = z.infer<typeof CreateMeterCustomer>;

/** `device` of a create-meters request (`POST /v1.1/jobs/meters`). */
export const CreateMeterDevice = z.strictObject({
  device_type: z.optional(closedEnum(DEVICE_TYPES)),
  device_serial_number: z.optional(text(1, 256)),
  device_model: z.optional(text(1, 128)),
  device_manufacturer: z.optional(text(1, 128)),
  install_date: z.optional(isoDate),
  battery_power_capacity_kw: z.optional(decimal(0, 999999)),
  battery_energy_capacity_kwh: z.optional(decimal(0, 999999)),
  battery_duration_hours: z.optional(integer(0, 100)),
  permission_to_operate_date: z.optional(isoDate),
});
export type CreateMeterDevice = z.infer<typeof CreateMeterDevice>;

/** One entry of `site.site_devices` in a create-meters request (`POST /v1.1/jobs/meters`). */
export const CreateMeterSiteDevice = z.strictObject({
  device_type: closedEnum(DEVICE_TYPES),
  model: z.optional(text(1, 128)),
  manufacturer: z.optional(text(1, 128)),
  serial_number: z.optional(text(1, 256)),
  energy_capacity_kwh: z.optional(decimal(0, 999999)),
  power_capacity_kw: z.optional(decimal(0, 999999)),
  energy_capacity_duration_hours: z.optional(integer(0, 100)),
  voltage_level: z.optional(closedEnum(VOLTAGE_LEVELS)),
  model_year: z.optional(integer(1900, 2100)),
  fuel_type: z.optional(closedEnum(FUEL_TYPES)),
  max_energy_production_rate_kw: z.optional(decimal(0, 999999)),
  max_energy_consumption_rate_kw: z.optional(decimal(0, 999999)),
  // Leap starts at 2 so that 0.95 is not mistaken for 95 %.
  battery_max_state_of_charge_percentage: z.optional(decimal(2, 100)),
  battery_min_state_of_charge_percentage: z.optional(decimal(0, 100)),
  installer: z.optional(text(1, 256)),
  pv_connected: z.optional(z.boolean()),
});
export type CreateMeterSiteDevice = z.infer<typeof CreateMeterSiteDevice>;

/** `site` of a create-meters request (`POST /v1.1/jobs/meters`); `generator_*` are deprecated for `site_devices`. */
export const CreateMeterSite = z.strictObject({
  load_zone: z.optional(text(1, 128)),
  number_of_devices: z.optional(integer(0, 99)),
  on_site_fossil_generator: z.optional(z.boolean()),
  renewable_generator: z.optional(z.boolean()),
  generator_capacity_kw: z.optional(decimal(0, 999999)),
  generator_model_year: z.optional(integer(1900, 2100)),
  generator_manufacturer: z.optional(text(1, 128)),
  // The enum has no empty value, but every request example in Leap's OpenAPI sends "": both are accepted.
  generator_fuel_type: z.optional(z.union([closedEnum(FUEL_TYPES), z.literal('')])),
  generator_serial_number: z.optional(text(1, 256)),
  site_devices: z.optional(z.array(CreateMeterSiteDevice)),
});
export type CreateMeterSite = z.infer<typeof CreateMeterSite>;

/** `caiso` of a create-meters request (`POST /v1.1/jobs/meters`). */
export const CreateMeterCaiso = z.strictObject({
  /** Only needed for batteries installed after 2023-06-30. */
  is_receiving_sgip_funding: z.optional(z.boolean()),
  nem_type: z.optional(closedEnum(NEM_TYPES)),
});
export type CreateMeterCaiso = z.infer<typeof CreateMeterCaiso>;

/** `isone` of a create-meters request (`POST /v1.1/jobs/meters`). */
export const CreateMeterIsone = z.strictObject({
  in_connected_solutions: z.optional(z.boolean()),
});
export type CreateMeterIsone = z.infer<typeof CreateMeterIsone>;

/** `nyiso` of a create-meters request (`POST /v1.1/jobs/meters`). */
export const CreateMeterNyiso = z.strictObject({
  cbl_method: z.optional(closedEnum(CBL_METHODS)),
  company_type: z.optional(closedEnum(COMPANY_TYPES)),
  existing_nyiso_resource_id: z.optional(z.string()),
  partner_nyiso_resource_name: z.optional(z.string()),
});
export type CreateMeterNyiso = z.infer<typeof CreateMeterNyiso>;

/** `utility` of a create-meters request (`POST /v1.1/jobs/meters`). */
export const CreateMeterUtility = z.strictObject({
  utility_name: z.optional(closedEnum(UTILITY_NAMES)),
  load_serving_entity: z.optional(text(1, 128)),
  electric_service_account_number: z.optional(text(1, 128)),
  tariff: z.optional(text(1, 128)),
  voltage: z.optional(text(1, 128)),
  utility_meter_serial_number: z.optional(text(1, 256)),
});
export type CreateMeterUtility = z.infer<typeof CreateMeterUtility>;

/**
 * One meter of a create-meters request (`POST /v1.1/jobs/meters` `assets[]`, `POST /v1.1/meters`
 * `provisional_asset`). Required are Leap's global required fields: `partner_reference`, `transmission_region`,
 * `customer_classification`, `load_types`, `meter_type` and the address in `customer` (`street_1`, `postal_code`,
 * `city`, `state_or_province_code`, `country_code`). Program-specific fields are optional here although a program
 * may need them.
 */
export const CreateMeter = z.strictObject({
  partner_reference: PartnerReference,
  transmission_region: closedEnum(TRANSMISSION_REGIONS),
  customer_classification: closedEnum(CUSTOMER_CLASSIFICATIONS),
  load_types: z.array(closedEnum(LOAD_TYPES)).check(z.minLength(1)),
  meter_type: closedEnum(METER_TYPES),
  customer: CreateMeterCustomer,
  device: z.optional(CreateMeterDevice),
  site: z.optional(CreateMeterSite),
  caiso: z.optional(CreateMeterCaiso),
  isone: z.optional(CreateMeterIsone),
  nyiso: z.optional(CreateMeterNyiso),
  utility: z.optional(CreateMeterUtility),
  customer_group: z.optional(
    z.string().check(z.regex(CUSTOMER_GROUP_PATTERN, { message: `Expected up to 128 characters: ${ADDRESS_CHARS} _` })),
  ),
});
export type CreateMeter = z.infer<typeof CreateMeter>;

/** JSON body of `POST /v1.1/jobs/meters` (create meters in bulk, asynchronously). */
export const CreateMeterBatchJobRequest = z.strictObject({
  assets: z.array(CreateMeter),
});
export type CreateMeterBatchJobRequest = z.infer<typeof CreateMeterBatchJobRequest>;

/**
 * Query of `POST /v1.1/jobs/meters` and `POST /v1.1/meters`. `update_existing=true` overwrites every field of the
 * meter with the same `partner_reference` (creates it if absent; `MULTIPLE_PARTNER_REFERENCE` if several match).
 * `file_name` applies to the batch job only.
 */
export const CreateMetersQuery = z.strictObject({
  update_existing: z.optional(z.boolean()),
  file_name: z.optional(
    z
      .string()
      .check(z.maxLength(255), z.regex(FILE_NAME_PATTERN, { message: 'Expected a file name such as meters.csv' })),
  ),
});
export type CreateMetersQuery = z.infer<typeof CreateMetersQuery>;

/**
 * Body of `POST /v1.1/meters` (create one meter, synchronously). The `onboarding_token` comes from Leap's onboarding
 * service and ties the meter to the partner.
 */
export const CreateAssetRequest = z.strictObject({
  onboarding_token: z.string().check(z.minLength(1)),
  provisional_asset: CreateMeter,
});
export type CreateAssetRequest = z.infer<typeof CreateAssetRequest>;

/** Query of `GET /v1.1/jobs/meters` and `GET /v1.1/provisional-assets` (filters as `key:value`, AND-combined). */
export const ListCreateMetersQuery = z.strictObject({
  filter: z.optional(z.array(z.string())),
  page_token: z.optional(z.string()),
  /** Leap's default is 100. */
  page_size: z.optional(z.int().check(z.gte(1))),
  search_query: z.optional(z.string()),
  /** Required by Leap when `search_query` is set. */
  search_fields: z.optional(z.array(z.string())),
});
export type ListCreateMetersQuery = z.infer<typeof ListCreateMetersQuery>;

// ---------------------------------------------------------------------------------------------------------------
// Responses.

/** `POST /v1.1/jobs/meters` 201: the job to poll. */
export const CreateMeterBatchJobResponse = z.looseObject({
  job_id: z.string(),
});
export type CreateMeterBatchJobResponse = z.infer<typeof CreateMeterBatchJobResponse>;

/** `status` of a create-meters job (`GET /v1.1/jobs/meters/{job_id}`). */
export const JobStatus = openEnum(JOB_STATUSES);
export type JobStatus = z.infer<typeof JobStatus>;

/** One create-meters job (`GET /v1.1/jobs/meters` `jobs[]`, and the head of `GET /v1.1/jobs/meters/{job_id}`). */
export const Job = z.looseObject({
  job_id: z.string(),
  status: JobStatus,
  // Leap documents null for jobs uploaded before file names were recorded, though the type says string.
  file_name: z.nullish(z.string()),
  assets_count: z.nullish(z.int()),
  assets_created_count: z.nullish(z.int()),
  assets_updated_count: z.nullish(z.int()),
  assets_failed_count: z.nullish(z.int()),
  transmission_regions: z.nullish(z.array(openEnum(TRANSMISSION_REGIONS))),
  created_at: isoDateTime,
  updated_at: isoDateTime,
});
export type Job = z.infer<typeof Job>;

/** `GET /v1.1/jobs/meters`: one page of create-meters jobs. */
export const PagedJobs = z.looseObject({
  jobs: z.array(Job),
  next_page_token: z.nullish(z.string()),
});
export type PagedJobs = z.infer<typeof PagedJobs>;

/** Per-asset `status` of a create-meters job (`GET /v1.1/jobs/meters/{job_id}` `assets[].status`). */
export const ProvisionalAssetStatus = openEnum(PROVISIONAL_ASSET_STATUSES);
export type ProvisionalAssetStatus = z.infer<typeof ProvisionalAssetStatus>;

/** Per-asset `status_detail` (`GET /v1.1/jobs/meters/{job_id}`): the reason, and the fields that failed. */
export const AssetStatusDetail = z.looseObject({
  name: z.nullish(openEnum(ASSET_STATUS_DETAIL_NAMES)),
  description: z.nullish(z.string()),
  failed_fields: z.nullish(z.record(z.string(), z.string())),
});
export type AssetStatusDetail = z.infer<typeof AssetStatusDetail>;

/**
 * The result for one `partner_reference` of a create-meters job (`GET /v1.1/jobs/meters/{job_id}` `assets[]`):
 * `meter_id` once `COMPLETED`, otherwise `status_detail` says why not. Leap's example sends `partner_reference: ""`,
 * so the request-side format is not enforced here.
 */
export const AssetUploadStatus = z.looseObject({
  partner_reference: z.string(),
  status: ProvisionalAssetStatus,
  status_detail: AssetStatusDetail,
  created_at: z.nullish(isoDateTime),
  meter_id: z.nullish(z.string()),
});
export type AssetUploadStatus = z.infer<typeof AssetUploadStatus>;

/** `GET /v1.1/jobs/meters/{job_id}`: the job and one result per submitted asset. */
export const JobAndAssets = z.extend(Job, {
  assets: z.nullish(z.array(AssetUploadStatus)),
});
export type JobAndAssets = z.infer<typeof JobAndAssets>;

/**
 * The submitted meter as Leap echoes it in `data` of a provisional asset (`POST /v1.1/meters` 200,
 * `GET /v1.1/provisional-assets`): the create-meter shape, read leniently.
 */
export const ProvisionalAssetData = z.looseObject({
  partner_reference: z.nullish(z.string()),
  transmission_region: z.nullish(openEnum(TRANSMISSION_REGIONS)),
  customer_classification: z.nullish(openEnum(CUSTOMER_CLASSIFICATIONS)),
  load_types: z.nullish(z.array(openEnum(LOAD_TYPES))),
  meter_type: z.nullish(openEnum(METER_TYPES)),
  customer: z.nullish(MeterCustomer),
  device: z.nullish(MeterDevice),
  site: z.nullish(MeterSite),
  caiso: z.nullish(MeterCaiso),
  isone: z.nullish(MeterIsone),
  nyiso: z.nullish(MeterNyiso),
  // The meter-details utility object: the bill numbers it adds are optional, so the echo of a request parses too.
  utility: z.nullish(MeterUtility),
  customer_group: z.nullish(z.string()),
});
export type ProvisionalAssetData = z.infer<typeof ProvisionalAssetData>;

/**
 * `POST /v1.1/meters` 200, and each entry of `GET /v1.1/provisional-assets`: an asset on its way to becoming a meter.
 * A 200 does not mean the meter exists: check `status`.
 */
export const ProvisionalAsset = z.extend(AssetUploadStatus, {
  job_id: z.string(),
  data: z.nullish(ProvisionalAssetData),
});
export type ProvisionalAsset = z.infer<typeof ProvisionalAsset>;

/** `GET /v1.1/provisional-assets`: one page of provisional assets across jobs. */
export const ListProvisionalAssetsResponse = z.looseObject({
  provisional_assets: z.array(ProvisionalAsset),
  next_page_token: z.nullish(z.string()),
});
export type ListProvisionalAssetsResponse = z.infer<typeof ListProvisionalAssetsResponse>;

/** One filter and its possible values (`GET /v1.1/jobs/meter-job-filters`, `GET /v1.1/provisional-assets-filters`). */
export const KeyValueFilter = z.looseObject({
  key: z.string(),
  values: z.array(z.string()),
});
export type KeyValueFilter = z.infer<typeof KeyValueFilter>;

/** `GET /v1.1/jobs/meter-job-filters` and `GET /v1.1/provisional-assets-filters` (Leap marks both frontend-only). */
export const FilterOptionsResponse = z.looseObject({
  filter_options: z.array(KeyValueFilter),
});
export type FilterOptionsResponse = z.infer<typeof FilterOptionsResponse>;

/** The grid-platform error envelope as the create-meters endpoints name it (400 and 403 of `/v1.1/jobs/meters`). */
export const ErrorResponse = GridErrorResponse;
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** A validation problem of a create-meters upload (400 `details[]`, `GET /v1.1/provisional-assets` 400). */
export const ValidationError = GridValidationError;
export type ValidationError = z.infer<typeof ValidationError>;

/** One suggested value for a field (`POST /v1.1/meters` 400). Leap gives `suggestion` no type. */
export const FieldSuggestion = z.looseObject({
  field: z.nullish(z.string()),
  suggestion: z.optional(z.unknown()),
});
export type FieldSuggestion = z.infer<typeof FieldSuggestion>;

/** A group of suggestions for one error (`POST /v1.1/meters` 400). */
export const CreateMeterSuggestion = z.looseObject({
  suggestions: z.nullish(z.array(FieldSuggestion)),
});
export type CreateMeterSuggestion = z.infer<typeof CreateMeterSuggestion>;

/** One error of `POST /v1.1/meters` 400. */
export const CreateMeterError = z.looseObject({
  field: z.nullish(z.string()),
  description: z.string(),
  suggestions: z.nullish(z.array(CreateMeterSuggestion)),
});
export type CreateMeterError = z.infer<typeof CreateMeterError>;

/** `POST /v1.1/meters` 400: why the provisional asset could not be created at all. */
export const CreateMeterErrorResponse = z.looseObject({
  errors: z.array(CreateMeterError),
});
export type CreateMeterErrorResponse = z.infer<typeof CreateMeterErrorResponse>;

// ---------------------------------------------------------------------------------------------------------------
// CSV input (`Content-Type: text/csv`): one meter per row, header names are the JSON field names.

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

function readCsvRecords(input: string): CsvRecord[] {
  const csv = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let inQuotes = false;
  let wasQuoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  while (i < csv.length) {
    const ch = csv[i];
    if (inQuotes) {
      if (ch === '"') {
        if (csv[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else {
          inQuotes = false;
          i += 1;
        }
        continue;
      }
      if (ch === '\n' || (ch === '\r' && csv[i + 1] !== '\n')) line += 1;
      cell += ch;
      i += 1;
      continue;
    }
    if (ch === ',') {
      cells.push(cell);
      cell = '';
      wasQuoted = false;
      i += 1;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      cells.push(cell);
      records.push({ cells, line: recordLine });
      cells = [];
      cell = '';
      wasQuoted = false;
      i += ch === '\r' && csv[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    if (ch === '"') {
      // A quote may only open a field (after optional blanks); anywhere else the field boundaries would be guesswork.
      if (wasQuoted || cell.trim() !== '') {
        throw new CsvParseError('a double quote inside a field must be escaped as "" and the field quoted', line);
      }
      cell = '';
      inQuotes = true;
      wasQuoted = true;
    } else if (wasQuoted) {
      if (ch !== ' ' && ch !== '\t') throw new CsvParseError('unexpected text after a closing quote', line);
    } else {
      cell += ch;
    }
    i += 1;
  }
  if (inQuotes) throw new CsvParseError('a quoted field is never closed', recordLine);
  if (cell !== '' || wasQuoted || cells.length) {
    cells.push(cell);
    records.push({ cells, line: recordLine });
  }
  return records;
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
