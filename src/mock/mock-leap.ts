/**
 * A local stand-in for Leap's two upstream services, served under their real paths:
 * - Incentives + Applications (`/alpha/...`, header `x-api-key`)
 * - Grid platform meters, enrollments and create-meters (`/v2/...`, `/v1.1/...`, header `Authorization: Bearer`)
 *
 * `createMockLeap()` returns a WHATWG fetch handler, so it runs in-process, behind `node:http`, or anywhere else.
 * Only the demo and tests use it.
 */
import { Hono, type Context } from 'hono';
import { IncentivesRequest } from '../core/schemas/incentives.js';
import { ApplicationPatch, APPLICATION_STATUSES } from '../core/schemas/applications.js';
import { issuesToFields } from '../core/schemas/common.js';
import { findAddressFixture, type MockAddressFixture } from './fixtures/incentives.js';
import { buildApplicationFixtures, CUSTOMER_IDS, type MockApplication } from './fixtures/applications.js';
import { buildMeterFixtures, type MockMeter } from './fixtures/meters.js';
import {
  DeviceResolutionError,
  evaluatePrograms,
  formatAddress,
  resolveDevices,
  type DeviceCounts,
} from './incentives-engine.js';
import { registerCreateMeters } from './create-meters.js';
import { gridError, incentivesError } from './responses.js';

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

interface Customer {
  reference_id: string;
  customer_id: number;
  fixture: MockAddressFixture;
  address: Record<string, string | undefined>;
  building_type: string;
  devices: DeviceCounts | null;
  utility_eiaid: string | null;
  connect_code: string;
}

export interface MockLeapState {
  customers: Map<string, Customer>;
  applications: MockApplication[];
  meters: MockMeter[];
  now: () => Date;
  nextId(): number;
}

type Service = 'incentives' | 'grid';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

export function createMockLeap(options: MockLeapOptions = {}): FetchHandler & { state: MockLeapState } {
  const now = options.now ?? (() => new Date());
  let lastId = 5000;
  const state: MockLeapState = {
    customers: new Map(),
    applications: buildApplicationFixtures(now()),
    meters: buildMeterFixtures(now()),
    now,
    nextId: () => ++lastId,
  };
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
  registerCreateMeters(app, state);

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

  const handler = ((input, init) => Promise.resolve(app.fetch(toRequest(input, init)))) as FetchHandler & {
    state: MockLeapState;
  };
  handler.state = state;
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

async function readJson(c: Context): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: await c.req.json() };
  } catch {
    return { ok: false };
  }
}

