/**
 * What a create-meters job does to the mock's inventory, row by row, as Leap's guide describes it: a new
 * `partner_reference` creates a meter (and a `meter.created` webhook), an existing one is a `DUPLICATE` unless
 * `update_existing`, which overwrites it, or fails with `MULTIPLE_PARTNER_REFERENCE` when several meters share it.
 */
import type { CreateMeter } from '../core/schemas/create-meters.js';
import { UNGEOCODABLE_POSTAL_CODE } from './fixtures/incentives.js';
import type { MockMeter } from './fixtures/meters.js';
import { MOCK_LIMITS } from './limits.js';
import type { MockAssetResult, MockJob, MockLeapState } from './types.js';

/**
 * The meter as Leap would keep it. An empty `site.generator_fuel_type` (which every example of the files sends, though
 * the enum has no empty value) means "not given": kept out of the answers, whose schema allows only the enum.
 */
export function stored(meter: CreateMeter): CreateMeter {
  if (meter.site?.generator_fuel_type !== '') return meter;
  const { generator_fuel_type: _empty, ...site } = meter.site;
  return { ...meter, site };
}

function toMeterRecords(submitted: CreateMeter, meterId: string, at: string): MockMeter {
  const meter = stored(submitted);
  const { customer_group, ...fields } = meter;
  const identifiers = {
    meter_id: meterId,
    partner_reference: meter.partner_reference,
    transmission_region: meter.transmission_region,
    customer_classification: meter.customer_classification,
    load_types: meter.load_types,
    meter_type: meter.meter_type,
    connection_references: [],
    ...(customer_group !== undefined ? { customer_group } : {}),
    tags: [],
    is_archived: false,
  };
  const audit = { created_by: 'PARTNER', created_at: at, updated_at: at };
  return {
    details: { ...identifiers, ...fields, meter_id: meterId, audit },
    enrollment: {
      ...identifiers,
      audit,
      global_enrollment_status: 'PENDING',
      program_enrollment: [],
      required_actions: { partner: [], leap: [] },
      participation_preferences: [
        { participation_preference: 'PARTICIPATE', start_time: at, end_time: '9000-01-01T00:00:00Z' },
      ],
    },
  };
}

/** Each row's outcome, the inventory changed accordingly; `at` stamps the rows and the meters. */
export function processRows(state: MockLeapState, meters: CreateMeter[], updateExisting: boolean): MockAssetResult[] {
  const at = state.now().toISOString();
  return meters.map((meter) => {
    const result = (
      status: MockAssetResult['status'],
      name: string,
      description: string,
      meterId?: string,
    ): MockAssetResult => ({
      partner_reference: meter.partner_reference,
      status,
      status_detail: { name, description },
      created_at: at,
      ...(meterId ? { meter_id: meterId } : {}),
    });
    if (meter.customer.postal_code.startsWith(UNGEOCODABLE_POSTAL_CODE)) {
      return result('FAILED', 'ADDRESS_NOT_FOUND', 'The address could not be found.');
    }
    const existing = state.meters.filter((m) => m.enrollment.partner_reference === meter.partner_reference);
    if (existing.length > 1 && updateExisting) {
      return result(
        'MULTIPLE_PARTNER_REFERENCE',
        'DUPLICATE_REF_ID',
        'Several meters share this partner_reference; none was updated.',
      );
    }
    if (existing.length && !updateExisting) {
      return result(
        'DUPLICATE',
        'DUPLICATE_REF_ID',
        'A meter with this partner_reference exists. Use update_existing=true to overwrite it.',
      );
    }
    if (existing.length === 1) {
      const [found] = existing as [MockMeter];
      const meterId = found.enrollment.meter_id as string;
      const records = toMeterRecords(meter, meterId, at);
      found.details = { ...records.details, audit: { ...(found.details.audit as object), updated_at: at } };
      // Every field is overwritten except what Leap itself keeps: the enrollment's state.
      const { global_enrollment_status, program_enrollment, required_actions, participation_preferences } =
        found.enrollment;
      found.enrollment = {
        ...records.enrollment,
        audit: { ...(found.enrollment.audit as object), updated_at: at },
        global_enrollment_status,
        program_enrollment,
        required_actions,
        participation_preferences,
      };
      return result('COMPLETED', 'METER_UPDATED', 'The existing meter was updated.', meterId);
    }
    if (state.createdMeters >= MOCK_LIMITS.createdMeters) {
      return result(
        'FAILED',
        'PROCESSING_ERROR',
        `The mock creates at most ${MOCK_LIMITS.createdMeters} meters: restart it.`,
      );
    }
    const meterId = crypto.randomUUID();
    const created = toMeterRecords(meter, meterId, at);
    state.meters.push(created);
    state.createdMeters += 1;
    state.webhooks.send({
      webhook_event_type: 'meter.created',
      meter_id: meterId,
      partner_reference: meter.partner_reference,
      transmission_region: meter.transmission_region,
      meter_type: meter.meter_type,
    });
    return result('COMPLETED', 'METER_CREATED', 'A new meter was created.', meterId);
  });
}

/** A new job, every row `PROCESSING` (an empty `status_detail`, no meter yet, as in Leap's example). */
export function newJob(
  state: MockLeapState,
  meters: CreateMeter[],
  fileName: string | undefined,
  isCsv: boolean,
): MockJob {
  const at = state.now().toISOString();
  const jobId = crypto.randomUUID();
  return {
    job_id: jobId,
    status: 'PROCESSING',
    // Leap's fallback when no file_name is given: the job id and the file's extension.
    file_name: fileName ?? `${jobId}.${isCsv ? 'csv' : 'json'}`,
    assets_count: meters.length,
    assets_created_count: 0,
    assets_updated_count: 0,
    assets_failed_count: 0,
    transmission_regions: [...new Set(meters.map((a) => a.transmission_region))],
    created_at: at,
    updated_at: at,
    assets: meters.map((meter) => ({
      partner_reference: meter.partner_reference,
      status: 'PROCESSING',
      status_detail: {},
      created_at: at,
    })),
    data: meters.map(stored),
  };
}

/** The job once its rows are processed: the counts and the overall status follow from the rows. */
export function finishJob(job: MockJob, assets: MockAssetResult[], at: string): void {
  const failed = assets.filter((a) => a.status !== 'COMPLETED').length;
  Object.assign(job, {
    status: failed === 0 ? 'COMPLETED' : failed === assets.length ? 'FAILED' : 'COMPLETED_WITH_ERRORS',
    assets_created_count: assets.filter((a) => a.status_detail.name === 'METER_CREATED').length,
    assets_updated_count: assets.filter((a) => a.status_detail.name === 'METER_UPDATED').length,
    assets_failed_count: failed,
    updated_at: at,
    assets,
  });
}

/** A job as `GET /v1.1/jobs/meters/{job_id}` answers it (`JobAndAssets`), or as listed (`Job`, no assets). */
export function jobAnswer(job: MockJob, withAssets: boolean): Record<string, unknown> {
  const { data: _data, assets, ...head } = job;
  return withAssets ? { ...head, assets } : head;
}
