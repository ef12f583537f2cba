/**
 * Leap Incentives API: `POST /incentives` (base `https://api.incentives.leap.energy/alpha`, authenticated by the
 * partner backend with its API key).
 * Request and response as documented in the quickstart and the reference page, every documented variant accepted.
 */
import * as z from 'zod/mini';
import { ADDRESS_ISSUES, BUILDING_TYPES, checkAddress, type AddressFields } from '../address.js';
import { closedEnum, intOrString, openEnum } from './common.js';

export { ADDRESS_ISSUES, BUILDING_TYPES, US_STATE_CODES, US_ZIP, type BuildingType } from '../address.js';

export const OPERATION_TYPES = ['lookup', 'refresh', 'override'] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];

const text = z.string({ error: ADDRESS_ISSUES.required });

/**
 * The address we send. US addresses must carry a USPS state code and a ZIP or ZIP+4. The rules live in
 * `checkAddress` (shared with the browser); the output is trimmed, with upper-case state and country codes.
 */
export const IncentivesAddress = z
  .object({
    street_1: text,
    street_2: z.optional(z.string()),
    city: text,
    state_or_province_code: text,
    postal_code: text,
    country_code: z.string(),
  })
  .check(
    z.superRefine((address, ctx) => {
      const checked = checkAddress(address);
      if (checked.ok) return;
      for (const [field, message] of Object.entries(checked.issues)) {
        ctx.addIssue({ code: 'custom', message, path: [field], input: address[field as keyof AddressFields] });
      }
    }),
    z.overwrite((address) => {
      const checked = checkAddress(address);
      return checked.ok ? checked.address : address;
    }),
  );
export type IncentivesAddress = z.infer<typeof IncentivesAddress>;

const deviceId = z.int().check(z.positive());

/** Request fields shared by the upstream request and the browser's request to the partner backend. */
const checkFields = {
  operation_type: z.optional(closedEnum(OPERATION_TYPES)),
  address: z.optional(IncentivesAddress),
  building_type: z.optional(closedEnum(BUILDING_TYPES)),
  /** Quickstart style: one device. */
  device_id: z.optional(deviceId),
  /** Repeats mean quantity: `[32, 44, 44, 44]`. */
  device_ids: z.optional(z.array(deviceId).check(z.maxLength(100))),
  /** The partner's own product names, resolved by Leap through the partner's equipment map. */
  device_names: z.optional(
    z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))).check(z.maxLength(100)),
  ),
  create_application: z.optional(z.boolean()),
  /** The utility the customer picked among `possible_utilities`. */
  utility_eiaid: z.optional(intOrString),
};

function requireForOperation(
  body: { operation_type?: OperationType | undefined; address?: unknown; building_type?: unknown },
  ctx: { addIssue(issue: { code: 'custom'; message: string; path: string[] }): void },
) {
  const operation = body.operation_type ?? 'lookup';
  if (operation === 'lookup' && !body.address) {
    ctx.addIssue({ code: 'custom', message: 'required for a lookup', path: ['address'] });
  }
  if ((operation === 'lookup' || operation === 'override') && !body.building_type) {
    ctx.addIssue({ code: 'custom', message: `required for ${operation}`, path: ['building_type'] });
  }
}

/** `POST /incentives` request body as Leap receives it. Unknown fields are kept (Leap may accept more). */
export const IncentivesRequest = z
  .looseObject({
    ...checkFields,
    reference_id: z.string().check(z.minLength(1), z.maxLength(255)),
    webhook_custom_fields: z.optional(z.record(z.string(), z.unknown())),
  })
  .check(z.superRefine(requireForOperation));
export type IncentivesRequest = z.infer<typeof IncentivesRequest>;

/**
 * What the browser may send to the partner backend's `POST {base}/incentives`. Strict: `reference_id` is refused
 * because the customer always comes from the session token, and anything else unexpected is named in the 400.
 */
export const CheckIncentivesBody = z.strictObject(checkFields).check(z.superRefine(requireForOperation));
export type CheckIncentivesBody = z.infer<typeof CheckIncentivesBody>;

export const Utility = z.looseObject({
  /** A number in most answers, a string in some `possible_utilities` lists. */
  eiaid: intOrString,
  name: z.string(),
});
export type Utility = z.infer<typeof Utility>;

/** `{base_amount, calculation_method}` in the quickstart, a sentence in the reference page, `{}` when not eligible. */
export const CalculationDetails = z.union([
  z.looseObject({
    base_amount: z.optional(z.nullable(z.number())),
    calculation_method: z.optional(z.nullable(z.string())),
  }),
  z.string(),
]);
export type CalculationDetails = z.infer<typeof CalculationDetails>;

export const DeviceTierResult = z.looseObject({
  device_id: z.optional(z.nullable(intOrString)),
  device_name: z.optional(z.nullable(z.string())),
  tier_id: z.optional(z.nullable(intOrString)),
  tier_name: z.optional(z.nullable(z.string())),
  eligible: z.boolean(),
  incentive_amount: z.nullish(z.number()),
  calculation_details: z.nullish(CalculationDetails),
  failed_requirements: z.nullish(z.array(z.string())),
  ignored_requirements: z.nullish(z.array(z.string())),
  completed_requirements: z.nullish(z.array(z.string())),
});
export type DeviceTierResult = z.infer<typeof DeviceTierResult>;

export const ProgramResult = z.looseObject({
  program_id: intOrString,
  program_name: z.string(),
  total_incentive: z.number(),
  eligible_combinations: z.nullish(z.number()),
  device_tier_results: z.array(DeviceTierResult),
});
export type ProgramResult = z.infer<typeof ProgramResult>;

/** The address Leap echoes: an object in the quickstart, a formatted string in the reference page. */
export const ResponseAddress = z.union([
  z.looseObject({
    street_1: z.nullish(z.string()),
    street_2: z.nullish(z.string()),
    city: z.nullish(z.string()),
    state_or_province_code: z.nullish(z.string()),
    postal_code: z.nullish(z.string()),
    country_code: z.nullish(z.string()),
  }),
  z.string(),
]);

/** `POST /incentives` response. */
export const IncentivesResponse = z.looseObject({
  utility: z.nullish(Utility),
  possible_utilities: z.nullish(z.array(Utility)),
  address: z.nullish(ResponseAddress),
  building_type: z.nullish(openEnum(BUILDING_TYPES)),
  customer_id: z.nullish(intOrString),
  reference_id: z.nullish(z.string()),
  programs_evaluated: z.nullish(z.number()),
  incentives: z.looseObject({
    total_incentive_amount: z.number(),
    total_eligible_combinations: z.nullish(z.number()),
    by_program: z.array(ProgramResult),
  }),
  connect_url: z.nullish(z.string()),
});
export type IncentivesResult = z.infer<typeof IncentivesResponse>;

/** Incentives API error body: `error` or `message`, plus a `requestId`. */
export const IncentivesErrorBody = z.looseObject({
  error: z.optional(z.string()),
  message: z.optional(z.string()),
  requestId: z.optional(z.string()),
});
export type IncentivesErrorBody = z.infer<typeof IncentivesErrorBody>;
