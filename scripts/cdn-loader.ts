/**
 * Builds the CDN loader's files into dist/cdn/ (after `vite build --mode cdn`, which writes the single file there):
 *
 *   loader.js                    defines each tag the first time the page uses it (no Lit)
 *   chunks/reactive-element.js   Lit's ReactiveElement: every element file shares it
 *   chunks/lit.js                lit-html, LitElement, ifDefined and @lit/task, over reactive-element.js
 *   elements/leap-<tag>.js       one element each (leap-status.js: both account-page elements), with all its code
 *
 * Each element file is built on its own so it carries the code it needs and nothing another element needs: a page
 * with one element loads that element's file and Lit, in as few requests as that takes. Code two elements share is
 * in both files; a page using both pays for it twice, which costs less than the split would (every extra file loses
 * the compression it would have shared).
 */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type InlineConfig } from 'vite';
import { minifyBundle, minifyTemplates } from '../vite.config.js';
import { CHUNKS, FILES } from '../src/cdn/loader-files.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const OUT = 'dist/cdn';
/** The element files (`src/cdn/elements/<name>.ts`); `leap-status` defines both account-page elements. */
export const LOADER_FILES: readonly string[] = [...new Set(Object.values(FILES))];

const REACTIVE_ELEMENT = /^@lit\/reactive-element($|\/)/;
const LIT = /^(lit|lit-html|lit-element|@lit\/task)($|\/)/;

/** One build of one entry into dist/cdn, minified like the single file, with the given imports left to Lit's files. */
function part(entry: string, fileName: string, shared: (id: string) => string | null, outDir: string): InlineConfig {
  return {
    root,
    configFile: false,
    logLevel: 'warn',
    plugins: [minifyTemplates(), minifyBundle()],
    resolve: { conditions: ['browser', 'production', 'module', 'import', 'default'] },
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      lib: { entry, formats: ['es'], fileName: () => fileName },
      rollupOptions: {
        external: (id) => shared(id) !== null,
        output: { paths: (id) => shared(id) ?? id, codeSplitting: false },
      },
    },
  };
}

/** Builds the loader's files into `outDir` (default dist/cdn). */
export async function buildLoader(outDir = OUT): Promise<void> {
  const leftToLit = (prefix: string) => (id: string) =>
    REACTIVE_ELEMENT.test(id) ? `${prefix}reactive-element.js` : LIT.test(id) ? `${prefix}lit.js` : null;
  await build(part('src/cdn/loader.ts', 'loader.js', () => null, outDir));
  await build(part('src/cdn/shared/reactive-element.ts', 'chunks/reactive-element.js', () => null, outDir));
  // lit.js leaves only ReactiveElement to its neighbour; the element files leave both.
  const litOnly = leftToLit('./');
  await build(part('src/cdn/shared/lit.ts', 'chunks/lit.js', (id) => (LIT.test(id) ? null : litOnly(id)), outDir));
  for (const name of LOADER_FILES) {
    await build(part(`src/cdn/elements/${name}.ts`, `elements/${name}.js`, leftToLit('../chunks/'), outDir));
    // The loader fetches these chunks beside the file: a stale list would cost a round trip, or fetch a file for nothing.
    const imported = chunksOf(outDir, `elements/${name}.js`);
    if (imported.join() !== [...(CHUNKS[name] ?? [])].sort().join()) {
      throw new Error(
        `src/cdn/loader-files.ts: CHUNKS['${name}'] is [${CHUNKS[name]?.join(', ') ?? ''}], ` +
          `but elements/${name}.js imports [${imported.join(', ')}]`,
      );
    }
  }
}

/** The chunks (`chunks/<name>.js`) a built file imports, directly or through another chunk, sorted. */
function chunksOf(dir: string, file: string): string[] {
  return loaderFiles(dir, [file])
    .filter((f) => f.startsWith('chunks/'))
    .map((f) => f.slice('chunks/'.length, -'.js'.length))
    .sort();
}

/** The JavaScript one page loads through the loader: each file (relative to the folder) and its gzip bytes. */
export interface LoaderPage {
  files: Array<{ file: string; gzip: number }>;
  gzip: number;
}

const STATIC_IMPORT = /(?:import|export)\s*(?:[^'"()]*?from\s*)?["'](\.{1,2}\/[^"']+)["']/g;

/**
 * What a page using `elementFiles` (names in {@link LOADER_FILES}) loads from `dir`: loader.js, those element files
 * and every chunk they import, each once (gzip level 9, as a CDN compresses it).
 */
export function loaderPage(dir: string, elementFiles: readonly string[]): LoaderPage {
  const files = loaderFiles(dir, ['loader.js', ...elementFiles.map((name) => `elements/${name}.js`)]).map((file) => ({
    file,
    gzip: gzipSync(readFileSync(join(dir, file)), { level: 9 }).length,
  }));
  return { files, gzip: files.reduce((sum, f) => sum + f.gzip, 0) };
}

/** `entries` and every file they import statically, each once (paths relative to `dir`). */
function loaderFiles(dir: string, entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    for (const [, spec] of code.matchAll(STATIC_IMPORT)) visit(posix.normalize(posix.join(posix.dirname(file), spec!)));
  };
  for (const entry of entries) visit(entry);
  return [...seen];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildLoader();
  console.log(`cdn loader: ${OUT}/loader.js, chunks/, elements/ (${LOADER_FILES.length} files)`);
}
