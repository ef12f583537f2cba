/**
 * What docs/jobs.md promises about the job commands, held to the code: the CSV examples for a meter with several
 * `load_types` read into the meters they describe, and `applications --status` with an unknown status exits 2 listing
 * the valid ones.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APPLICATION_STATUSES, CreateMeter } from '../../src/core/schemas/index.js';
import { createMeterBatchJobFromCsv } from '../../src/core/schemas/create-meters.js';

const root = new URL('../..', import.meta.url).pathname;
const jobs = readFileSync(join(root, 'docs/jobs.md'), 'utf8');

describe('docs/jobs.md', () => {
  it('the CSV examples of a meter with several load_types send both load types', () => {
    const section = jobs.slice(jobs.indexOf('<!-- csv: several load types -->'));
    const blocks = [...section.matchAll(/```csv\n([\s\S]*?)```/g)].slice(0, 2).map((m) => m[1]!.replace(/^ {2}/gm, ''));
    assert.equal(blocks.length, 2);
    for (const csv of blocks) {
      const [meter] = createMeterBatchJobFromCsv(csv).assets;
      const parsed = CreateMeter.safeParse(meter);
      assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
      assert.deepEqual(parsed.data!.load_types, ['EV_CHARGING', 'BATTERY_STORAGE']);
    }
  });

  it('applications --status bogus exits 2 and lists the valid statuses, asking nothing of Leap', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/cli/index.ts'), 'applications', '--status', 'bogus'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, LEAP_API_KEY: 'leap_live_never_used_0123456789' } },
    );
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, new RegExp(`--status must be one of ${APPLICATION_STATUSES.join(', ')}`));
  });
});
