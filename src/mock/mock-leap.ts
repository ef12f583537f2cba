/**
 * A local stand-in for Leap's services, served under their real paths:
 * - Incentives + Applications (`/alpha/...`, header `x-api-key`)
 * - Grid platform meters, enrollments, create-meters and webhook subscriptions (`/v2/...`, `/v1.1/...`, header
 *   `Authorization: Bearer`)
 *
 * `createMockLeap()` returns a WHATWG fetch handler, so it runs in-process, behind `node:http`, or anywhere else.
 * Every answer carries `x-leap-mock: 1`, so sample data can never pass for Leap's.
 */
import { Hono } from 'hono';
import { registerApplications } from './applications.js';
import { MockClock } from './clock.js';
import { registerConnectSessions } from './connect-sessions.js';
import { registerCreateMeters } from './create-meters.js';
import { changeEnrollment } from './enrollment-changes.js';
import { buildApplicationFixtures } from './fixtures/applications.js';
import { buildMeterFixtures, syntheticMeter } from './fixtures/meters.js';
import { registerIncentives } from './incentives.js';
import { registerMeters } from './meters.js';
import { registerAuth, registerFallbacks, registerFaults } from './middleware.js';
import { registerProvisionalAssets } from './provisional-assets.js';
import type { MockLeap, MockLeapOptions, MockLeapState } from './types.js';
import { WebhookSender } from './webhook-sender.js';
import { registerWebhookSubscriptions } from './webhook-subscriptions.js';

const REQUEST_INIT_KEYS = ['method', 'headers', 'body', 'signal', 'redirect', 'credentials', 'cache', 'mode'];

/**
 * A `Request` from fetch-style arguments. A second argument that is not a `RequestInit` (a server adapter's bindings,
 * passed when the mock is served with `listen`) is ignored.
 */
function toRequest(input: RequestInfo | URL, init?: RequestInit): Request {
  const isInit = init !== undefined && REQUEST_INIT_KEYS.some((key) => key in init);
  return input instanceof Request && !isInit ? input : new Request(input, isInit ? init : undefined);
}

/** Marks an answer as the mock's. */
function marked(response: Response): Response {
  try {
    response.headers.set('x-leap-mock', '1');
    return response;
  } catch {
    // Immutable headers (a response the mock did not build itself): copy it.
    const copy = new Response(response.body, response);
    copy.headers.set('x-leap-mock', '1');
    return copy;
  }
}

export function createMockLeap(options: MockLeapOptions = {}): MockLeap {
  const clock = new MockClock({ mode: options.clock, ...(options.now ? { now: options.now } : {}) });
  const now = () => clock.now();
  let lastId = 5000;
  const state: MockLeapState = {
    customers: new Map(),
    applications: buildApplicationFixtures(now()),
    meters: buildMeterFixtures(now()),
    connectSessions: new Map(),
    jobs: [],
    createdMeters: 0,
    now,
    nextId: () => ++lastId,
    webhooks: new WebhookSender(options.webhooks, clock),
    later: (ms, work) => void clock.later(ms, work),
  };
  const start = now();
  for (let i = 0; i < (options.meterCount ?? 0); i += 1)
    state.meters.push(syntheticMeter(i, options.meterCount!, start));
  let nextChange = 0;
  const app = new Hono();

  registerAuth(app, options.apiKeys);
  registerFaults(app, options, clock);
  registerIncentives(app, state);
  registerApplications(app, state);
  registerMeters(app, state);
  registerCreateMeters(app, state, options.jobDelayMs ?? 1000);
  registerProvisionalAssets(app, state);
  registerWebhookSubscriptions(app, state);
  registerConnectSessions(app, state, options.connectDelayMs ?? 3000);
  registerFallbacks(app);

  const handler = (async (input, init) => marked(await app.fetch(toRequest(input, init)))) as MockLeap;
  handler.state = state;
  handler.clock = clock;
  handler.advance = ({ ms = 60_000, changes = 1, meterIds } = {}) => {
    clock.tick(ms);
    const at = now();
    const meters = meterIds
      ? state.meters.filter((m) => meterIds.includes(m.enrollment.meter_id as string))
      : Array.from({ length: Math.min(changes, state.meters.length) }, () => {
          // A large prime stride spreads the changes over the whole inventory, the same way every run.
          nextChange = (nextChange + 7919) % state.meters.length;
          return state.meters[nextChange]!;
        });
    for (const meter of meters) for (const event of changeEnrollment(meter, at)) state.webhooks.send(event);
    return meters.map((m) => m.enrollment.meter_id as string);
  };
  handler.dispose = () => {
    clock.dispose();
    state.webhooks.stop();
  };
  return handler;
}