function registerIncentives(app: Hono, state: MockLeapState): void {
  app.post('/alpha/incentives', async (c) => {
    const json = await readJson(c);
    if (!json.ok) return incentivesError(c, 400, 'Request body must be JSON.');
    const parsed = IncentivesRequest.safeParse(json.value);
    if (!parsed.success) return incentivesError(c, 400, 'Invalid request', issuesToFields(parsed.error.issues));
    const body = parsed.data;
    const operation = body.operation_type ?? 'lookup';
    let customer = state.customers.get(body.reference_id);

    let devices: DeviceCounts | null;
    try {
      devices = resolveDevices(body);
    } catch (error) {
      if (error instanceof DeviceResolutionError)
        return incentivesError(c, 400, error.message, { [error.field]: error.message });
      throw error;
    }

    if (operation === 'refresh') {
      if (!customer) {
        return incentivesError(c, 404, `No earlier lookup for reference_id "${body.reference_id}": call lookup first.`);
      }
    } else if (operation === 'lookup' || (operation === 'override' && body.address)) {
      const address = body.address!;
      const fixture = findAddressFixture(address);
      if (!fixture) {
        return incentivesError(c, 400, 'Address could not be geocoded. Check the street, city, state and ZIP code.', {
          address: 'not_found',
        });
      }
      const sameAddress = customer && customer.fixture === fixture;
      customer = {
        reference_id: body.reference_id,
        customer_id: customer?.customer_id ?? fixture.customerId ?? CUSTOMER_IDS[body.reference_id] ?? state.nextId(),
        fixture,
        address: { ...address },
        building_type: body.building_type ?? customer?.building_type ?? 'RESIDENTIAL',
        devices: devices ?? customer?.devices ?? null,
        utility_eiaid: sameAddress ? customer!.utility_eiaid : null,
        connect_code: customer?.connect_code ?? crypto.randomUUID().slice(0, 8),
      };
      state.customers.set(body.reference_id, customer);
    } else {
      // override without an address: the customer must be known.
      if (!customer) {
        return incentivesError(c, 404, `No earlier lookup for reference_id "${body.reference_id}": call lookup first.`);
      }
      customer.devices = devices;
      if (body.building_type) customer.building_type = body.building_type;
    }

    if (body.utility_eiaid !== undefined) {
      const picked = customer.fixture.utilities.find((u) => String(u.eiaid) === String(body.utility_eiaid));
      if (!picked) {
        return incentivesError(c, 400, `utility_eiaid ${body.utility_eiaid} does not serve this address.`, {
          utility_eiaid: 'not_a_possible_utility',
        });
      }
      customer.utility_eiaid = String(picked.eiaid);
    }

    const fixture = customer.fixture;
    const utility =
      fixture.utilities.length === 1
        ? fixture.utilities[0]!
        : fixture.utilities.find((u) => String(u.eiaid) === customer.utility_eiaid);
    const evaluation = utility
      ? evaluatePrograms(utility, customer.devices ?? new Map(), customer.building_type)
      : {
          programs_evaluated: 0,
          incentives: { total_incentive_amount: 0, total_eligible_combinations: 0, by_program: [] },
        };

    const address = {
      street_1: customer.address.street_1,
      street_2: customer.address.street_2 ?? '',
      city: customer.address.city,
      state_or_province_code: customer.address.state_or_province_code,
      postal_code: customer.address.postal_code,
      country_code: customer.address.country_code,
    };
    const response: Record<string, unknown> = {
      utility: utility ? { eiaid: utility.eiaid, name: utility.name } : null,
      ...(fixture.utilities.length > 1
        ? { possible_utilities: fixture.utilities.map((u) => ({ eiaid: u.eiaid, name: u.name })) }
        : {}),
      address: fixture.addressAsString ? formatAddress(fixture, customer.address) : address,
      building_type: customer.building_type,
      customer_id: customer.customer_id,
      reference_id: customer.reference_id,
      ...evaluation,
    };
    if (body.create_application && evaluation.incentives.total_eligible_combinations > 0) {
      response.connect_url = fixture.connectUrl ?? `https://app.leap.energy/connect/${customer.connect_code}`;
      openApplications(state, customer, evaluation.incentives.by_program);
    }
    return c.json(response);
  });
}

function openApplications(
  state: MockLeapState,
  customer: Customer,
  programs: Array<{ program_id: number; program_name: string; total_incentive: number; eligible_combinations: number }>,
): void {
  const at = state.now().toISOString();
  for (const program of programs) {
    if (!program.eligible_combinations) continue;
    const exists = state.applications.some(
      (a) => a.reference_id === customer.reference_id && a.program_id === program.program_id,
    );
    if (exists) continue;
    const deviceId = state.nextId();
    state.applications.push({
      id: state.nextId(),
      reference_id: customer.reference_id,
      program_id: program.program_id,
      program_name: program.program_name,
      customer_id: customer.customer_id,
      customer_device_id: [deviceId],
      status: 'not_started',
      rebate_type: 'post_purchase',
      payee_type: 'customer',
      total_requested_amount: program.total_incentive,
      created_at: at,
      updated_at: at,
      approval_date: null,
      customer: { id: customer.customer_id, address_line1: customer.address.street_1, city: customer.address.city },
      customer_devices: [{ id: deviceId, purchase_date: null, installation_date: null }],
    });
  }
}

