/**
 * Meters v2 "details": customer, site, device and utility data of a Leap meter (`leap-meters.openapi.yml`).
 *
 * Leap's guide says many of these fields may be empty depending on the program and meter type, and that enrollment
 * fields can change "from a value to null". So every field the OpenAPI does not require is `nullish` here: one meter
 * with a null the OpenAPI did not announce must not fail a whole search page.
 */
import * as z from 'zod/mini';
import { PARTNER_REFERENCE_PATTERN } from '../reference-id.js';
import { closedEnum, isoDateTime, openEnum } from './common.js';
import {
  ACTION_TYPES,
  CBL_METHODS,
  COMPANY_TYPES,
  CUSTOMER_CLASSIFICATIONS,
  DEVICE_TYPES,
  DISPATCH_OPTIONS,
  ENROLLMENT_STATUSES,
  FUEL_TYPES,
  LOAD_TYPES,
  METER_CREATORS,
  METER_TYPES,
  NEM_TYPES,
  TRANSMISSION_REGIONS,
  UTILITY_NAMES,
  VOLTAGE_LEVELS,
} from './grid-enums.js';

const text = z.nullish(z.string());
const num = z.nullish(z.number());
const int = z.nullish(z.int());
const bool = z.nullish(z.boolean());

/** Billing address of `customer.billing` in meter details (`GET /v2/meters/{meter_id}`). */
export const MeterBillingAddress = z.looseObject({
  street_1: text,
  street_2: text,
  postal_code: text,
  city: text,
  state_or_province_code: text,
  country_code: text,
});
export type MeterBillingAddress = z.infer<typeof MeterBillingAddress>;

/**
 * `customer` of meter details (`GET /v2/meters/{meter_id}`). The address is required when a partner creates a meter,
 * but utility-authorized meters carry whatever the utility supplied, so nothing is required when reading.
 */
export const MeterCustomer = z.looseObject({
  street_1: text,
  street_2: text,
  postal_code: text,
  city: text,
  state_or_province_code: text,
  country_code: text,
  end_customer_name: text,
  end_customer_title: text,
  end_customer_email: text,
  end_customer_phone_number: text,
  end_customer_company_name: text,
  partner_offering_name: text,
  /** `YYYY-MM-DD`. */
  partner_offering_date: text,
  is_in_wholesale_capacity_market: bool,
  dispatch_option: z.nullish(openEnum(DISPATCH_OPTIONS)),
  billing: z.nullish(MeterBillingAddress),
  partner_customer_reference: text,
});
export type MeterCustomer = z.infer<typeof MeterCustomer>;

/** `device` of meter details (`GET /v2/meters/{meter_id}`): the controlled device of a device-type meter. */
export const MeterDevice = z.looseObject({
  device_type: z.nullish(openEnum(DEVICE_TYPES)),
  device_serial_number: text,
  device_model: text,
  device_manufacturer: text,
  /** `YYYY-MM-DD`. */
  install_date: text,
  battery_power_capacity_kw: num,
  battery_energy_capacity_kwh: num,
  battery_duration_hours: num,
  /** `YYYY-MM-DD`. */
  permission_to_operate_date: text,
});
export type MeterDevice = z.infer<typeof MeterDevice>;

/** One entry of `site.site_devices` in meter details (`GET /v2/meters/{meter_id}`). */
export const MeterSiteDevice = z.looseObject({
  device_type: openEnum(DEVICE_TYPES),
  model: text,
  manufacturer: text,
  serial_number: text,
  energy_capacity_kwh: num,
  power_capacity_kw: num,
  energy_capacity_duration_hours: num,
  voltage_level: z.nullish(openEnum(VOLTAGE_LEVELS)),
  model_year: int,
  fuel_type: z.nullish(openEnum(FUEL_TYPES)),
  max_energy_production_rate_kw: num,
  max_energy_consumption_rate_kw: num,
  battery_max_state_of_charge_percentage: num,
  battery_min_state_of_charge_percentage: num,
  installer: text,
  pv_connected: bool,
});
export type MeterSiteDevice = z.infer<typeof MeterSiteDevice>;

