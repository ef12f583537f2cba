/**
 * Bundle sizes: every figure is built fresh with vite's `build()` from the project's own `vite.config.ts` in `cdn`
 * mode (minified, Lit inlined, one ES module), into a temp folder. Single-element, Lit-floor and i18n entries are
 * temporary files under node_modules/.cache/leap-bench/ (so imports resolve like project code) and are deleted after.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { build, loadConfigFromFile, type Rolldown } from 'vite';
import type { SingleFiles } from './pages.js';
import { ENTRIES, stringTableEntries } from './size-entries.js';
import { KB, kb, markdownTable, verdict, type BenchOptions, type Row, type SectionReport } from './stats.js';

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface SizeResult extends SectionReport {
  /** The freshly built CDN file (shipped configuration), for the browser benchmarks. */
  cdnFile: string;
  /** Temp folder to delete when the whole run is over. */
  workDir: string;
  /** gzip bytes of the single-file builds of one element, the loader pages' nearest peers. */
  singleFiles: SingleFiles;
}

export function measure(code: Buffer | string): Sizes {
  const buffer = typeof code === 'string' ? Buffer.from(code) : code;
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, {
      params: {
        [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
        [zlib.BROTLI_PARAM_SIZE_HINT]: buffer.length,
      },
    }).length,
  };
}

const describe = (s: Sizes) => `${kb(s.gzip)} gzip · ${kb(s.brotli)} br · ${kb(s.raw)} raw`;

interface Built {
  file: string;
  code: Buffer;
  /** Rendered (pre-minification) bytes per module id. */
  modules: Record<string, number>;
}

/**
 * Builds with the project's config in `cdn` mode. `entry` replaces src/cdn/bundle.ts.
 */
