/**
 * Partner-created meters (Leap's guide of that name): send meters as JSON or as the CSV a partner already has, then
 * follow the job until every row has its outcome. The global required fields are checked here first, naming the row
 * and the field, so a typo is found before a job is created.
 */
import { LeapApiError } from '../../core/errors.js';
import type { AssetUploadStatus, CreateMeter, JobAndAssets } from '../../core/types.generated.js';
import {
  CreateMeter as CreateMeterSchema,
  CreateMeterBatchJobResponse,
  CsvParseError,
  JobAndAssets as JobAndAssetsSchema,
  createMeterFromCsvRow,
  issuesToFields,
  parseCreateMetersCsv,
} from '../../core/schemas/index.js';
import { callLeap } from '../leap.js';
import type { UpstreamConfig } from '../upstream.js';

export interface CreateMetersOptions {
  /** Overwrite every field of the meter with the same `partner_reference` (create it if there is none). */
  updateExisting?: boolean;
  /** Shown in the Partner Portal's job list. */
  fileName?: string;
}

/** One row's problem found before sending: `row` counts meters from 1; `line` is the CSV line it starts on. */
export interface RowProblem {
  row: number;
  line?: number;
  field: string;
  message: string;
}

/** One row of a job, by what happened to it. */
export type MeterRowOutcome =
  | { outcome: 'created' | 'updated'; partnerReference: string; meterId: string }
  | { outcome: 'processing'; partnerReference: string }
  /** Several existing meters share the `partner_reference`; none was created or updated (`update_existing`). */
  | { outcome: 'multiple-partner-reference'; partnerReference: string; reason: string }
  | { outcome: 'duplicate' | 'failed'; partnerReference: string; reason: string; code: string | null };

export interface MeterJob {
  job: JobAndAssets;
  rows: MeterRowOutcome[];
  /** No row is still processing. */
  done: boolean;
}

export function rowOutcome(asset: AssetUploadStatus): MeterRowOutcome {
  const partnerReference = asset.partner_reference;
  const reason = asset.status_detail.description ?? asset.status_detail.name ?? String(asset.status);
  switch (asset.status) {
    case 'PROCESSING':
      return { outcome: 'processing', partnerReference };
    case 'COMPLETED':
      if (asset.meter_id) {
        const updated = asset.status_detail.name === 'METER_UPDATED';
        return { outcome: updated ? 'updated' : 'created', partnerReference, meterId: asset.meter_id };
      }
      return { outcome: 'failed', partnerReference, reason: 'Completed without a meter id', code: null };
    case 'MULTIPLE_PARTNER_REFERENCE':
      return { outcome: 'multiple-partner-reference', partnerReference, reason };
    case 'DUPLICATE':
      return { outcome: 'duplicate', partnerReference, reason, code: asset.status_detail.name ?? null };
    default:
      return { outcome: 'failed', partnerReference, reason, code: asset.status_detail.name ?? null };
  }
}

/** The meters to send: JSON as given, or CSV read into the same shape; refuses the request naming each bad row. */
function checkedMeters(input: CreateMeter[] | string): CreateMeter[] {
  let candidates: unknown[];
  let lines: number[] | undefined;
  if (typeof input === 'string') {
    try {
      const csv = parseCreateMetersCsv(input);
      candidates = csv.rows.map(createMeterFromCsvRow);
      lines = csv.lines;
    } catch (error) {
      if (!(error instanceof CsvParseError)) throw error;
      throw new LeapApiError({ status: 400, title: 'The CSV cannot be read', details: { message: error.message } });
    }
  } else {
    candidates = input;
  }
  if (!candidates.length) throw new LeapApiError({ status: 400, title: 'No meters to create', details: {} });
  const problems: RowProblem[] = [];
  const meters = candidates.map((candidate, index) => {
    const parsed = CreateMeterSchema.safeParse(candidate);
    if (parsed.success) return parsed.data;
    for (const [field, message] of Object.entries(issuesToFields(parsed.error.issues))) {
      problems.push({ row: index + 1, ...(lines ? { line: lines[index] } : {}), field, message });
    }
    return null;
  });
  if (problems.length) {
    throw new LeapApiError({
      status: 400,
      title: `${new Set(problems.map((p) => p.row)).size} of ${candidates.length} meters are not valid; nothing was sent`,
      details: { problems },
    });
  }
  return meters as CreateMeter[];
}

/** Starts a create-meters job; answers its id. CSV goes as CSV (`Content-Type: text/csv`), as Leap's guide says. */
export async function createMeters(
  upstream: UpstreamConfig,
  input: CreateMeter[] | string,
  options: CreateMetersOptions = {},
): Promise<{ jobId: string; meters: number }> {
  const meters = checkedMeters(input);
  const query = {
    ...(options.updateExisting ? { update_existing: 'true' } : {}),
    ...(options.fileName ? { file_name: options.fileName } : {}),
  };
  const answer = await callLeap(
    upstream,
    {
      service: 'grid',
      method: 'POST',
      path: '/v1.1/jobs/meters',
      query,
      ...(typeof input === 'string'
        ? { text: { contentType: 'text/csv', content: input } }
        : { body: { assets: meters } }),
      // Creating is not safe to repeat: a retried job could create the meters twice.
      idempotent: false,
    },
    CreateMeterBatchJobResponse,
  );
  return { jobId: answer.job_id, meters: meters.length };
}

export async function meterJob(upstream: UpstreamConfig, jobId: string): Promise<MeterJob> {
  const job = await callLeap(
    upstream,
    { service: 'grid', method: 'GET', path: `/v1.1/jobs/meters/${encodeURIComponent(jobId)}`, idempotent: true },
    JobAndAssetsSchema,
  );
  const rows = (job.assets ?? []).map(rowOutcome);
  return { job, rows, done: job.status !== 'PROCESSING' && rows.every((row) => row.outcome !== 'processing') };
}

export interface WaitOptions {
  /** Give up after this long. Default 10 minutes. */
  timeoutMs?: number;
  /** The first wait between polls; each next one is 1.5 times longer, at most 15 s. Default 1000 ms. */
  pollMs?: number;
  /** Called after every poll (progress for long jobs). */
  onPoll?: (job: MeterJob) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls the job until every row has its outcome. */
export async function waitForMeterJob(
  upstream: UpstreamConfig,
  jobId: string,
  options: WaitOptions = {},
): Promise<MeterJob> {
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  let wait = options.pollMs ?? 1000;
  for (;;) {
    const job = await meterJob(upstream, jobId);
    options.onPoll?.(job);
    if (job.done) return job;
    if (Date.now() + wait > deadline) {
      const processing = job.rows.filter((row) => row.outcome === 'processing').length;
      throw new LeapApiError({
        status: 504,
        title: `Job ${jobId} is still processing`,
        details: { job_id: jobId, processing, rows: job.rows.length },
      });
    }
    await sleep(wait);
    wait = Math.min(wait * 1.5, 15_000);
  }
}
