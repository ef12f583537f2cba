/**
 * The peer benchmark's figures: for each answer size and connection count, leap-elements' throughput over each
 * peer's in the same round, as the median and range over rounds; the targets (≥ 1.0× every hand-written peer, ≥ 60 %
 * of the bare proxy at 1 KB); and each server process's memory after the run.
 */
import { ANSWER_SIZES, type AnswerSize } from './answers.js';
import type { Memory } from './children.js';
import type { Load } from './load.js';
import type { Backend, PeerMatrix } from './peers.js';
import { markdownTable, median, type Row, type SectionReport } from './stats.js';

export type PeerRuns = Array<{ round: number; size: AnswerSize; connections: number; backend: Backend; load: Load }>;

const OURS = ['handler', 'serve'] as const;
const HAND_WRITTEN = ['express', 'fastify'] as const;
const NAMES: Record<Backend, string> = {
  handler: 'leap-elements handler',
  serve: 'leap-elements serve',
  express: 'Express 5',
  fastify: 'Fastify 5',
  proxy: 'bare proxy',
};
const SIZE_LABEL: Record<AnswerSize, string> = { '1k': '1 KB', '50k': '50 KB', '500k': '500 KB' };
/** Throughput over the bare proxy's that leap-elements aims at with 1 KB answers. */
const BARE_TARGET = 0.6;

interface Ratio {
  median: number;
  min: number;
  max: number;
}

const times = (r: Ratio) => `${r.median.toFixed(2)}× (${r.min.toFixed(2)}–${r.max.toFixed(2)})`;
const percent = (r: Ratio) =>
  `${(r.median * 100).toFixed(0)} % (${(r.min * 100).toFixed(0)}–${(r.max * 100).toFixed(0)} %)`;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

