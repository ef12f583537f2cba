/**
 * What deploying costs a partner: the size of a browser-only install, the Workers bundle of the recipe in docs/backend.md, and
 * throughput when two backend instances share one Redis for their rate limits, beside one instance.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { freshApp, docsRecipe } from '../fresh-install.js';
import { LOOKUP } from './backend.js';
import { startChild } from './children.js';
import { load, type Load } from './load.js';
import { median, type BenchOptions, type Row, type SectionReport } from './stats.js';
import { ensureRedisServer, startRedis } from '../../test/support/redis.mjs';

/** Before the package split: what `npm install leap-elements` brought (measured when the split was planned). */
const BEFORE_SPLIT = { packages: 16, megabytes: 25 };

function sizeOf(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + sizeOf(join(path, entry)), 0);
}

function packagesIn(modules: string): string[] {
  return readdirSync(modules)
    .filter((entry) => !entry.startsWith('.'))
    .flatMap((entry) =>
      entry.startsWith('@') ? readdirSync(join(modules, entry)).map((i) => `${entry}/${i}`) : [entry],
    );
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function runDeploy({ quick, log }: BenchOptions): Promise<SectionReport> {
  log('deploy: browser-only install from the packed package');
  const app = freshApp();
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    const modules = join(app.dir, 'node_modules');
    const packages = packagesIn(modules);
    const installed = sizeOf(modules);
    const own = sizeOf(join(modules, 'leap-elements'));
    rows.push({
      section: 'Deploy',
      figure: 'Browser-only install (`npm install leap-elements` into an empty folder)',
      measured: `${packages.length} packages, ${(installed / 1048576).toFixed(1)} MB (leap-elements itself ${(own / 1048576).toFixed(1)} MB)`,
      target: 'the Lit family only',
      verdict: packages.every((name) =>
        /^(leap-elements|lit|lit-html|lit-element|@lit\/(reactive-element|task)|@lit-labs\/ssr-dom-shim|@types\/trusted-types)$/.test(
          name,
        ),
      )
        ? 'pass'
        : 'fail',
      baseline: `before the split: ${BEFORE_SPLIT.packages} packages, ${BEFORE_SPLIT.megabytes} MB; installed: ${packages.join(', ')}`,
    });

    log('deploy: the Workers recipe of docs/backend.md, bundled with esbuild');
    const entry = app.write('src/worker.ts', docsRecipe('workers'));
    const bundle = async (minify: boolean) =>
      (
        await build({
          entryPoints: [entry],
          bundle: true,
          minify,
          format: 'esm',
          platform: 'neutral',
          conditions: ['workerd', 'worker', 'browser'],
          mainFields: ['module', 'main'],
          write: false,
          logLevel: 'silent',
        })
      ).outputFiles[0]!.contents;
    const plain = await bundle(false);
    const minified = await bundle(true);
    rows.push({
      section: 'Deploy',
      figure:
        'Cloudflare Workers bundle of `leap-elements/server` (the recipe in docs/backend.md, embedded mock included)',
      measured: `${kb(gzipSync(minified).length)} gzip minified (${kb(minified.length)} raw); unminified ${kb(plain.length)}`,
      target: '< 1 MB gzip (Workers free plan: 3 MB)',
      verdict: gzipSync(minified).length < 1024 * 1024 ? 'pass' : 'fail',
    });
  } finally {
    app.remove();
  }

  log('deploy: two backend instances sharing Redis vs one');
  ensureRedisServer({ log });
  const redis = await startRedis();
  const mock = await startChild(['mock']);
  const memory = await startChild(['backend', mock.url]);
  const shared = [
    await startChild(['backend-redis', mock.url, redis.url]),
    await startChild(['backend-redis', mock.url, redis.url]),
  ];
  try {
    const target = async (url: string) => {
      const { token } = (await (await fetch(`${url}/api/leap/session`, { method: 'POST' })).json()) as {
        token: string;
      };
      return {
        url: `${url}/api/leap/incentives`,
        method: 'POST' as const,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(LOOKUP),
      };
    };
    const one = await target(memory.url);
    const oneRedis = await target(shared[0]!.url);
    const two = [oneRedis, await target(shared[1]!.url)];
    const seconds = quick ? 2 : 4;
    const rounds = quick ? 2 : 4;
    const results = { one: [] as number[], oneRedis: [] as number[], two: [] as number[] };
    const errors: number[] = [];
    const count = (loads: Load[]) => {
      errors.push(...loads.map((l) => l.errors + l.timeouts + l.non2xx));
      return loads.reduce((sum, l) => sum + l.rps, 0);
    };
    await load({ ...one, connections: 4, duration: 1 });
    for (let round = 0; round < rounds; round += 1) {
      results.one.push(count([await load({ ...one, connections: 10, duration: seconds })]));
      results.oneRedis.push(count([await load({ ...oneRedis, connections: 10, duration: seconds })]));
      // The load split over both instances, as a load balancer would: 5 connections each, at the same time.
      results.two.push(count(await Promise.all(two.map((t) => load({ ...t, connections: 5, duration: seconds })))));
    }
    const [rpsOne, rpsOneRedis, rpsTwo] = [median(results.one), median(results.oneRedis), median(results.two)];
    rows.push({
      section: 'Deploy',
      figure: 'Throughput, two instances sharing one Redis for rate limits (10 connections over both)',
      measured: `${rpsTwo.toFixed(0)} req/s (${((rpsTwo / rpsOne) * 100).toFixed(0)} % of one instance)`,
      target: '— (reported)',
      verdict: 'info',
      baseline: `one instance, memory store: ${rpsOne.toFixed(0)} req/s; one instance on Redis: ${rpsOneRedis.toFixed(0)} req/s; errors and non-2xx: ${errors.reduce((a, b) => a + b, 0)}`,
    });
    notes.push(
      'Deploy: the browser-only install is `npm install <packed tarball>` into an empty folder (npm cache, no other ' +
        'package), counted from node_modules. The Workers bundle is the docs/backend.md recipe bundled by esbuild for a ' +
        'neutral platform (conditions workerd, worker, browser), as wrangler does, with and without minification.',
      `Deploy: throughput is the same lookup as the Backend section, ${rounds} rounds of ${seconds} s, all on this ` +
        'machine: the mock, one backend with the memory store, and two backends with `RedisRateLimitStore` on one ' +
        'redis-server (limits set high so every request is counted and none refused). On 2 cores, more processes ' +
        'share the same CPUs: the figure shows what the shared store costs, not how far instances on separate ' +
        'machines scale.',
    );
  } finally {
    for (const child of [...shared, memory, mock]) await child.stop();
    await redis.stop();
  }
  return { rows, notes };
}
