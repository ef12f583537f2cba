/**
 * A local stand-in for Leap's two upstream services, served under their real paths:
 * - Incentives + Applications (`/alpha/...`, header `x-api-key`)
 * - Grid platform meters, enrollments and create-meters (`/v2/...`, `/v1.1/...`, header `Authorization: Bearer`)
 *
 * `createMockLeap()` returns a WHATWG fetch handler, so it runs in-process, behind `node:http`, or anywhere else.
 * Only the demo and tests use it.
 */
import { Hono } from 'hono';
import { registerApplications } from './applications.js';
import { registerConnectSessions } from './connect-sessions.js';
import { registerCreateMeters } from './create-meters.js';
import { buildApplicationFixtures, type MockApplication } from './fixtures/applications.js';
import { buildMeterFixtures, changeEnrollment, syntheticMeter, type MockMeter } from './fixtures/meters.js';
import type { MockCustomer } from './incentives-engine.js';
import { registerIncentives } from './incentives.js';
import { registerMeters } from './meters.js';
import { gridError, incentivesError } from './responses.js';
import { WebhookSender, type MockWebhookOptions } from './webhook-sender.js';

/** Faults a test or demo can ask for, by option or per request with the `x-mock-fault` header. */
export const MOCK_FAULTS = [
  /** Answer 500 (grid platform: a plain-string body, as Leap documents). */
  '500',
  '502',
  '503',
  /** Answer 429 with `Retry-After: 30`. */
  '429',
  /** Never answer (until `hangMs` passes or the caller gives up). */
  'timeout',
  /** 200 with a truncated JSON body. */
  'malformed-json',
  /** A normal answer with unknown fields added at every level. */
  'extra-fields',
  /** A normal incentives answer whose `connect_url` is a `javascript:` URL. */
  'unsafe-connect-url',
] as const;
export type MockFault = (typeof MOCK_FAULTS)[number];

export interface MockLeapOptions {
  /** Keys accepted by both services. Default: any non-empty key. A key not in the list gets 403. */
  apiKeys?: string[];
  /** Delay before every answer. The `x-mock-latency` header (milliseconds) overrides it per request. */
  latencyMs?: number;
  /** Apply this fault to every request (the `x-mock-fault` header wins). */
  fault?: MockFault | null;
  /** How long the `timeout` fault hangs before answering 504. Default 60 000 ms. */
  hangMs?: number;
  /** Clock for fixture dates and timestamps. */
  now?: () => Date;
  /** Deliver webhooks (connect flow, new meters) to this receiver with these headers, retrying like Leap. */
  webhooks?: MockWebhookOptions;
  /** How long a connect session (`POST /mock/connect-sessions`) takes to create its meters. Default 3000 ms. */
  connectDelayMs?: number;
  /**
   * How long a create-meters job stays `PROCESSING` before its rows get their outcome. Default 1000 ms; 0 finishes the
   * job before answering.
   */
  jobDelayMs?: number;
  /** Adds this many synthetic meters (ids `00000000-0000-4000-8000-…`, references `synthetic-000000`…) for syncs. */
  meterCount?: number;
}

export interface AdvanceOptions {
  /** Moves the mock's clock forward this far first. Default 60 000 ms. */
  ms?: number;
  /** Changes this many enrollments (spread over the inventory), stamping them with the new time. Default 1. */
  changes?: number;
  /** Or changes exactly these meters. */
  meterIds?: string[];
}

/** A key for local use; the mock accepts any non-empty key unless `apiKeys` is set. */
export const MOCK_API_KEY = 'leap_test_mock_key';

/** `fetch`'s own signature, so the mock can be passed wherever a `fetch` is expected. */
export type FetchHandler = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

const REQUEST_INIT_KEYS = ['method', 'headers', 'body', 'signal', 'redirect', 'credentials', 'cache', 'mode'];

/**
 * A `Request` from fetch-style arguments. A second argument that is not a `RequestInit` (a server adapter's bindings,
 * passed when the mock is served with `listen`) is ignored.
 */
function toRequest(input: RequestInfo | URL, init?: RequestInit): Request {
  const isInit = init !== undefined && REQUEST_INIT_KEYS.some((key) => key in init);
  return input instanceof Request && !isInit ? input : new Request(input, isInit ? init : undefined);
}

export interface MockLeapState {
  customers: Map<string, MockCustomer>;
  applications: MockApplication[];
  meters: MockMeter[];
  now: () => Date;
  nextId(): number;
  /** Sends webhooks to the receiver in `options.webhooks` (nothing without it). */
  webhooks: WebhookSender;
  /** Runs `work` after `ms` (cancelled by `dispose()`). */
  later(ms: number, work: () => void): void;
}

type Service = 'incentives' | 'grid';

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The mock as `fetch`, with its state, its clock, and a way to stop its timers. */
export type MockLeap = FetchHandler & {
  state: MockLeapState;
  /** Time passes and some enrollments change, as they do at Leap between two daily polls; answers the changed ids. */
  advance(options?: AdvanceOptions): string[];
  dispose(): void;
};

