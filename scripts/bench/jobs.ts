/**
 * The partner's server jobs: the daily enrollment sync through `createLeapClient` against a mock Leap holding 50,000
 * meters (in its own process, so its memory is not counted), in meters per second and in client memory over the
 * pass. The nearest peer is the bare loop a partner would write by hand: the same pages fetched and parsed, with no
 * schema checks, no retries and no checkpoints.
 */
import { Pool } from 'undici';
import { createLeapClient } from '../../src/server/index.js';
import { nodeFetch } from '../../src/server/node.js';
import { MOCK_API_KEY } from '../../src/mock/index.js';
import { startChild } from './children.js';
import { median, type BenchOptions, type Row, type SectionReport } from './stats.js';

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

export async function runJobs({ quick, log }: BenchOptions): Promise<SectionReport> {
  const count = quick ? 10_000 : 50_000;
  log(`jobs: a mock Leap with ${count.toLocaleString('en-US')} meters`);
  const mock = await startChild(['mock-inventory', String(count)]);
  const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
  try {
    const client = createLeapClient({ apiKey: MOCK_API_KEY, platformBaseUrl: mock.url, fetch: nodeFetch });
    const rounds = quick ? 1 : 3;
    const rates: number[] = [];
    const heap: { start: number; tenth: number; end: number; peak: number } = { start: 0, tenth: 0, end: 0, peak: 0 };
    for (let round = 0; round < rounds; round += 1) {
      log(`jobs: sync pass ${round + 1}/${rounds}`);
      heap.start = heapMb();
      let seen = 0;
      const pass = client.meters.syncEnrollments({
        since,
        onCheckpoint: () => {
          // A reading every 25 pages; the forced GC is outside the timed loop's cost only roughly, so few of them.
          if (pass.pages % 25 !== 0) return;
          const now = heapMb();
          heap.peak = Math.max(heap.peak, now);
          if (heap.tenth === 0 && seen >= count / 10) heap.tenth = now;
        },
      });
      const started = performance.now();
      for await (const _enrollment of pass) seen += 1;
      rates.push(seen / ((performance.now() - started) / 1000));
      heap.end = heapMb();
      if (seen < count) throw new Error(`the sync saw ${seen} of ${count} meters`);
    }

    log('jobs: the bare loop (fetch + JSON.parse, no checks)');
    const pool = new Pool(mock.url, { connections: 1 });
    const bare: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      let seen = 0;
      let token: string | undefined;
      const started = performance.now();
      do {
        const answer = await pool.request({
          path: '/v2/meters/enrollments/search',
          method: 'POST',
          headers: { authorization: `Bearer ${MOCK_API_KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            last_modified_date_time: since,
            page_size: 200,
            ...(token ? { page_token: token } : {}),
          }),
        });
        const page = (await answer.body.json()) as { meters: unknown[]; next_page_token?: string | null };
        seen += page.meters.length;
        token = page.next_page_token ?? undefined;
      } while (token);
      bare.push(seen / ((performance.now() - started) / 1000));
    }
    await pool.close();

    const rate = median(rates);
    const peer = median(bare);
    const rows: Row[] = [
      {
        section: 'Jobs',
        figure: `Enrollment sync through createLeapClient, ${count.toLocaleString('en-US')} meters (pages of 200)`,
        measured: `${Math.round(rate).toLocaleString('en-US')} meters/s (median of ${rounds})`,
        target: '— (reported)',
        verdict: 'info',
        baseline: `bare loop without checks: ${Math.round(peer).toLocaleString('en-US')} meters/s (${Math.round((rate / peer) * 100)} %)`,
      },
      {
        section: 'Jobs',
        figure: `Client heap during the sync (after GC): start → 10 % → end, and the highest reading`,
        measured: `${heap.start.toFixed(1)} → ${heap.tenth.toFixed(1)} → ${heap.end.toFixed(1)} MB; peak ${heap.peak.toFixed(1)} MB`,
        target: 'flat (end within 5 MB of 10 %)',
        verdict: Math.abs(heap.end - heap.tenth) <= 5 ? 'pass' : 'fail',
      },
    ];
    return {
      rows,
      notes: [
        `The sync benchmark runs \`meters.syncEnrollments\` over ${count.toLocaleString('en-US')} synthetic meters of a mock Leap in its own process, counting each enrollment and keeping none: every page is checked against the zod schema, retried when safe and checkpointed, one page in memory at a time. The bare loop fetches and parses the same pages with nothing else.`,
      ],
    };
  } finally {
    await mock.stop();
  }
}
