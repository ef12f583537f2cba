/**
 * Seed documents (Leap's guides): the enrollment snippets of "Sync Meter Inventory (V2)" and the older meter guide
 * parse with our schemas, and responses keep what Leap adds later.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { GridErrorResponse } from '../../src/core/schemas/grid-errors.js';
import { MeterDetailsResponse } from '../../src/core/schemas/meters.js';
import {
  MeterEnrollmentResponse,
  ParticipationPreferenceResponse,
  ProgramEnrollment,
  RequiredActions,
} from '../../src/core/schemas/enrollments.js';
import { Job, JobAndAssets } from '../../src/core/schemas/create-meters.js';

const THREE_PERIODS = [
  {
    program_identifier: 'CCA',
    delivery_period: 'CAISO-CCA_2024_OCT',
    delivery_period_start_date_time: '2024-10-01T07:00:00Z',
    delivery_period_end_date_time: '2024-11-01T07:00:00Z',
    enrollment_status: 'ACTIVE',
    enrollment_deadlines: [
      { enrollment_deadline_date_time: '2024-09-29T07:00:00Z', activation_date_time: '2024-10-01T07:00:00Z' },
      { enrollment_deadline_date_time: '2024-10-13T07:00:00Z', activation_date_time: '2024-10-15T07:00:00Z' },
    ],
    market_group_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    market_group_name: 'PGEB_2_PDRP96',
  },
  {
    program_identifier: 'CCA',
    delivery_period: 'CAISO-CCA_2024_NOV',
    delivery_period_start_date_time: '2024-11-01T07:00:00Z',
    delivery_period_end_date_time: '2024-12-01T08:00:00Z',
    enrollment_status: 'ELIGIBLE',
    enrollment_deadlines: [
      { enrollment_deadline_date_time: '2024-10-30T07:00:00Z', activation_date_time: '2024-11-01T07:00:00Z' },
      { enrollment_deadline_date_time: '2024-11-13T08:00:00Z', activation_date_time: '2024-11-15T08:00:00Z' },
    ],
    market_group_id: null,
    market_group_name: null,
  },
  {
    program_identifier: 'CCA',
    delivery_period: 'CAISO-CCA_2024_DEC',
    delivery_period_start_date_time: '2024-12-01T08:00:00Z',
    delivery_period_end_date_time: '2025-01-01T08:00:00Z',
    enrollment_status: 'ELIGIBLE',
    enrollment_deadlines: [
      { enrollment_deadline_date_time: '2024-11-29T08:00:00Z', activation_date_time: '2024-12-01T08:00:00Z' },
      { enrollment_deadline_date_time: '2024-12-13T08:00:00Z', activation_date_time: '2024-12-15T08:00:00Z' },
    ],
    market_group_id: null,
    market_group_name: null,
  },
];

const PARTICIPATION_SCHEDULE = [
  { participation_preference: 'PARTICIPATE', start_time: '2024-11-01T07:00:00Z', end_time: '2025-04-01T07:00:00Z' },
  {
    participation_preference: 'IDLE',
    start_time: '2025-04-01T07:00:00Z',
    end_time: '2025-06-01T07:00:00Z',
    reason: 'Idle Time',
  },
  { participation_preference: 'PARTICIPATE', start_time: '2025-06-01T07:00:00Z', end_time: '9000-01-01T00:00:00Z' },
];

const MRKT_0002 = {
  program_identifier: 'CCA',
  delivery_period: 'CAISO-CCA_2024_NOV',
  enrollment_deadline_date_time: '2024-10-15T07:00:00.000Z',
  action_type: 'NOT_ENROLLED_IN_CONFLICTING_PROGRAM',
  action_description:
    'This meter must be disenrolled from a conflicting program: PG&E, ART. Learn more in our partner guide.',
  action_code: 'MRKT_0002',
};

/** A meter enrollment assembled from the snippets of the "Sync Meter Inventory (V2)" guide. */
function seedEnrollment(): Record<string, unknown> {
  return {
    meter_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    partner_reference: 'unique-reference-id-12345',
    meter_type: 'UTILITY_METER',
    transmission_region: 'CAISO',
    load_types: ['HVAC'],
    tags: [],
    is_archived: false,
    audit: { created_by: 'PARTNER', created_at: '2024-10-01T00:00:00Z', updated_at: '2024-10-02T00:00:00Z' },
    global_enrollment_status: 'ACTIVE',
    program_enrollment: THREE_PERIODS,
    required_actions: { partner: [MRKT_0002] },
    participation_preferences: PARTICIPATION_SCHEDULE,
  };
}

