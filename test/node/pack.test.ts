/**
 * What `npm pack` would publish: `npm pack --dry-run --json` from the repo root, checked against package.json.
 * Needs dist/: when it is missing, incomplete, or older than the build config, `before` runs `npm run build` once.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface PackageJson {
  name: string;
  main?: string;
  module?: string;
  types?: string;
  bin?: string | Record<string, string>;
  exports?: unknown;
  customElements?: string;
  sideEffects?: boolean | string[];
}

const readPkg = () => JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;

/** `./dist/x.js` → `dist/x.js` (tarball paths have no leading `./`). */
const normal = (path: string) => posix.normalize(path.replace(/^\.\//, ''));

/** Every file path package.json points at, with the field it came from. */
function declaredPaths(pkg: PackageJson): { field: string; path: string }[] {
  const out: { field: string; path: string }[] = [];
  for (const field of ['main', 'module', 'types', 'customElements'] as const) {
    const value = pkg[field];
    if (typeof value === 'string') out.push({ field, path: value });
  }
  if (typeof pkg.bin === 'string') out.push({ field: 'bin', path: pkg.bin });
  else for (const [name, path] of Object.entries(pkg.bin ?? {})) out.push({ field: `bin.${name}`, path });
  const walk = (value: unknown, field: string) => {
    if (typeof value === 'string') out.push({ field, path: value });
    else if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${field}[${i}]`));
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) walk(inner, `${field}[${JSON.stringify(key)}]`);
    }
  };
  walk(pkg.exports, 'exports');
  return out;
}

/** True when dist/ lacks a declared file or predates the build configuration. */
function needsBuild(pkg: PackageJson): string | null {
  if (!existsSync(join(root, 'dist'))) return 'dist/ is missing';
  const targets = declaredPaths(pkg)
    .map(({ path }) => normal(path))
    .filter((path) => path.startsWith('dist/') && !path.includes('*'));
  const missing = targets.find((path) => !existsSync(join(root, path)));
  if (missing) return `${missing} is missing`;
  const oldest = Math.min(...targets.map((path) => statSync(join(root, path)).mtimeMs));
  for (const config of ['vite.config.ts', 'src/tsconfig.build.json']) {
    if (statSync(join(root, config)).mtimeMs > oldest) return `${config} is newer than dist/`;
  }
  return null;
}

/** Import specifiers of an ES module: static imports and re-exports at statement start, and `import('…')`. */
function importSpecifiers(code: string): string[] {
  const patterns = [
    /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1]!));
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

describe('npm pack contents', { timeout: 180_000 }, () => {
  let pkg: PackageJson;
  let files: string[] = [];

  before(() => {
    const reason = needsBuild(readPkg());
    if (reason) {
      console.log(`pack.test: ${reason}; running npm run build…`);
      execFileSync(npm, ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    pkg = readPkg();
    const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [report] = JSON.parse(out) as { name: string; files: { path: string }[] }[];
    assert.equal(report?.name, pkg.name);
    files = report.files.map((file) => file.path).sort();
  });

  it('ships every file package.json points at (exports, types, main, module, bin, customElements)', () => {
    const shipped = new Set(files);
    const missing = declaredPaths(pkg)
      .filter(({ path }) => {
        const target = normal(path);
        if (!target.includes('*')) return !shipped.has(target);
        const pattern = globToRegExp(target);
        return !files.some((file) => pattern.test(file));
      })
      .map(({ field, path }) => `${field}: ${path}`);
    assert.deepEqual(missing, [], 'declared paths that are not in the tarball');
  });

  it('ships README.md, the docs/ pages it links to, CHANGELOG.md and package.json', () => {
    for (const file of [
      'README.md',
      'docs/backend.md',
      'docs/leap-incentive-checker.md',
      'CHANGELOG.md',
      'package.json',
    ])
      assert.ok(files.includes(file), file);
  });

  it('ships only dist/ and the top-level docs: no test/, demo/, src/, .ci/, scripts/ or node_modules', () => {
    const forbidden = files.filter(
      (file) =>
        /^(test|demo|src|\.ci|scripts|scratch|coverage)\//.test(file) ||
        /(^|\/)node_modules\//.test(file) ||
        /\.test\.[cm]?[jt]sx?$/.test(file),
    );
    assert.deepEqual(forbidden, []);
    // Outside dist/: package.json, README and docs/, CHANGELOG, LICENSE, and files package.json points at (customElements).
    const declared = new Set(declaredPaths(pkg).map(({ path }) => normal(path)));
    const unexpected = files.filter(
      (file) =>
        !file.startsWith('dist/') &&
        !declared.has(file) &&
        !/^(package\.json|README\.md|docs\/[\w-]+\.md|CHANGELOG\.md|LICENSE(\.\w+)?|Dockerfile)$/.test(file),
    );
    assert.deepEqual(unexpected, [], 'files outside dist/ that nothing declares');
  });

  it('ships the Dockerfile docs/backend.md points at, and names its repository, homepage and bug tracker', () => {
    assert.ok(files.includes('Dockerfile'));
    const raw = readPkg() as unknown as Record<string, unknown>;
    const repository = raw.repository as { type?: string; url?: string } | undefined;
    assert.equal(repository?.type, 'git');
    assert.match(repository?.url ?? '', /^git\+https:\/\/.+\.git$/);
    assert.match(String(raw.homepage), /^https:\/\//);
    assert.match((raw.bugs as { url?: string } | undefined)?.url ?? '', /^https:\/\/.+\/issues$/);
  });

  it('ships no source maps of the server code (dist/node/)', () => {
    assert.deepEqual(
      files.filter((file) => file.startsWith('dist/node/') && file.endsWith('.map')),
      [],
    );
  });

  it('browser modules (dist/ minus node/, cdn/, types/) import nothing from Node or the server code', () => {
    const shipped = new Set(files);
    const browserModules = files.filter(
      (file) => file.startsWith('dist/') && file.endsWith('.js') && !/^dist\/(node|cdn|types)\//.test(file),
    );
    assert.ok(browserModules.includes('dist/index.js') && browserModules.includes('dist/define.js'));
    const builtins = new Set(builtinModules);
    const problems: string[] = [];
    for (const file of browserModules) {
      for (const specifier of importSpecifiers(readFileSync(join(root, file), 'utf8'))) {
        if (specifier.startsWith('node:') || builtins.has(specifier.split('/')[0]!)) {
          problems.push(`${file} imports the Node built-in ${specifier}`);
        } else if (/^(hono|jose|zod|undici|@hono\/)/.test(specifier)) {
          problems.push(`${file} imports the server-only package ${specifier}`);
        } else if (specifier.startsWith('.') || specifier.startsWith('/')) {
          const target = posix.normalize(posix.join(posix.dirname(file), specifier));
          if (target.startsWith('dist/node/')) problems.push(`${file} imports server code ${specifier}`);
          else if (!shipped.has(target)) problems.push(`${file} imports ${specifier}, which is not in the tarball`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('sideEffects lists only the define and CDN entries, and covers them', () => {
    assert.ok(Array.isArray(pkg.sideEffects), 'sideEffects is a list');
    const entries = pkg.sideEffects.map(normal);
    const allowed = ['dist/define.js', 'dist/cdn/**', 'src/define.ts', 'src/cdn/*.ts', 'src/cdn/elements/*.ts'];
    assert.deepEqual(
      entries.filter((entry) => !allowed.includes(entry)),
      [],
      'sideEffects entries other than define/CDN',
    );
    for (const file of [
      'dist/define.js',
      'dist/cdn/leap-elements.js',
      'dist/cdn/loader.js',
      'dist/cdn/elements/leap-status.js',
    ]) {
      assert.ok(
        entries.some((entry) => globToRegExp(entry).test(file)),
        `sideEffects covers ${file}`,
      );
      assert.ok(files.includes(file), `${file} is in the tarball`);
    }
  });
});
