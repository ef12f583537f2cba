/**
 * Every meter of one customer, as `GET {base}/meters` answers it: Leap's enrollment search filtered by the customer's
 * reference id (`partner_references`), every page followed up to a bound, joined with the meters' details for their
 * utility. A meter whose `partner_reference` is not the customer's is never passed on, whatever Leap answers.
 */
import type { CustomerMeter } from '../core/schemas/backend.js';
import { ListMeterEnrollmentsResponse, type MeterEnrollment } from '../core/schemas/enrollments.js';
import { ListMeterDetailsResponse, PartnerReference } from '../core/schemas/meters.js';
import { utilityDisplayName } from '../core/utilities.js';
import { callLeap } from './leap.js';
import type { UpstreamConfig } from './upstream.js';

/** The most meters one customer's list holds: a bound on the pages followed, whatever Leap answers. */
export const MAX_CUSTOMER_METERS = 500;
const PAGE_SIZE = 100;

export async function customerMeters(
  upstream: UpstreamConfig,
  referenceId: string,
  meterType?: string,
): Promise<CustomerMeter[]> {
  // A reference id Leap could not have stored as a partner_reference has no meters: no need to ask.
  if (!PartnerReference.safeParse(referenceId).success) return [];
  const enrollments: MeterEnrollment[] = [];
  let pageToken: string | undefined;
  do {
    const page = await callLeap(
      upstream,
      {
        service: 'grid',
        method: 'POST',
        path: '/v2/meters/enrollments/search',
        body: {
          partner_references: [referenceId],
          ...(meterType ? { meter_types: [meterType] } : {}),
          page_size: PAGE_SIZE,
          ...(pageToken ? { page_token: pageToken } : {}),
        },
        idempotent: true,
      },
      ListMeterEnrollmentsResponse,
    );
    for (const meter of page.meters) if (meter.partner_reference === referenceId) enrollments.push(meter);
    pageToken = page.next_page_token ?? undefined;
  } while (pageToken && enrollments.length < MAX_CUSTOMER_METERS);
  // Bounded: an account page lists one customer’s meters, not a fleet.
  const kept = enrollments.slice(0, MAX_CUSTOMER_METERS);
  if (!kept.length) return [];

  const utilities = await meterUtilities(
    upstream,
    kept.map((m) => m.meter_id),
  );
  return kept.map((meter) => {
    const code = utilities.get(meter.meter_id) ?? null;
    return {
      meter_id: meter.meter_id,
      meter_type: meter.meter_type ?? null,
      utility_code: code,
      utility_name: code ? utilityDisplayName(code) : null,
      created_at: meter.audit.created_at ?? null,
      global_enrollment_status: meter.global_enrollment_status,
      participation_preferences: meter.participation_preferences ?? null,
      program_enrollment: meter.program_enrollment,
      required_actions: meter.required_actions,
    };
  });
}

/** Each meter's utility code, from one details search. */
async function meterUtilities(upstream: UpstreamConfig, meterIds: string[]): Promise<Map<string, string>> {
  const details = await callLeap(
    upstream,
    {
      service: 'grid',
      method: 'POST',
      path: '/v2/meters/details/search',
      body: { meter_ids: meterIds, page_size: MAX_CUSTOMER_METERS },
      idempotent: true,
    },
    ListMeterDetailsResponse,
  );
  const codes = new Map<string, string>();
  for (const meter of details.meters ?? []) {
    const code = (meter.utility as { utility_name?: unknown } | null | undefined)?.utility_name;
    if (typeof code === 'string') codes.set(meter.meter_id, code);
  }
  return codes;
}
