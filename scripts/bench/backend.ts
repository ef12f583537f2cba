/**
 * The partner backend under load (loopback, autocannon): the backend in front of the mock Leap vs. the same call made
 * directly to the mock, alternated round by round so both see the same machine; then a sustained fixed-rate load.
 * The mock and the backend each run in their own child process (scripts/bench/servers.ts); autocannon runs here.
 */
import type { Options } from 'autocannon';
import { MOCK_API_KEY } from '../../src/mock/index.js';
import {
  markdownTable,
  median,
  ms,
  quantile,
  signedMb,
  sleep,
  verdict,
  type BenchOptions,
  type Row,
  type SectionReport,
} from './stats.js';
import { startChild } from './children.js';
import { load, type Load } from './load.js';

const ADDRESS = {
  street_1: '456 Main St',
  city: 'Bend',
  state_or_province_code: 'OR',
  postal_code: '97701',
  country_code: 'US',
};
export const LOOKUP = { operation_type: 'lookup', address: ADDRESS, building_type: 'RESIDENTIAL', device_ids: [123] };

export async function runBackend({ quick, log }: BenchOptions): Promise<SectionReport> {
  const mock = await startChild(['mock']);
  const backend = await startChild(['backend', mock.url]);
  const proxy = await startChild(['proxy', mock.url]);
  try {
    const session = await fetch(`${backend.url}/api/leap/session`, { method: 'POST' });
    const { token, reference_id: referenceId } = (await session.json()) as { token: string; reference_id: string };
    const through: Options = {
      url: `${backend.url}/api/leap/incentives`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(LOOKUP),
    };
    const direct: Options = {
      url: `${mock.url}/alpha/incentives`,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': MOCK_API_KEY },
      body: JSON.stringify({ ...LOOKUP, reference_id: 'bench-direct' }),
    };
    // The peer: the same body as the direct call (a bare proxy does not add the customer), through one more hop.
    const bare: Options = { ...direct, url: `${proxy.url}/api/leap/incentives` };
    const targets = { through, direct, bare } as const;
    type Which = keyof typeof targets;
    /** Rotates the order of the three series round by round, so none always runs first. */
    const orderOf = (round: number): Which[] => {
      const all: Which[] = ['through', 'direct', 'bare'];
      return [...all.slice(round % 3), ...all.slice(0, round % 3)];
    };
    // Both answer the same thing before anything is timed.
    const answers = await Promise.all(
      [through, direct, bare].map(async (o) => {
        const response = await fetch(o.url, { method: 'POST', headers: o.headers, body: o.body });
        const body = (await response.json()) as { incentives?: { total_incentive_amount?: number } };
        return {
          status: response.status,
          total: body.incentives?.total_incentive_amount,
          bytes: JSON.stringify(body).length,
        };
      }),
    );
    if (answers.some((a) => a.status !== 200 || a.total !== answers[0]!.total)) {
      throw new Error(`backend, mock and bare proxy disagree before the load test: ${JSON.stringify(answers)}`);
    }

    const rounds = quick ? 3 : 6;
    const latencySeconds = quick ? 1 : 2;
    const throughputSeconds = quick ? 2 : 4;

    log('backend: warm-up');
    for (const options of Object.values(targets)) await load({ ...options, connections: 4, duration: 1 });

    // Latency: one connection, one request at a time — the time one request takes, without queueing.
    const lat = { through: [] as Load[], direct: [] as Load[], bare: [] as Load[] };
    for (let round = 0; round < rounds; round++) {
      log(`backend: latency round ${round + 1}/${rounds}`);
      for (const which of orderOf(round)) {
        lat[which].push(await load({ ...targets[which], connections: 1, duration: latencySeconds }));
      }
    }
    // Throughput: 10 connections, as fast as the servers answer.
    const thr = { through: [] as Load[], direct: [] as Load[], bare: [] as Load[] };
    for (let round = 0; round < rounds; round++) {
      log(`backend: throughput round ${round + 1}/${rounds}`);
      for (const which of orderOf(round)) {
        thr[which].push(await load({ ...targets[which], connections: 10, duration: throughputSeconds }));
      }
    }

    const p = (loads: Load[], q: number) => median(loads.map((l) => quantile(l.latencies, q)));
    const p50Through = p(lat.through, 0.5);
    const p50Direct = p(lat.direct, 0.5);
    const p99Through = p(lat.through, 0.99);
    const p99Direct = p(lat.direct, 0.99);
    const overheadP50 = median(
      lat.through.map((l, i) => quantile(l.latencies, 0.5) - quantile(lat.direct[i]!.latencies, 0.5)),
    );
    const overheadP99 = median(
      lat.through.map((l, i) => quantile(l.latencies, 0.99) - quantile(lat.direct[i]!.latencies, 0.99)),
    );
    const rpsThrough = median(thr.through.map((l) => l.rps));
    const rpsDirect = median(thr.direct.map((l) => l.rps));
    const ratio = median(thr.through.map((l, i) => l.rps / thr.direct[i]!.rps));
    const rpsBare = median(thr.bare.map((l) => l.rps));
    const bareRatio = median(thr.bare.map((l, i) => l.rps / thr.direct[i]!.rps));
    const ofBare = median(thr.through.map((l, i) => l.rps / thr.bare[i]!.rps));
    const p50Bare = p(lat.bare, 0.5);
    const bareOverheadP50 = median(
      lat.bare.map((l, i) => quantile(l.latencies, 0.5) - quantile(lat.direct[i]!.latencies, 0.5)),
    );
    const loadErrors = [...Object.values(lat).flat(), ...Object.values(thr).flat()].reduce(
      (sum, l) => sum + l.errors + l.timeouts + l.non2xx,
      0,
    );

    // Sustained: a fixed rate the machine holds — 70 % of the slowest backend throughput round.
    const rate = Math.max(10, Math.floor(Math.min(...thr.through.map((l) => l.rps)) * 0.7));
    const sustainedSeconds = quick ? 10 : 60;
    await sleep(500);
    const memStart = { backend: await backend.memory(), mock: await mock.memory() };
    log(`backend: sustained ${rate} req/s for ${sustainedSeconds} s`);
    const sustained = await load({ ...through, connections: 10, duration: sustainedSeconds, overallRate: rate });
    await sleep(500);
    const memEnd = { backend: await backend.memory(), mock: await mock.memory() };

    const rows: Row[] = [
      {
        section: 'Backend',
        figure: 'POST /api/leap/incentives through the backend: p50 / p99 latency (1 connection)',
        measured: `${ms(p50Through, 3)} / ${ms(p99Through, 3)}`,
        target: '— (see overhead)',
        verdict: 'info',
        baseline: `direct mock call: ${ms(p50Direct, 3)} / ${ms(p99Direct, 3)}`,
      },
      {
        section: 'Backend',
        figure: 'Backend overhead, p50 (through − direct, same round)',
        measured: `${ms(overheadP50, 3)} (p99: ${ms(overheadP99, 3)})`,
        target: '≤ 1 ms',
        verdict: verdict(overheadP50 <= 1),
        baseline: `direct p50 ${ms(p50Direct, 3)}; a bare pass-through proxy adds ${ms(bareOverheadP50, 3)}`,
      },
      {
        section: 'Backend',
        figure: 'Throughput through the backend vs a bare pass-through proxy beside it (10 connections)',
        measured: `${rpsThrough.toFixed(0)} vs ${rpsBare.toFixed(0)} req/s = ${(ofBare * 100).toFixed(0)} % of the bare proxy`,
        target: '≥ 60 % of the bare proxy',
        verdict: verdict(ofBare >= 0.6),
        baseline: `direct mock call: ${rpsDirect.toFixed(0)} req/s (backend ${(ratio * 100).toFixed(0)} %, bare proxy ${(bareRatio * 100).toFixed(0)} % of it)`,
      },
      {
        section: 'Backend',
        figure: `Sustained ${rate} req/s for ${sustainedSeconds} s: errors + timeouts`,
        measured: `${sustained.errors + sustained.timeouts} (${sustained.ok} answered, ${sustained.rps.toFixed(0)} req/s achieved = ${((sustained.rps / rate) * 100).toFixed(0)} % of the rate; p50 ${ms(quantile(sustained.latencies, 0.5), 1)}, p99 ${ms(quantile(sustained.latencies, 0.99), 1)})`,
        target: '0',
        verdict: verdict(sustained.errors + sustained.timeouts === 0),
      },
      {
        section: 'Backend',
        figure: `Sustained ${rate} req/s for ${sustainedSeconds} s: non-2xx`,
        measured: String(sustained.non2xx),
        target: '0',
        verdict: verdict(sustained.non2xx === 0),
      },
      {
        section: 'Backend',
        figure: 'Sustained load: backend process memory, start → end (after GC)',
        measured: `RSS ${(memStart.backend.rss / 1048576).toFixed(1)} → ${(memEnd.backend.rss / 1048576).toFixed(1)} MB (${signedMb(memEnd.backend.rss - memStart.backend.rss, 1)}); heap ${(memStart.backend.heapUsed / 1048576).toFixed(1)} → ${(memEnd.backend.heapUsed / 1048576).toFixed(1)} MB (${signedMb(memEnd.backend.heapUsed - memStart.backend.heapUsed, 2)})`,
        target: 'flat (reported)',
        verdict: 'info',
        baseline: `mock process heap ${signedMb(memEnd.mock.heapUsed - memStart.mock.heapUsed, 2)}, RSS ${signedMb(memEnd.mock.rss - memStart.mock.rss, 1)}`,
      },
    ];
    const notes = [
      'Backend: the mock Leap (`listen(createMockLeap())`) and the partner backend in front of it (`createLeapHandler` with ' +
        'the mock key, rate limiting off, logger silenced) each run in their own child process (`scripts/bench/servers.ts` ' +
        'via `node --import tsx`); autocannon 8 runs in the parent. On 2 cores the backend path keeps three processes ' +
        'busy (autocannon, backend, mock) and the direct path two, which is part of what the throughput ratio shows. ' +
        'The nearest peer, measured the same way, is a bare pass-through proxy (`servers.ts proxy`: node:http, undici ' +
        'keep-alive pool, adds the API key, no session, no validation, no CORS): what any server in front of the mock ' +
        'costs at the least. It shows how much of the gap to the direct call is the extra hop itself on this machine.',
      `Request: \`POST /api/leap/incentives\` with \`${JSON.stringify(LOOKUP)}\` and a Bearer token from ` +
        `\`POST /api/leap/session\` (reference id ${referenceId}), against \`POST {mock}/alpha/incentives\` with ` +
        '`x-api-key` and a `reference_id` in the body; both were checked to give the same answer first.',
      `Latency: ${rounds} rounds, each ${latencySeconds} s through the backend, direct and through the bare proxy, the ` +
        'order rotated each round, 1 connection so a request never waits behind another. Percentiles are computed from every ' +
        '2xx response time (autocannon `response` events, sub-millisecond) per round; the figure is the median over ' +
        'rounds, and the overhead is the median of per-round differences. Throughput: the same alternation with 10 ' +
        `connections for ${throughputSeconds} s each; the ratio is the median of per-round ratios. Errors, timeouts ` +
        `and non-2xx answers across these runs: ${loadErrors}.`,
      `Sustained: autocannon \`overallRate\` ${rate} req/s (70 % of the slowest backend throughput round above), ` +
        `10 connections, ${sustainedSeconds} s. Memory is \`process.memoryUsage()\` of each server process after ` +
        `\`global.gc()\`, just before and just after. Latency during the sustained run: p50 ` +
        `${ms(quantile(sustained.latencies, 0.5), 2)}, p99 ${ms(quantile(sustained.latencies, 0.99), 2)}.`,
    ];
    const details = [
      `Backend rounds (latency at 1 connection; throughput at 10 connections):\n\n${markdownTable(
        [
          'Round',
          'through p50',
          'direct p50',
          'bare proxy p50',
          'through p99',
          'direct p99',
          'through req/s',
          'direct req/s',
          'bare proxy req/s',
        ],
        lat.through.map((l, i) => [
          String(i + 1),
          ms(quantile(l.latencies, 0.5), 3),
          ms(quantile(lat.direct[i]!.latencies, 0.5), 3),
          ms(quantile(lat.bare[i]!.latencies, 0.5), 3),
          ms(quantile(l.latencies, 0.99), 3),
          ms(quantile(lat.direct[i]!.latencies, 0.99), 3),
          thr.through[i]!.rps.toFixed(0),
          thr.direct[i]!.rps.toFixed(0),
          thr.bare[i]!.rps.toFixed(0),
        ]),
      )}`,
    ];
    const comparisons = [
      `Direct mock call baseline: p50 ${ms(p50Direct, 3)}, p99 ${ms(p99Direct, 3)}, ${rpsDirect.toFixed(0)} req/s. ` +
        `Through the backend: p50 ${ms(p50Through, 3)}, p99 ${ms(p99Through, 3)}, ${rpsThrough.toFixed(0)} req/s ` +
        `(${(ratio * 100).toFixed(0)} % of direct). Nearest peer, a bare pass-through proxy: p50 ${ms(p50Bare, 3)}, ` +
        `${rpsBare.toFixed(0)} req/s (${(bareRatio * 100).toFixed(0)} % of direct); the backend, which also checks the ` +
        `session, the body and the answer, reaches ${(ofBare * 100).toFixed(0)} % of the bare proxy's throughput.`,
    ];
    return { rows, notes, details, comparisons };
  } finally {
    await backend.stop();
    await proxy.stop();
    await mock.stop();
  }
}