function summary(app: MockApplication) {
  // The list is a truncated view: no customer_devices, no approval_date. program_name is a mock extra.
  const { reference_id: _ref, customer_devices: _devices, approval_date: _approval, ...rest } = app;
  return rest;
}

function full(app: MockApplication) {
  const { reference_id: _ref, ...rest } = app;
  return rest;
}

function encodePageToken(offset: number): string {
  return btoa(JSON.stringify({ o: offset })).replace(/=+$/, '');
}

function decodePageToken(token: string | undefined): number | null {
  if (!token) return 0;
  try {
    const offset = (JSON.parse(atob(token)) as { o?: unknown }).o;
    return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : null;
  } catch {
    return null;
  }
}

function registerApplications(app: Hono, state: MockLeapState): void {
  app.get('/alpha/applications', (c) => {
    const refId = c.req.query('refId');
    const customerId = c.req.query('customer_id');
    const status = c.req.query('application_status');
    const limitText = c.req.query('limit');
    const limit = limitText === undefined ? 50 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return incentivesError(c, 400, 'limit must be an integer from 1 to 100.', { limit: 'out_of_range' });
    }
    if (status !== undefined && !(APPLICATION_STATUSES as readonly string[]).includes(status)) {
      return incentivesError(c, 400, `Unknown application_status "${status}".`, { application_status: 'invalid' });
    }
    const offset = decodePageToken(c.req.query('page_token'));
    if (offset === null) return incentivesError(c, 400, 'Invalid page_token.', { page_token: 'invalid' });
    const matching = state.applications.filter(
      (a) =>
        (refId === undefined || a.reference_id === refId) &&
        (customerId === undefined || String(a.customer_id) === customerId) &&
        (status === undefined || a.status === status),
    );
    const page = matching.slice(offset, offset + limit);
    const next = offset + limit < matching.length ? encodePageToken(offset + limit) : null;
    return c.json({ next_page_token: next, results: page.map(summary) });
  });

  const find = (c: Context) => {
    const id = c.req.param('id');
    const refId = c.req.query('refId');
    const found = state.applications.find((a) => String(a.id) === id);
    // With refId, Leap also checks the application belongs to that customer.
    if (!found || (refId !== undefined && found.reference_id !== refId)) return null;
    return found;
  };

  app.get('/alpha/applications/:id', (c) => {
    const found = find(c);
    return found ? c.json(full(found)) : incentivesError(c, 404, 'Application not found.');
  });

  app.patch('/alpha/applications/:id', async (c) => {
    const found = find(c);
    if (!found) return incentivesError(c, 404, 'Application not found.');
    const json = await readJson(c);
    if (!json.ok) return incentivesError(c, 400, 'Request body must be JSON.');
    const parsed = ApplicationPatch.safeParse(json.value);
    if (!parsed.success) return incentivesError(c, 400, 'Invalid request', issuesToFields(parsed.error.issues));
    const { customer, customer_devices, ...top } = parsed.data;
    Object.assign(found, top);
    if (customer) found.customer = { ...found.customer, ...customer };
    for (const device of customer_devices ?? []) {
      const existing = found.customer_devices.find((d) => String(d.id) === String(device.id));
      if (existing) Object.assign(existing, device);
      else found.customer_devices.push({ ...device });
    }
    found.updated_at = state.now().toISOString();
    return c.json(full(found));
  });
}

interface MeterFilter {
  meter_ids?: string[];
  partner_references?: string[];
  global_enrollment_statuses?: string[];
  meter_types?: string[];
  transmission_region?: string;
  customer_classification?: string;
  last_modified_date_time?: string;
  created_after_date_time?: string;
  created_before_date_time?: string;
  partner_action_required?: boolean;
  exclude_archived?: boolean;
  page_size?: number;
  page_token?: string;
}

