/**
 * dist/wordpress/leap-elements.zip, the WordPress plugin as Plugins → Add New → Upload takes it (run after the CDN
 * builds): integrations/wordpress/leap-elements/ with its own copy of the loader's files from dist/cdn (loader.js,
 * chunks/, elements/) under assets/cdn-<version>/, the integrity of each recorded beside them (integrity.php, which the
 * plugin prints into the page: no file is hashed on the site, so a changed file is refused by the browser), and the
 * elements' reserved space (as docs/embedding.md gives it) appended to the plugin's stylesheet.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, type Zippable } from 'fflate';
import { integrityOf } from '../src/cli/cdn-snippet.js';
import { RESERVED_SPACE } from './bench/reserved-space.js';

const root = fileURLToPath(new URL('..', import.meta.url));
export const PLUGIN_DIR = join(root, 'integrations/wordpress/leap-elements');
/** Every entry gets this date, so the same sources make the same zip. */
const MTIME = new Date('2020-01-01T00:00:00Z');

export interface WordPressZip {
  file: string;
  files: string[];
  bytes: number;
}

/** Every file under `dir` (no dotfiles), as paths relative to it, sorted. */
function filesIn(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? filesIn(path, base) : [relative(base, path)];
    })
    .sort();
}

/** The version written in the plugin's header, its constant and readme.txt must be the package's. */
function checkVersion(version: string): void {
  const main = readFileSync(join(PLUGIN_DIR, 'leap-elements.php'), 'utf8');
  const readme = readFileSync(join(PLUGIN_DIR, 'readme.txt'), 'utf8');
  const found = {
    'leap-elements.php header "Version:"': /^\s*\*\s*Version:\s*(\S+)/m.exec(main)?.[1],
    'leap-elements.php LEAP_ELEMENTS_VERSION': /define\(\s*'LEAP_ELEMENTS_VERSION',\s*'([^']+)'/.exec(main)?.[1],
    'readme.txt "Stable tag:"': /^Stable tag:\s*(\S+)/m.exec(readme)?.[1],
  };
  const wrong = Object.entries(found).filter(([, value]) => value !== version);
  if (wrong.length) {
    throw new Error(
      `integrations/wordpress/leap-elements: ${wrong.map(([where, value]) => `${where} is ${value ?? 'missing'}`).join('; ')}; package.json's version is ${version}`,
    );
  }
}

/** The elements' reserved space as CSS, from the values docs/embedding.md gives (and a test keeps equal). */
function reservedSpaceCss(): string {
  return Object.entries(RESERVED_SPACE)
    .map(([tag, rules]) => `${tag} {\n${rules.replace(/\s*([^;]+);/g, '  $1;\n')}}\n`)
    .join('');
}

/** integrity.php: file => sha384 of every loader file, read by the plugin. */
function integrityPhp(cdnDir: string, files: string[]): string {
  const lines = files.map((file) => `\t'${file}' => '${integrityOf(readFileSync(join(cdnDir, file)))}',`);
  return `<?php
/**
 * Subresource Integrity of the element files beside this file, recorded by the build.
 *
 * @package LeapElements
 */

defined( 'ABSPATH' ) || exit;

return array(
${lines.join('\n')}
);
`;
}

/** Builds the zip from the plugin's sources and the loader's files in `cdnDir`, into `out`. */
export function buildWordPressZip({
  cdnDir = join(root, 'dist/cdn'),
  out = join(root, 'dist/wordpress/leap-elements.zip'),
}: { cdnDir?: string; out?: string } = {}): WordPressZip {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  checkVersion(version);
  const entries: Zippable = {};
  const add = (path: string, bytes: Uint8Array) => {
    entries[`leap-elements/${path}`] = [bytes, { mtime: MTIME }];
  };
  for (const file of filesIn(PLUGIN_DIR)) {
    let bytes: Uint8Array = readFileSync(join(PLUGIN_DIR, file));
    if (file === 'assets/leap-elements.css') {
      bytes = Buffer.concat([
        bytes,
        Buffer.from(`\n/* Reserved space while each element loads. */\n${reservedSpaceCss()}`),
      ]);
    }
    add(file, bytes);
  }
  const loaderFiles = ['loader.js', ...filesIn(cdnDir).filter((f) => /^(chunks|elements)\/[^/]+\.js$/.test(f))];
  if (loaderFiles.length < 3) throw new Error(`${cdnDir}: the loader's files are missing (run the CDN builds first)`);
  const assets = `assets/cdn-${version}`;
  for (const file of loaderFiles) add(`${assets}/${file}`, readFileSync(join(cdnDir, file)));
  add(`${assets}/integrity.php`, Buffer.from(integrityPhp(cdnDir, loaderFiles)));
  add(`${assets}/index.php`, Buffer.from('<?php\n// Silence is golden.\n'));

  const zip = zipSync(entries, { level: 9 });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip);
  return { file: out, files: Object.keys(entries), bytes: zip.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const zip = buildWordPressZip();
    console.log(
      `wordpress plugin: ${relative(root, zip.file)} (${zip.files.length} files, ${(zip.bytes / 1024).toFixed(0)} KB)`,
    );
  } catch (error) {
    console.error(`wordpress-zip: ${(error as Error).message}`);
    process.exit(1);
  }
}
