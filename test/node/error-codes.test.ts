/**
 * One table of `leap-error` codes (src/core/error-codes.ts, rendered into docs/errors.md by `npm run docs`): every
 * code an element can fire is in it, and every code in it can be fired. The codes an element can fire are read from
 * the sources: the failure causes (failure-causes.ts, held to `failureCode` by failure.test.ts), the connect-URL errors the button shows, and every literal on a
 * `code: …` line or in `configProblem(…, '…')` in the elements.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEAP_ERROR_CODES } from '../../src/core/index.js';
import { FAILURE_CAUSES } from '../../src/core/failure-causes.js';

const root = new URL('../..', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'));
}

/** Every code the elements can fire, found in their sources and in the core modules they fire from. */
function fireable(): Map<string, string> {
  const found = new Map<string, string>();
  for (const { kind, code } of FAILURE_CAUSES) if (code) found.set(code, `a failure of kind ${kind}`);
  for (const [, code] of readFileSync(join(root, 'src/core/connect-url.ts'), 'utf8').matchAll(
    /new ConnectUrlError\(\s*'([A-Z_]+)'/g,
  )) {
    found.set(code!, 'a connect-URL error the button shows');
  }
  for (const text of sources('src/elements')) {
    // `code: 'X'`, or a choice between codes on that line (`code: refused ? 'X' : 'Y'`).
    for (const [line] of text.matchAll(/\bcode: .*/g)) {
      for (const [, code] of line.matchAll(/'([A-Z][A-Z_]+)'/g)) found.set(code!, 'a literal in an element');
    }
    for (const [, code] of text.matchAll(/configProblem\([^;]*?'([A-Z_]+)'\)/g)) found.set(code!, 'a setup problem');
  }
  return found;
}

describe('the table of leap-error codes', () => {
  it('lists every code an element can fire', () => {
    const missing = [...fireable()].filter(([code]) => !(code in LEAP_ERROR_CODES));
    assert.deepEqual(missing, [], 'fired by the elements but missing from src/core/error-codes.ts');
  });

  it('lists no code that nothing fires', () => {
    const codes = fireable();
    assert.deepEqual(
      Object.keys(LEAP_ERROR_CODES).filter((code) => !codes.has(code)),
      [],
      'in src/core/error-codes.ts but fired by no element',
    );
  });

  it('gives each code its meaning and a fix, and names the elements that fire it', () => {
    const tags = readdirSync(join(root, 'src/elements')).map((folder) => `leap-${folder}`);
    for (const [code, entry] of Object.entries(LEAP_ERROR_CODES)) {
      assert.ok(entry.meaning.length > 10 && entry.fix.length > 0, code);
      for (const tag of entry.elements) assert.ok(tags.includes(tag), `${code}: ${tag} is not an element`);
    }
  });

  it('is the table docs/errors.md shows (npm run docs)', () => {
    const page = readFileSync(join(root, 'docs/errors.md'), 'utf8');
    for (const code of Object.keys(LEAP_ERROR_CODES)) assert.match(page, new RegExp(`\\| \`${code}\` +\\|`), code);
  });
});