export function createMockLeap(options: MockLeapOptions = {}): MockLeap {
  const clock = options.now ?? (() => new Date());
  let skewMs = 0;
  const now = () => new Date(clock().getTime() + skewMs);
  let lastId = 5000;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const state: MockLeapState = {
    customers: new Map(),
    applications: buildApplicationFixtures(now()),
    meters: buildMeterFixtures(now()),
    now,
    nextId: () => ++lastId,
    webhooks: new WebhookSender(options.webhooks),
    later(ms, work) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        work();
      }, ms);
      timers.add(timer);
    },
  };
  const start = now();
  for (let i = 0; i < (options.meterCount ?? 0); i += 1)
    state.meters.push(syntheticMeter(i, options.meterCount!, start));
  let nextChange = 0;
  const app = new Hono();

  const serviceOf = (path: string): Service => (path.startsWith('/alpha/') ? 'incentives' : 'grid');

  // Auth: each service checks its own header style.
  app.use('*', async (c, next) => {
    const service = serviceOf(c.req.path);
    let key: string | undefined;
    if (service === 'incentives') {
      key = c.req.header('x-api-key')?.trim();
      if (!key) return incentivesError(c, 401, 'Missing API key: send it in the x-api-key header.');
    } else {
      const match = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '');
      key = match?.[1]?.trim();
      if (!key) return gridError(c, 401, 'Unauthorized');
    }
    if (options.apiKeys && !options.apiKeys.includes(key)) {
      return service === 'incentives'
        ? incentivesError(c, 403, 'Forbidden: this API key is not valid for this environment.')
        : gridError(c, 403, 'You do not have the necessary permissions for this operation');
    }
    await next();
  });

  // Latency and faults.
  app.use('*', async (c, next) => {
    const latencyHeader = Number(c.req.header('x-mock-latency'));
    const latency =
      Number.isFinite(latencyHeader) && latencyHeader > 0 ? Math.min(latencyHeader, 60_000) : (options.latencyMs ?? 0);
    await sleep(latency, c.req.raw.signal);
    const fault = (c.req.header('x-mock-fault') ?? options.fault ?? null) as MockFault | null;
    if (!fault) return next();
    const service = serviceOf(c.req.path);
    if (/^\d{3}$/.test(fault)) {
      const status = Number(fault);
      if (status === 429) c.header('retry-after', '30');
      if (service === 'grid' && status === 500) return c.text('An error happened whilst processing your request', 500);
      return service === 'incentives'
        ? incentivesError(c, status, `Injected fault ${status}`)
        : gridError(c, status, `Injected fault ${status}`);
    }
    if (fault === 'timeout') {
      await sleep(options.hangMs ?? 60_000, c.req.raw.signal);
      return service === 'incentives'
        ? incentivesError(c, 504, 'Gateway timeout')
        : gridError(c, 504, 'Gateway timeout');
    }
    if (fault === 'malformed-json') {
      return new Response('{"utility": {"eiaid": 14354, "name": "PacifiCorp', {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }
    await next();
    if (!c.res.headers.get('content-type')?.includes('json') || c.res.status >= 300) return;
    const body: unknown = await c.res.clone().json();
    if (fault === 'extra-fields') {
      c.res = c.json(addExtraFields(body) as object, c.res.status as 200);
    } else if (fault === 'unsafe-connect-url' && body && typeof body === 'object' && 'incentives' in body) {
      c.res = c.json({ ...body, connect_url: 'javascript:alert(document.domain)' }, c.res.status as 200);
    }
  });

  registerIncentives(app, state);
  registerApplications(app, state);
  registerMeters(app, state);
  registerCreateMeters(app, state, options.jobDelayMs ?? 1000);
  registerConnectSessions(app, state, options.connectDelayMs ?? 3000);

  app.notFound((c) =>
    serviceOf(c.req.path) === 'incentives'
      ? incentivesError(c, 404, `No route for ${c.req.method} ${c.req.path}`)
      : gridError(c, 404, 'Not found'),
  );
  app.onError((error, c) => {
    console.error('[mock-leap]', error);
    return serviceOf(c.req.path) === 'incentives'
      ? incentivesError(c, 500, 'Internal server error')
      : c.text('An error happened whilst processing your request', 500);
  });

  const handler = ((input, init) => Promise.resolve(app.fetch(toRequest(input, init)))) as MockLeap;
  handler.state = state;
  handler.advance = ({ ms = 60_000, changes = 1, meterIds } = {}) => {
    skewMs += ms;
    const at = now();
    const meters = meterIds
      ? state.meters.filter((m) => meterIds.includes(m.enrollment.meter_id as string))
      : Array.from({ length: Math.min(changes, state.meters.length) }, () => {
          // A large prime stride spreads the changes over the whole inventory, the same way every run.
          nextChange = (nextChange + 7919) % state.meters.length;
          return state.meters[nextChange]!;
        });
    for (const meter of meters) changeEnrollment(meter, at);
    return meters.map((m) => m.enrollment.meter_id as string);
  };
  handler.dispose = () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    state.webhooks.stop();
  };
  return handler;
}

function addExtraFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(addExtraFields);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = addExtraFields(v);
    out.x_added_later = { note: 'A field this client has never seen', version: 2 };
    return out;
  }
  return value;
}