/** `site` of meter details (`GET /v2/meters/{meter_id}`). The `generator_*` fields are deprecated upstream. */
export const MeterSite = z.looseObject({
  load_zone: text,
  number_of_devices: int,
  on_site_fossil_generator: bool,
  renewable_generator: bool,
  generator_capacity_kw: num,
  generator_model_year: int,
  generator_manufacturer: text,
  // Leap's own example sends "" here, which the open enum accepts like any other string.
  generator_fuel_type: z.nullish(openEnum(FUEL_TYPES)),
  generator_serial_number: text,
  site_devices: z.nullish(z.array(MeterSiteDevice)),
});
export type MeterSite = z.infer<typeof MeterSite>;

/** `caiso` of meter details (`GET /v2/meters/{meter_id}`). */
export const MeterCaiso = z.looseObject({
  is_receiving_sgip_funding: bool,
  nem_type: z.nullish(openEnum(NEM_TYPES)),
});
export type MeterCaiso = z.infer<typeof MeterCaiso>;

/** `isone` of meter details (`GET /v2/meters/{meter_id}`). */
export const MeterIsone = z.looseObject({
  in_connected_solutions: bool,
});
export type MeterIsone = z.infer<typeof MeterIsone>;

/** `nyiso` of meter details (`GET /v2/meters/{meter_id}`). */
export const MeterNyiso = z.looseObject({
  cbl_method: z.nullish(openEnum(CBL_METHODS)),
  company_type: z.nullish(openEnum(COMPANY_TYPES)),
  existing_nyiso_resource_id: text,
  partner_nyiso_resource_name: text,
});
export type MeterNyiso = z.infer<typeof MeterNyiso>;

/**
 * `utility` of meter details (`GET /v2/meters/{meter_id}`); the `bill_*` numbers exist only on reads. The same object
 * without them is what create-meters accepts.
 */
export const MeterUtility = z.looseObject({
  utility_name: z.nullish(openEnum(UTILITY_NAMES)),
  load_serving_entity: text,
  electric_service_account_number: text,
  tariff: text,
  voltage: text,
  utility_meter_serial_number: text,
  bill_service_agreement_number: text,
  bill_customer_account_number: text,
});
export type MeterUtility = z.infer<typeof MeterUtility>;

/** `audit` of meter details and meter enrollments (`GET /v2/meters/{meter_id}`, `.../enrollments`). */
export const MeterAudit = z.looseObject({
  created_by: z.nullish(openEnum(METER_CREATORS)),
  created_at: z.nullish(isoDateTime),
  /** Changes whenever an enrollment field changes; drives the `last_modified_date_time` filter. */
  updated_at: z.nullish(isoDateTime),
});
export type MeterAudit = z.infer<typeof MeterAudit>;

/**
 * Identifying fields shared by meter details and meter enrollments (OpenAPI `MeterIdentifiers`). Each response
 * extends it with its own required fields.
 */
export const MeterIdentifiers = z.looseObject({
  meter_id: z.string(),
  /** Empty when the customer authorized through a Leap Connect link without `refId`; several meters may share one. */
  partner_reference: text,
  transmission_region: z.nullish(openEnum(TRANSMISSION_REGIONS)),
  customer_classification: z.nullish(openEnum(CUSTOMER_CLASSIFICATIONS)),
  load_types: z.nullish(z.array(openEnum(LOAD_TYPES))),
  meter_type: z.nullish(openEnum(METER_TYPES)),
  /** Every `refId` used in completed Leap Connect authorizations of this meter. */
  connection_references: z.nullish(z.array(z.string())),
  customer_group: text,
  tags: z.nullish(z.array(z.string())),
  is_archived: z.boolean(),
});
export type MeterIdentifiers = z.infer<typeof MeterIdentifiers>;

/**
 * `enrollment` object of the older meter guide (seed 004): status in title case (`"Active"`) and eligibility windows.
 * The v2 endpoints moved this to `/v2/meters/{meter_id}/enrollments`; typed here so a meter still carrying it parses.
 */
export const LegacyMeterEnrollment = z.looseObject({
  status: text,
  active_from: z.nullish(isoDateTime),
  active_to: z.nullish(isoDateTime),
  eligible_from: z.nullish(isoDateTime),
  eligible_to: z.nullish(isoDateTime),
  status_reasons: z.nullish(z.array(z.unknown())),
});
export type LegacyMeterEnrollment = z.infer<typeof LegacyMeterEnrollment>;

/** One entry of the older guide's `participation` array (seed 004): market group per trade date. */
export const LegacyMeterParticipation = z.looseObject({
  market_group_id: text,
  trade_date: z.nullish(isoDateTime),
});
export type LegacyMeterParticipation = z.infer<typeof LegacyMeterParticipation>;

