#!/usr/bin/env node
// Subresource Integrity for the CDN file. Run after `vite build --mode cdn`:
//   node scripts/sri.mjs
// writes dist/cdn/leap-elements.js.sri (the integrity string, `sha384-<base64>`) and dist/cdn/snippet.html (a
// `<script type="module">` tag pinned to this version on jsDelivr, with that integrity), and prints the snippet.
import console from 'node:console';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** `sha384-<base64>` of the given bytes, the form the `integrity` attribute takes. */
export function integrityOf(bytes) {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

/** The pinned jsDelivr snippet for a package version and integrity string. */
export function snippetFor({ name, version, integrity }) {
  const src = `https://cdn.jsdelivr.net/npm/${name}@${version}/dist/cdn/leap-elements.js`;
  return `<script type="module" src="${src}" integrity="${integrity}" crossorigin="anonymous"></script>`;
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
  return { integrity, snippet, sriFile, snippetFile };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(writeSri().snippet);
  } catch (error) {
    console.error(`sri: ${error.message} (run \`vite build --mode cdn\` first)`);
    process.exit(1);
  }
}
