/**
 * Partner-created meters on the mock: `POST /v1.1/jobs/meters` (JSON or `text/csv`), `GET /v1.1/jobs/meters`,
 * `GET /v1.1/jobs/meters/{job_id}` and the synchronous `POST /v1.1/meters`. A job is `PROCESSING` (every row too) for
 * `jobDelayMs`, then each `partner_reference` gets its meter id or the reason it failed, as at Leap.
 */
import type { Context, Hono } from 'hono';
import {
  CreateAssetRequest,
  CreateMeterBatchJobRequest,
  CsvParseError,
  createMeterBatchJobFromCsv,
  type CreateMeter,
} from '../core/schemas/create-meters.js';
import type { MockLeapState } from './mock-leap.js';
import { gridError } from './responses.js';
import { UNGEOCODABLE_POSTAL_CODE } from './fixtures/incentives.js';

interface AssetResult {
  partner_reference: string;
  status: 'PROCESSING' | 'COMPLETED' | 'FAILED' | 'DUPLICATE' | 'MULTIPLE_PARTNER_REFERENCE';
  status_detail: { name: string | null; description: string | null };
  created_at: string;
  meter_id: string | null;
}

interface MockJob {
  job_id: string;
  status: 'PROCESSING' | 'COMPLETED' | 'COMPLETED_WITH_ERRORS' | 'FAILED';
  file_name: string | null;
  assets_count: number;
  assets_created_count: number;
  assets_updated_count: number;
  assets_failed_count: number;
  transmission_regions: string[];
  created_at: string;
  updated_at: string;
  assets: AssetResult[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toMeterRecords(meter: CreateMeter, meterId: string, at: string) {
  const identifiers = {
    meter_id: meterId,
    partner_reference: meter.partner_reference,
    transmission_region: meter.transmission_region,
    customer_classification: meter.customer_classification,
    load_types: meter.load_types,
    meter_type: meter.meter_type,
    connection_references: [],
    customer_group: meter.customer_group ?? null,
    tags: [],
    is_archived: false,
  };
  const audit = { created_by: 'PARTNER', created_at: at, updated_at: at };
  return {
    details: { ...identifiers, ...meter, meter_id: meterId, audit },
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

/** Grid-platform 400 for create-meters: `details` lists each problem with its index and field. */
function validationProblem(c: Context, issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>, offset = 0) {
  const details = issues.map((issue) => {
    const [, index, ...field] = issue.path;
    return {
      message: issue.message,
      json_index: typeof index === 'number' ? index + offset : null,
      problem_field: field.map(String).join('.') || String(issue.path.at(-1) ?? ''),
    };
  });
  return gridError(c, 400, 'Invalid create-meters request', details);
}

function processRows(state: MockLeapState, meters: CreateMeter[], updateExisting: boolean): AssetResult[] {
  const at = state.now().toISOString();
  return meters.map((meter) => {
    const result = (
      status: AssetResult['status'],
      name: string,
      description: string,
      meterId: string | null = null,
    ): AssetResult => ({
      partner_reference: meter.partner_reference,
      status,
      status_detail: { name, description },
      created_at: at,
      meter_id: meterId,
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
      const meterId = existing[0]!.enrollment.meter_id as string;
      const records = toMeterRecords(meter, meterId, at);
      existing[0]!.details = {
        ...records.details,
        audit: { ...(existing[0]!.details.audit as object), updated_at: at },
      };
      Object.assign(existing[0]!.enrollment, records.enrollment, {
        audit: { ...(existing[0]!.enrollment.audit as object), updated_at: at },
        global_enrollment_status: existing[0]!.enrollment.global_enrollment_status,
        program_enrollment: existing[0]!.enrollment.program_enrollment,
      });
      return result('COMPLETED', 'METER_UPDATED', 'The existing meter was updated.', meterId);
    }
    const meterId = crypto.randomUUID();
    state.meters.push(toMeterRecords(meter, meterId, at));
    return result('COMPLETED', 'METER_CREATED', 'A new meter was created.', meterId);
  });
}

/** The job once its rows are processed: the counts and the overall status follow from the rows. */
function finish(job: MockJob, assets: AssetResult[], at: string): void {
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

export function registerCreateMeters(app: Hono, state: MockLeapState, jobDelayMs: number): void {
  const jobs: MockJob[] = [];

  app.post('/v1.1/jobs/meters', async (c) => {
    const updateExisting = c.req.query('update_existing') === 'true';
    const fileName = c.req.query('file_name') ?? null;
    const isCsv = (c.req.header('content-type') ?? '').toLowerCase().startsWith('text/csv');
    let body: unknown;
    const text = await c.req.text();
    try {
      body = isCsv ? createMeterBatchJobFromCsv(text) : JSON.parse(text);
    } catch (error) {
      if (error instanceof CsvParseError) return gridError(c, 400, 'Invalid CSV', [{ message: error.message }]);
      return gridError(c, 400, 'Request body must be JSON or CSV (Content-Type: text/csv)');
    }
    const parsed = CreateMeterBatchJobRequest.safeParse(body);
    if (!parsed.success) return validationProblem(c, parsed.error.issues);
    const at = state.now().toISOString();
    const job: MockJob = {
      job_id: crypto.randomUUID(),
      status: 'PROCESSING',
      file_name: fileName ?? (isCsv ? 'upload.csv' : null),
      assets_count: parsed.data.assets.length,
      assets_created_count: 0,
      assets_updated_count: 0,
      assets_failed_count: 0,
      transmission_regions: [...new Set(parsed.data.assets.map((a) => a.transmission_region))],
      created_at: at,
      updated_at: at,
      assets: parsed.data.assets.map((asset) => ({
        partner_reference: asset.partner_reference,
        status: 'PROCESSING',
        status_detail: { name: null, description: null },
        created_at: at,
        meter_id: null,
      })),
    };
    const run = () => finish(job, processRows(state, parsed.data.assets, updateExisting), state.now().toISOString());
    if (jobDelayMs > 0) state.later(jobDelayMs, run);
    else run();
    jobs.push(job);
    return c.json({ job_id: job.job_id }, 201);
  });

  app.get('/v1.1/jobs/meters', (c) => {
    const size = Number(c.req.query('page_size') ?? 100);
    const offset = Number(c.req.query('page_token') ?? 0);
    if (!Number.isInteger(size) || size < 1 || !Number.isInteger(offset) || offset < 0) {
      return gridError(c, 400, 'Invalid paging parameters');
    }
    const page = jobs.slice(offset, offset + size).map(({ assets: _assets, ...job }) => job);
    return c.json({ jobs: page, next_page_token: offset + size < jobs.length ? String(offset + size) : null });
  });

  app.get('/v1.1/jobs/meters/:job_id', (c) => {
    const id = c.req.param('job_id');
    if (!UUID.test(id)) return gridError(c, 400, 'Job id is not a UUID', { job_id: id });
    const job = jobs.find((j) => j.job_id === id);
    return job ? c.json(job) : gridError(c, 404, 'Job not found', { job_id: id });
  });

  app.post('/v1.1/meters', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ errors: [{ field: null, description: 'Request body must be JSON' }] }, 400);
    }
    const parsed = CreateAssetRequest.safeParse(body);
    if (!parsed.success) {
      return c.json(
        {
          errors: parsed.error.issues.map((issue) => ({
            field: issue.path.map(String).join('.'),
            description: issue.message,
          })),
        },
        400,
      );
    }
    const [asset] = processRows(state, [parsed.data.provisional_asset], c.req.query('update_existing') === 'true');
    return c.json({ ...asset!, job_id: crypto.randomUUID(), data: parsed.data.provisional_asset });
  });
}
