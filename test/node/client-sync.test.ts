/**
 * The daily inventory sync of `createLeapClient()` against the mock Leap over real HTTP: every meter once across
 * pages and passes (repeats only inside the overlap), an interrupted pass resuming, faults, and pages as large as Leap
 * sends them.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LeapApiError } from '../../src/core/errors.js';
import { createLeapClient, MAX_SERVER_ANSWER_BYTES, type SyncCheckpoint } from '../../src/server/index.js';
import { DEFAULT_PAGE_SIZE } from '../../src/server/client/enrollment-sync.js';
import { collect, mockOnPort } from '../support/mock-on-port.js';
import { TEST_API_KEY } from './support.js';

const SYNTHETIC = /^synthetic-/;

describe('createLeapClient: the daily enrollment sync', () => {
  const COUNT = 3000;

  it('a first pass yields every meter once, page by page, and checkpoints at the newest updated_at', async () => {
    const leap = await mockOnPort({ meterCount: COUNT });
    const start = new Date(Date.now() - 2 * 3600_000).toISOString();
    const checkpoints: SyncCheckpoint[] = [];
    const pass = leap.client().meters.syncEnrollments({ since: start, onCheckpoint: (c) => void checkpoints.push(c) });
    const seen = (await collect(pass)).filter((e) => SYNTHETIC.test(e.partner_reference ?? ''));
    assert.equal(seen.length, COUNT);
    assert.equal(new Set(seen.map((e) => e.meter_id)).size, COUNT, 'no meter twice within a pass');
    assert.equal(pass.pages, Math.ceil(pass.enrollments / DEFAULT_PAGE_SIZE));
    assert.equal(checkpoints.length, pass.pages, 'a checkpoint after every page');
    assert.ok(
      checkpoints.slice(0, -1).every((c) => c.resume?.pageToken),
      'unfinished passes say where to resume',
    );
    const newest = seen
      .map((e) => e.audit.updated_at!)
      .sort()
      .at(-1)!;
    assert.deepEqual(pass.checkpoint, { since: newest });
    const requests = leap.seen.filter((r) => r.path === '/v2/meters/enrollments/search');
    const from = new Date(Date.parse(start) - 300_000).toISOString();
    assert.ok(requests.every((r) => JSON.parse(r.body).last_modified_date_time === from));
  });

  it('the next pass brings every change since, and repeats only meters inside the overlap', async () => {
    const leap = await mockOnPort({ meterCount: COUNT });
    const client = leap.client();
    const first = client.meters.syncEnrollments({ since: new Date(Date.now() - 2 * 3600_000).toISOString() });
    await collect(first);
    const checkpoint = first.checkpoint;

    const changed = leap.mock.advance({ ms: 3600_000, changes: 40 });
    const second = client.meters.syncEnrollments({ since: checkpoint });
    const got = await collect(second);
    const ids = new Set(got.map((e) => e.meter_id));
    assert.deepEqual(
      changed.filter((id) => !ids.has(id)),
      [],
      'every changed meter',
    );
    const overlapStart = Date.parse(checkpoint.since) - 300_000;
    const repeats = got.filter((e) => !changed.includes(e.meter_id));
    assert.ok(
      repeats.every((e) => Date.parse(e.audit.updated_at!) >= overlapStart),
      'meters that did not change come again only from inside the overlap',
    );
    assert.ok(repeats.length <= 301, `${repeats.length} repeats; the overlap holds 300 seconds of changes`);
    assert.ok(Date.parse(second.checkpoint.since) > Date.parse(checkpoint.since));

    // A change made while a pass runs is found by the next one, even behind the pages already read.
    const third = client.meters.syncEnrollments({
      since: second.checkpoint,
      pageSize: 100,
      onCheckpoint: () => void (changedDuring ??= leap.mock.advance({ ms: 1000, changes: 1 })),
    });
    let changedDuring: string[] | undefined;
    await collect(third);
    const fourth = await collect(client.meters.syncEnrollments({ since: third.checkpoint }));
    const caught = new Set([...fourth].map((e) => e.meter_id));
    assert.ok(changedDuring && changedDuring.every((id) => caught.has(id)));
  });

  it('an interrupted pass resumes from its last completed page: nothing lost, nothing twice', async () => {
    const leap = await mockOnPort({ meterCount: COUNT });
    const since = new Date(Date.now() - 2 * 3600_000).toISOString();
    // The third page fails on every attempt, as when Leap is down for longer than the retries.
    let searches = 0;
    leap.fault((request) => (request.path.endsWith('/enrollments/search') && ++searches >= 3 ? '500' : null));
    let stored: SyncCheckpoint = { since };
    const broken = leap.client().meters.syncEnrollments({ since, onCheckpoint: (c) => void (stored = c) });
    const before: string[] = [];
    await assert.rejects(
      async () => {
        for await (const enrollment of broken) before.push(enrollment.meter_id);
      },
      (error: unknown) => error instanceof LeapApiError && error.status === 502,
    );
    assert.equal(before.length, 2 * DEFAULT_PAGE_SIZE, 'two pages were read');
    assert.ok(stored.resume?.pageToken, 'the checkpoint holds the page to resume from');

    leap.fault(() => null);
    const rest = await collect(leap.client().meters.syncEnrollments({ since: stored }));
    const all = [...before, ...rest.map((e) => e.meter_id)];
    assert.equal(new Set(all).size, all.length, 'no meter twice');
    assert.ok(all.length >= COUNT);
  });

  for (const [fault, status, options] of [
    ['500', 502, {}],
    ['timeout', 504, {}],
    ['malformed-json', 502, {}],
  ] as const) {
    it(`a persistent ${fault} fails the pass with ${status} and keeps the checkpoint; a single one is retried`, async () => {
      // A manual clock: a hung request stays hung until its attempt times out (see mockOnPort), never by the clock.
      const leap = await mockOnPort({ meterCount: 1200, clock: 'manual' });
      const since = new Date(Date.now() - 2 * 3600_000).toISOString();
      let searches = 0;
      leap.fault((request) => (request.path.endsWith('/enrollments/search') && ++searches >= 2 ? fault : null));
      let stored: SyncCheckpoint = { since };
      const pass = leap.client(options).meters.syncEnrollments({ since, onCheckpoint: (c) => void (stored = c) });
      await assert.rejects(collect(pass), (error: unknown) => error instanceof LeapApiError && error.status === status);
      assert.equal(stored.since, since);
      assert.ok(stored.resume?.pageToken);

      if (fault === 'malformed-json') return; // a malformed answer is not asked for again
      let failures = 0;
      leap.fault((request) => (request.path.endsWith('/enrollments/search') && failures++ === 0 ? fault : null));
      const resumed = await collect(leap.client(options).meters.syncEnrollments({ since: stored }));
      assert.ok(resumed.length >= 1200 - DEFAULT_PAGE_SIZE, 'the rest of the pass, after one retried failure');
    });
  }

  it('refuses a since that is not a date, before any call', () => {
    const client = createLeapClient({ mock: true, logger: () => {} });
    assert.throws(() => client.meters.syncEnrollments({ since: 'yesterday' }), /since must be an ISO date/);
  });
});

describe('createLeapClient: pages as large as Leap sends them', () => {
  it('syncEnrollments({ pageSize: 500 }) reads pages over 1 MiB; an answer over 16 MiB is refused', async () => {
    const leap = await mockOnPort({ meterCount: 600 });
    const pass = leap.client().meters.syncEnrollments({ since: '2020-01-01T00:00:00Z', pageSize: 500 });
    const seen = await collect(pass);
    assert.ok(seen.length >= 600);
    assert.equal(pass.pages, 2);
    const first = leap.seen.find((r) => r.path === '/v2/meters/enrollments/search')!;
    assert.equal(JSON.parse(first.body).page_size, 500);
    // What the mock answered for that first page is more than the browser-facing 1 MiB.
    const page = await leap.mock(`http://mock/v2/meters/enrollments/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_API_KEY}` },
      body: JSON.stringify({ page_size: 500 }),
    });
    assert.ok((await page.text()).length > 1024 * 1024);

    const flood: typeof fetch = async () =>
      new Response(`{"meters":[],"padding":"${'x'.repeat(MAX_SERVER_ANSWER_BYTES)}"}`, {
        headers: { 'content-type': 'application/json' },
      });
    const client = createLeapClient({ apiKey: TEST_API_KEY, fetch: flood, retries: 0, logger: () => {} });
    await assert.rejects(
      collect(client.meters.searchEnrollments()),
      (error: unknown) => error instanceof LeapApiError && /more than 16 MiB/.test(error.title),
    );
  });
});
