/**
 * `npm install leap-elements` into an empty folder, from the packed tarball: what it brings, what each entry needs,
 * and what their type declarations reference.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { freshApp, root, type FreshApp } from '../../scripts/fresh-install.js';

/** The Lit family and nothing else (lit-html brings its trusted-types typings). */
const LIT_FAMILY = [
  '@lit-labs/ssr-dom-shim',
  '@lit/reactive-element',
  '@lit/task',
  '@types/trusted-types',
  'leap-elements',
  'lit',
  'lit-element',
  'lit-html',
];

function installedPackages(dir: string): string[] {
  const modules = join(dir, 'node_modules');
  const names: string[] = [];
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) for (const inner of readdirSync(join(modules, entry))) names.push(`${entry}/${inner}`);
    else names.push(entry);
  }
  return names.sort();
}

/** Bare module specifiers a declaration file graph reaches from `entry` (relative imports followed). */
function declarationImports(entry: string): Set<string> {
  const bare = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    // Examples in doc comments are not imports.
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)) {
      const specifier = match[1]!;
      if (!specifier.startsWith('.')) {
        bare.add(specifier);
        continue;
      }
      const base = posix.join(dirname(file), specifier).replace(/\.js$/, '');
      const target = [`${base}.d.ts`, join(base, 'index.d.ts')].find(existsSync);
      assert.ok(target, `${file} imports ${specifier}, which has no declaration file`);
      visit(target);
    }
  };
  visit(entry);
  return bare;
}

describe('a browser-only install (npm install leap-elements)', { timeout: 120_000 }, () => {
  let app: FreshApp;
  before(() => {
    app = freshApp();
  });
  after(() => app.remove());

  it('installs the Lit family only: no hono, jose, undici, zod, React or their types', () => {
    assert.deepEqual(installedPackages(app.dir), LIT_FAMILY);
  });

  it('runs the backend, its Node adapter and the mock with nothing else installed', () => {
    const script = `
      const { createLeapHandler } = await import('leap-elements/server');
      const { listen, nodeFetch, toNodeListener } = await import('leap-elements/server/node');
      const { createMockLeap } = await import('leap-elements/mock');
      const handler = createLeapHandler({ mock: true, logger: () => {} });
      const session = await handler(new Request('http://shop.test/api/leap/session', { method: 'POST' }));
      const mockAnswer = await createMockLeap()('http://leap.test/alpha/applications', { headers: { 'x-api-key': 'k' } });
      console.log(session.status, mockAnswer.status, typeof listen, typeof nodeFetch, typeof toNodeListener);`;
    const result = app.run(process.execPath, ['--input-type=module', '-e', script]);
    assert.equal(result.stderr, '');
    assert.equal(result.stdout.trim(), '200 200 function function function');
  });

  it('leap-elements/schemas without zod fails at import with one line naming the package to install', () => {
    const result = app.run(process.execPath, ['--input-type=module', '-e', "await import('leap-elements/schemas');"]);
    assert.notEqual(result.status, 0);
    const errors = result.stderr.split('\n').filter((line) => /^\w*Error\b/.test(line));
    assert.deepEqual(errors, ['Error: leap-elements/schemas needs the zod package: npm install zod']);
  });

  it('the declarations of every entry reference only the Lit family, React (for /react) and Node (for the server)', () => {
    const pkg = JSON.parse(readFileSync(join(app.dir, 'node_modules/leap-elements/package.json'), 'utf8')) as {
      exports: Record<string, { types?: string } | string>;
    };
    // The framework typings (`/vue`, `/svelte`) name the framework they are for.
    const allowed = /^(lit|lit-html|lit-element|@lit\/reactive-element|@lit\/task|react|vue|svelte|node:.*)($|\/)/;
    const problems: string[] = [];
    for (const [entry, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string' || !target.types || entry === './schemas') continue;
      const file = join(app.dir, 'node_modules/leap-elements', target.types);
      for (const specifier of declarationImports(file)) {
        if (!allowed.test(specifier)) problems.push(`${entry} → ${specifier}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('the shipped Dockerfile builds from the installed package: its build steps pack it as it is (no sources there)', () => {
    const dockerfile = readFileSync(join(app.dir, 'node_modules/leap-elements/Dockerfile'), 'utf8');
    // The build stage's RUN steps, as Docker runs them (sh -c), in a copy of the build context.
    const build = dockerfile.split(/^FROM /m)[1]!;
    const steps = [...build.matchAll(/^RUN ((?:.*\\\n)*.*)$/gm)].map((m) => m[1]!.replace(/\\\n/g, ' '));
    assert.equal(steps.length, 2);
    const context = join(app.dir, 'context');
    const out = join(app.dir, 'packed');
    app.run('cp', ['-r', join(app.dir, 'node_modules/leap-elements'), context]);
    app.run('mkdir', [out]);
    for (const step of steps) {
      const result = app.run('sh', ['-c', `cd ${context} && ${step.replaceAll('/tmp', out)}`]);
      assert.equal(result.status, 0, result.stderr);
    }
    assert.ok(existsSync(join(out, 'leap-elements.tgz')), 'the package, packed for the run stage');
    assert.match(dockerfile, /CMD \["node", "node_modules\/leap-elements\/dist\/node\/cli\.js", "serve"\]/);
  });

  it('the tarball is the package the repository builds (same version)', () => {
    const installed = JSON.parse(readFileSync(join(app.dir, 'node_modules/leap-elements/package.json'), 'utf8'));
    const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    assert.equal(installed.version, own.version);
  });
});

describe('leap-elements/schemas with zod installed', { timeout: 120_000 }, () => {
  it('parses with the schemas, on the partner’s own zod', () => {
    const app = freshApp(['zod@^4']);
    after(() => app.remove());
    const script = `
      const { IncentivesResponse, APPLICATION_STATUSES } = await import('leap-elements/schemas');
      const parsed = IncentivesResponse.safeParse({ incentives: { total_incentive_amount: 5, by_program: [] } });
      console.log(parsed.success, APPLICATION_STATUSES.includes('awaiting_partner'));`;
    const result = app.run(process.execPath, ['--input-type=module', '-e', script]);
    assert.equal(result.stderr, '');
    assert.equal(result.stdout.trim(), 'true true');
  });
});
