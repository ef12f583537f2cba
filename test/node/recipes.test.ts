/**
 * The "Integrate" recipes of docs/backend.md, copied as written into a fresh app that installed the packed package: Express,
 * plain Node, a Next.js route handler, and a Cloudflare Worker bundled with esbuild and run in workerd (miniflare,
 * no `nodejs_compat`). Each answers a session, a lookup (embedded mock) and refuses a foreign origin.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { Miniflare, Response as MiniflareResponse } from 'miniflare';
import { createMockLeap } from '../../src/mock/index.js';
import { freshApp, docsRecipe, root, type FreshApp } from '../../scripts/fresh-install.js';
import { freePort, startProcess } from '../support/processes.js';
import { BEND } from './support.js';

const LOOKUP = JSON.stringify({ address: BEND, building_type: 'RESIDENTIAL', device_ids: [123] });
type Fetcher = (path: string, init?: RequestInit) => Promise<Response>;

/** What every recipe must do: a session, a lookup with its token, and a 403 naming a foreign origin. */
async function assertBackendWorks(call: Fetcher): Promise<void> {
  const session = await call('/api/leap/session', { method: 'POST' });
  assert.equal(session.status, 200);
  const { token, reference_id } = (await session.json()) as { token: string; reference_id: string };
  assert.match(reference_id, /^guest_/);
  const lookup = await call('/api/leap/incentives', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: LOOKUP,
  });
  assert.equal(lookup.status, 200);
  const result = (await lookup.json()) as { incentives: { total_incentive_amount: number } };
  assert.equal(result.incentives.total_incentive_amount, 750);
  const refused = await call('/api/leap/session', { method: 'POST', headers: { origin: 'https://elsewhere.example' } });
  assert.equal(refused.status, 403);
  const body = (await refused.json()) as { details: { origin: string; reason: string } };
  assert.equal(body.details.origin, 'https://elsewhere.example');
  assert.match(body.details.reason, /allowedOrigins/);
}

