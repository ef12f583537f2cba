/**
 * The job commands as a partner runs them from cron, from the packed package: `leap-elements sync` (JSON lines, a
 * state file, resuming), `create-meters` (a CSV with a BOM, CRLF and quoted commas; rows refused before sending;
 * per-row outcomes and the exit code), and `applications --awaiting-partner`; all against the mock over real HTTP.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMockLeap, type MockFault } from '../../src/mock/index.js';
import { listen } from '../../src/server/node.js';
import { packedCli } from '../support/packed-cli.js';

const HEADER =
  'partner_reference,transmission_region,customer_classification,load_types,meter_type,street_1,postal_code,city,state_or_province_code,country_code';

// The mock Leap the commands reach, with a fault for the paths a test picks, or an answer of the test's own.
const mock = createMockLeap({ meterCount: 1200, jobDelayMs: 30 });
let fault: (path: string) => MockFault | null = () => null;
let answer: (path: string) => unknown = () => undefined;
const server = await listen(async (request) => {
  const own = answer(new URL(request.url).pathname);
  if (own !== undefined) return Response.json(own);
  const picked = fault(new URL(request.url).pathname);
  if (!picked) return mock(request);
  const headers = new Headers(request.headers);
  headers.set('x-mock-fault', picked);
  return mock(new Request(request, { headers }));
});
after(async () => {
  mock.dispose();
  await server.close();
});
const env = {
  LEAP_API_KEY: 'leap_test_cli_key_0123456789',
  LEAP_PLATFORM_BASE_URL: server.url,
  LEAP_INCENTIVES_BASE_URL: `${server.url}/alpha`,
};

describe('leap-elements sync, create-meters and applications, from the packed package', { timeout: 180_000 }, () => {
  const cli = packedCli();

  const lines = (text: string) => text.split('\n').filter(Boolean);

  it('sync prints one JSON line per changed enrollment, keeps the checkpoint, and the next run brings the changes', async () => {
    const since = new Date(Date.now() - 2 * 3600_000).toISOString();
    const first = await cli.app.runAsync(cli.bin, ['sync', '--since', since, '--state', 'state.json'], env);
    assert.equal(first.status, 0, first.stderr);
    const enrollments = lines(first.stdout).map((line) => JSON.parse(line) as { meter_id: string });
    assert.ok(enrollments.length >= 1200);
    assert.match(first.stderr, /pages, \d+ enrollments/);
    assert.match(first.stderr, /done: \d+ enrollments changed; next pass from /);
    const state = JSON.parse(readFileSync(join(cli.app.dir, 'state.json'), 'utf8')) as {
      since: string;
      resume?: object;
    };
    assert.equal(state.resume, undefined);

    const changed = mock.advance({ ms: 3600_000, changes: 5 });
    const second = await cli.app.runAsync(cli.bin, ['sync', '--state', 'state.json'], env);
    assert.equal(second.status, 0, second.stderr);
    const ids = lines(second.stdout).map((line) => (JSON.parse(line) as { meter_id: string }).meter_id);
    assert.deepEqual(
      changed.filter((id) => !ids.includes(id)),
      [],
    );
    assert.ok(ids.length < enrollments.length, 'only what changed, and the overlap');
  });

  it('sync stopped by an outage exits 1 saying it will resume; the next run continues from the last page', async () => {
    const since = new Date(Date.now() - 2 * 3600_000).toISOString();
    let searches = 0;
    fault = (path) => (path.endsWith('/enrollments/search') && ++searches >= 3 ? '503' : null);
    const broken = await cli.app.runAsync(cli.bin, ['sync', '--since', since, '--state', 'outage.json'], env);
    fault = () => null;
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /stopped: 502 .*outage\.json resumes from the last page/);
    assert.doesNotMatch(broken.stderr, /\n\s+at /, 'no stack trace');
    const saved = JSON.parse(readFileSync(join(cli.app.dir, 'outage.json'), 'utf8')) as {
      resume?: { pageToken: string };
    };
    assert.ok(saved.resume?.pageToken);
    const resumed = await cli.app.runAsync(cli.bin, ['sync', '--state', 'outage.json'], env);
    assert.equal(resumed.status, 0, resumed.stderr);
    const all = [...lines(broken.stdout), ...lines(resumed.stdout)].map((line) => JSON.parse(line).meter_id as string);
    assert.equal(new Set(all).size, all.length, 'no enrollment twice');
    assert.ok(all.length >= 1200);
  });

  it('sync without --since or a state file says what to give', async () => {
    const result = await cli.app.runAsync(cli.bin, ['sync'], env);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /give --since for the first pass/);
  });

  it('create-meters --wait reads a CSV with a BOM, CRLF and quoted commas, prints each row and exits 1 for a failed one', async () => {
    cli.app.write(
      'meters.csv',
      `\ufeff${HEADER}\r\n` +
        'cli-1,CAISO,RESIDENTIAL,HVAC,DEVICE,"1 Market St, Suite 5",94105,San Francisco,CA,US\r\n' +
        'cli-2,CAISO,RESIDENTIAL,HVAC,DEVICE,1 Nowhere Rd,00000,San Francisco,CA,US\r\n',
    );
    const result = await cli.app.runAsync(cli.bin, ['create-meters', 'meters.csv', '--wait'], env);
    assert.equal(result.status, 1);
    const [header, ...rows] = lines(result.stdout);
    assert.match(header!, /^partner_reference\s+outcome\s+meter id or reason$/);
    assert.match(rows[0]!, /^cli-1\s+created\s+[0-9a-f-]{36}$/);
    assert.match(rows[1]!, /^cli-2\s+failed\s+The address could not be found\.$/);
    assert.match(result.stderr, /job [0-9a-f-]{36}: 2 meters sent/);
    assert.match(result.stderr, /1 of 2 rows failed/);
  });

  it('create-meters refuses a file with an invalid row before sending anything, naming row, line and field', async () => {
    cli.app.write(
      'bad.csv',
      `${HEADER}\nok-1,CAISO,RESIDENTIAL,HVAC,DEVICE,1 Main,94105,SF,CA,US\nbad-1,CAISO,RESIDENTIAL,,DEVICE,2 Main,94105,SF,CA,US\n`,
    );
    const jobsBefore = (await (
      await fetch(`${env.LEAP_PLATFORM_BASE_URL}/v1.1/jobs/meters`, { headers: { authorization: 'Bearer k' } })
    ).json()) as { jobs: unknown[] };
    const result = await cli.app.runAsync(cli.bin, ['create-meters', 'bad.csv'], env);
    assert.equal(result.status, 1);
    assert.match(lines(result.stdout)[1]!, /^2\s+3\s+load_types\s+\S/);
    assert.match(result.stderr, /400 1 of 2 meters are not valid; nothing was sent/);
    const jobsAfter = (await (
      await fetch(`${env.LEAP_PLATFORM_BASE_URL}/v1.1/jobs/meters`, { headers: { authorization: 'Bearer k' } })
    ).json()) as { jobs: unknown[] };
    assert.equal(jobsAfter.jobs.length, jobsBefore.jobs.length, 'no job was created');
  });

  it('applications --awaiting-partner lists what needs the partner; --json prints one application per line', async () => {
    const table = await cli.app.runAsync(cli.bin, ['applications', '--awaiting-partner'], env);
    assert.equal(table.status, 0, table.stderr);
    const [header, ...rows] = lines(table.stdout);
    assert.match(header!, /^id\s+status\s+program\s+customer\s+email\s+requested\s+updated$/);
    assert.ok(rows.length > 0 && rows.every((row) => /\sawaiting_partner\s/.test(row)));
    const json = await cli.app.runAsync(cli.bin, ['applications', '--status', 'approved', '--json'], env);
    assert.ok(lines(json.stdout).every((line) => (JSON.parse(line) as { status: string }).status === 'approved'));
    assert.match(json.stderr, /\d+ applications \(approved\)/);
  });

  it('without LEAP_API_KEY and without --mock the job commands stop with exit 2 and write nothing', async () => {
    for (const args of [
      ['sync', '--since', '2024-01-01T00:00:00Z', '--state', 'never.json'],
      ['create-meters', 'never.csv'],
      ['applications'],
    ]) {
      const result = await cli.app.runAsync(cli.bin, args, {});
      assert.equal(result.status, 2, args[0]);
      assert.equal(result.stdout, '', `${args[0]} printed no data`);
      assert.match(result.stderr, /LEAP_API_KEY is not set: set it to reach Leap, or add --mock/);
    }
    assert.ok(!existsSync(join(cli.app.dir, 'never.json')), 'no checkpoint was written');
    const typo = await cli.app.runAsync(cli.bin, ['applications'], { LEAP_APIKEY: 'leap_live_typo' });
    assert.equal(typo.status, 2);
    assert.match(typo.stderr, /LEAP_APIKEY is not a variable leap-elements reads: did you mean LEAP_API_KEY\?/);
  });

  it('--mock runs them against the embedded mock and says so; a bad variable stops them', async () => {
    const mocked = await cli.app.runAsync(cli.bin, ['applications', '--mock'], {});
    assert.equal(mocked.status, 0, mocked.stderr);
    assert.match(mocked.stderr, /embedded mock Leap/);
    const both = await cli.app.runAsync(cli.bin, ['applications', '--mock'], { LEAP_API_KEY: 'leap_live_k' });
    assert.equal(both.status, 2);
    assert.match(both.stderr, /--mock and LEAP_API_KEY are both given/);
    const bad = await cli.app.runAsync(cli.bin, ['applications'], { LEAP_ENVIRONMENT: 'prod', LEAP_API_KEY: 'k' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /LEAP_ENVIRONMENT must be production or staging/);
  });

  it('names and reasons from Leap reach the terminal with their control characters escaped', async () => {
    const hostile = '\u001b]0;owned\u0007\u001b[2JEve\u009b31m\u202eevil';
    answer = (path) =>
      path === '/alpha/applications'
        ? {
            results: [
              {
                id: 9,
                program_id: 1,
                status: 'awaiting_partner',
                customer: { first_name: hostile, last_name: 'Doe', email: `x${hostile}@example.com` },
                updated_at: '2025-01-01T00:00:00Z',
              },
            ],
          }
        : undefined;
    const table = await cli.app.runAsync(cli.bin, ['applications'], env);
    const json = await cli.app.runAsync(cli.bin, ['applications', '--json'], env);
    answer = () => undefined;
    assert.equal(table.status, 0, table.stderr);
    for (const output of [table.stdout, json.stdout, table.stderr, json.stderr]) {
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(output, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/, 'no raw control character');
    }
    assert.match(table.stdout, /\\u001b\]0;owned\\u0007\\u001b\[2JEve\\u009b31m\\u202eevil Doe/);
    const parsed = JSON.parse(lines(json.stdout)[0]!) as { customer: { first_name: string } };
    assert.equal(parsed.customer.first_name, hostile, 'JSON lines still carry the exact text');
  });

  it('sync --state writes through a new file: a link planted beside or at the state file redirects nothing', async () => {
    const victim = join(cli.app.dir, 'victim.txt');
    writeFileSync(victim, 'untouched');
    symlinkSync(victim, join(cli.app.dir, 'linked.json.tmp'));
    const since = new Date(Date.now() - 3600_000).toISOString();
    const first = await cli.app.runAsync(cli.bin, ['sync', '--since', since, '--state', 'linked.json'], env);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(readFileSync(victim, 'utf8'), 'untouched');
    assert.ok((JSON.parse(readFileSync(join(cli.app.dir, 'linked.json'), 'utf8')) as { since: string }).since);

    // The state file itself a link: the checkpoint replaces the link, not the file it points to.
    writeFileSync(join(cli.app.dir, 'target.json'), JSON.stringify({ since }));
    symlinkSync(join(cli.app.dir, 'target.json'), join(cli.app.dir, 'through-link.json'));
    const second = await cli.app.runAsync(cli.bin, ['sync', '--state', 'through-link.json'], env);
    assert.equal(second.status, 0, second.stderr);
    assert.deepEqual(JSON.parse(readFileSync(join(cli.app.dir, 'target.json'), 'utf8')), { since });
  });
});
