/**
 * `leap-elements sync --since <ISO date> [--state <file>] [--overlap <seconds>]`: one pass of the daily inventory
 * poll. Each changed enrollment is one JSON line on stdout; the checkpoint is kept in the state file after every page,
 * so a cron line is all a partner needs, and a pass that stops halfway resumes from its last completed page.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createLeapClient } from '../server/client/create-client.js';
import type { SyncCheckpoint } from '../server/client/enrollment-sync.js';
import { jobClientOptions, MOCK_FLAG } from './client-env.js';
import { describeFailure, note, writeOut } from './output.js';

const USAGE = 'Usage: leap-elements sync --since <ISO date> [--state <file>] [--overlap <seconds>] [--mock]';

async function readState(file: string): Promise<SyncCheckpoint | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const state = JSON.parse(text) as SyncCheckpoint;
  if (typeof state?.since !== 'string') throw new Error(`${file} is not a sync state file (no "since")`);
  return state;
}

/**
 * Written to a new file beside it, then renamed over it: a crash mid-write never leaves half a state file. The new
 * file has a random name and is created exclusively without following links, so a link planted beside the state file
 * cannot redirect the write; the rename replaces the state file itself, never what a link there points to.
 */
async function writeState(file: string, state: SyncCheckpoint): Promise<void> {
  const temporary = `${file}.${randomBytes(8).toString('hex')}.tmp`;
  const handle = await open(
    temporary,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o600,
  );
  try {
    await handle.writeFile(`${JSON.stringify(state)}\n`);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  await rename(temporary, file);
}

export async function runSync(args: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { ...MOCK_FLAG, since: { type: 'string' }, state: { type: 'string' }, overlap: { type: 'string' } },
    }));
  } catch (error) {
    note('sync', `${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const overlap = values.overlap === undefined ? 300 : Number(values.overlap);
  if (!Number.isFinite(overlap) || overlap < 0) {
    note('sync', `--overlap must be a number of seconds, not "${values.overlap}"`);
    return 2;
  }
  const options = jobClientOptions('sync', env, values.mock);
  if (typeof options === 'number') return options;

  let stored: SyncCheckpoint | null;
  try {
    stored = values.state ? await readState(values.state) : null;
  } catch (error) {
    note('sync', describeFailure(error));
    return 1;
  }
  const since = stored ?? values.since;
  if (!since) {
    note(
      'sync',
      `give --since for the first pass (how far back to start), or a --state file from an earlier pass\n${USAGE}`,
    );
    return 2;
  }
  if (stored && values.since)
    note('sync', `continuing from ${values.state}; --since is used only without a state file`);

  try {
    const pass = createLeapClient(options).meters.syncEnrollments({
      since,
      overlapSeconds: overlap,
      onCheckpoint: async (checkpoint) => {
        if (values.state) await writeState(values.state, checkpoint);
        note('sync', `${pass.pages} pages, ${pass.enrollments} enrollments`);
      },
    });
    for await (const enrollment of pass) await writeOut(`${JSON.stringify(enrollment)}\n`);
    note('sync', `done: ${pass.enrollments} enrollments changed; next pass from ${pass.checkpoint.since}`);
    return 0;
  } catch (error) {
    note(
      'sync',
      `stopped: ${describeFailure(error)}${values.state ? `; ${values.state} resumes from the last page` : ''}`,
    );
    return 1;
  }
}
