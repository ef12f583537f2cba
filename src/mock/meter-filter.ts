/**
 * The body of the meter searches (`MeterFilterRequest`), checked as the OpenAPI files type it, and every filter in it
 * honoured: lists match when any of their values matches (IN), and all filters given must match (AND).
 */
import * as z from 'zod/mini';
import { issuesToFields } from '../core/schemas/common.js';
import { MeterFilterRequest } from '../core/schemas/meters.js';
import type { MockMeter } from './fixtures/meters.js';

/**
 * The published schema, open to fields it does not name (it declares no `additionalProperties: false`). Its lists are
 * `uniqueItems`, yet the schema's own example repeats values: repeats are accepted (see docs/mock.md).
 */
const MockMeterFilter = z.looseObject(MeterFilterRequest.shape);
export type MockMeterFilter = z.infer<typeof MockMeterFilter>;

export type FilterReading = { ok: true; filter: MockMeterFilter } | { ok: false; title: string; details: object };

export function readMeterFilter(value: unknown): FilterReading {
  const parsed = MockMeterFilter.safeParse(value ?? {});
  if (parsed.success) return { ok: true, filter: parsed.data };
  const fields = issuesToFields(parsed.error.issues);
  const badMeterId = Object.keys(fields).find((field) => field.startsWith('meter_ids.'));
  if (badMeterId) {
    // Leap's own example of this 400.
    const index = Number(badMeterId.split('.')[1]);
    return {
      ok: false,
      title: 'Meter id is not a UUID',
      details: { meter_id: (value as { meter_ids: unknown[] }).meter_ids[index] },
    };
  }
  return { ok: false, title: 'The request is not valid', details: fields };
}

interface Enrollment {
  meter_id: string;
  partner_reference?: string;
  transmission_region?: string;
  customer_classification?: string;
  meter_type?: string;
  load_types?: string[];
  customer_group?: string;
  tags?: string[];
  connection_references?: string[];
  is_archived?: boolean;
  global_enrollment_status?: string;
  audit: { created_at: string; updated_at: string };
  required_actions: { partner: Array<{ action_type: string }>; leap: Array<{ action_type: string }> };
}

const some = (wanted: readonly string[] | undefined, values: readonly string[] | undefined) =>
  !wanted || wanted.some((value) => values?.includes(value));
const one = (wanted: readonly string[] | undefined, value: string | undefined) =>
  !wanted || (value !== undefined && wanted.includes(value));

/** A predicate over the mock's meters for one filter. */
export function meterMatcher(filter: MockMeterFilter): (meter: MockMeter) => boolean {
  const instant = (value: string | undefined) => (value ? Date.parse(value) : null);
  const modifiedSince = instant(filter.last_modified_date_time);
  const createdAfter = instant(filter.created_after_date_time);
  const createdBefore = instant(filter.created_before_date_time);
  return (meter) => {
    const e = meter.enrollment as unknown as Enrollment;
    const actions = [...e.required_actions.partner, ...e.required_actions.leap].map((a) => a.action_type);
    return (
      one(filter.meter_ids?.length ? filter.meter_ids : undefined, e.meter_id) &&
      one(filter.partner_references, e.partner_reference) &&
      one(filter.global_enrollment_statuses, e.global_enrollment_status) &&
      one(filter.meter_types, e.meter_type) &&
      some(filter.load_types, e.load_types) &&
      one(filter.customer_groups, e.customer_group) &&
      some(filter.tags, e.tags) &&
      some(filter.connection_reference_ids, e.connection_references) &&
      some(filter.action_type, actions) &&
      (!filter.transmission_region || filter.transmission_region === e.transmission_region) &&
      (!filter.customer_classification || filter.customer_classification === e.customer_classification) &&
      (modifiedSince === null || Date.parse(e.audit.updated_at) >= modifiedSince) &&
      (createdAfter === null || Date.parse(e.audit.created_at) >= createdAfter) &&
      (createdBefore === null || Date.parse(e.audit.created_at) < createdBefore) &&
      // "When true, returns only meters that require partner action. False returns all meters."
      (!filter.partner_action_required || e.required_actions.partner.length > 0) &&
      (!filter.exclude_archived || !e.is_archived)
    );
  };
}
