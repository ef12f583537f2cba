/**
 * `leap-elements create-meters <file.csv|file.json> [--update-existing] [--wait]`: Leap's partner-created meters from a
 * file. The rows are checked first (nothing is sent if one is invalid); with `--wait` the job is followed until every
 * row has its outcome. Prints one row per meter and exits 1 if any row failed.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { LeapApiError } from '../core/errors.js';
import type { CreateMeter } from '../core/types.generated.js';
import { createLeapClient } from '../server/client/create-client.js';
import type { MeterJob, MeterRowOutcome, RowProblem } from '../server/client/create-meters.js';
import { jobClientOptions, MOCK_FLAG } from './client-env.js';
import { describeFailure, note, table, writeOut } from './output.js';

const USAGE = 'Usage: leap-elements create-meters <file.csv|file.json> [--update-existing] [--wait] [--mock]';

/** A JSON file holds an array of meters or Leap's own `{assets: [...]}`; anything else is the CSV text. */
async function readMeters(file: string): Promise<CreateMeter[] | string> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  if (extname(file).toLowerCase() !== '.json') return text;
  const json = JSON.parse(text) as unknown;
  const meters = Array.isArray(json) ? json : (json as { assets?: unknown }).assets;
  if (!Array.isArray(meters)) throw new Error(`${file}: expected an array of meters or {"assets": [...]}`);
  return meters as CreateMeter[];
}

const detailOf = (row: MeterRowOutcome) =>
  'meterId' in row ? row.meterId : 'reason' in row ? row.reason : 'still processing';

function rowsTable(job: MeterJob): string {
  return table(
    ['partner_reference', 'outcome', 'meter id or reason'],
    job.rows.map((row) => [row.partnerReference, row.outcome, detailOf(row)]),
  );
}

function problemsTable(problems: RowProblem[]): string {
  return table(
    ['row', 'line', 'field', 'problem'],
    problems.map((p) => [String(p.row), p.line === undefined ? '' : String(p.line), p.field, p.message]),
  );
}

export async function runCreateMeters(
  args: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { ...MOCK_FLAG, 'update-existing': { type: 'boolean' }, wait: { type: 'boolean' } },
    });
  } catch (error) {
    note('create-meters', `${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length) {
    note('create-meters', USAGE);
    return 2;
  }
  const options = jobClientOptions('create-meters', env, parsed.values.mock);
  if (typeof options === 'number') return options;

  const client = createLeapClient(options);
  try {
    const meters = await readMeters(file);
    const { jobId, meters: count } = await client.meters.create(meters, {
      updateExisting: parsed.values['update-existing'] ?? false,
      fileName: basename(file),
    });
    note('create-meters', `job ${jobId}: ${count} meters sent`);
    const job = parsed.values.wait
      ? await client.meters.waitForJob(jobId, {
          onPoll: (polled) => {
            const finished = polled.rows.filter((row) => row.outcome !== 'processing').length;
            note('create-meters', `${finished} of ${polled.rows.length || count} rows done`);
          },
        })
      : await client.meters.job(jobId);
    await writeOut(rowsTable(job));
    const failed = job.rows.filter((row) => !['created', 'updated', 'processing'].includes(row.outcome)).length;
    if (!job.done) note('create-meters', `the job is still processing: follow it with --wait, or at Leap (${jobId})`);
    if (failed) note('create-meters', `${failed} of ${job.rows.length} rows failed`);
    return failed ? 1 : 0;
  } catch (error) {
    const rows = error instanceof LeapApiError ? (error.details as { problems?: RowProblem[] }).problems : undefined;
    if (rows?.length && 'row' in rows[0]!) await writeOut(problemsTable(rows));
    note('create-meters', describeFailure(error));
    return 1;
  }
}
