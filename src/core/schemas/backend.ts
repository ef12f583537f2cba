/**
 * The partner backend's own contract with the browser (and with a partner's server on another stack): the bodies of
 * `POST {base}/session` and the error envelope every route answers with. The proxied routes reuse Leap's schemas.
 * These, with the proxied ones, make the backend's published OpenAPI document.
 */
import * as z from 'zod/mini';
import { openEnum } from './common.js';
import { MeterEnrollmentView } from './enrollments.js';
import { METER_TYPES } from './grid-enums.js';

/** Leap's `refId` rule: at most 255 characters. */
export const ReferenceId = z.string().check(z.trim(), z.minLength(1), z.maxLength(255));

/** `POST {base}/session` answer: a short-lived token for one customer. */
export const SessionResponse = z.object({
  token: z.string(),
  /** ISO 8601. */
  expires_at: z.string(),
  /** The customer every call with this token acts for. */
  reference_id: z.string(),
});
export type SessionResponse = z.infer<typeof SessionResponse>;

/** `POST {base}/session` body from the partner's own server (`Authorization: Bearer <partnerSecret>`). */
export const PartnerSessionRequest = z.strictObject({
  /** The partner's id for the customer: becomes `refId` / `reference_id` / `partner_reference` at Leap. */
  reference_id: ReferenceId,
});
export type PartnerSessionRequest = z.infer<typeof PartnerSessionRequest>;

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
