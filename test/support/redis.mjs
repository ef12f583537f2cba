// Finds redis-server for the Redis store tests, installing Debian's package when that is possible, and runs throwaway
// instances of it on a free loopback port. No test talks to a Redis it did not start.
import { spawn } from 'node:child_process';
import { canInstallPackages, executable, installPackages } from './debian.mjs';
import { freePort } from './ports.mjs';
import { tmpdir } from 'node:os';

const CANDIDATES = ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/opt/homebrew/bin/redis-server'];

export const FIX_COMMAND = 'sudo apt-get install -y redis-server';

/** How long a starting redis-server may take to say it is ready. */
const START_TIMEOUT_MS = 10_000;

/** Returns a redis-server path without installing anything, or null. */
export function findRedisServer() {
  return CANDIDATES.find(executable) ?? null;
}

/** Finds redis-server, or installs Debian's package when running as root with apt-get; otherwise throws one clear line. */
export function ensureRedisServer({ log = console.log } = {}) {
  const found = findRedisServer();
  if (found) return found;
  if (canInstallPackages()) {
    log('redis-server not found: installing Debian package "redis-server" with apt-get (one time)…');
    installPackages(['redis-server']);
    const installed = findRedisServer();
    if (installed) return installed;
  }
  throw new Error(`redis-server not found. Fix: ${FIX_COMMAND}`);
}

/** Spawns redis-server on `port` and resolves with the child once it logs that it accepts connections. */
function spawnRedis(binary, port) {
  // No persistence: nothing is written to disk, and a restart starts from an empty database.
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tmpdir()];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // A test run that dies half-way must not leave a server behind.
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  exited.then(() => process.off('exit', reap));
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk) => {
      output += chunk;
      if (!output.includes('Ready to accept connections')) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      // Keep draining its output so a full pipe never blocks the server.
      child.stdout.resume();
      resolve({ child, exited });
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with code ${code} before it was ready:\n${output}`));
    });
  });
}

/**
 * Starts a private redis-server on a free loopback port. `stop()` kills it and waits for it to exit; `restart()`
 * starts it again on the same port (with an empty database). `pause()` freezes the process (SIGSTOP): connections stay
 * open and nothing answers, like a Redis that hangs; `resume()` lets it go on.
 */
export async function startRedis({ log = console.log } = {}) {
  const binary = ensureRedisServer({ log });
  const port = await freePort();
  let running = await spawnRedis(binary, port);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop(signal = 'SIGTERM') {
      if (!running) return;
      const { child, exited } = running;
      running = null;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        // A paused server would only see SIGTERM once it runs again.
        child.kill('SIGCONT');
      }
      await exited;
    },
    pause() {
      running?.child.kill('SIGSTOP');
    },
    resume() {
      running?.child.kill('SIGCONT');
    },
    async restart() {
      await this.stop();
      running = await spawnRedis(binary, port);
    },
  };
}
