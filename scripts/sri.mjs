#!/usr/bin/env node
// Subresource Integrity for the CDN files. Run after the CDN builds (the single file and the loader's files):
//   node --import tsx scripts/sri.mjs
// writes dist/cdn/leap-elements.js.sri (the integrity string, `sha384-<base64>`), dist/cdn/snippet.html (a
// `<script type="module">` tag pinned to this version on jsDelivr, with that integrity) and, when the loader is built,
// dist/cdn/snippet-loader.html (an import map with the integrity of every file the loader may import, the preloads and
// the loader's tag, with the import map's CSP hash first), and prints the snippets. The snippets themselves come from
// src/cli/cdn-snippet.ts, which `leap-elements cdn-snippet --base <url>` also uses for a partner's own copy.
import console from 'node:console';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import {
  integrityOf,
  jsDelivrBase,
  loaderSnippet,
  loaderSnippetFile,
  singleFileSnippet,
} from '../src/cli/cdn-snippet.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Hashes the CDN files and writes `<file>.sri`, `snippet.html` and (with the loader built) `snippet-loader.html`.
 * @param {{ cdnFile?: string, packageJson?: string }} [options] defaults: dist/cdn/leap-elements.js, ./package.json
 */
export function writeSri({
  cdnFile = join(root, 'dist/cdn/leap-elements.js'),
  packageJson = join(root, 'package.json'),
} = {}) {
  const { name, version } = JSON.parse(readFileSync(packageJson, 'utf8'));
  const cdnDir = dirname(cdnFile);
  const base = jsDelivrBase(name, version);
  const integrity = integrityOf(readFileSync(cdnFile));
  const snippet = singleFileSnippet(base, cdnDir);
  const sriFile = `${cdnFile}.sri`;
  const snippetFile = join(cdnDir, 'snippet.html');
  writeFileSync(sriFile, `${integrity}\n`);
  writeFileSync(snippetFile, `${snippet}\n`);
  let loader = null;
  if (existsSync(join(cdnDir, 'loader.js'))) {
    loader = loaderSnippet(base, cdnDir);
    writeFileSync(join(cdnDir, 'snippet-loader.html'), loaderSnippetFile(loader));
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
