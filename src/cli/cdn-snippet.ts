/**
 * The `<script>` snippets for the CDN files, with Subresource Integrity, for any place the files are served from:
 * jsDelivr (what the build writes to dist/cdn/) or a partner's own copy (`leap-elements cdn-snippet --base /cdn/`).
 * The loader's snippet carries an import map whose hash a Content-Security-Policy must allow; the map names every
 * file by its URL, so the hash changes with the base and is computed here, never copied from elsewhere.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `sha384-<base64>` of the given bytes, the form the `integrity` attribute takes. */
export function integrityOf(bytes: Uint8Array): string {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

/** Where a version's CDN files are on jsDelivr. */
export const jsDelivrBase = (name: string, version: string) =>
  `https://cdn.jsdelivr.net/npm/${name}@${version}/dist/cdn/`;

/** The single file's tag: every element in one request. */
export function singleFileSnippet(base: string, cdnDir: string): string {
  const integrity = integrityOf(readFileSync(join(cdnDir, 'leap-elements.js')));
  return `<script type="module" src="${base}leap-elements.js" integrity="${integrity}" crossorigin="anonymous"></script>`;
}

export interface LoaderSnippet {
  /** The import map, the two preloads and the loader's tag. */
  snippet: string;
  /** What `script-src` must allow for the inline import map: `'sha256-…'`. */
  cspHash: string;
}

/**
 * The loader's snippet: an import map giving the integrity of every file the loader may import (browsers that read
 * import-map integrity refuse a file whose bytes changed), preloads for what every page needs (the loader and
 * ReactiveElement), and the loader's own tag.
 */
export function loaderSnippet(base: string, cdnDir: string): LoaderSnippet {
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
  const map = `\n${JSON.stringify({ integrity }, null, 2)}\n`;
  const checked = (file: string) => `integrity="${integrity[`${base}${file}`]}" crossorigin="anonymous"`;
  const snippet = [
    `<script type="importmap">${map}</script>`,
    `<link rel="modulepreload" href="${base}loader.js" ${checked('loader.js')} />`,
    `<link rel="modulepreload" href="${base}chunks/reactive-element.js" ${checked('chunks/reactive-element.js')} />`,
    `<script type="module" src="${base}loader.js" ${checked('loader.js')}></script>`,
  ].join('\n');
  return { snippet, cspHash: `'sha256-${createHash('sha256').update(map).digest('base64')}'` };
}

/** The loader's snippet as a file: the CSP line first, as a comment, then the snippet. */
export const loaderSnippetFile = ({ snippet, cspHash }: LoaderSnippet) =>
  `<!-- A Content-Security-Policy must allow this import map (hash of its exact text): script-src ${cspHash} -->\n${snippet}\n`;

/** `--base` as given: an absolute http(s) URL or a path from the site's root, always ending in `/`. */
export function checkBase(base: string): string {
  const withSlash = base.endsWith('/') ? base : `${base}/`;
  if (withSlash.startsWith('/') && !withSlash.startsWith('//')) return withSlash;
  try {
    const url = new URL(withSlash);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
  } catch {
    // reported below
  }
  throw new Error(`--base must be an https:// URL or a path from your site's root such as /cdn/, not "${base}"`);
}

const USAGE = `Usage: leap-elements cdn-snippet [--base <url or /path/>] [--single]

Prints the <script> snippet for the CDN files of this installed version, with Subresource Integrity:
the loader's (import map, preloads, loader; its CSP hash on the first line) or, with --single, the single file's.
--base is where you serve a copy of node_modules/leap-elements/dist/cdn/ (default: jsDelivr, this version).`;

/** `leap-elements cdn-snippet`, for the package installed at `packageRoot` (its package.json and dist/cdn/). */
export function runCdnSnippet(args: string[], packageRoot: string): number {
  const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  const cdnDir = join(packageRoot, 'dist', 'cdn');
  if (!existsSync(join(cdnDir, 'loader.js'))) {
    console.error(`leap-elements cdn-snippet: no CDN files in ${cdnDir} (in a clone of the repository: npm run build)`);
    return 1;
  }
  let base = jsDelivrBase(pkg.name, pkg.version);
  let single = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--single') single = true;
    else if (arg === '--base' && args[i + 1] !== undefined) base = args[(i += 1)]!;
    else if (arg.startsWith('--base=')) base = arg.slice('--base='.length);
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      return 0;
    } else {
      console.error(`leap-elements cdn-snippet: unknown option "${arg}"\n\n${USAGE}`);
      return 2;
    }
  }
  try {
    base = checkBase(base);
  } catch (error) {
    console.error(`leap-elements cdn-snippet: ${(error as Error).message}`);
    return 2;
  }
  process.stdout.write(
    single ? `${singleFileSnippet(base, cdnDir)}\n` : loaderSnippetFile(loaderSnippet(base, cdnDir)),
  );
  return 0;
}