describe('docs/backend.md recipes, from the packed package', { timeout: 180_000 }, () => {
  let app: FreshApp;
  before(() => {
    app = freshApp(['express@^5']);
  });
  after(() => app.remove());

  it('Express: mounted before express.json()', async () => {
    app.write('express-server.mjs', docsRecipe('express'));
    const port = await freePort();
    const server = await startProcess(process.execPath, ['express-server.mjs'], {
      cwd: app.dir,
      env: { PORT: String(port), LEAP_MOCK: '1' },
      ready: /listening on \d+/,
    });
    await assertBackendWorks((path, init) => fetch(`http://127.0.0.1:${port}${path}`, init));
    assert.equal(await server.stop(), null);
  });

  it('plain Node: listen()', async () => {
    app.write('node-server.mjs', docsRecipe('node'));
    const server = await startProcess(process.execPath, ['node-server.mjs'], {
      cwd: app.dir,
      env: { PORT: String(await freePort()), LEAP_MOCK: '1' },
      ready: /listening on (http:\/\/\S+)/,
    });
    await assertBackendWorks((path, init) => fetch(`${server.url}${path}`, init));
  });

  it('a recipe with neither LEAP_API_KEY nor LEAP_MOCK stops at start, naming both, instead of serving sample data', () => {
    const started = spawnSync(process.execPath, ['node-server.mjs'], {
      cwd: app.dir,
      env: { ...process.env, PORT: '0', LEAP_API_KEY: '', LEAP_MOCK: '' },
      encoding: 'utf8',
    });
    assert.notEqual(started.status, 0);
    assert.match(started.stderr, /apiKey is required \(set LEAP_API_KEY\), or pass mock: true/);
    assert.doesNotMatch(started.stdout, /listening/);
  });

  it('Next.js: the route handler module answers GET, POST and OPTIONS', async () => {
    const route = app.write('app/api/leap/[...path]/route.ts', docsRecipe('nextjs'));
    await build({ entryPoints: [route], outfile: join(app.dir, 'route.mjs'), format: 'esm', logLevel: 'silent' });
    const script = `
      const route = await import('./route.mjs');
      const answers = [];
      const session = await route.POST(new Request('http://shop.test/api/leap/session', { method: 'POST' }), { params: Promise.resolve({}) });
      answers.push(session.status);
      const preflight = await route.OPTIONS(new Request('http://shop.test/api/leap/incentives', { method: 'OPTIONS', headers: { origin: 'http://shop.test', 'access-control-request-method': 'POST' } }));
      answers.push(preflight.status);
      const doc = await route.GET(new Request('http://shop.test/api/leap/openapi.json'));
      answers.push(doc.status, (await doc.json()).openapi);
      console.log(JSON.stringify(answers));`;
    const result = app.run(process.execPath, ['--input-type=module', '-e', script], { LEAP_MOCK: '1' });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), [200, 204, 200, '3.1.0']);
  });

  describe('Cloudflare Workers: bundled with esbuild, run in workerd without nodejs_compat', () => {
    let script = '';
    before(async () => {
      const entry = app.write('src/worker.ts', docsRecipe('workers'));
      const bundle = await build({
        entryPoints: [entry],
        bundle: true,
        format: 'esm',
        platform: 'neutral',
        conditions: ['workerd', 'worker', 'browser'],
        mainFields: ['module', 'main'],
        write: false,
        logLevel: 'silent',
      });
      script = bundle.outputFiles[0]!.text;
    });

    const worker = (bindings: Record<string, string>, outbound?: (request: Request) => Promise<Response>) => {
      const mf = new Miniflare({
        modules: true,
        script,
        compatibilityDate: '2025-09-01',
        bindings,
        ...(outbound
          ? {
              outboundService: async (request: {
                url: string;
                method: string;
                headers: Headers;
                text(): Promise<string>;
              }) => {
                const body = request.method === 'GET' ? undefined : await request.text();
                const answer = await outbound(
                  new Request(request.url, { method: request.method, headers: request.headers, body }),
                );
                return new MiniflareResponse(await answer.text(), {
                  status: answer.status,
                  headers: Object.fromEntries(answer.headers),
                });
              },
            }
          : {}),
      });
      after(() => mf.dispose());
      return (path: string, init: RequestInit = {}) =>
        mf.dispatchFetch(`http://shop.test${path}`, init as never) as unknown as Promise<Response>;
    };

    it('is the size docs/backend.md gives (minified, gzip, as esbuild and wrangler bundle it)', async () => {
      const minified = await build({
        entryPoints: [join(app.dir, 'src/worker.ts')],
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'neutral',
        conditions: ['workerd', 'worker', 'browser'],
        mainFields: ['module', 'main'],
        write: false,
        logLevel: 'silent',
      });
      const kb = gzipSync(minified.outputFiles[0]!.contents, { level: 9 }).length / 1024;
      const stated = Number(
        /about (\d+) KB gzip\s+minified/.exec(readFileSync(join(root, 'docs/backend.md'), 'utf8'))?.[1],
      );
      assert.ok(
        Math.abs(kb - stated) <= 1,
        `docs/backend.md says about ${stated} KB gzip; esbuild makes ${kb.toFixed(1)} KB`,
      );
    });

    it('imports nothing from Node', () => {
      assert.doesNotMatch(script, /from\s*["']node:|require\(["']node:|from\s*["']undici/);
    });

    it('with LEAP_MOCK=1: the embedded mock answers inside the worker', async () => {
      await assertBackendWorks(
        worker({ LEAP_MOCK: '1', LEAP_SESSION_SECRET: 'g0FTzkhMG21oCDH+S70u4qa4l5jOXyZDWCLjB/7TaEphBnHm' }),
      );
    });

    it('with LEAP_API_KEY: calls Leap with the key, which never reaches the browser', async () => {
      const key = 'leap_live_WORKER_KEY_0123456789';
      const mock = createMockLeap();
      const seen: string[] = [];
      const call = worker(
        { LEAP_API_KEY: key, LEAP_SESSION_SECRET: 'g0FTzkhMG21oCDH+S70u4qa4l5jOXyZDWCLjB/7TaEphBnHm' },
        (request) => {
          seen.push(`${new URL(request.url).host} ${request.headers.get('x-api-key')}`);
          return mock(request);
        },
      );
      const session = (await (await call('/api/leap/session', { method: 'POST' })).json()) as { token: string };
      const lookup = await call('/api/leap/incentives', {
        method: 'POST',
        headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
        body: LOOKUP,
      });
      const text = await lookup.text();
      assert.equal(lookup.status, 200);
      assert.deepEqual(seen, [`api.incentives.leap.energy ${key}`]);
      assert.ok(!text.includes(key));
      assert.ok(![...lookup.headers.values()].some((value) => value.includes(key)));
    });
  });
});
