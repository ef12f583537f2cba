/**
 * `leap-elements doctor`: run as a command against real listening backends (the mock upstream in-process), one per
 * mistake a partner makes, and once from the packed package against `leap-elements serve`, the way a partner runs both.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createLeapHandler, type LeapHandlerOptions } from '../../src/server/index.js';
import { listen } from '../../src/server/node.js';
import { packedCli } from '../support/packed-cli.js';
import { freePort, startProcess } from '../support/processes.js';

const root = new URL('../..', import.meta.url).pathname;
const SHOP = 'https://shop.example.com';
const secret = () => randomBytes(48).toString('base64');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Each printed check, by name: `✓ …`, `✗ …`, `ℹ …`. */
  lines: Map<string, string>;
}

/** Runs `command args` without blocking this process (the backends under test answer from it). */
function run(command: string, args: string[], env: Record<string, string> = {}, cwd = root): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, LEAP_PARTNER_SECRET: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.once('close', (status) => {
      const lines = new Map<string, string>();
      for (const line of stdout.trim().split('\n')) {
        const match = /^([✓✗ℹ]) (\S+(?: lookup)?)\s+(.*)$/.exec(line);
        if (match) lines.set(match[2]!, `${match[1]} ${match[3]}`);
      }
      resolve({ status, stdout, stderr, lines });
    });
  });
}

const doctor = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ['--import', 'tsx', join(root, 'src/cli/index.ts'), 'doctor', ...args], env);

async function backend(options: Partial<LeapHandlerOptions> = {}): Promise<string> {
  const server = await listen(
    createLeapHandler({
      mock: true,
      sessionSecret: secret(),
      allowedOrigins: [SHOP],
      logger: () => {},
      ...options,
    }),
    { port: 0, hostname: '127.0.0.1' },
  );
  after(() => server.close());
  return `${server.url}/api/leap`;
}

describe('leap-elements doctor', { timeout: 120_000 }, () => {
  it('a healthy deployment on the mock: every check passes, exit 0, and the upstream is said to be the mock', async () => {
    const base = await backend();
    const result = await doctor(['--backend', base, '--origin', SHOP]);
    assert.equal(result.stderr, '');
    assert.equal(result.status, 0, result.stdout);
    for (const check of ['reachable', 'health', 'CORS', 'session', 'eligibility lookup']) {
      assert.match(result.lines.get(check) ?? '', /^✓ /, `${check}: ${result.stdout}`);
    }
    assert.match(result.lines.get('session')!, /guest/);
    assert.match(result.lines.get('eligibility lookup')!, /total 750/);
    assert.match(result.lines.get('webhooks')!, /^ℹ not configured: set LEAP_WEBHOOK_SECRET/);
    assert.match(result.lines.get('upstream')!, /^ℹ the mock Leap/);
  });

  it('a page origin the backend does not allow: ✗ CORS naming the origin and LEAP_ALLOWED_ORIGINS, exit 1', async () => {
    const base = await backend();
    const result = await doctor(['--backend', base, '--origin', 'https://blog.example.com']);
    assert.equal(result.status, 1);
    assert.match(result.lines.get('CORS')!, /^✗ https:\/\/blog\.example\.com is not allowed .*LEAP_ALLOWED_ORIGINS/);
    // Said once: the session itself is checked on its own.
    assert.match(result.lines.get('session')!, /^✓ /);
  });

  it('sessions for the partner’s server only: ✗ without LEAP_PARTNER_SECRET (naming it), ✓ with it', async () => {
    const partnerSecret = secret();
    const base = await backend({ partnerSecret });
    const guest = await doctor(['--backend', base, '--origin', SHOP]);
    assert.equal(guest.status, 1);
    assert.match(guest.lines.get('session')!, /^✗ guest sessions are refused .*LEAP_PARTNER_SECRET/);
    assert.match(guest.lines.get('eligibility lookup')!, /^✗ not tried/);
    const server = await doctor(['--backend', base, '--origin', SHOP, '--reference-id', 'customer-42'], {
      LEAP_PARTNER_SECRET: partnerSecret,
    });
    assert.equal(server.status, 0, server.stdout);
    assert.match(server.lines.get('session')!, /^✓ server-to-server \(LEAP_PARTNER_SECRET\): a token for customer-42/);
    assert.doesNotMatch(server.stdout, new RegExp(partnerSecret.replace(/[+/]/g, '.')), 'the secret is never printed');
  });

  it('webhooks configured are reported as information, not as a check', async () => {
    const base = await backend({ webhookSecret: secret(), onWebhook: () => {} });
    const result = await doctor(['--backend', base, '--origin', SHOP]);
    assert.equal(result.status, 0, result.stdout);
    assert.match(result.lines.get('webhooks')!, /^ℹ configured/);
  });

  it('a wrong base path: ✗ health saying where --backend must point', async () => {
    const base = await backend();
    const result = await doctor(['--backend', base.replace(/\/api\/leap$/, '/api'), '--origin', SHOP]);
    assert.equal(result.status, 1);
    assert.match(result.lines.get('health')!, /^✗ GET \/api\/healthz answered 404 .*base path/);
  });

  it('nothing listening: ✗ reachable with the reason and the fix, exit 1', async () => {
    const port = await freePort();
    const result = await doctor(['--backend', `http://127.0.0.1:${port}/api/leap`, '--origin', SHOP]);
    assert.equal(result.status, 1);
    assert.match(
      result.lines.get('reachable')!,
      /^✗ http:\/\/127\.0\.0\.1:\d+ did not answer \(ECONNREFUSED\)\. Fix: /,
    );
  });

  it('wrong usage exits 2 with one line per problem and the usage', async () => {
    const result = await doctor(['--backend', 'shop.example.com', '--origin', 'https://shop.example.com/checkout']);
    assert.equal(result.status, 2);
    assert.deepEqual(result.stderr.trim().split('\n').slice(0, 2), [
      'leap-elements doctor: --backend must be the backend’s base URL, e.g. https://shop.example.com/api/leap',
      'leap-elements doctor: --origin must be your page’s origin (scheme, host, port), e.g. https://shop.example.com',
    ]);
  });
});

describe('leap-elements doctor, from the packed package, against leap-elements serve', { timeout: 180_000 }, () => {
  const cli = packedCli();

  it('is the first thing to run: every check passes, exit 0', async () => {
    const server = await startProcess(cli.bin, ['serve'], {
      cwd: cli.app.dir,
      env: {
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        LEAP_MOCK: '1',
        NODE_ENV: 'development',
        LEAP_SESSION_SECRET: secret(),
        LEAP_ALLOWED_ORIGINS: SHOP,
      },
      ready: /listening on (http:\/\/[^\s]+)/,
    });
    const result = await run(cli.bin, ['doctor', '--backend', server.url, '--origin', SHOP], {}, cli.app.dir);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.lines.get('upstream')!, /the mock Leap/);
  });
});
