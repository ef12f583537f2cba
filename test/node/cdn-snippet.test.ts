/**
 * `leap-elements cdn-snippet` from the packed package, as a partner self-hosting the CDN files runs it: the snippet
 * names every file under the base they serve it from, with the integrity of the installed files, and the CSP hash it
 * prints is the hash of the import map it wrote. (test/node/csp.test.ts loads such a snippet under a strict policy.)
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packedCli } from '../support/packed-cli.js';

const sha = (algorithm: string, data: Buffer | string) => createHash(algorithm).update(data).digest('base64');

describe('leap-elements cdn-snippet, from the packed package', { timeout: 120_000 }, () => {
  const cli = packedCli();
  const cdnDir = () => join(cli.app.dir, 'node_modules/leap-elements/dist/cdn');

  it('--base /cdn/: every loader file under that path with its integrity, and the import map’s CSP hash', () => {
    const result = cli.app.run(cli.bin, ['cdn-snippet', '--base', '/cdn']);
    assert.equal(result.status, 0, result.stderr);
    const map = /<script type="importmap">([\s\S]*?)<\/script>/.exec(result.stdout)?.[1];
    assert.ok(map, result.stdout);
    const files = [
      'loader.js',
      ...['chunks', 'elements'].flatMap((dir) => readdirSync(join(cdnDir(), dir)).map((file) => `${dir}/${file}`)),
    ].filter((file) => file.endsWith('.js'));
    const integrity = (JSON.parse(map) as { integrity: Record<string, string> }).integrity;
    assert.deepEqual(
      integrity,
      Object.fromEntries(
        files.map((file) => [`/cdn/${file}`, `sha384-${sha('sha384', readFileSync(join(cdnDir(), file)))}`]),
      ),
    );
    const firstLine = result.stdout.split('\n')[0]!;
    assert.ok(firstLine.includes(`script-src 'sha256-${sha('sha256', map)}'`), firstLine);
    assert.match(result.stdout, /<script type="module" src="\/cdn\/loader\.js" integrity="sha384-/);
  });

  it('--single: the single file’s tag under an https base', () => {
    const result = cli.app.run(cli.bin, ['cdn-snippet', '--single', '--base', 'https://static.shop.example/leap']);
    assert.equal(result.status, 0, result.stderr);
    const expected = `sha384-${sha('sha384', readFileSync(join(cdnDir(), 'leap-elements.js')))}`;
    assert.equal(
      result.stdout.trim(),
      `<script type="module" src="https://static.shop.example/leap/leap-elements.js" integrity="${expected}" crossorigin="anonymous"></script>`,
    );
  });

  it('a relative base is refused with one line saying what to give', () => {
    const result = cli.app.run(cli.bin, ['cdn-snippet', '--base', 'cdn']);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.deepEqual(result.stderr.trim().split('\n'), [
      'leap-elements cdn-snippet: --base must be an https:// URL or a path from your site\'s root such as /cdn/, not "cdn"',
    ]);
  });
});