/**
 * `GET /v2/meters/{meter_id}` (the reference page also names it `GET /v2/meters/{meter_id}/details`): one meter's
 * details.
 */
export const MeterDetailsResponse = z.extend(MeterIdentifiers, {
  transmission_region: openEnum(TRANSMISSION_REGIONS),
  meter_type: openEnum(METER_TYPES),
  customer: MeterCustomer,
  device: z.nullish(MeterDevice),
  site: z.nullish(MeterSite),
  caiso: z.nullish(MeterCaiso),
  isone: z.nullish(MeterIsone),
  nyiso: z.nullish(MeterNyiso),
  utility: z.nullish(MeterUtility),
  audit: MeterAudit,
  enrollment: z.nullish(LegacyMeterEnrollment),
  participation: z.nullish(z.array(LegacyMeterParticipation)),
});
export type MeterDetails = z.infer<typeof MeterDetailsResponse>;

/**
 * `POST /v2/meters/search` (the reference page names it `POST /v2/meters/details/search`): one page of meter
 * details. `next_page_token` is absent on the last page.
 */
export const ListMeterDetailsResponse = z.looseObject({
  next_page_token: text,
  meters: z.array(MeterDetailsResponse),
});
export type ListMeterDetails = z.infer<typeof ListMeterDetailsResponse>;

/** A date-time as the OpenAPI files type it in requests (RFC 3339, with `Z` or an offset): `2024-10-21T11:43:05Z`. */
const requestDateTime = z.iso.datetime({ offset: true });

// Request-side formats. Leap rejects a bad value with a 400 naming the field; checking here names it before the call.

/** A `partner_reference` as Leap accepts it in requests: 3 to 256 characters, none of `/\?[]{}!#$%^&*()<>|`. */
export const PartnerReference = z.string().check(
  z.regex(PARTNER_REFERENCE_PATTERN, {
    message: 'Expected 3 to 256 characters without any of / \\ ? [ ] { } ! # $ % ^ & * ( ) < > |',
  }),
);
export type PartnerReference = z.infer<typeof PartnerReference>;

/**
 * Body of `POST /v2/meters/search` and `POST /v2/meters/enrollments/search` (both files define it identically).
 * Leap declares the lists `uniqueItems`, yet its own examples repeat values, so duplicates are not rejected here.
 */
export const MeterFilterRequest = z.strictObject({
  /** The previous response's `next_page_token`. */
  page_token: z.optional(z.string()),
  /** 1 to 500; Leap's default is 500. */
  page_size: z.optional(z.int().check(z.gte(1), z.lte(500))),
  transmission_region: z.optional(closedEnum(TRANSMISSION_REGIONS)),
  customer_classification: z.optional(closedEnum(CUSTOMER_CLASSIFICATIONS)),
  meter_ids: z.optional(z.array(z.guid()).check(z.maxLength(1000))),
  partner_references: z.optional(z.array(PartnerReference).check(z.minLength(1), z.maxLength(1000))),
  global_enrollment_statuses: z.optional(
    z.array(closedEnum(ENROLLMENT_STATUSES)).check(z.minLength(1), z.maxLength(5)),
  ),
  meter_types: z.optional(z.array(closedEnum(METER_TYPES)).check(z.minLength(1), z.maxLength(20))),
  load_types: z.optional(z.array(closedEnum(LOAD_TYPES)).check(z.minLength(1), z.maxLength(20))),
  customer_groups: z.optional(z.array(z.string()).check(z.minLength(1), z.maxLength(20))),
  tags: z.optional(z.array(z.string()).check(z.minLength(1), z.maxLength(20))),
  /** Only meters modified after this instant: the daily-polling filter. */
  last_modified_date_time: z.optional(requestDateTime),
  created_after_date_time: z.optional(requestDateTime),
  created_before_date_time: z.optional(requestDateTime),
  /** When true, only meters with a partner required action. */
  partner_action_required: z.optional(z.boolean()),
  /** When true, archived meters are left out (Leap includes them by default). */
  exclude_archived: z.optional(z.boolean()),
  connection_reference_ids: z.optional(z.array(PartnerReference).check(z.minLength(1), z.maxLength(100))),
  action_type: z.optional(z.array(closedEnum(ACTION_TYPES)).check(z.minLength(1), z.maxLength(20))),
});
export type MeterFilterRequest = z.infer<typeof MeterFilterRequest>;
