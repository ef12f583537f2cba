/**
 * The hostile side of the fault suites: an upstream whose every answer the test decides (echoing the key, redirecting,
 * flooding), the partner backend in-process with its log lines collected, and heap figures after a forced collection.
 */
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { createLeapHandler, type LeapHandlerOptions } from '../../src/server/index.js';
import { listen } from '../../src/server/node.js';
import { BEND, TEST_SECRET } from '../node/support.js';

export const KEY = 'leap_live_HOSTILE_KEY_7f3a9c2e1d';
export const LOOKUP = JSON.stringify({ address: BEND, building_type: 'RESIDENTIAL', device_ids: [123] });

/** An upstream whose next answers the test decides, over a real socket. */
export async function hostileUpstream() {
  let respond: (request: Request) => Response | Promise<Response> = () => new Response('unset', { status: 500 });
  const seen: string[] = [];
  const server = await listen(async (request) => {
    seen.push(new URL(request.url).pathname);
    return respond(request);
  });
  after(() => server.close());
  return {
    url: server.url,
    seen,
    answer(next: typeof respond) {
      respond = next;
    },
  };
}

/** The backend in-process (`handler`) with its log lines collected. */
export function backend(options: Partial<LeapHandlerOptions> = {}) {
  const logs: string[] = [];
  const handler = createLeapHandler({
    apiKey: KEY,
    sessionSecret: TEST_SECRET,
    rateLimit: false,
    upstreamRetries: 0,
    logger: (level, message, fields) => logs.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`),
    ...options,
  });
  const call = (path: string, init: RequestInit = {}) => handler(new Request(`http://shop.test/api/leap${path}`, init));
  const session = async () => ((await (await call('/session', { method: 'POST' })).json()) as { token: string }).token;
  return { handler, call, session, logs };
}

export const withToken = (token: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
});

/** Memory figures are read after a forced collection: the suite runs with --expose-gc (test/run.mjs). */
export function collectGarbage(): void {
  assert.ok(globalThis.gc, 'run with node --expose-gc');
  globalThis.gc();
}
