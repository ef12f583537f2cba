#!/usr/bin/env node
// `npm test`: every suite, then one closing line "N passed, N failed" (exit code non-zero on any failure).
//   node test/run.mjs            node suites (core, server, mock) + browser suites (headless Chromium)
//   node test/run.mjs --node     node suites only
//   node test/run.mjs --browser  browser suites only
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './support/chromium.mjs';
import { ensureRedisServer } from './support/redis.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const only = args.includes('--node') ? 'node' : args.includes('--browser') ? 'browser' : null;
// Anything else (e.g. `--files test/browser/x.test.ts`) goes to the browser runner.
const passThrough = args.filter((a) => a !== '--node' && a !== '--browser');
const work = mkdtempSync(join(tmpdir(), 'leap-tests-'));
const totals = { passed: 0, failed: 0, skipped: 0 };

function listTests(dir, suffix) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTests(path, suffix));
    else if (entry.name.endsWith(suffix)) out.push(relative(root, path));
  }
  return out.sort();
}

function readCounts(file, label) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    console.error(`\n${label}: the runner stopped before reporting results.`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

function add(counts) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped ?? 0;
}

function runNode() {
  // The shared rate-limit store is tested against a real redis-server.
  try {
    ensureRedisServer();
  } catch (error) {
    console.error(error.message);
    add({ passed: 0, failed: 1 });
    return;
  }
  const files = listTests(join(root, 'test/node'), '.test.ts');
  const countFile = join(work, 'node.json');
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      // Memory bounds are measured after a forced collection.
      '--expose-gc',
      '--test',
      '--test-concurrency=2',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      `--test-reporter=${join(root, 'test/support/count-reporter.mjs')}`,
      `--test-reporter-destination=${countFile}`,
      ...files,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
  );
  const counts = readCounts(countFile, 'Node tests');
  if (result.status !== 0 && counts.failed === 0) counts.failed = 1;
  console.log(`\nNode tests: ${counts.passed} passed, ${counts.failed} failed`);
  add(counts);
}

function runBrowser() {
  try {
    process.env.CHROME_PATH = ensureChromium();
  } catch (error) {
    console.error(error.message);
    add({ passed: 0, failed: 1 });
    return;
  }
  const countFile = join(work, 'browser.json');
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'node_modules/@web/test-runner/dist/bin.js'),
      '--config',
      'test/web-test-runner.config.mjs',
      ...passThrough,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, LEAP_WTR_SUMMARY: countFile } },
  );
  const counts = readCounts(countFile, 'Browser tests');
  if (result.status !== 0 && counts.failed === 0) counts.failed = 1;
  console.log(`\nBrowser tests: ${counts.passed} passed, ${counts.failed} failed`);
  add(counts);
}

if (only !== 'browser') runNode();
if (only !== 'node') runBrowser();
rmSync(work, { recursive: true, force: true });

console.log('');
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
