/**
 * Meters v2 "enrollments": global and per-program enrollment status, delivery periods, deadlines, market groups,
 * required actions and the participation schedule of a Leap meter (`leap-enrollments.openapi.yml`).
 *
 * Leap says any field of this response can change from a value to null and new fields may appear at any time, so
 * optional fields are `nullish`, objects are loose and enums are open.
 */
import * as z from 'zod/mini';
import { isoDateTime, openEnum } from './common.js';
import {
  ACTION_TYPES,
  ENROLLMENT_STATUSES,
  LOAD_TYPES,
  PARTICIPATION_PREFERENCES,
  PROGRAM_IDENTIFIERS,
  TRANSMISSION_REGIONS,
} from './grid-enums.js';
import { MeterAudit, MeterFilterRequest, MeterIdentifiers } from './meters.js';

// One source of truth for values also used by meters.ts and create-meters.ts; re-exported so enrollment consumers
// find them next to the enrollment schemas.
export {
  ACTION_TYPES,
  CUSTOMER_CLASSIFICATIONS,
  ENROLLMENT_STATUSES,
  LOAD_TYPES,
  METER_CREATORS,
  METER_TYPES,
  PARTICIPATION_PREFERENCES,
  PROGRAM_IDENTIFIERS,
  TRANSMISSION_REGIONS,
} from './grid-enums.js';
export type {
  ActionType,
  CustomerClassification,
  EnrollmentStatus,
  LoadType,
  MeterCreator,
  MeterType,
  ParticipationPreference,
  ProgramIdentifier,
  TransmissionRegion,
} from './grid-enums.js';

/** One entry of `program_enrollment[].enrollment_deadlines` (`GET /v2/meters/{meter_id}/enrollments`). */
export const EnrollmentDeadline = z.looseObject({
  /** Last moment to resolve every action for the meter to activate on `activation_date_time`. */
  enrollment_deadline_date_time: isoDateTime,
  activation_date_time: isoDateTime,
});
export type EnrollmentDeadline = z.infer<typeof EnrollmentDeadline>;

/**
 * One delivery period of one program in `program_enrollment` (`GET /v2/meters/{meter_id}/enrollments`). Leap lists
 * the current and the next two periods of every intended program.
 */
export const ProgramEnrollment = z.looseObject({
  program_identifier: z.nullish(openEnum(PROGRAM_IDENTIFIERS)),
  /** e.g. `CAISO-CCA_2024_OCT`; free-form, one per program and period. */
  delivery_period: z.nullish(z.string()),
  delivery_period_start_date_time: isoDateTime,
  delivery_period_end_date_time: isoDateTime,
  enrollment_status: openEnum(ENROLLMENT_STATUSES),
  enrollment_deadlines: z.array(EnrollmentDeadline),
  // Leap's guide shows null until the meter is placed in a market group; the OpenAPI omits the field instead.
  market_group_id: z.nullish(z.string()),
  market_group_name: z.nullish(z.string()),
});
export type ProgramEnrollment = z.infer<typeof ProgramEnrollment>;

/** One entry of `required_actions.partner` or `required_actions.leap` (`GET /v2/meters/{meter_id}/enrollments`). */
export const RequiredAction = z.looseObject({
  program_identifier: openEnum(PROGRAM_IDENTIFIERS),
  delivery_period: z.string(),
  enrollment_deadline_date_time: isoDateTime,
  action_type: openEnum(ACTION_TYPES),
  action_description: z.string(),
  /** e.g. `MRKT_0002`, `AUTH_0001`, `SERV_0005`, `LEAP_0001`; not enumerated by Leap. */
  action_code: z.string(),
});
export type RequiredAction = z.infer<typeof RequiredAction>;

/**
 * `required_actions` (`GET /v2/meters/{meter_id}/enrollments`): what the partner, and what Leap, must still do.
 * Neither list is required by the OpenAPI; a missing one reads as "nothing to do".
 */
export const RequiredActions = z.looseObject({
  partner: z._default(z.array(RequiredAction), []),
  leap: z._default(z.array(RequiredAction), []),
});
export type RequiredActions = z.infer<typeof RequiredActions>;

/**
 * One period of `participation_preferences` (`GET /v2/meters/{meter_id}/enrollments`). An `end_time` in the year 9000
 * (or none) means open-ended.
 */
export const ParticipationPreferenceResponse = z.looseObject({
  participation_preference: openEnum(PARTICIPATION_PREFERENCES),
  start_time: isoDateTime,
  end_time: z.nullish(isoDateTime),
  reason: z.nullish(z.string()),
});
export type ParticipationPreferencePeriod = z.infer<typeof ParticipationPreferenceResponse>;

/** `GET /v2/meters/{meter_id}/enrollments`: one meter's enrollment, and each entry of the enrollment search. */
export const MeterEnrollmentResponse = z.extend(MeterIdentifiers, {
  transmission_region: openEnum(TRANSMISSION_REGIONS),
  load_types: z.array(openEnum(LOAD_TYPES)),
  // Required by the OpenAPI file, absent from the guide's examples: tolerate both.
  tags: z.nullish(z.array(z.string())),
  audit: MeterAudit,
  /** `ACTIVE` as soon as the meter is active in at least one program. */
  global_enrollment_status: openEnum(ENROLLMENT_STATUSES),
  participation_preferences: z.nullish(z.array(ParticipationPreferenceResponse)),
  program_enrollment: z.array(ProgramEnrollment),
  required_actions: RequiredActions,
});
export type MeterEnrollment = z.infer<typeof MeterEnrollmentResponse>;

/**
 * The part of an enrollment `<leap-enrollment-status>` shows, and so the part the browser checks (as JSON Schema, see
 * `shapes.generated.ts`). Other fields arrive as the backend sent them: loose, typed `unknown`. The partner
 * backend checks the whole answer against `MeterEnrollmentResponse`.
 */
export const MeterEnrollmentView = z.pick(MeterEnrollmentResponse, {
  global_enrollment_status: true,
  participation_preferences: true,
  program_enrollment: true,
  required_actions: true,
});
export type MeterEnrollmentView = z.infer<typeof MeterEnrollmentView>;

/**
 * Body of `POST /v2/meters/enrollments/search`: the same filter as the details search (`MeterFilterRequest`). Poll it
 * at least daily with `last_modified_date_time` to fetch only meters whose enrollment changed.
 */
export const SearchMeterEnrollmentsRequest = MeterFilterRequest;
export type SearchMeterEnrollmentsRequest = z.infer<typeof SearchMeterEnrollmentsRequest>;

/**
 * `POST /v2/meters/enrollments/search`: one page of meter enrollments. `next_page_token` is absent on the last page;
 * the OpenAPI does not require `meters`, so a missing list reads as empty.
 */
export const ListMeterEnrollmentsResponse = z.looseObject({
  next_page_token: z.nullish(z.string()),
  meters: z._default(z.array(MeterEnrollmentResponse), []),
});
export type ListMeterEnrollments = z.infer<typeof ListMeterEnrollmentsResponse>;