function registerMeters(app: Hono, state: MockLeapState): void {
  const byId = (c: Context) => {
    const id = c.req.param('id')!;
    if (!UUID.test(id)) return { error: gridError(c, 400, 'Meter id is not a UUID', { meter_id: id }) };
    const meter = state.meters.find((m) => m.enrollment.meter_id === id);
    return meter ? { meter } : { error: gridError(c, 404, 'Meter not found', { meter_id: id }) };
  };

  // The reference page names /details paths; the OpenAPI file names the shorter ones. Both are served.
  for (const path of ['/v2/meters/:id', '/v2/meters/:id/details']) {
    app.get(path, (c) => {
      const found = byId(c);
      return found.error ?? c.json(found.meter!.details);
    });
  }
  app.get('/v2/meters/:id/enrollments', (c) => {
    const found = byId(c);
    return found.error ?? c.json(found.meter!.enrollment);
  });

  const search = (pick: (m: MockMeter) => Record<string, unknown>) => async (c: Context) => {
    const json = await readJson(c);
    if (!json.ok) return gridError(c, 400, 'Request body must be JSON');
    const filter = (json.value ?? {}) as MeterFilter;
    if (typeof filter !== 'object' || Array.isArray(filter)) return gridError(c, 400, 'Request body must be an object');
    const size = filter.page_size ?? 500;
    if (!Number.isInteger(size) || size < 1 || size > 500) {
      return gridError(c, 400, 'page_size must be between 1 and 500', { page_size: size });
    }
    const offset = decodePageToken(filter.page_token);
    if (offset === null) return gridError(c, 400, 'Invalid page_token', { page_token: filter.page_token });
    for (const id of filter.meter_ids ?? []) {
      if (!UUID.test(id)) return gridError(c, 400, 'Meter id is not a UUID', { meter_id: id });
    }
    const since = (value: string | undefined) => (value ? Date.parse(value) : null);
    const modifiedSince = since(filter.last_modified_date_time);
    const createdAfter = since(filter.created_after_date_time);
    const createdBefore = since(filter.created_before_date_time);
    const matching = state.meters.filter(({ enrollment: e }) => {
      const audit = e.audit as { created_at: string; updated_at: string };
      const partnerActions = (e.required_actions as { partner: unknown[] }).partner;
      return (
        (!filter.meter_ids?.length || filter.meter_ids.includes(e.meter_id as string)) &&
        (!filter.partner_references?.length || filter.partner_references.includes(e.partner_reference as string)) &&
        (!filter.global_enrollment_statuses?.length ||
          filter.global_enrollment_statuses.includes(e.global_enrollment_status as string)) &&
        (!filter.meter_types?.length || filter.meter_types.includes(e.meter_type as string)) &&
        (!filter.transmission_region || filter.transmission_region === e.transmission_region) &&
        (!filter.customer_classification || filter.customer_classification === e.customer_classification) &&
        (modifiedSince === null || Date.parse(audit.updated_at) >= modifiedSince) &&
        (createdAfter === null || Date.parse(audit.created_at) >= createdAfter) &&
        (createdBefore === null || Date.parse(audit.created_at) < createdBefore) &&
        (filter.partner_action_required === undefined ||
          filter.partner_action_required === partnerActions.length > 0) &&
        (!filter.exclude_archived || !e.is_archived)
      );
    });
    const page = matching.slice(offset, offset + size);
    const next = offset + size < matching.length ? encodePageToken(offset + size) : null;
    return c.json({ next_page_token: next, meters: page.map(pick) });
  };

  app.post(
    '/v2/meters/search',
    search((m) => m.details),
  );
  app.post(
    '/v2/meters/details/search',
    search((m) => m.details),
  );
  app.post(
    '/v2/meters/enrollments/search',
    search((m) => m.enrollment),
  );
}
