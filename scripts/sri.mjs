#!/usr/bin/env node
// Subresource Integrity for the CDN files. Run after the CDN builds (the single file and the loader's files):
//   node scripts/sri.mjs
// writes dist/cdn/leap-elements.js.sri (the integrity string, `sha384-<base64>`), dist/cdn/snippet.html (a
// `<script type="module">` tag pinned to this version on jsDelivr, with that integrity) and, when the loader is built,
// dist/cdn/snippet-loader.html (an import map with the integrity of every file the loader may import, the preloads and
// the loader's tag), and prints the snippets.
import console from 'node:console';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** `sha384-<base64>` of the given bytes, the form the `integrity` attribute takes. */
export function integrityOf(bytes) {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

/** Where this version's CDN files are on jsDelivr. */
const cdnBase = ({ name, version }) => `https://cdn.jsdelivr.net/npm/${name}@${version}/dist/cdn/`;

/** The pinned jsDelivr snippet for a package version and integrity string. */
export function snippetFor({ name, version, integrity }) {
  const src = `${cdnBase({ name, version })}leap-elements.js`;
  return `<script type="module" src="${src}" integrity="${integrity}" crossorigin="anonymous"></script>`;
}

/**
 * The loader's snippet: an import map giving the integrity of every file the loader may import (browsers that read
 * import-map integrity refuse a file whose bytes changed), preloads for what every page needs (the loader and
 * ReactiveElement), and the loader's own tag. `cspHash` is what a Content-Security-Policy must allow for the inline
 * import map (`script-src 'sha256-…'`).
 */
export function loaderSnippetFor({ name, version, cdnDir }) {
  const base = cdnBase({ name, version });
  const files = [
    'loader.js',
    ...['chunks', 'elements'].flatMap((dir) =>
      readdirSync(join(cdnDir, dir))
        .filter((file) => file.endsWith('.js'))
        .sort()
        .map((file) => `${dir}/${file}`),
    ),
  ];
  const integrity = Object.fromEntries(
    files.map((file) => [`${base}${file}`, integrityOf(readFileSync(join(cdnDir, file)))]),
  );
  const map = JSON.stringify({ integrity }, null, 2);
  const tag = (file) => `href="${base}${file}" integrity="${integrity[`${base}${file}`]}" crossorigin="anonymous"`;
  const snippet = [
    `<script type="importmap">\n${map}\n</script>`,
    `<link rel="modulepreload" ${tag('loader.js')} />`,
    `<link rel="modulepreload" ${tag('chunks/reactive-element.js')} />`,
    `<script type="module" src="${base}loader.js" integrity="${integrity[`${base}loader.js`]}" crossorigin="anonymous"></script>`,
  ].join('\n');
  const cspHash = `'sha256-${createHash('sha256').update(`\n${map}\n`).digest('base64')}'`;
  return { snippet, cspHash, integrity };
}

/**
 * Hashes the CDN file and writes `<file>.sri` and `snippet.html` next to it.
 * @param {{ cdnFile?: string, packageJson?: string }} [options] defaults: dist/cdn/leap-elements.js, ./package.json
 * @returns {{ integrity: string, snippet: string, sriFile: string, snippetFile: string }}
 */
export function writeSri({
  cdnFile = join(root, 'dist/cdn/leap-elements.js'),
  packageJson = join(root, 'package.json'),
} = {}) {
  const { name, version } = JSON.parse(readFileSync(packageJson, 'utf8'));
  const integrity = integrityOf(readFileSync(cdnFile));
  const snippet = snippetFor({ name, version, integrity });
  const sriFile = `${cdnFile}.sri`;
  const snippetFile = join(dirname(cdnFile), 'snippet.html');
  writeFileSync(sriFile, `${integrity}\n`);
  writeFileSync(snippetFile, `${snippet}\n`);
  const cdnDir = dirname(cdnFile);
  let loader = null;
  if (existsSync(join(cdnDir, 'loader.js'))) {
    loader = loaderSnippetFor({ name, version, cdnDir });
    writeFileSync(
      join(cdnDir, 'snippet-loader.html'),
      `<!-- A Content-Security-Policy must allow the import map: script-src ${loader.cspHash} -->\n${loader.snippet}\n`,
    );
  }
  return { integrity, snippet, sriFile, snippetFile, loader };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const written = writeSri();
    console.log(written.snippet);
    if (written.loader) console.log(`\n${written.loader.snippet}\n(CSP: script-src ${written.loader.cspHash})`);
  } catch (error) {
    console.error(`sri: ${error.message} (run \`vite build --mode cdn\` first)`);
    process.exit(1);
  }
}