async function buildCdnMode(root: string, outDir: string, options: { entry?: string } = {}): Promise<Built> {
  // The project's cdn-mode configuration, with only the entry (and the output folder) swapped.
  const loaded = await loadConfigFromFile(
    { command: 'build', mode: 'cdn', isSsrBuild: false, isPreview: false },
    join(root, 'vite.config.ts'),
    root,
    'silent',
  );
  if (!loaded) throw new Error('vite.config.ts not found');
  const config = loaded.config;
  const lib = config.build?.lib;
  if (!lib) throw new Error('vite.config.ts has no library build in cdn mode');
  const output = await build({
    ...config,
    root,
    configFile: false,
    mode: 'cdn',
    logLevel: 'silent',
    build: {
      ...config.build,
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      lib: options.entry ? { ...lib, entry: options.entry } : lib,
    },
  });
  const results = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
  const chunks = results.flatMap((r) => r.output).filter((o): o is Rolldown.OutputChunk => o.type === 'chunk');
  if (chunks.length !== 1)
    throw new Error(`Expected one chunk from ${options.entry ?? 'src/cdn/bundle.ts'}, got ${chunks.length}`);
  const chunk = chunks[0]!;
  const file = join(outDir, chunk.fileName);
  const code = readFileSync(file);
  if (/^\s*import\s.*from\s*['"](?!\.)/m.test(code.toString('utf8'))) {
    throw new Error(`${chunk.fileName} still imports a bare module: Lit was not inlined`);
  }
  const modules: Record<string, number> = {};
  for (const [id, info] of Object.entries(chunk.modules)) modules[id] = info.renderedLength;
  return { file, code, modules };
}

/** Groups module ids of the CDN file into what a reader recognises. */
function groupOf(root: string, id: string): string {
  const path = relative(root, id.replace(/^\0/, ''));
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
  if (pkg) {
    if (pkg === '.cache') return 'bench entry file';
    if (pkg === 'lit' || pkg === 'lit-html' || pkg === 'lit-element' || pkg === '@lit/reactive-element') return 'Lit';
    if (pkg === '@lit/task') return '@lit/task';
    if (pkg === 'zod') return 'zod (zod/mini)';
    return pkg;
  }
  if (path.startsWith('src/core/schemas/')) return 'src/core/schemas (answer shapes: JSON Schema from zod + matcher)';
  if (path.startsWith('src/core/')) return 'src/core (connect URL, errors, formatting)';
  if (path === 'src/elements/shared/strings.ts' || path.endsWith('.strings.ts')) return 'string tables (en + es)';
  if (path.startsWith('src/elements/shared/')) return 'src/elements/shared (base class, API client, styles)';
  const element = /^src\/elements\/([^/]+)\//.exec(path)?.[1];
  if (element) return `<leap-${element}> (element + styles, without strings)`;
  if (path.startsWith('src/')) return 'src (define, cdn entry)';
  return 'bundler runtime helpers';
}

export async function runSize({ root, log }: BenchOptions): Promise<SizeResult> {
  const workDir = mkdtempSync(join(tmpdir(), 'leap-bench-'));
  const entryDir = join(root, 'node_modules', '.cache', 'leap-bench');
  mkdirSync(entryDir, { recursive: true });
  const i18n = await stringTableEntries(root, entryDir);
  const entries = { ...ENTRIES, ...i18n.entries };
  for (const [name, text] of Object.entries(entries)) writeFileSync(join(entryDir, name), text);

  const built: Record<string, Built> = {};
  try {
    log('size: CDN file (shipped configuration)');
    built.cdn = await buildCdnMode(root, join(workDir, 'cdn'));
    for (const name of Object.keys(entries)) {
      log(`size: ${name}`);
      built[name] = await buildCdnMode(root, join(workDir, name.replace(/\.js$/, '')), {
        entry: join(entryDir, name),
      });
    }
  } finally {
    rmSync(entryDir, { recursive: true, force: true });
  }

  const s = Object.fromEntries(Object.entries(built).map(([k, v]) => [k, measure(v.code)])) as Record<string, Sizes>;
  const floor = s['lit-floor.js']!;
  const reFloor = s['re-floor.js']!;
  const cdn = s.cdn!;
  const button = s['connect-button.js']!;
  const checker = s['incentive-checker.js']!;
  const table = s['i18n-table.js']!;
  const localize = s['i18n-localize.js']!;
  const tableOnLit = s['i18n-table-on-lit.js']!.gzip - floor.gzip;
  const localizeOnLit = s['i18n-localize-on-lit.js']!.gzip - floor.gzip;
  const enOnly = s['i18n-en-only.js']!.gzip;
  const esOnly = s['i18n-es-only.js']!.gzip;
  // With @lit/localize a visitor loads the runtime plus the strings of one locale (English inline in the templates,
  // Spanish as a module loaded on demand); with the table, every visitor loads both locales and no runtime.
  const localizeEn = localizeOnLit + enOnly;
  const localizeEs = localizeOnLit + enOnly + esOnly;
  const i18nVerdict =
    tableOnLit <= localizeEn
      ? `the typed string table costs less for every visitor`
      : tableOnLit <= localizeEs
        ? `@lit/localize would cost less for an English visitor (≈ ${kb(localizeEn, 2)}) and more for a Spanish one ` +
          `(≈ ${kb(localizeEs, 2)}, English source strings plus the Spanish module) than the tables' ${kb(tableOnLit, 2)}`
        : `@lit/localize would cost less for every visitor`;
  const minusLit = (x: Sizes) => `Lit floor ${kb(floor.gzip)} gzip; element minus Lit ${kb(x.gzip - floor.gzip)} gzip`;
  const minusReactive = (x: Sizes) =>
    `Lit floor (ReactiveElement, no lit-html) ${kb(reFloor.gzip)} gzip; element minus it ${kb(x.gzip - reFloor.gzip)} gzip`;

  const rows: Row[] = [
    {
      section: 'Size',
      figure: 'CDN file, every element (dist/cdn/leap-elements.js)',
      measured: describe(cdn),
      // Every element in one file, the meters list and the connect watch included; pages that use one element load
      // less through the loader (its page budgets below).
      target: '≤ 34.0 KB gzip',
      verdict: verdict(cdn.gzip <= 34 * KB),
      baseline: minusLit(cdn).replace('element', 'elements'),
      gate: true,
    },
    {
      section: 'Size',
      figure: '<leap-connect-button> alone',
      measured: describe(button),
      target: '≤ 9.0 KB gzip',
      verdict: verdict(button.gzip <= 9 * KB),
      baseline: minusReactive(button),
      gate: true,
    },
    {
      section: 'Size',
      figure: '<leap-incentive-checker> alone',
      measured: describe(checker),
      target: '≤ 22.0 KB gzip',
      verdict: verdict(checker.gzip <= 22 * KB),
      baseline: minusLit(checker),
      gate: true,
    },
    {
      section: 'Size',
      figure: 'Lit alone (floor: LitElement + html + css, trivial element)',
      measured: describe(floor),
      target: '— (floor)',
      verdict: 'info',
    },
    {
      section: 'Size',
      figure: "Lit's ReactiveElement alone (the connect button's floor: + css, no lit-html)",
      measured: describe(reFloor),
      target: '— (floor)',
      verdict: 'info',
    },
    {
      section: 'Size',
      figure: `i18n: typed string tables, all ${i18n.tables.length} (shared + one per element), en + es`,
      measured: `${describe(table)}; +${kb(tableOnLit, 2)} gzip on a Lit element`,
      target: '— (comparison)',
      verdict: 'info',
      baseline: `@lit/localize runtime: +${kb(localizeOnLit, 2)} gzip on a Lit element`,
    },
    {
      section: 'Size',
      figure: 'i18n: one locale of all string tables, as its own module (en / es)',
      measured: `${kb(enOnly, 2)} / ${kb(esOnly, 2)} gzip`,
      target: '— (comparison)',
      verdict: 'info',
    },
    {
      section: 'Size',
      figure: 'i18n: minimal @lit/localize runtime (msg + configureLocalization, no translations)',
      measured: `${describe(localize)}; +${kb(localizeOnLit, 2)} gzip on a Lit element`,
      target: '— (comparison)',
      verdict: 'info',
      baseline: `string tables: +${kb(tableOnLit, 2)} gzip on a Lit element`,
    },
  ];

  // What the bundles are made of, from the bundler's per-module rendered sizes (before minification).
  const bundles: Array<[string, Built]> = [
    ['CDN file', built.cdn!],
    ['connect button alone', built['connect-button.js']!],
    ['checker alone', built['incentive-checker.js']!],
  ];
  const groups = new Map<string, number[]>();
  bundles.forEach(([, bundle], index) => {
    for (const [id, bytes] of Object.entries(bundle.modules)) {
      const group = groupOf(root, id);
      const sizes = groups.get(group) ?? bundles.map(() => 0);
      sizes[index]! += bytes;
      groups.set(group, sizes);
    }
  });
  const totals = bundles.map((_, index) => [...groups.values()].reduce((sum, sizes) => sum + sizes[index]!, 0));
  const composition = markdownTable(
    ['Part', ...bundles.map(([name]) => name)],
    [...groups.entries()]
      .sort((a, b) => b[1][0]! - a[1][0]!)
      .map(([group, sizes]) => [
        group,
        ...sizes.map((bytes, index) =>
          bytes ? `${kb(bytes)} (${((bytes / totals[index]!) * 100).toFixed(0)} %)` : '—',
        ),
      ]),
  );

  const notes = [
    'Sizes: every bundle is built fresh into a temp folder with vite `build()` and the project `vite.config.ts` in `cdn` mode ' +
      '(minified, Lit and every dependency inlined, one ES module, no source map). Single-element, Lit-floor and i18n bundles ' +
      'use the same configuration with a temporary entry file instead of `src/cdn/bundle.ts`. gzip: `zlib.gzipSync` level 9; ' +
      'brotli: `zlib.brotliCompressSync` quality 11. 1 KB = 1,024 bytes.',
    'The `cdn` configuration minifies the CSS and HTML inside Lit templates (minify-literals: Lightning CSS, ' +
      'html-minifier-next with conservative whitespace collapsing) and then the whole bundle with terser (two compress ' +
      'passes), as the shipped file is.',
    '“Minus Lit” subtracts the Lit floor bundle (a trivial LitElement with `html` and `css`) from the element bundle, gzip ' +
      'to gzip. The connect button is built on Lit’s ReactiveElement without lit-html, so its floor is a trivial ' +
      'ReactiveElement with `css`. Directives and `@lit/task` count as the element’s own cost.',
    'Answers are checked in the browser against JSON Schema generated from the zod schemas (`npm run generate`) by a ' +
      'small matcher; zod itself is not in any browser bundle.',
    `i18n: the typed string tables (${i18n.tables.join(', ')}; found by scanning \`src/elements\` for ` +
      `\`strings.ts\` and \`*.strings.ts\`) carry every string of both locales and need no runtime; all of them on a ` +
      `Lit element add ${kb(tableOnLit, 2)} gzip, and each element bundle ships only the shared table and its own. The minimal @lit/localize setup (runtime mode, one \`msg()\`) adds ` +
      `${kb(localizeOnLit, 2)} gzip of runtime before any text; with it the strings still ship — English inside the ` +
      `templates, Spanish in a per-locale module loaded on demand. One locale of all current tables, built as its own ` +
      `module (values and helper functions serialized from the tables), is ${kb(enOnly, 2)} gzip for English and ` +
      `${kb(esOnly, 2)} for Spanish. Estimate, runtime + strings: ${i18nVerdict}. Total bytes in the package: the ` +
      `tables are the smaller, by about the size of the runtime.`,
  ];
  return {
    rows,
    notes,
    details: [
      `What each bundle is made of (the bundler's per-module sizes before minification, so the shares are indicative):\n\n${composition}`,
    ],
    comparisons: [
      `Lit floor: a trivial Lit element is ${kb(floor.gzip)} gzip. On top of it, the CDN file adds ` +
        `${kb(cdn.gzip - floor.gzip)} and the checker ${kb(checker.gzip - floor.gzip)} (gzip). The connect button ` +
        `needs only Lit's ReactiveElement (${kb(reFloor.gzip)} gzip) and adds ${kb(button.gzip - reFloor.gzip)} to it.`,
      `i18n: on a Lit element, the typed string tables (every element's and the shared one, en + es) add ${kb(tableOnLit, 2)} gzip; a minimal ` +
        `@lit/localize runtime setup adds ${kb(localizeOnLit, 2)} gzip before any text (standalone: tables ` +
        `${kb(table.gzip, 2)}, localize runtime ${kb(localize.gzip, 2)}). One locale of strings: en ${kb(enOnly, 2)}, ` +
        `es ${kb(esOnly, 2)}. Per visitor, runtime + strings: ${i18nVerdict}.`,
    ],
    cdnFile: built.cdn!.file,
    workDir,
    singleFiles: { button: button.gzip, checker: checker.gzip },
  };
}