describe('seed: Sync Meter Inventory (V2)', () => {
  it('accepts the three-period program_enrollment example, keeping null market groups', () => {
    const periods = z.array(ProgramEnrollment).parse(THREE_PERIODS);
    assert.equal(periods.length, 3);
    assert.equal(periods[0].market_group_name, 'PGEB_2_PDRP96');
    assert.equal(periods[1].market_group_id, null);
    assert.equal(periods[2].enrollment_deadlines[1].activation_date_time, '2024-12-15T08:00:00Z');
  });

  it('accepts the participation_preferences example with the open-ended 9000-01-01 end', () => {
    const schedule = z.array(ParticipationPreferenceResponse).parse(PARTICIPATION_SCHEDULE);
    assert.equal(schedule[2].end_time, '9000-01-01T00:00:00Z');
    assert.equal(schedule[1].reason, 'Idle Time');
    assert.equal(schedule[0].reason, undefined);
  });

  it('accepts the partner required action MRKT_0002 example; a missing leap list reads as empty', () => {
    const actions = RequiredActions.parse({ partner: [MRKT_0002] });
    assert.equal(actions.partner[0].action_code, 'MRKT_0002');
    assert.equal(actions.partner[0].action_type, 'NOT_ENROLLED_IN_CONFLICTING_PROGRAM');
    assert.deepEqual(actions.leap, []);
  });

  it('accepts a whole meter enrollment built from the guide, with a CEC-DSGS period as in use case B', () => {
    const enrollment = MeterEnrollmentResponse.parse({
      ...seedEnrollment(),
      program_enrollment: [
        ...THREE_PERIODS,
        {
          program_identifier: 'CEC-DSGS',
          delivery_period: 'CEC-DSGS_2024_AUG_OCT',
          delivery_period_start_date_time: '2024-10-01T07:00:00.000Z',
          delivery_period_end_date_time: '2024-11-01T07:00:00.000Z',
          enrollment_status: 'ACTIVE',
          enrollment_deadlines: [],
        },
      ],
    });
    assert.equal(enrollment.global_enrollment_status, 'ACTIVE');
    assert.equal(enrollment.program_enrollment.length, 4);
  });

  it('accepts a meter whose partner_reference is empty (Leap Connect link without refId)', () => {
    for (const partner_reference of [null, undefined, '']) {
      const result = MeterEnrollmentResponse.safeParse({ ...seedEnrollment(), partner_reference });
      assert.ok(result.success, String(partner_reference));
    }
  });

  it('parses date-times at nanosecond precision and in the year 9000', () => {
    const period = ParticipationPreferenceResponse.parse({
      participation_preference: 'PARTICIPATE',
      start_time: '2024-07-12T16:40:56.401422Z',
      end_time: '9000-12-31T23:59:59.999999999Z',
    });
    assert.equal(period.end_time, '9000-12-31T23:59:59.999999999Z');
    assert.equal(ParticipationPreferenceResponse.safeParse({ ...period, start_time: 'not a date' }).success, false);
  });
});

