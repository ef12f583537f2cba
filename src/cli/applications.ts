/**
 * `leap-elements applications [--awaiting-partner | --status <status>] [--json]`: the applications of your
 * organization; `--awaiting-partner` lists the ones waiting for your claimed fields (Leap's "Upload Claimed Fields").
 */
import { parseArgs } from 'node:util';
import { createLeapClient } from '../server/client/create-client.js';
import type { ApplicationFilter } from '../server/client/applications.js';
import { APPLICATION_STATUSES } from '../core/schemas/applications.js';
import { jobClientOptions, MOCK_FLAG } from './client-env.js';
import { describeFailure, note, table, writeOut } from './output.js';

const USAGE = 'Usage: leap-elements applications [--awaiting-partner | --status <status>] [--json] [--mock]';

export async function runApplications(
  args: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        ...MOCK_FLAG,
        'awaiting-partner': { type: 'boolean' },
        status: { type: 'string' },
        json: { type: 'boolean' },
      },
    }));
  } catch (error) {
    note('applications', `${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values['awaiting-partner'] && values.status) {
    note('applications', `--awaiting-partner and --status cannot be combined\n${USAGE}`);
    return 2;
  }
  if (values.status !== undefined && !(APPLICATION_STATUSES as readonly string[]).includes(values.status)) {
    note('applications', `--status must be one of ${APPLICATION_STATUSES.join(', ')}\n${USAGE}`);
    return 2;
  }
  const options = jobClientOptions('applications', env, values.mock);
  if (typeof options === 'number') return options;

  const status = (values['awaiting-partner'] ? 'awaiting_partner' : values.status) as ApplicationFilter['status'];
  const rows: string[][] = [];
  let count = 0;
  try {
    for await (const application of createLeapClient(options).applications.list({ status })) {
      count += 1;
      if (values.json) {
        await writeOut(`${JSON.stringify(application)}\n`);
        continue;
      }
      const customer = application.customer ?? {};
      rows.push([
        String(application.id),
        String(application.status ?? ''),
        String(application.program_id ?? ''),
        [customer.first_name, customer.last_name].filter(Boolean).join(' '),
        String(customer.email ?? ''),
        application.total_requested_amount === undefined || application.total_requested_amount === null
          ? ''
          : String(application.total_requested_amount),
        String(application.updated_at ?? ''),
      ]);
    }
  } catch (error) {
    note('applications', describeFailure(error));
    return 1;
  }
  if (!values.json) {
    await writeOut(table(['id', 'status', 'program', 'customer', 'email', 'requested', 'updated'], rows));
  }
  note('applications', `${count} applications${status ? ` (${status})` : ''}`);
  return 0;
}