export function peerReport(input: {
  runs: PeerRuns;
  matrix: PeerMatrix;
  rounds: number;
  seconds: number;
  memoryBefore: Record<Backend, Memory>;
  memoryAfter: Record<Backend, Memory>;
}): SectionReport {
  const { runs, matrix, rounds, seconds, memoryBefore, memoryAfter } = input;
  const rpsOf = (size: AnswerSize, connections: number, backend: Backend) =>
    runs
      .filter((r) => r.size === size && r.connections === connections && r.backend === backend)
      .sort((a, b) => a.round - b.round)
      .map((r) => r.load.rps);
  const ratio = (size: AnswerSize, connections: number, ours: Backend, peer: Backend): Ratio => {
    const mine = rpsOf(size, connections, ours);
    const theirs = rpsOf(size, connections, peer);
    const each = mine.map((rps, i) => rps / theirs[i]!);
    return { median: median(each), min: Math.min(...each), max: Math.max(...each) };
  };

  const rows: Row[] = [];
  const matrixRows: string[][] = [];
  for (const size of matrix.sizes) {
    for (const connections of matrix.connections) {
      for (const ours of OURS) {
        const vs = Object.fromEntries(
          (['express', 'fastify', 'proxy'] as const).map((peer) => [peer, ratio(size, connections, ours, peer)]),
        ) as Record<'express' | 'fastify' | 'proxy', Ratio>;
        const slowest = Math.min(...HAND_WRITTEN.map((peer) => vs[peer].median));
        const bareCounts = size === '1k';
        const ok = slowest >= 1 && (!bareCounts || vs.proxy.median >= BARE_TARGET);
        rows.push({
          section: 'Peers',
          figure: `${NAMES[ours]} throughput over each peer's, ${SIZE_LABEL[size]} answers, ${connections} connections (median of ${rounds} rounds, range)`,
          measured: `Express ${times(vs.express)} · Fastify ${times(vs.fastify)} · bare proxy ${percent(vs.proxy)}`,
          target: bareCounts
            ? '≥ 1.0× each hand-written peer; ≥ 60 % of the bare proxy'
            : '≥ 1.0× each hand-written peer',
          verdict: ok ? 'pass' : 'fail',
          baseline: `median req/s: ${[ours, ...HAND_WRITTEN, 'proxy' as const]
            .map((b) => `${NAMES[b]} ${median(rpsOf(size, connections, b)).toFixed(0)}`)
            .join(', ')}`,
        });
        matrixRows.push([
          SIZE_LABEL[size],
          String(connections),
          NAMES[ours],
          times(vs.express),
          times(vs.fastify),
          percent(vs.proxy),
        ]);
      }
    }
  }
  rows.push({
    section: 'Peers',
    figure: 'Server memory after the peer run (RSS; heap used after GC), change since the warm-up',
    measured: (Object.keys(memoryAfter) as Backend[])
      .map(
        (b) =>
          `${NAMES[b]} ${mb(memoryAfter[b].rss)} (${signed(memoryAfter[b].rss - memoryBefore[b].rss)}); heap ${mb(memoryAfter[b].heapUsed)} (${signed(memoryAfter[b].heapUsed - memoryBefore[b].heapUsed)})`,
      )
      .join(' · '),
    target: '— (reported)',
    verdict: 'info',
  });

  const errors = runs.reduce((sum, r) => sum + r.load.errors + r.load.timeouts + r.load.non2xx, 0);
  const notes = [
    'Peers: six servers in their own processes on this machine: a fake Leap (`node:http`, checks the key, echoes the ' +
      "customer's reference id into a pre-built incentives answer of about 1 KB, 50 KB or 500 KB: the mock's " +
      'lookup answer with more programs of the same shape, non-ASCII text included), and in front of it ' +
      '`createLeapHandler` + `listen` with no `fetch` option, `leap-elements serve` configured by environment, ' +
      'an Express 5 backend (cors, express-rate-limit, express.json, jsonwebtoken, a zod body schema, the global ' +
      'fetch, `res.json(await answer.json())`), a Fastify 5 backend (@fastify/cors, @fastify/rate-limit, ' +
      '@fastify/jwt, a JSON Schema for the body, the global fetch, the parsed answer sent as an object), and the bare ' +
      'pass-through proxy (node:http + an undici pool, no checks). Every backend except the bare proxy checks the ' +
      'HS256 session token from `POST /session`, grants the page origin by allow-list, counts every request against ' +
      'a rate limit too high to refuse, and validates the body; leap-elements also checks Leap’s answer against its ' +
      'schema and that no secret is in it. All answer the same JSON (checked before timing).',
    `Peers: ${rounds} rounds; in each, every backend runs ${seconds} s per answer size and connection count ` +
      '(autocannon in the parent process), the order of backends and sizes rotated round by round. A ratio is ' +
      'leap-elements’ req/s over the peer’s in the same round; the figure is the median over rounds, with the lowest ' +
      `and highest round in brackets. Errors, timeouts and non-2xx answers across these runs: ${errors}. Memory is ` +
      '`process.memoryUsage()` of each server process after `global.gc()`, after the warm-up and after the last round.',
  ];
  const details = [
    `Peer throughput ratios (leap-elements over the peer, same round; median and range over ${rounds} rounds):\n\n${markdownTable(
      ['Answer', 'Connections', 'leap-elements', 'vs Express 5', 'vs Fastify 5', 'of the bare proxy'],
      matrixRows,
    )}`,
    `Peer throughput per round (req/s):\n\n${markdownTable(
      [
        'Answer',
        'Connections',
        'Round',
        ...(['handler', 'serve', 'express', 'fastify', 'proxy'] as const).map((b) => NAMES[b]),
      ],
      matrix.sizes.flatMap((size) =>
        matrix.connections.flatMap((connections) =>
          Array.from({ length: rounds }, (_, round) => [
            SIZE_LABEL[size],
            String(connections),
            String(round + 1),
            ...(['handler', 'serve', 'express', 'fastify', 'proxy'] as const).map((b) =>
              rpsOf(size, connections, b)[round]!.toFixed(0),
            ),
          ]),
        ),
      ),
    )}`,
  ];
  const sizes = matrix.sizes.map((s) => `${SIZE_LABEL[s]} ≈ ${ANSWER_SIZES[s]} bytes or a little more`).join(', ');
  const comparisons = [`Peers (${sizes}): ${summary(matrix, ratio)}`];
  return { rows, notes, details, comparisons };
}

function signed(bytes: number): string {
  const value = bytes / 1048576;
  return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)} MB`;
}

/** One sentence: the lowest median ratio of each leap-elements server against the hand-written peers. */
function summary(
  matrix: PeerMatrix,
  ratio: (size: AnswerSize, connections: number, ours: Backend, peer: Backend) => Ratio,
): string {
  return (
    OURS.map((ours) => {
      let lowest = { value: Number.POSITIVE_INFINITY, where: '' };
      for (const size of matrix.sizes) {
        for (const connections of matrix.connections) {
          for (const peer of HAND_WRITTEN) {
            const value = ratio(size, connections, ours, peer).median;
            if (value < lowest.value)
              lowest = { value, where: `${NAMES[peer]}, ${SIZE_LABEL[size]}, ${connections} connections` };
          }
        }
      }
      return `${NAMES[ours]}'s lowest median ratio to a hand-written peer is ${lowest.value.toFixed(2)}× (${lowest.where})`;
    }).join('; ') + '.'
  );
}
