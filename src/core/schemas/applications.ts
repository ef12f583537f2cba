/**
 * Leap Applications API (same service and key as incentives): `GET /applications`, `GET /applications/{id}`,
 * `PATCH /applications/{id}`.
 */
import * as z from 'zod/mini';
import { closedEnum, intOrString, isoDateTime, openEnum } from './common.js';

/** The documented flow, in order, plus `awaiting_customer` which only the Get schema lists. */
export const APPLICATION_STATUSES = [
  'not_started',
  'in_progress',
  'awaiting_customer',
  'awaiting_partner',
  'completed',
  'submitted',
  'approved',
  'rejected',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const PAYEE_TYPES = ['customer', 'contractor', 'instant'] as const;

export const ApplicationCustomer = z.looseObject({
  id: z.optional(intOrString),
  first_name: z.nullish(z.string()),
  last_name: z.nullish(z.string()),
  email: z.nullish(z.string()),
  phone: z.nullish(z.string()),
  address_line1: z.nullish(z.string()),
  address_line2: z.nullish(z.string()),
  city: z.nullish(z.string()),
  state: z.nullish(z.string()),
  zip_code: z.nullish(z.string()),
});

export const CustomerDevice = z.looseObject({
  id: intOrString,
  purchase_date: z.nullish(z.string()),
  installation_date: z.nullish(z.string()),
  contractor_name: z.nullish(z.string()),
  contractor_license: z.nullish(z.string()),
});

/** One item of `GET /applications`: a truncated view. */
export const ApplicationSummary = z.looseObject({
  id: intOrString,
  program_id: z.nullish(intOrString),
  customer_id: z.nullish(intOrString),
  customer_device_id: z.nullish(z.array(intOrString)),
  status: openEnum(APPLICATION_STATUSES),
  rebate_type: z.nullish(z.string()),
  payee_type: z.nullish(openEnum(PAYEE_TYPES)),
  total_requested_amount: z.nullish(z.number()),
  created_at: z.nullish(isoDateTime),
  updated_at: z.nullish(isoDateTime),
  customer: z.nullish(ApplicationCustomer),
});
export type ApplicationSummary = z.infer<typeof ApplicationSummary>;

/** `GET /applications` response. */
export const ApplicationList = z.looseObject({
  next_page_token: z.nullish(z.string()),
  results: z.array(ApplicationSummary),
});
export type ApplicationList = z.infer<typeof ApplicationList>;

/** `GET /applications/{id}`: the full application (the summary fields plus whatever Leap adds). */
export const Application = z.looseObject({
  ...ApplicationSummary.def.shape,
  approval_date: z.nullish(z.string()),
  customer_devices: z.nullish(z.array(CustomerDevice)),
});
export type Application = z.infer<typeof Application>;

/**
 * The part of an application `<leap-application-status>` shows, and so the part the browser checks (as JSON Schema, see
 * `shapes.generated.ts`). Other fields arrive as the backend sent them: loose, typed `unknown`. The partner
 * backend checks whole answers against `Application` and `ApplicationList`.
 */
export const ApplicationView = z.pick(ApplicationSummary, {
  id: true,
  program_id: true,
  status: true,
  total_requested_amount: true,
  updated_at: true,
});
export type ApplicationView = z.infer<typeof ApplicationView>;

/** `GET /applications` as `<leap-application-status>` reads it. */
export const ApplicationListView = z.looseObject({
  next_page_token: ApplicationList.def.shape.next_page_token,
  results: z.array(ApplicationView),
});
export type ApplicationListView = z.infer<typeof ApplicationListView>;

/** `PATCH /applications/{id}`: partial update of top-level fields, `customer` and `customer_devices`. */
export const ApplicationPatch = z.looseObject({
  status: z.optional(closedEnum(APPLICATION_STATUSES)),
  approval_date: z.optional(z.string()),
  customer: z.optional(ApplicationCustomer),
  customer_devices: z.optional(z.array(CustomerDevice)),
});
export type ApplicationPatch = z.infer<typeof ApplicationPatch>;

/** Query of `GET /applications`. `limit` defaults to 50, at most 100. */
export const ApplicationListQuery = z.object({
  refId: z.optional(z.string()),
  customer_id: z.optional(z.string()),
  application_status: z.optional(closedEnum(APPLICATION_STATUSES)),
  page_token: z.optional(z.string()),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
});
