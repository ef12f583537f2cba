/**
 * Partner-created meters (`leap-create-meters.openapi.yml`): the create request (JSON, or CSV turned into the same JSON
 * shape), the batch job and its per-`partner_reference` results, the synchronous single create, and their errors.
 *
 * Requests are what we send, so they are strict: closed enums, Leap's documented formats, unknown fields rejected (a
 * misspelt CSV column would otherwise vanish silently and the meter would miss a program-required field). Responses
 * are loose and lenient like every other Leap response.
 */
import * as z from 'zod/mini';
import { closedEnum } from './common.js';
import {
  CBL_METHODS,
  COMPANY_TYPES,
  CUSTOMER_CLASSIFICATIONS,
  DEVICE_TYPES,
  DISPATCH_OPTIONS,
  FUEL_TYPES,
  LOAD_TYPES,
  METER_TYPES,
  NEM_TYPES,
  TRANSMISSION_REGIONS,
  UTILITY_NAMES,
  VOLTAGE_LEVELS,
} from './grid-enums.js';
import { PartnerReference } from './meters.js';

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

// The answers (jobs, their rows, provisional assets, errors) are in create-meters-responses.ts, CSV input in
// create-meters-csv.ts; both are exported from here too.
export * from './create-meters-responses.js';
export * from './create-meters-csv.js';
