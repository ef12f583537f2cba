/**
 * `leap-elements webhooks`, as a partner runs it once per environment: subscribe their backend's receiver (with the
 * secret header it checks) on a mock Leap on its own port, see the mock's events reach the backend, list (secrets never
 * printed), test and delete; and the usage problems, each on its own line, before anything is sent.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createMockLeap } from '../../src/mock/index.js';
import { createLeapHandler } from '../../src/server/index.js';
import { listen } from '../../src/server/node.js';
import type { WebhookDelivery } from '../../src/core/types.generated.js';

const SECRET = 'Rb7nX2kQ9wL4mT8vZ1cP6dF3hJ0sG5aE2uY9oI7tW4q';

const mock = createMockLeap({ clock: 'manual', connectDelayMs: 1000 });
const leap = await listen(mock);
const handled: WebhookDelivery[] = [];
let onHandled = () => {};
const backend = await listen(
  createLeapHandler({
    apiKey: 'leap_live_unused_in_this_test_01234567',
    sessionSecret: 'Tq3vM8xK1pW6zR9nB4cL7dF2hJ5sG0aE8uY3oI6tQ1w',
    webhookSecret: SECRET,
    onWebhook: (event) => {
      handled.push(event);
      onHandled();
    },
    logger: () => {},
  }),
);
after(async () => {
  mock.dispose();
  await leap.close();
  await backend.close();
});
const receiver = `${backend.url}/api/leap/webhooks/leap`;
const ENV = {
  LEAP_PLATFORM_BASE_URL: leap.url,
  LEAP_INCENTIVES_BASE_URL: `${leap.url}/alpha`,
  LEAP_WEBHOOK_SECRET: SECRET,
};

/** Runs `leap-elements webhooks …` from the sources; answers its exit code and what it printed. */
function webhooks(args: string[], env: Record<string, string> = ENV) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('LEAP_')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'webhooks', ...args], {
    env: { ...clean, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr })),
  );
}

describe('leap-elements webhooks', () => {
  let webhookId = '';

  it('subscribe registers the backend with its secret header; run again, it updates the same subscription', async () => {
    const first = await webhooks(['subscribe', '--url', receiver, '--mock']);
    assert.equal(first.code, 0, first.stderr);
    webhookId = first.stdout.trim();
    assert.match(first.stderr, /created the subscription of .* \(7 event types\)/);
    const again = await webhooks([
      'subscribe',
      '--url',
      receiver,
      '--events',
      'meter.created,connect_session.updated',
      '--mock',
    ]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout.trim(), webhookId);
    assert.match(again.stderr, /updated the subscription/);
    assert.deepEqual(
      [...mock.state.webhooks.subscriptions.values()],
      [
        {
          webhook_id: webhookId,
          receiver_url: receiver,
          event_types: ['meter.created', 'connect_session.updated'],
          headers: [{ name: 'x-leap-webhook-secret', value: SECRET }],
        },
      ],
    );
    assert.ok(
      !(first.stdout + first.stderr + again.stdout + again.stderr).includes(SECRET),
      'the secret is not printed',
    );
  });

  it('the mock’s events then reach the backend, which checks the secret', async () => {
    const started = await mock(`${leap.url}/mock/connect-sessions`, {
      method: 'POST',
      headers: { authorization: 'Bearer any-key', 'content-type': 'application/json' },
      body: JSON.stringify({ reference_id: 'cli-hooks-customer', meters: 1 }),
    });
    assert.equal(started.status, 201);
    mock.clock.tick(1000);
    // CREATED, UPDATED, COMPLETED and one meter.created; the authorization events are not subscribed any more.
    await new Promise<void>((resolve) => {
      onHandled = () => handled.length >= 4 && resolve();
      onHandled();
    });
    assert.deepEqual(handled.map((e) => e.payload.webhook_event_type).sort(), [
      'connect_session.updated',
      'connect_session.updated',
      'connect_session.updated',
      'meter.created',
    ]);
  });

  it('list shows the subscription without header values; --json hides them too', async () => {
    const table = await webhooks(['list', '--mock']);
    assert.equal(table.code, 0, table.stderr);
    const [header, row] = table.stdout.trim().split('\n');
    assert.match(header!, /^webhook_id\s+receiver_url\s+events\s+headers$/);
    assert.match(
      row!,
      new RegExp(`^${webhookId}\\s+${receiver}\\s+meter\\.created,connect_session\\.updated\\s+x-leap-webhook-secret$`),
    );
    const json = await webhooks(['list', '--json', '--mock']);
    assert.deepEqual(JSON.parse(json.stdout).headers, [{ name: 'x-leap-webhook-secret', value: '[hidden]' }]);
    assert.ok(!(table.stdout + json.stdout).includes(SECRET));
  });

  it('test sends one sample event and prints what the receiver answered; delete removes the subscription', async () => {
    const before = handled.length;
    const tested = await webhooks(['test', '--url', receiver, '--mock']);
    assert.equal(tested.code, 0, tested.stderr);
    assert.match(tested.stdout, new RegExp(`^${webhookId} ${receiver} answered 200 in \\d+ ms$`, 'm'));
    assert.equal(handled.length, before + 1, 'the backend took the sample event');
    const deleted = await webhooks(['delete', webhookId, '--mock']);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(mock.state.webhooks.subscriptions.size, 0);
    const missing = await webhooks(['delete', webhookId, '--mock']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no subscription with id/);
  });

  it('usage problems stop it before anything is sent, one line each', async () => {
    const requestsBefore = mock.state.webhooks.subscriptions.size;
    const wrong = await webhooks(
      ['subscribe', '--url', 'ftp://example.com/hooks', '--events', 'meter.created,meter.deleted'],
      {
        LEAP_PLATFORM_BASE_URL: leap.url,
      },
    );
    assert.equal(wrong.code, 2);
    const lines = wrong.stderr.trim().split('\n');
    assert.equal(lines.length, 4, wrong.stderr);
    assert.match(lines[0]!, /--url must be an http or https URL/);
    assert.match(lines[1]!, /--events takes .*unknown: meter\.deleted/);
    assert.match(lines[2]!, /LEAP_WEBHOOK_SECRET is not set/);
    assert.match(lines[3]!, /LEAP_API_KEY is not set: .* or add --mock/);
    const both = await webhooks(['delete', 'some-id', '--url', receiver, '--mock']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /delete takes a webhook id or --url, one of the two/);
    assert.equal((await webhooks(['unsubscribe', '--mock'])).code, 2);
    assert.equal(mock.state.webhooks.subscriptions.size, requestsBefore);
  });
});
