/**
 * The package the way partners install it, for the tests and the bench: `npm pack` of the built package, installed into a fresh
 * folder. `ensureBuilt()` runs `npm run build` once when dist/ is missing or older than the sources (serialized
 * across test processes by a lock directory); `freshApp()` installs the tarball (and any other packages, from npm's
 * cache when it has them) into a new temp folder.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  readFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const BUILD_OUTPUTS = [
  'dist/index.js',
  'dist/cdn/leap-elements.js',
  'dist/node/server/index.js',
  'dist/node/schemas.js',
];

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Why dist/ must be rebuilt, or null. */
export function staleBuild(): string | null {
  const missing = BUILD_OUTPUTS.find((file) => !existsSync(join(root, file)));
  if (missing) return `${missing} is missing`;
  const built = Math.min(...BUILD_OUTPUTS.map((file) => statSync(join(root, file)).mtimeMs));
  const sources = Math.max(newestIn(join(root, 'src')), statSync(join(root, 'vite.config.ts')).mtimeMs);
  return sources > built ? 'src/ is newer than dist/' : null;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Builds once if needed; other test processes wait for the build in progress instead of starting their own. */
export function ensureBuilt(): void {
  const lock = join(root, 'node_modules/.cache/leap-build.lock');
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test process is building (or died building: a lock older than 5 minutes is stale).
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 300_000) rmSync(lock, { recursive: true });
      else sleep(500);
    }
  }
  try {
    const reason = staleBuild();
    if (reason) {
      console.log(`${reason}; running npm run build…`);
      execFileSync(npm, ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

let tarball: string | undefined;

/** The package as `npm pack` makes it (built first when needed). */
export function packedTarball(): string {
  if (tarball) return tarball;
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'leap-pack-'));
  const out = execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [report] = JSON.parse(out) as { filename: string }[];
  tarball = join(dir, report!.filename);
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return tarball;
}

export interface FreshApp {
  dir: string;
  /** Writes a file of the app (folders created). */
  write(path: string, text: string): string;
  /** Runs a command in the app folder; never throws. */
  run(
    command: string,
    args: string[],
    env?: Record<string, string>,
  ): { status: number | null; stdout: string; stderr: string };
  /** The same, without blocking: servers in the calling process keep answering meanwhile. */
  runAsync(
    command: string,
    args: string[],
    env?: Record<string, string>,
  ): Promise<{ status: number | null; stdout: string; stderr: string }>;
  remove(): void;
}

/** A new folder with the packed leap-elements (and `extra` packages) installed as a partner would. */
export function freshApp(extra: string[] = []): FreshApp {
  const dir = mkdtempSync(join(tmpdir(), 'leap-app-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'partner-app', private: true, type: 'module' }));
  const install = spawnSync(
    npm,
    ['install', packedTarball(), ...extra, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'],
    { cwd: dir, encoding: 'utf8' },
  );
  if (install.status !== 0) throw new Error(`npm install in the fresh app failed:\n${install.stderr}`);
  return {
    dir,
    write(path, text) {
      const file = join(dir, path);
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    run(command, args, env = {}) {
      const result = spawnSync(command, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    runAsync(command, args, env = {}) {
      return new Promise((resolve) => {
        const child = spawn(command, args, { cwd: dir, env: { ...process.env, ...env } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
        child.once('close', (status) => resolve({ status, stdout, stderr }));
      });
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The code block after `<!-- recipe: name -->` in docs/backend.md: what a partner copies. */
export function docsRecipe(name: string): string {
  const docs = readFileSync(join(root, 'docs/backend.md'), 'utf8');
  const marker = `<!-- recipe: ${name} -->`;
  const at = docs.indexOf(marker);
  if (at < 0) throw new Error(`docs/backend.md has no ${marker}`);
  const fence = /```\w*\n([\s\S]*?)```/.exec(docs.slice(at));
  if (!fence) throw new Error(`docs/backend.md: no code block after ${marker}`);
  return fence[1]!;
}
