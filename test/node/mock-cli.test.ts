/** The leap-elements-mock command: where it listens, the secrets it takes from the environment, what it refuses. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { isLoopbackHost, runMock } from '../../src/mock/run.js';
import { listen } from '../../src/server/node.js';
import { TEST_API_KEY } from './support.js';

describe('leap-elements-mock CLI', () => {
  it('listens on 127.0.0.1, takes its key and webhook secret from the environment, and never prints them', async () => {
    const key = 'leap_cli_mock_key_7d3f9a1c';
    const secret = 'Hn4qW8zT1vB6xK3mP9sD2fG7jL0cR5yE8uA1oI4tQ6w';
    const seen: Array<string | null> = [];
    const receiver = await listen(async (request) => {
      seen.push(request.headers.get('x-leap-webhook-secret'));
      return new Response(null, { status: 204 });
    });
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/mock/cli.ts', '--port', '0', '--webhook-url', receiver.url],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LEAP_API_KEY: key, LEAP_WEBHOOK_SECRET: secret } },
    );
    let printed = '';
    child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('Webhooks go to')) resolve(text);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${printed}`)));
      });
      printed += output;
      const base = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      assert.match(base ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
      const search = (bearer: string) =>
        fetch(`${base}/v2/meters/search`, {
          method: 'POST',
          headers: { authorization: `Bearer ${bearer}` },
          body: '{}',
        });
      assert.equal((await search(TEST_API_KEY)).status, 403, 'only the key in LEAP_API_KEY');
      const ok = await search(key);
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get('x-leap-mock'), '1');
      // The connect flow's webhooks carry the secret from the environment.
      const started = await fetch(`${base}/mock/connect-sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reference_id: 'cli-customer', delay_ms: 0, outcome: 'closed' }),
      });
      assert.equal(started.status, 201);
      while (seen.length < 2) await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(seen.slice(0, 2), [secret, secret]);
      assert.ok(!printed.includes(key) && !printed.includes(secret), 'neither is printed');
      assert.ok(!child.spawnargs.join(' ').includes(secret), 'nor in argv, where ps shows it');
    } finally {
      child.kill('SIGTERM');
      await receiver.close();
    }
  });

  it('refuses, with the fix, a secret in argv, an exposed host without a key, and latency over 10 s', async () => {
    const run = async (args: string[], env: Record<string, string> = {}) => {
      const lines: string[] = [];
      const original = console.error;
      console.error = (line: string) => void lines.push(String(line));
      try {
        return { code: await runMock(args, env), lines };
      } finally {
        console.error = original;
      }
    };
    const secretInArgv = await run(['--webhook-url', 'http://127.0.0.1:9/hook', '--webhook-secret', 'shown-in-ps']);
    assert.equal(secretInArgv.code, 2);
    assert.match(secretInArgv.lines.join('\n'), /set LEAP_WEBHOOK_SECRET instead/);
    assert.ok(!secretInArgv.lines.join('\n').includes('shown-in-ps'), 'the secret is not repeated');
    const exposed = await run(['--host', '0.0.0.0']);
    assert.equal(exposed.code, 2);
    assert.match(exposed.lines.join('\n'), /--host 0\.0\.0\.0 .*set LEAP_API_KEY/);
    const slow = await run(['--latency', '10001']);
    assert.equal(slow.code, 2);
    assert.match(slow.lines.join('\n'), /--latency must be milliseconds from 0 to 10000/);
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'example.com']) assert.ok(!isLoopbackHost(host), host);
  });
});
