/**
 * Partner-created meters on the mock: `POST /v1.1/jobs/meters` (JSON or `text/csv`), `GET /v1.1/jobs/meters` (with
 * `filter`, `search_query` and pages), `GET /v1.1/jobs/meters/{job_id}` and the synchronous `POST /v1.1/meters`. A
 * job is `PROCESSING` (every row too) for `jobDelayMs` of the mock's clock, then each `partner_reference` gets its
 * meter id or the reason it failed, as at Leap. The query (`update_existing`, `file_name`) is checked as typed.
 */
import type { Context, Hono } from 'hono';
import {
  CreateAssetRequest,
  CreateMeterBatchJobRequest,
  CsvParseError,
  createMeterFromCsvRow,
  parseCreateMetersCsv,
} from '../core/schemas/create-meters.js';
import { finishJob, jobAnswer, newJob, processRows, stored } from './jobs.js';
import { MOCK_LIMITS } from './limits.js';
import { listPage, readListQuery } from './list-query.js';
import { gridError } from './responses.js';
import type { MockLeapState } from './types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The OpenAPI file's pattern for `file_name` (its unescaped `.` included), at most 255 characters. */
const FILE_NAME = /^[a-zA-Z0-9._\s-]+.[a-zA-Z0-9]+$/;

/** `update_existing` as the files type it: a boolean, so only `true` or `false`. */
function readUpdateExisting(c: Context): boolean | null {
  const value = c.req.query('update_existing');
  if (value === undefined || value === 'false') return false;
  return value === 'true' ? true : null;
}

interface ValidationProblem {
  message: string;
  json_index?: number;
  csv_row?: number;
  problem_field?: string;
}

/**
 * Grid-platform 400 for create-meters. `details` lists each problem with its row and field: an array, as the
 * operation's example shows, although the ErrorResponse schema types `details` as an object (see docs/mock.md).
 */
function validationProblem(
  c: Context,
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
  csvLines?: number[],
) {
  const details = issues.map((issue): ValidationProblem => {
    const [, index, ...field] = issue.path;
    const row = typeof index === 'number' ? index : undefined;
    const problemField = field.map(String).join('.') || (issue.path.length ? String(issue.path.at(-1)) : '');
    return {
      message: issue.message,
      ...(row === undefined ? {} : csvLines ? { csv_row: csvLines[row]! } : { json_index: row }),
      ...(problemField ? { problem_field: problemField } : {}),
    };
  });
  return gridError(c, 400, 'Invalid create-meters request', details);
}

const JOB_FILTERS = ['status', 'transmission_region', 'file_name', 'job_id', 'partner_reference'] as const;
const JOB_SEARCH_FIELDS = ['file_name', 'partner_reference', 'job_id', 'status'] as const;

