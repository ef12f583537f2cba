/**
 * The partner backend's own contract with the browser (and with a partner's server on another stack): the bodies of
 * `POST {base}/session` and the error envelope every route answers with. The proxied routes reuse Leap's schemas.
 * These, with the proxied ones, make the backend's published OpenAPI document.
 */
import * as z from 'zod/mini';
import { openEnum } from './common.js';
import { MeterEnrollmentView } from './enrollments.js';
import { METER_TYPES } from './grid-enums.js';
import { PARTNER_REFERENCE_PATTERN, referenceIdProblem } from '../reference-id.js';

/**
 * A customer's reference id: Leap's `partner_reference` rule (3 to 256 characters, none of `/\\?[]{}!#$%^&*()<>|`),
 * at most 255 characters (the connect URL's `refId`), no surrounding space, no control characters.
 */
export const ReferenceId = z.string().check(
  z.superRefine((id, context) => {
    const problem = referenceIdProblem(id);
    if (problem) context.issues.push({ code: 'custom', message: `The reference id ${problem}.`, input: id });
  }),
  // Never the first message (the check above refuses everything it refuses); it puts the rule in the OpenAPI document.
  z.regex(PARTNER_REFERENCE_PATTERN),
);

/** `POST {base}/session` answer: a short-lived token for one customer. */
export const SessionResponse = z.object({
  token: z.string(),
  /** ISO 8601. */
  expires_at: z.string(),
  /** The customer every call with this token acts for. */
  reference_id: z.string(),
  /** Present (true) only when the backend answers from a mock Leap: sample data, never a real quote. */
  mock: z.optional(z.literal(true)),
});
export type SessionResponse = z.infer<typeof SessionResponse>;

/** `POST {base}/session` body from the partner's own server (`Authorization: Bearer <partnerSecret>`). */
export const PartnerSessionRequest = z.strictObject({
  /** The partner's id for the customer: becomes `refId` / `reference_id` / `partner_reference` at Leap. */
  reference_id: ReferenceId,
});
export type PartnerSessionRequest = z.infer<typeof PartnerSessionRequest>;

/** `GET {base}/healthz`: whether the backend can serve, and from which upstream. */
export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  upstream: z.enum(['leap', 'mock']),
  /** While degraded: what is wrong, in one line for an operator (never the key). */
  problem: z.optional(z.string()),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

/** Every error the backend answers: the envelope of Leap's grid platform. */
export const ProblemResponse = z.object({
  title: z.string(),
  status: z.int(),
  details: z.optional(z.unknown()),
});
export type ProblemResponse = z.infer<typeof ProblemResponse>;

/**
 * One of the customer's meters as `GET {base}/meters` answers it: its enrollment (what the status card shows), with
 * the meter's id, type, when it was created and its utility (code and name, from the meter's details).
 */
export const CustomerMeter = z.extend(MeterEnrollmentView, {
  meter_id: z.string(),
  meter_type: z.nullish(openEnum(METER_TYPES)),
  /** Leap's utility code (`PGE`), when the meter's details name one. */
  utility_code: z.nullish(z.string()),
  /** The utility's name for people (`Pacific Gas & Electric`). */
  utility_name: z.nullish(z.string()),
  created_at: z.nullish(z.string()),
});
export type CustomerMeter = z.infer<typeof CustomerMeter>;

/** `GET {base}/meters`: every meter of the session's customer (at most 500). */
export const CustomerMeterList = z.looseObject({
  meters: z.array(CustomerMeter),
});
export type CustomerMeterList = z.infer<typeof CustomerMeterList>;