describe('seed: older meter guide (enrollment / participation objects)', () => {
  it('keeps the v1-style enrollment and participation objects on a meter', () => {
    const meter = MeterDetailsResponse.parse({
      meter_id: '11111111-1111-1111-1111-111111111111',
      is_archived: false,
      transmission_region: 'CAISO',
      meter_type: 'UTILITY_METER',
      customer: {},
      audit: {},
      enrollment: {
        status: 'Active',
        active_from: '2021-05-19T07:00:00Z',
        active_to: '2021-12-31T08:00:00Z',
        eligible_from: '2021-05-19T07:00:00Z',
        eligible_to: '2029-01-02T08:00:00Z',
        status_reasons: [],
      },
      participation: [
        { market_group_id: '959b2bfb-ec22-4fdf-be54-173639c4e925', trade_date: '2021-06-02T07:00:00Z' },
        { market_group_id: '959b2bfb-ec22-4fdf-be54-173639c4e925', trade_date: '2021-06-03T07:00:00Z' },
      ],
    });
    assert.equal(meter.enrollment?.status, 'Active');
    assert.equal(meter.participation?.[1].trade_date, '2021-06-03T07:00:00Z');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Forward compatibility of responses.

describe('responses keep what Leap adds later', () => {
  it('keeps unknown fields at the top level and in nested objects', () => {
    const input = seedEnrollment();
    const parsed = MeterEnrollmentResponse.parse({
      ...input,
      brand_new_field: { nested: 1 },
      program_enrollment: [{ ...THREE_PERIODS[0], settlement_zone: 'PGAE' }],
      required_actions: { partner: [{ ...MRKT_0002, severity: 'HIGH' }], leap: [], customer: [] },
    }) as Record<string, unknown>;
    assert.deepEqual(parsed.brand_new_field, { nested: 1 });
    const enrollment = parsed as unknown as z.infer<typeof MeterEnrollmentResponse>;
    assert.equal((enrollment.program_enrollment[0] as Record<string, unknown>).settlement_zone, 'PGAE');
    assert.equal((enrollment.required_actions.partner[0] as Record<string, unknown>).severity, 'HIGH');
    assert.deepEqual((enrollment.required_actions as Record<string, unknown>).customer, []);
  });

  it('keeps unknown fields on meter details, create-meters jobs and error envelopes', () => {
    const meter = MeterDetailsResponse.parse({
      meter_id: 'm-1',
      is_archived: false,
      transmission_region: 'NYISO',
      meter_type: 'DEVICE',
      customer: { city: 'New York', geo: { lat: 1 } },
      audit: { created_by: 'PARTNER' },
      grid_zone: 'J',
    });
    assert.equal((meter as Record<string, unknown>).grid_zone, 'J');
    assert.deepEqual((meter.customer as Record<string, unknown>).geo, { lat: 1 });
    const job = Job.parse({
      job_id: 'j',
      status: 'COMPLETED',
      created_at: '2024-03-21T09:43:51Z',
      updated_at: '2024-03-21T09:43:51Z',
      owner: 'x',
    });
    assert.equal((job as Record<string, unknown>).owner, 'x');
    const error = GridErrorResponse.parse({ title: 't', status: 400, details: {}, trace_id: 'abc' });
    assert.equal((error as Record<string, unknown>).trace_id, 'abc');
  });

  it('accepts enum values Leap adds later', () => {
    const parsed = MeterEnrollmentResponse.parse({
      ...seedEnrollment(),
      global_enrollment_status: 'SOME_FUTURE_STATUS',
      transmission_region: 'MISO',
      load_types: ['HVAC', 'POOL_PUMP'],
      program_enrollment: [{ ...THREE_PERIODS[0], program_identifier: 'MISO-NEW', enrollment_status: 'WAITLISTED' }],
      required_actions: { partner: [{ ...MRKT_0002, action_type: 'HAS_SMART_PANEL' }], leap: [] },
      participation_preferences: [{ participation_preference: 'PAUSE', start_time: '2025-01-01T00:00:00Z' }],
    });
    assert.equal(parsed.global_enrollment_status, 'SOME_FUTURE_STATUS');
    assert.equal(parsed.program_enrollment[0].program_identifier, 'MISO-NEW');
    assert.equal(parsed.required_actions.partner[0].action_type, 'HAS_SMART_PANEL');
    assert.equal(
      JobAndAssets.safeParse({
        job_id: 'j',
        status: 'QUEUED',
        created_at: '2024-01-01T00:00:00Z',
        updated_at: '2024-01-01T00:00:00Z',
        assets: [{ partner_reference: 'p-1', status: 'ARCHIVED', status_detail: { name: 'NEW_REASON' } }],
      }).success,
      true,
    );
  });

  it('still rejects what no documented variant allows', () => {
    assert.equal(
      MeterEnrollmentResponse.safeParse({ ...seedEnrollment(), global_enrollment_status: 42 }).success,
      false,
    );
    assert.equal(MeterEnrollmentResponse.safeParse({ ...seedEnrollment(), meter_id: undefined }).success, false);
  });
});