export function registerCreateMeters(app: Hono, state: MockLeapState, jobDelayMs: number): void {
  app.post('/v1.1/jobs/meters', async (c) => {
    const updateExisting = readUpdateExisting(c);
    if (updateExisting === null) {
      return gridError(c, 400, 'update_existing must be true or false', [
        { message: 'Expected a boolean', problem_field: 'update_existing' },
      ]);
    }
    const fileName = c.req.query('file_name');
    if (fileName !== undefined && (fileName.length > 255 || !FILE_NAME.test(fileName))) {
      return gridError(c, 400, 'file_name is not a valid file name', [
        { message: 'Expected a file name such as meters.csv, at most 255 characters', problem_field: 'file_name' },
      ]);
    }
    const isCsv = (c.req.header('content-type') ?? '').toLowerCase().startsWith('text/csv');
    let body: unknown;
    let csvLines: number[] | undefined;
    const text = await c.req.text();
    try {
      if (isCsv) {
        const csv = parseCreateMetersCsv(text);
        body = { assets: csv.rows.map(createMeterFromCsvRow) };
        csvLines = csv.lines;
      } else {
        body = JSON.parse(text);
      }
    } catch (error) {
      if (error instanceof CsvParseError) {
        return gridError(c, 400, 'Invalid CSV', [
          { message: error.message, ...(error.line ? { csv_row: error.line } : {}) },
        ]);
      }
      return gridError(c, 400, 'Request body must be JSON or CSV (Content-Type: text/csv)', [
        { message: 'The body could not be read' },
      ]);
    }
    const parsed = CreateMeterBatchJobRequest.safeParse(body);
    if (!parsed.success) return validationProblem(c, parsed.error.issues, csvLines);
    const meters = parsed.data.assets;
    if (meters.length > MOCK_LIMITS.rowsPerJob) {
      return gridError(c, 400, `At most ${MOCK_LIMITS.rowsPerJob} meters per job`, [
        { message: `${meters.length} meters; send at most ${MOCK_LIMITS.rowsPerJob} per job`, problem_field: 'assets' },
      ]);
    }
    if (state.jobs.length >= MOCK_LIMITS.jobs) {
      return gridError(c, 429, `The mock keeps at most ${MOCK_LIMITS.jobs} jobs: restart it`);
    }
    const job = newJob(state, meters, fileName, isCsv);
    const run = () => finishJob(job, processRows(state, meters, updateExisting), state.now().toISOString());
    if (jobDelayMs > 0) state.later(jobDelayMs, run);
    else run();
    state.jobs.push(job);
    return c.json({ job_id: job.job_id }, 201);
  });

  app.get('/v1.1/jobs/meters', (c) => {
    const reading = readListQuery(c, JOB_FILTERS, JOB_SEARCH_FIELDS);
    if (!reading.ok) return gridError(c, 400, reading.message, { [reading.field]: reading.message });
    const valuesOf = (job: (typeof state.jobs)[number], key: string): readonly string[] => {
      if (key === 'transmission_region') return job.transmission_regions;
      if (key === 'partner_reference') return job.assets.map((a) => a.partner_reference);
      return [String(job[key as 'status' | 'file_name' | 'job_id'])];
    };
    const { page, next } = listPage(state.jobs, reading.query, valuesOf, valuesOf);
    return c.json({ jobs: page.map((job) => jobAnswer(job, false)), ...next });
  });

  app.get('/v1.1/jobs/meters/:job_id', (c) => {
    const id = c.req.param('job_id');
    if (!UUID.test(id)) return gridError(c, 400, 'Job id is not a UUID', { job_id: id });
    const job = state.jobs.find((j) => j.job_id === id);
    return job ? c.json(jobAnswer(job, true)) : gridError(c, 404, 'Job not found', { job_id: id });
  });

  app.post('/v1.1/meters', async (c) => {
    const updateExisting = readUpdateExisting(c);
    if (updateExisting === null) {
      return c.json({ errors: [{ field: 'update_existing', description: 'Expected true or false' }] }, 400);
    }
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ errors: [{ description: 'Request body must be JSON' }] }, 400);
    }
    const parsed = CreateAssetRequest.safeParse(body);
    if (!parsed.success) {
      return c.json(
        {
          errors: parsed.error.issues.map((issue) => ({
            ...(issue.path.length ? { field: issue.path.map(String).join('.') } : {}),
            description: issue.message,
          })),
        },
        400,
      );
    }
    if (state.jobs.length >= MOCK_LIMITS.jobs) {
      return c.json({ errors: [{ description: `The mock keeps at most ${MOCK_LIMITS.jobs} jobs: restart it` }] }, 400);
    }
    // A single meter is a job of one row, finished before answering, and listed with the provisional assets.
    const meter = parsed.data.provisional_asset;
    const job = newJob(state, [meter], undefined, false);
    const assets = processRows(state, [meter], updateExisting);
    finishJob(job, assets, state.now().toISOString());
    state.jobs.push(job);
    const [asset] = assets;
    return c.json({ ...asset!, job_id: job.job_id, ...(asset!.status === 'COMPLETED' ? { data: stored(meter) } : {}) });
  });
}
