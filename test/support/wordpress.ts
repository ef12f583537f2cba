/**
 * A throwaway WordPress for the plugin's test: Debian's WordPress copied into a temp folder, its own MariaDB on a unix
 * socket, PHP's built-in server on a free port (with a router doing what Apache's rewrite rules do, so pretty
 * permalinks work), installed from PHP the way install.php does it. Nothing outside the temp folder is touched.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.mjs';

// wordpress-packages.mjs has no type declarations: load it through a computed specifier and type what we use.
const packagesSupport = new URL('./wordpress-packages.mjs', import.meta.url).href;
const { ensureWordPressPackages, PATHS } = (await import(packagesSupport)) as {
  ensureWordPressPackages: () => void;
  PATHS: Record<'wordpress' | 'mariadbd' | 'installDb' | 'mariadb' | 'php', string>;
};

export interface WordPressSite {
  url: string;
  /** The site's plugins folder. */
  pluginsDir: string;
  /** Runs PHP with WordPress loaded (wp-admin's plugin functions too) and returns what it printed. */
  php(code: string): string;
  /** What WordPress logged (WP_DEBUG_LOG): PHP notices, warnings and the plugin's own lines. */
  debugLog(): string;
  stop(): Promise<void>;
}

export interface Server {
  /** What it printed up to the moment it was ready. */
  output: string;
  /** Stops it and everything it started (PHP's server forks its workers), and waits until it exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Spawns a server in a process group of its own and resolves once its output matches `ready`; rejects with its
 * output if it exits first.
 */
export function startServer(
  command: string,
  args: string[],
  ready: RegExp,
  env: NodeJS.ProcessEnv = {},
): Promise<Server> {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  const reap = () => kill('SIGKILL');
  process.once('exit', reap);
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (!ready.test(output)) return;
      child.stdout!.off('data', onData);
      child.stderr!.off('data', onData);
      // Keep draining, so a full pipe never blocks the server.
      child.stdout!.resume();
      child.stderr!.resume();
      resolve({
        output,
        async stop(signal = 'SIGTERM') {
          kill(signal);
          await exited;
          // Whatever it forked goes with it.
          kill('SIGKILL');
          process.off('exit', reap);
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${command} exited (${code}) before it was ready:\n${output}`)));
  });
}

function run(command: string, args: string[], input?: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8', input });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** MariaDB with its own data folder, listening only on a unix socket. */
async function startMariaDb(dir: string): Promise<{ socket: string; server: Server }> {
  const datadir = join(dir, 'db');
  const socket = join(dir, 'mysql.sock');
  const user = asRoot ? ['--user=root'] : [];
  run(PATHS.installDb, [
    '--no-defaults',
    `--datadir=${datadir}`,
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
    ...user,
  ]);
  const server = await startServer(
    PATHS.mariadbd,
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--socket=${socket}`,
      `--pid-file=${join(dir, 'mysql.pid')}`,
      '--skip-networking',
      '--innodb-buffer-pool-size=32M',
      ...user,
    ],
    /ready for connections/,
  );
  run(PATHS.mariadb, ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', 'CREATE DATABASE wordpress']);
  return { socket, server };
}

const ROUTER = `<?php
// What Apache's rewrite rules do for WordPress: files and folders as they are, everything else to index.php.
$site = __DIR__ . '/site';
$path = (string) parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if (is_file($site . $path) || is_file(rtrim($site . $path, '/') . '/index.php')) {
  return false;
}
$_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $site . '/index.php';
require $site . '/index.php';
`;

const CLI = `<?php
// Runs the PHP given as the first argument with WordPress loaded.
$_SERVER['HTTP_HOST'] = parse_url(getenv('WP_TEST_URL'), PHP_URL_HOST) . ':' . parse_url(getenv('WP_TEST_URL'), PHP_URL_PORT);
$_SERVER['REQUEST_URI'] = '/';
if (getenv('WP_TEST_INSTALLING')) define('WP_INSTALLING', true);
require __DIR__ . '/site/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
eval($argv[1]);
`;

/** The mu-plugin of the test site: no mail is sent (there is no sendmail). */
const MU_PLUGIN = `<?php
add_filter('pre_wp_mail', '__return_true');
`;

function wpConfig(url: string, socket: string, debugLog: string): string {
  const salt = () => randomBytes(32).toString('hex');
  const keys = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT'];
  return `<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:${socket}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
${[...keys, 'LOGGED_IN_SALT', 'NONCE_SALT'].map((key) => `define('${key}', '${salt()}');`).join('\n')}
$table_prefix = 'wp_';
define('WP_HOME', '${url}');
define('WP_SITEURL', '${url}');
define('WP_DEBUG', true);
define('WP_DEBUG_LOG', '${debugLog}');
define('WP_DEBUG_DISPLAY', false);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('FS_METHOD', 'direct');
// No request leaves this machine (WordPress.org's update checks and news would wait for a closed network).
define('WP_HTTP_BLOCK_EXTERNAL', true);
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`;
}

/**
 * A new WordPress site, installed, with pretty permalinks and an administrator `admin` / `adminPassword`. Provisions
 * Debian's packages first when they are missing (see wordpress-packages.mjs).
 */
export async function startWordPress(adminPassword: string): Promise<WordPressSite> {
  ensureWordPressPackages();
  const dir = mkdtempSync(join(tmpdir(), 'leap-wp-'));
  const servers: Server[] = [];
  try {
    const db = await startMariaDb(dir);
    servers.push(db.server);

    const site = join(dir, 'site');
    // coreutils, not fs.cpSync/rmSync: several times faster on WordPress's 3,000 files.
    run('cp', ['-rL', PATHS.wordpress, site]);
    run('rm', ['-rf', join(site, 'wp-content/plugins/akismet')]);
    mkdirSync(join(site, 'wp-content/mu-plugins'), { recursive: true });
    writeFileSync(join(site, 'wp-content/mu-plugins/test-environment.php'), MU_PLUGIN);
    writeFileSync(join(dir, 'router.php'), ROUTER);
    writeFileSync(join(dir, 'cli.php'), CLI);

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const debugLog = join(dir, 'debug.log');
    writeFileSync(join(site, 'wp-config.php'), wpConfig(url, db.socket, debugLog));

    const php = (code: string, installing = false) => {
      const result = spawnSync(PATHS.php, [join(dir, 'cli.php'), code], {
        encoding: 'utf8',
        env: { ...process.env, WP_TEST_URL: url, ...(installing ? { WP_TEST_INSTALLING: '1' } : {}) },
      });
      if (result.status !== 0)
        throw new Error(`PHP failed (${result.status}):\n${code}\n${result.stdout}\n${result.stderr}`);
      return result.stdout;
    };
    // No avatars: Gravatar is not reachable from here, and its failed requests would be console errors.
    php(
      `wp_install('Leap Elements test site', 'admin', 'admin@example.com', false, '', ${JSON.stringify(adminPassword)});
       update_option('show_avatars', 0);
       global $wp_rewrite; $wp_rewrite->set_permalink_structure('/%postname%/'); flush_rewrite_rules();`,
      true,
    );

    // Several workers: the browser asks for scripts and REST routes while a page is still rendering.
    const server = await startServer(
      PATHS.php,
      ['-S', `127.0.0.1:${port}`, '-t', site, join(dir, 'router.php')],
      /Development Server \(http:\/\/127\.0\.0\.1:\d+\) started/,
      { PHP_CLI_SERVER_WORKERS: '4' },
    );
    servers.push(server);

    return {
      url,
      pluginsDir: join(site, 'wp-content/plugins'),
      php: (code) => php(code),
      debugLog: () => (existsSync(debugLog) ? readFileSync(debugLog, 'utf8') : ''),
      async stop() {
        // Nothing of this site is kept: no need for a clean shutdown.
        await Promise.all(servers.map((server) => server.stop('SIGKILL')));
        run('rm', ['-rf', dir]);
      },
    };
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop('SIGKILL')));
    run('rm', ['-rf', dir]);
    throw error;
  }
}
