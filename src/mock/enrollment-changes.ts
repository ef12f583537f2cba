/**
 * How an enrollment moves on the mock between two polls, and the webhooks Leap sends for it. Each change moves the
 * global status one step around PENDING → ELIGIBLE → ACTIVE → NOT_PARTICIPATING → INELIGIBLE → PENDING, with what
 * comes with that step in Leap's guide:
 * - ACTIVE: the current delivery period is active in a market group (`meter.enrollment.group.updated`);
 * - NOT_PARTICIPATING: the partner idles the meter (`meter.enrollment.participation-status.updated`, IDLE);
 * - INELIGIBLE: participation resumes, and a partner action appears (`…participation-status.updated`,
 *   `…required-actions.updated`);
 * - PENDING: the action is resolved (`…required-actions.updated`).
 * Every step sends `meter.enrollment.global-status.updated` and stamps `updated_at`, which the last-modified search
 * reads.
 */
import { OPEN_ENDED, type MockMeter } from './fixtures/meters.js';
import type { MockWebhookEvent } from './webhook-sender.js';

const CYCLE = ['PENDING', 'ELIGIBLE', 'ACTIVE', 'NOT_PARTICIPATING', 'INELIGIBLE'] as const;
const DAY = 86_400_000;

interface Period {
  delivery_period_start_date_time: string;
  delivery_period_end_date_time: string;
  enrollment_status: string;
  market_group_id?: string | null;
  market_group_name?: string | null;
  program_identifier?: string;
  delivery_period?: string;
}

interface Enrollment {
  meter_id: string;
  partner_reference?: string;
  transmission_region: string;
  meter_type?: string;
  global_enrollment_status: string;
  program_enrollment: Period[];
  required_actions: { partner: Array<Record<string, string>>; leap: Array<Record<string, string>> };
  participation_preferences: Array<Record<string, string>>;
  audit: Record<string, string>;
}

/** The fields every meter event names. */
function meterFields(e: Enrollment) {
  return {
    meter_id: e.meter_id,
    ...(e.partner_reference ? { partner_reference: e.partner_reference } : {}),
    transmission_region: e.transmission_region,
    ...(e.meter_type ? { meter_type: e.meter_type } : {}),
  };
}

/** A market group id that stays the same for a meter and a period, so repeated runs look alike. */
function marketGroupId(meterId: string, period: Period): string {
  const month = period.delivery_period_start_date_time.slice(5, 7);
  return `3fa85f64-5717-4562-b3${month}-${meterId.slice(-12)}`;
}

/** Changes one meter's enrollment at `at`; answers the webhook events Leap sends for the change. */
export function changeEnrollment(meter: MockMeter, at: Date): MockWebhookEvent[] {
  const e = meter.enrollment as unknown as Enrollment;
  const stamp = at.toISOString();
  const index = CYCLE.indexOf(e.global_enrollment_status as (typeof CYCLE)[number]);
  const status = CYCLE[(index + 1) % CYCLE.length]!;
  e.global_enrollment_status = status;
  e.audit = { ...e.audit, updated_at: stamp };
  const events: MockWebhookEvent[] = [
    {
      webhook_event_type: 'meter.enrollment.global-status.updated',
      ...meterFields(e),
      global_enrollment_status: status,
    },
  ];
  const current = e.program_enrollment[0];
  if (current) current.enrollment_status = status;

  if (status === 'ACTIVE' && current) {
    current.market_group_id = marketGroupId(e.meter_id, current);
    current.market_group_name = 'PGEB_2_PDRP96';
    events.push({
      webhook_event_type: 'meter.enrollment.group.updated',
      market_group_id: current.market_group_id,
      market_group_name: current.market_group_name,
      start_date_time: current.delivery_period_start_date_time,
      end_date_time: current.delivery_period_end_date_time,
      meter_ids: [e.meter_id],
    });
  } else if (current && current.market_group_id) {
    // Out of the market group: Leap's guide shows the fields as null then.
    current.market_group_id = null;
    current.market_group_name = null;
  }

  if (status === 'NOT_PARTICIPATING' || status === 'INELIGIBLE') {
    const preference = status === 'NOT_PARTICIPATING' ? 'IDLE' : 'PARTICIPATE';
    const past = e.participation_preferences
      .filter((p) => Date.parse(p.start_time!) < at.getTime())
      .map((p) => (p.end_time && Date.parse(p.end_time) > at.getTime() ? { ...p, end_time: stamp } : p));
    e.participation_preferences = [
      ...past,
      {
        participation_preference: preference,
        start_time: stamp,
        end_time: OPEN_ENDED,
        ...(preference === 'IDLE' ? { reason: 'Idle Time' } : {}),
      },
    ];
    events.push({
      webhook_event_type: 'meter.enrollment.participation-status.updated',
      ...meterFields(e),
      participation_preference: preference,
      start_time: stamp,
      end_time: OPEN_ENDED,
    });
  }

  const hadActions = e.required_actions.partner.length > 0;
  if (status === 'INELIGIBLE') {
    e.required_actions.partner = [
      {
        ...(current?.program_identifier ? { program_identifier: current.program_identifier } : {}),
        ...(current?.delivery_period ? { delivery_period: current.delivery_period } : {}),
        enrollment_deadline_date_time: new Date(at.getTime() + 14 * DAY).toISOString(),
        action_type: 'HAS_AMI',
        action_description:
          'The utility meter at this site is not a smart (AMI) meter. Ask the customer to request one.',
        action_code: 'AMI_0001',
      },
    ];
  } else if (status === 'PENDING') {
    e.required_actions.partner = [];
  }
  if (status === 'INELIGIBLE' || (status === 'PENDING' && hadActions)) {
    events.push({
      webhook_event_type: 'meter.enrollment.required-actions.updated',
      ...meterFields(e),
      global_enrollment_status: status,
      required_actions: { partner: e.required_actions.partner },
    });
  }
  return events;
}
