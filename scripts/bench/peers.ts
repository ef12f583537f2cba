/**
 * leap-elements beside what a partner would write by hand: the handler (`createLeapHandler` + `listen`) and
 * `leap-elements serve`, the Express 5 and Fastify 5 backends of peers/, and the bare pass-through proxy, all in front
 * of one fake Leap (fake-upstream.ts) in child processes. Each round runs every backend once per answer size and
 * connection count, the order rotated round by round; a ratio compares two backends within the same round.
 */
import type { Options } from 'autocannon';
import { ANSWER_SIZES, type AnswerSize } from './answers.js';
import { LOOKUP } from './backend.js';
import { startChild, type Child, type Memory } from './children.js';
import { load } from './load.js';
import { PAGE_ORIGIN } from './peers/common.js';
import { peerReport, type PeerRuns } from './peer-report.js';
import type { BenchOptions, SectionReport } from './stats.js';

export const BACKENDS = ['handler', 'serve', 'express', 'fastify', 'proxy'] as const;
export type Backend = (typeof BACKENDS)[number];

/** Which part of the matrix to run: `--peer-sizes=1k,500k`, `--peer-connections=10`. */
export interface PeerMatrix {
  sizes: AnswerSize[];
  connections: number[];
}

export const FULL_MATRIX: PeerMatrix = { sizes: ['1k', '50k', '500k'], connections: [10, 100] };

/** The matrix the command line asks for, or a one-line problem. */
export function peerMatrix(args: string[]): PeerMatrix | string {
  const list = (name: string) =>
    args
      .find((a) => a.startsWith(`--${name}=`))
      ?.slice(name.length + 3)
      .split(',')
      .map((s) => s.trim());
  const sizes = list('peer-sizes') ?? FULL_MATRIX.sizes;
  const connections = (list('peer-connections') ?? FULL_MATRIX.connections.map(String)).map(Number);
  const badSize = sizes.find((s) => !(s in ANSWER_SIZES));
  if (badSize) return `--peer-sizes: unknown size "${badSize}" (sizes: ${Object.keys(ANSWER_SIZES).join(', ')})`;
  if (connections.some((n) => !Number.isInteger(n) || n < 1 || n > 1000)) {
    return '--peer-connections: a comma list of connection counts from 1 to 1000, such as 10,100';
  }
  return { sizes: sizes as AnswerSize[], connections };
}

/** Rotates `items` by `by` places, so no backend (or size) always runs first. */
const rotate = <T>(items: readonly T[], by: number): T[] => [
  ...items.slice(by % items.length),
  ...items.slice(0, by % items.length),
];

export async function runPeers({ quick, log }: BenchOptions, matrix: PeerMatrix = FULL_MATRIX): Promise<SectionReport> {
  const upstream = await startChild(['upstream']);
  const children = {} as Record<Backend, Child>;
  try {
    for (const backend of BACKENDS) children[backend] = await startChild([backend, upstream.url]);
    const targets = await requestsFor(children);
    for (const size of matrix.sizes) {
      await upstream.answerSize(ANSWER_SIZES[size]);
      await checkSameAnswers(targets, size);
    }

    const rounds = quick ? 2 : 5;
    const seconds = quick ? 1.5 : 3;
    log(`peers: warm-up (${matrix.sizes.join(', ')})`);
    for (const size of matrix.sizes) {
      await upstream.answerSize(ANSWER_SIZES[size]);
      for (const backend of BACKENDS) await load({ ...targets[backend], connections: 10, duration: 1 });
    }
    const memoryBefore = await memories(children);

    const runs: PeerRuns = [];
    for (let round = 0; round < rounds; round += 1) {
      for (const size of rotate(matrix.sizes, round)) {
        log(`peers: round ${round + 1}/${rounds}, ${size} answers`);
        await upstream.answerSize(ANSWER_SIZES[size]);
        for (const connections of matrix.connections) {
          for (const backend of rotate(BACKENDS, round)) {
            const result = await load({ ...targets[backend], connections, duration: seconds });
            runs.push({ round, size, connections, backend, load: result });
          }
        }
      }
    }
    const memoryAfter = await memories(children);
    return peerReport({ runs, matrix, rounds, seconds, memoryBefore, memoryAfter });
  } finally {
    for (const child of [...Object.values(children), upstream]) await child.stop();
  }
}

/** The same lookup for every backend, with a token from the leap-elements backend (the peers verify the same JWT). */
async function requestsFor(children: Record<Backend, Child>): Promise<Record<Backend, Options>> {
  const session = await fetch(`${children.handler.url}/api/leap/session`, { method: 'POST' });
  const { token, reference_id: referenceId } = (await session.json()) as { token: string; reference_id: string };
  const request = (url: string, body: object): Options => ({
    url: `${url}/api/leap/incentives`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, origin: PAGE_ORIGIN },
    body: JSON.stringify(body),
  });
  const targets = {} as Record<Backend, Options>;
  for (const backend of BACKENDS) {
    // The bare proxy adds nothing: it is sent the customer's reference id the others take from the token.
    targets[backend] = request(
      children[backend].url,
      backend === 'proxy' ? { ...LOOKUP, reference_id: referenceId } : LOOKUP,
    );
  }
  return targets;
}

/** Every backend answers the same JSON, and every one but the bare proxy grants the page origin, before any timing. */
async function checkSameAnswers(targets: Record<Backend, Options>, size: AnswerSize): Promise<void> {
  const answers = await Promise.all(
    BACKENDS.map(async (backend) => {
      const { url, method, headers, body } = targets[backend];
      const response = await fetch(url, { method, headers, body });
      const text = await response.text();
      return { backend, status: response.status, cors: response.headers.get('access-control-allow-origin'), text };
    }),
  );
  const parsed = answers.map((a) => JSON.stringify(JSON.parse(a.text)));
  const wrong = answers.filter(
    (a, i) =>
      a.status !== 200 ||
      parsed[i] !== parsed[0] ||
      (a.backend !== 'proxy' && a.cors !== PAGE_ORIGIN) ||
      Buffer.byteLength(a.text) < ANSWER_SIZES[size] * 0.9,
  );
  if (wrong.length) {
    throw new Error(
      `peers disagree at ${size}: ${wrong.map((a) => `${a.backend} ${a.status} cors=${a.cors} ${a.text.slice(0, 200)}`).join('; ')}`,
    );
  }
}

async function memories(children: Record<Backend, Child>): Promise<Record<Backend, Memory>> {
  const out = {} as Record<Backend, Memory>;
  for (const backend of BACKENDS) out[backend] = await children[backend].memory();
  return out;
}
