import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

const root = new URL('../..', import.meta.url).pathname;

/** Builds with the project's own vite config into a temp folder and returns every emitted JS file's text. */
async function buildTexts(mode: string | undefined, outDir: string): Promise<string> {
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    mode,
    logLevel: 'silent',
    build: { outDir, sourcemap: false },
  });
  const texts: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) texts.push(readFileSync(path, 'utf8'));
    }
  };
  walk(outDir);
  return texts.join('\n');
}

describe('browser bundles contain no server code', () => {
  const work = mkdtempSync(join(tmpdir(), 'leap-bundle-'));
  let cdn = '';
  let modules = '';
  before(async () => {
    cdn = await buildTexts('cdn', join(work, 'cdn'));
    modules = await buildTexts('production', join(work, 'esm'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  const forbidden = [
    'x-api-key',
    'createLeapHandler',
    'sessionSecret',
    'SignJWT',
    'jwtVerify',
    'createMockLeap',
    'node:http',
    'LEAP_API_KEY',
  ];
  for (const needle of forbidden) {
    it(`neither the CDN file nor the package modules mention ${needle}`, () => {
      assert.ok(cdn.length > 10_000, 'the CDN bundle was built');
      assert.equal(cdn.includes(needle), false, `CDN bundle contains ${needle}`);
      assert.equal(modules.includes(needle), false, `browser modules contain ${needle}`);
    });
  }

  it('the elements check answers with the compiled validators: no zod runtime in the CDN file', () => {
    // zod/mini's runtime keeps its internals under `_zod`; the compiled checks are plain functions.
    assert.equal(cdn.includes('_zod'), false);
    assert.match(cdn, /Unexpected answer/);
  });

  it('the CDN file is one self-contained module: Lit inlined, no bare imports', () => {
    assert.doesNotMatch(cdn, /^\s*import\s.*from\s*['"](?!\.)/m);
    assert.match(cdn, /customElements/);
  });
});
