/**
 * `leap-elements serve` on the mock: the mock's connect flow under the backend's base path, driven the way docs/mock.md
 * says, against the real command on a real socket. The customer's meters appear at `GET {base}/meters`, and with a
 * webhook secret the mock's webhooks reach the backend's own route.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { freePort, startProcess, type RunningProcess } from '../support/processes.js';

const root = new URL('../..', import.meta.url).pathname;

describe('leap-elements serve on the mock: the connect flow under its base path', { timeout: 60_000 }, () => {
  let server: RunningProcess;
  let base = '';
  // Started in the first test: the process helper stops it when the test that started it ends, so the rest share it.
  const start = async () => {
    server = await startProcess(process.execPath, ['--import', 'tsx', join(root, 'src/cli/index.ts'), 'serve'], {
      cwd: root,
      env: {
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        NODE_ENV: 'development',
        LEAP_MOCK: '1',
        LEAP_API_KEY: '',
        LEAP_SESSION_SECRET: randomBytes(48).toString('base64'),
        LEAP_WEBHOOK_SECRET: randomBytes(48).toString('base64'),
      },
      ready: /listening on (http:\/\/\S+)/,
    });
    base = server.url;
  };

  it('a guest starts the flow, the meters appear at GET {base}/meters, the webhooks reach POST {base}/webhooks/leap; the rest is the backend as usual', async () => {
    await start();
    const session = (await (await fetch(`${base}/session`, { method: 'POST' })).json()) as {
      token: string;
      reference_id: string;
    };
    const auth = { authorization: `Bearer ${session.token}` };
    const before = (await (await fetch(`${base}/meters`, { headers: auth })).json()) as { meters: unknown[] };
    assert.deepEqual(before.meters, []);

    const webhooks = new Promise<void>((resolve) => {
      const seen = () => {
        if (server.stderr().includes('"webhook_event_type":"meter.created"')) resolve();
        else server.child.stderr!.once('data', seen);
      };
      seen();
    });
    const started = await fetch(`${base}/mock/connect-sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reference_id: session.reference_id, utility: 'PGE', meters: 2, delay_ms: 0 }),
    });
    assert.equal(started.status, 201);
    assert.equal(started.headers.get('x-leap-mock'), '1');
    const { session_id } = (await started.json()) as { session_id: string };

    let status = '';
    for (let ask = 0; status !== 'COMPLETED' && ask < 200; ask += 1) {
      status = ((await (await fetch(`${base}/mock/connect-sessions/${session_id}`)).json()) as { status: string })
        .status;
    }
    assert.equal(status, 'COMPLETED');
    const after = (await (await fetch(`${base}/meters`, { headers: auth })).json()) as {
      meters: { utility_code: string }[];
    };
    assert.deepEqual(
      after.meters.map((meter) => meter.utility_code),
      ['PGE', 'PGE'],
    );
    await webhooks;

    const answer = await fetch(`${base}/mock/other`, { method: 'POST' });
    assert.equal(answer.status, 404);
    assert.equal(((await answer.json()) as { title: string }).title, 'Not found');
  });
});
