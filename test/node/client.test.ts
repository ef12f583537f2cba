/**
 * `createLeapClient()` against the mock Leap over real HTTP: the daily inventory sync across pages and passes (none
 * lost, repeats only inside the overlap), an interrupted pass resuming, partner-created meters from JSON and CSV with
 * their per-row outcomes, the applications that wait for the partner, the mock's faults, and the key never shown.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LeapApiError } from '../../src/core/errors.js';
import { createMockLeap, type MockFault, type MockLeapOptions } from '../../src/mock/index.js';
import {
  createLeapClient,
  MAX_SERVER_ANSWER_BYTES,
  type LeapClientOptions,
  type SyncCheckpoint,
} from '../../src/server/index.js';
import { DEFAULT_PAGE_SIZE } from '../../src/server/client/enrollment-sync.js';
import { listen } from '../../src/server/node.js';
import { TEST_API_KEY } from './support.js';

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType: string | null;
  body: string;
}

/** The mock Leap on a port, recording every request, with a fault for the requests `faultFor` picks. */
export async function mockOnPort(options: MockLeapOptions = {}) {
  const mock = createMockLeap(options);
  const seen: SeenRequest[] = [];
  let faultFor: (request: SeenRequest, index: number) => MockFault | null = () => null;
  const server = await listen(async (request) => {
    const url = new URL(request.url);
    // Kept byte for byte: a plain text() would drop a CSV's byte order mark.
    const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await request.arrayBuffer());
    const entry = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      contentType: request.headers.get('content-type'),
      body,
    };
    seen.push(entry);
    const fault = faultFor(entry, seen.length - 1);
    const headers = new Headers(request.headers);
    if (fault) headers.set('x-mock-fault', fault);
    const answer = mock(new Request(request.url, { method: request.method, headers, body: body || undefined }));
    // The request hangs on the mock (whose clock the test holds): the client's deadline for it has come.
    if (fault === 'timeout') for (const expire of inFlight) expire();
    return answer;
  });
  /** Attempts the client has sent and not yet had answered: each can be made to time out, as its deadline would. */
  const inFlight = new Set<() => void>();
  const deadlines: typeof fetch = (input, init) => {
    const attempt = new AbortController();
    const expire = () => attempt.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    init?.signal?.addEventListener('abort', () => attempt.abort(init.signal!.reason), { once: true });
    inFlight.add(expire);
    return fetch(input, { ...init, signal: attempt.signal }).finally(() => inFlight.delete(expire));
  };
  after(async () => {
    mock.dispose();
    await server.close();
  });
  return {
    url: server.url,
    mock,
    seen,
    /** Injects a fault into the requests `pick` chooses (by the request and its index among all requests). */
    fault(pick: typeof faultFor) {
      faultFor = pick;
    },
    client(overrides: Partial<LeapClientOptions> = {}) {
      return createLeapClient({
        apiKey: TEST_API_KEY,
        platformBaseUrl: server.url,
        incentivesBaseUrl: `${server.url}/alpha`,
        retries: 2,
        backoffMs: 5,
        // No deadline a busy machine could reach: an attempt times out only when the mock hangs (fault `timeout`).
        fetch: deadlines,
        logger: () => {},
        ...overrides,
      });
    },
  };
}

const SYNTHETIC = /^synthetic-/;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('createLeapClient: the daily enrollment sync', () => {
  const COUNT = 3000;

  it('a first pass yields every meter once, page by page, and checkpoints at the newest updated_at', async () => {
    const leap = await mockOnPort({ meterCount: COUNT });
    const start = new Date(Date.now() - 2 * 3600_000).toISOString();
    const checkpoints: SyncCheckpoint[] = [];
    const pass = leap.client().meters.syncEnrollments({ since: start, onCheckpoint: (c) => void checkpoints.push(c) });
    const seen = (await collect(pass)).filter((e) => SYNTHETIC.test(e.partner_reference ?? ''));
    assert.equal(seen.length, COUNT);
    assert.equal(new Set(seen.map((e) => e.meter_id)).size, COUNT, 'no meter twice within a pass');
    assert.equal(pass.pages, Math.ceil(pass.enrollments / DEFAULT_PAGE_SIZE));
    assert.equal(checkpoints.length, pass.pages, 'a checkpoint after every page');
    assert.ok(
      checkpoints.slice(0, -1).every((c) => c.resume?.pageToken),
      'unfinished passes say where to resume',
    );
    const newest = seen
      .map((e) => e.audit.updated_at!)
      .sort()
      .at(-1)!;
    assert.deepEqual(pass.checkpoint, { since: newest });
    const requests = leap.seen.filter((r) => r.path === '/v2/meters/enrollments/search');
    const from = new Date(Date.parse(start) - 300_000).toISOString();
    assert.ok(requests.every((r) => JSON.parse(r.body).last_modified_date_time === from));
  });

  it('the next pass brings every change since, and repeats only meters inside the overlap', async () => {
    const leap = await mockOnPort({ meterCount: COUNT });
    const client = leap.client();
    const first = client.meters.syncEnrollments({ since: new Date(Date.now() - 2 * 3600_000).toISOString() });
    await collect(first);
    const checkpoint = first.checkpoint;

    const changed = leap.mock.advance({ ms: 3600_000, changes: 40 });
    const second = client.meters.syncEnrollments({ since: checkpoint });
    const got = await collect(second);
    const ids = new Set(got.map((e) => e.meter_id));
    assert.deepEqual(
      changed.filter((id) => !ids.has(id)),
      [],
      'every changed meter',
    );
    const overlapStart = Date.parse(checkpoint.since) - 300_000;
    const repeats = got.filter((e) => !changed.includes(e.meter_id));
    assert.ok(
      repeats.every((e) => Date.parse(e.audit.updated_at!) >= overlapStart),
      'meters that did not change come again only from inside the overlap',
    );
    assert.ok(repeats.length <= 301, `${repeats.length} repeats; the overlap holds 300 seconds of changes`);
    assert.ok(Date.parse(second.checkpoint.since) > Date.parse(checkpoint.since));

    // A change made while a pass runs is found by the next one, even behind the pages already read.
    const third = client.meters.syncEnrollments({
      since: second.checkpoint,
      pageSize: 100,
      onCheckpoint: () => void (changedDuring ??= leap.mock.advance({ ms: 1000, changes: 1 })),
    });
    let changedDuring: string[] | undefined;
    await collect(third);
    const fourth = await collect(client.meters.syncEnrollments({ since: third.checkpoint }));
    const caught = new Set([...fourth].map((e) => e.meter_id));
    assert.ok(changedDuring && changedDuring.every((id) => caught.has(id)));
  });

  it('an interrupted pass resumes from its last completed page: nothing lost, nothing twice', async () => {
    const leap = await mockOnPort({ meterCount: COUNT });
    const since = new Date(Date.now() - 2 * 3600_000).toISOString();
    // The third page fails on every attempt, as when Leap is down for longer than the retries.
    let searches = 0;
    leap.fault((request) => (request.path.endsWith('/enrollments/search') && ++searches >= 3 ? '500' : null));
    let stored: SyncCheckpoint = { since };
    const broken = leap.client().meters.syncEnrollments({ since, onCheckpoint: (c) => void (stored = c) });
    const before: string[] = [];
    await assert.rejects(
      async () => {
        for await (const enrollment of broken) before.push(enrollment.meter_id);
      },
      (error: unknown) => error instanceof LeapApiError && error.status === 502,
    );
    assert.equal(before.length, 2 * DEFAULT_PAGE_SIZE, 'two pages were read');
    assert.ok(stored.resume?.pageToken, 'the checkpoint holds the page to resume from');

    leap.fault(() => null);
    const rest = await collect(leap.client().meters.syncEnrollments({ since: stored }));
    const all = [...before, ...rest.map((e) => e.meter_id)];
    assert.equal(new Set(all).size, all.length, 'no meter twice');
    assert.ok(all.length >= COUNT);
  });

  for (const [fault, status, options] of [
    ['500', 502, {}],
    ['timeout', 504, {}],
    ['malformed-json', 502, {}],
  ] as const) {
    it(`a persistent ${fault} fails the pass with ${status} and keeps the checkpoint; a single one is retried`, async () => {
      // A manual clock: a hung request stays hung until its attempt times out (see mockOnPort), never by the clock.
      const leap = await mockOnPort({ meterCount: 1200, clock: 'manual' });
      const since = new Date(Date.now() - 2 * 3600_000).toISOString();
      let searches = 0;
      leap.fault((request) => (request.path.endsWith('/enrollments/search') && ++searches >= 2 ? fault : null));
      let stored: SyncCheckpoint = { since };
      const pass = leap.client(options).meters.syncEnrollments({ since, onCheckpoint: (c) => void (stored = c) });
      await assert.rejects(collect(pass), (error: unknown) => error instanceof LeapApiError && error.status === status);
      assert.equal(stored.since, since);
      assert.ok(stored.resume?.pageToken);

      if (fault === 'malformed-json') return; // a malformed answer is not asked for again
      let failures = 0;
      leap.fault((request) => (request.path.endsWith('/enrollments/search') && failures++ === 0 ? fault : null));
      const resumed = await collect(leap.client(options).meters.syncEnrollments({ since: stored }));
      assert.ok(resumed.length >= 1200 - DEFAULT_PAGE_SIZE, 'the rest of the pass, after one retried failure');
    });
  }

  it('refuses a since that is not a date, before any call', () => {
    const client = createLeapClient({ mock: true, logger: () => {} });
    assert.throws(() => client.meters.syncEnrollments({ since: 'yesterday' }), /since must be an ISO date/);
  });
});

describe('createLeapClient: partner-created meters', () => {
  const meter = (partner_reference: string, postal_code = '94105', street = '1 Market St') => ({
    partner_reference,
    transmission_region: 'CAISO' as const,
    customer_classification: 'RESIDENTIAL' as const,
    load_types: ['HVAC' as const],
    meter_type: 'DEVICE' as const,
    customer: {
      street_1: street,
      postal_code,
      city: 'San Francisco',
      state_or_province_code: 'CA',
      country_code: 'US',
    },
  });
  const HEADER =
    'partner_reference,transmission_region,customer_classification,load_types,meter_type,street_1,postal_code,city,state_or_province_code,country_code';

  it('JSON: the job is processing, then every row has its outcome; a failed row says why', async () => {
    const leap = await mockOnPort({ jobDelayMs: 1000, clock: 'manual' });
    const client = leap.client();
    const { jobId, meters } = await client.meters.create([meter('pc-1'), meter('pc-2', '00000')]);
    assert.equal(meters, 2);
    const early = await client.meters.job(jobId);
    assert.equal(early.done, false);
    assert.deepEqual(
      early.rows.map((r) => r.outcome),
      ['processing', 'processing'],
    );
    // The job's time passes on the mock's clock, after the first poll saw it processing.
    const job = await client.meters.waitForJob(jobId, { pollMs: 1, onPoll: () => leap.mock.clock.tick(1000) });
    assert.equal(job.done, true);
    assert.equal(job.job.status, 'COMPLETED_WITH_ERRORS');
    const [created, failed] = job.rows;
    assert.equal(created!.outcome, 'created');
    assert.ok('meterId' in created! && (await client.meters.details(created.meterId)).partner_reference === 'pc-1');
    assert.deepEqual(failed, {
      outcome: 'failed',
      partnerReference: 'pc-2',
      reason: 'The address could not be found.',
      code: 'ADDRESS_NOT_FOUND',
    });
  });

  it('CSV with a BOM, CRLF line ends and a quoted comma goes as text/csv; the meters keep every character', async () => {
    const leap = await mockOnPort({ jobDelayMs: 0 });
    const client = leap.client();
    const csv = `\ufeff${HEADER}\r\ncsv-1,CAISO,RESIDENTIAL,HVAC;EV_CHARGING,DEVICE,"1 Market St, Suite 5",94105,San Francisco,CA,US\r\n`;
    const { jobId } = await client.meters.create(csv, { fileName: 'meters.csv' });
    const sent = leap.seen.find((r) => r.method === 'POST' && r.path === '/v1.1/jobs/meters')!;
    assert.equal(sent.contentType, 'text/csv');
    assert.equal(sent.body, csv, 'sent as the partner wrote it');
    assert.equal(sent.query.get('file_name'), 'meters.csv');
    const job = await client.meters.waitForJob(jobId, { pollMs: 10 });
    const row = job.rows[0]!;
    assert.equal(row.outcome, 'created');
    const details = await client.meters.details((row as { meterId: string }).meterId);
    assert.equal(details.customer?.street_1, '1 Market St, Suite 5');
    assert.deepEqual(details.load_types, ['HVAC', 'EV_CHARGING']);
  });

  it('a bad row is refused before anything is sent, naming its row, line and field', async () => {
    const leap = await mockOnPort();
    const csv = [
      HEADER,
      'ok-1,CAISO,RESIDENTIAL,HVAC,DEVICE,1 Market St,94105,San Francisco,CA,US',
      'bad-1,,RESIDENTIAL,HVAC,DEVICE,"2 Market St, Unit ""B""",94105,San Francisco,CA,US',
    ].join('\r\n');
    await assert.rejects(leap.client().meters.create(csv), (error: unknown) => {
      assert.ok(error instanceof LeapApiError);
      assert.equal(error.status, 400);
      assert.match(error.title, /1 of 2 meters are not valid; nothing was sent/);
      assert.deepEqual(
        (error.details as { problems: Array<{ row: number; line: number; field: string }> }).problems.map((p) => [
          p.row,
          p.line,
          p.field,
        ]),
        [[2, 3, 'transmission_region']],
      );
      return true;
    });
    await assert.rejects(leap.client().meters.create('partner_reference\n"never closed'), /The CSV cannot be read/);
    assert.equal(leap.seen.length, 0, 'no request reached Leap');
  });

  it('update_existing updates the meter with that reference; several meters with it are MULTIPLE_PARTNER_REFERENCE', async () => {
    const leap = await mockOnPort({ jobDelayMs: 0, clock: 'manual' });
    const client = leap.client();
    const run = async (meters: ReturnType<typeof meter>[], updateExisting = false) =>
      (await client.meters.waitForJob((await client.meters.create(meters, { updateExisting })).jobId)).rows[0]!;
    const first = await run([meter('upd-1')]);
    assert.equal(first.outcome, 'created');
    assert.equal((await run([meter('upd-1')])).outcome, 'duplicate');
    const updated = await run([meter('upd-1', '94105', '9 New St')], true);
    assert.deepEqual(updated, { ...first, outcome: 'updated' });

    // A customer who connected two meters with one Leap Connect link: both carry the reference.
    const connect = await fetch(`${leap.url}/mock/connect-sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reference_id: 'shared-ref', meters: 2, delay_ms: 0 }),
    });
    assert.equal(connect.status, 201);
    const session = (await connect.json()) as { session_id: string };
    // The mock finishes the connect flow on its own clock, which the test moves.
    leap.mock.clock.tick(0);
    const read = await fetch(`${leap.url}/mock/connect-sessions/${session.session_id}`, {
      headers: { authorization: `Bearer ${TEST_API_KEY}` },
    });
    assert.equal(((await read.json()) as { status: string }).status, 'COMPLETED');
    const multiple = await run([meter('shared-ref')], true);
    assert.equal(multiple.outcome, 'multiple-partner-reference');
  });
});

describe('createLeapClient: applications awaiting the partner', () => {
  it('lists only what waits for the partner, across pages, and completes one with the claimed fields', async () => {
    const leap = await mockOnPort();
    const client = leap.client();
    const waiting = await collect(client.applications.awaitingPartner());
    assert.ok(waiting.length > 0);
    assert.ok(waiting.every((a) => a.status === 'awaiting_partner'));
    const all = await collect(client.applications.list({ pageSize: 2 }));
    assert.ok(all.length > waiting.length);
    assert.ok(leap.seen.filter((r) => r.path === '/alpha/applications').length > 2, 'followed the pages');

    const target = waiting[0]!;
    const updated = await client.applications.update(target.id, {
      status: 'completed',
      customer: { first_name: 'John', last_name: 'Doe', email: 'john@example.com', phone: '555-1234' },
      customer_devices: [{ id: 45, purchase_date: '2025-01-15', contractor_name: 'ABC Electric' }],
    });
    assert.equal(updated.status, 'completed');
    const read = await client.applications.get(target.id);
    assert.equal(read.status, 'completed');
    assert.equal(read.customer?.email, 'john@example.com');
    assert.equal((await collect(client.applications.awaitingPartner())).length, waiting.length - 1);
  });

  it('an invalid update is refused before it is sent', async () => {
    const leap = await mockOnPort();
    await assert.rejects(
      leap.client().applications.update(1, { status: 'done' as never }),
      (error: unknown) =>
        error instanceof LeapApiError &&
        error.status === 400 &&
        'status' in (error.details as { fields: object }).fields,
    );
    assert.equal(leap.seen.length, 0);
  });
});

describe('createLeapClient: keys and errors', () => {
  it('Leap’s refusal keeps its status, title and details, with the key masked even when Leap echoes it', async () => {
    const echo: typeof fetch = async () =>
      Response.json(
        { title: `Bad key ${TEST_API_KEY}`, status: 400, details: { header: `Bearer ${TEST_API_KEY}` } },
        { status: 400 },
      );
    const client = createLeapClient({ apiKey: TEST_API_KEY, fetch: echo, logger: () => {} });
    await assert.rejects(client.meters.enrollment('3fa85f64-5717-4562-b3fc-2c963f66afa6'), (error: unknown) => {
      assert.ok(error instanceof LeapApiError);
      assert.equal(error.status, 400);
      assert.ok(!JSON.stringify(error.toJSON()).includes(TEST_API_KEY));
      assert.match(error.title, /Bad key \[redacted\]/);
      return true;
    });
  });

  it('a refused key is a 401 that says what to check; a missing key or a bad environment stops at creation', async () => {
    const leap = await mockOnPort({ apiKeys: ['the-right-key'] });
    await assert.rejects(
      collect(leap.client({ apiKey: 'a-wrong-key' }).meters.searchEnrollments()),
      (error: unknown) => error instanceof LeapApiError && error.status === 403 && /LEAP_API_KEY/.test(error.title),
    );
    assert.throws(() => createLeapClient({}), /createLeapClient: apiKey is required/);
    assert.throws(
      () => createLeapClient({ apiKey: 'k', environment: 'prod' as never }),
      /environment must be "production" or "staging"/,
    );
    assert.throws(() => createLeapClient({ apiKey: 'with space' }), /printable ASCII/);
  });

  it('staging reaches the staging grid platform', async () => {
    const hosts: string[] = [];
    const record: typeof fetch = async (input) => {
      hosts.push(new URL(String(input instanceof Request ? input.url : input)).origin);
      return Response.json({ meters: [], next_page_token: null });
    };
    await collect(createLeapClient({ apiKey: 'k', environment: 'staging', fetch: record }).meters.searchEnrollments());
    assert.deepEqual(hosts, ['https://api.staging.leap.energy']);
  });
});

describe('createLeapClient: requests hold to Leap’s OpenAPI files', () => {
  it('every grid request is a documented path, method, query parameter and request body', async () => {
    const { default: Ajv } = await import('ajv');
    const { default: addFormats } = await import('ajv-formats');
    const { parse } = await import('yaml');
    const { readFileSync } = await import('node:fs');
    const { createMeterBatchJobFromCsv } = await import('../../src/core/schemas/create-meters.js');
    const specs = ['leap-meters', 'leap-enrollments', 'leap-create-meters'].map(
      (name) =>
        parse(readFileSync(new URL(`./fixtures/openapi/${name}.openapi.yml`, import.meta.url), 'utf8')) as {
          paths: Record<string, Record<string, Operation>>;
          components: object;
        },
    );
    interface Operation {
      parameters?: Array<{ in: string; name: string }>;
      requestBody?: { content: Record<string, { schema: { $ref: string } }> };
    }
    // Leap's patterns escape quotes (\"), which only non-unicode regular expressions accept.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    specs.forEach((spec, index) => ajv.addSchema({ $id: `spec${index}`, components: spec.components }));

    const leap = await mockOnPort({ jobDelayMs: 0, meterCount: 5 });
    const client = leap.client();
    const [first] = await collect(
      client.meters.searchEnrollments({
        meter_types: ['UTILITY_METER', 'DEVICE'],
        global_enrollment_statuses: ['ACTIVE', 'PENDING'],
        transmission_region: 'CAISO',
        last_modified_date_time: '2024-01-01T00:00:00Z',
        partner_action_required: false,
        exclude_archived: true,
        page_size: 2,
      }),
    );
    await collect(client.meters.searchDetails({ partner_references: ['synthetic-000001'] }));
    await client.meters.details(first!.meter_id);
    await client.meters.enrollment(first!.meter_id);
    await collect(client.meters.syncEnrollments({ since: '2024-01-01T00:00:00Z', pageSize: 3 }));
    const json = await client.meters.create(
      [
        {
          partner_reference: 'contract-1',
          transmission_region: 'CAISO',
          customer_classification: 'COMMERCIAL',
          load_types: ['BATTERY_STORAGE'],
          meter_type: 'DEVICE',
          customer: {
            street_1: '1 Main',
            postal_code: '94105',
            city: 'SF',
            state_or_province_code: 'CA',
            country_code: 'US',
          },
          device: { device_serial_number: 'sn-1' },
        },
      ],
      { updateExisting: true, fileName: 'contract.json' },
    );
    await client.meters.waitForJob(json.jobId, { pollMs: 5 });
    const csv = await client.meters.create(
      'partner_reference,transmission_region,customer_classification,load_types,meter_type,street_1,postal_code,city,state_or_province_code,country_code\ncontract-2,PJM,RESIDENTIAL,HVAC,UTILITY_METER,2 Main,19103,Philadelphia,PA,US\n',
    );
    await client.meters.job(csv.jobId);

    const grid = leap.seen.filter((r) => !r.path.startsWith('/alpha/'));
    assert.ok(grid.length >= 10);
    const problems: string[] = [];
    for (const request of grid) {
      const method = request.method.toLowerCase();
      const match = specs
        .map((spec, index) => {
          // `/v2/meters/search` also fits `/v2/meters/{meter_id}`: the template must have the method too.
          const template = Object.keys(spec.paths).find(
            (path) =>
              new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(request.path) && spec.paths[path]![method],
          );
          return template && spec.paths[template]![method]
            ? { index, operation: spec.paths[template]![method]! }
            : null;
        })
        .find(Boolean);
      if (!match) {
        problems.push(`${request.method} ${request.path}: not in the OpenAPI files`);
        continue;
      }
      const declared = new Set((match.operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
      for (const name of request.query.keys()) {
        if (!declared.has(name)) problems.push(`${request.method} ${request.path}: undocumented query ${name}`);
      }
      const schema = match.operation.requestBody?.content['application/json']?.schema;
      if (!schema) continue;
      // CSV is the seed's documented variant of the same body: read as Leap reads it, then held to the JSON schema.
      const body =
        request.contentType === 'text/csv' ? createMeterBatchJobFromCsv(request.body) : JSON.parse(request.body);
      const validate = ajv.getSchema(`spec${match.index}${schema.$ref}`)!;
      if (!validate(body)) problems.push(`${request.method} ${request.path}: ${ajv.errorsText(validate.errors)}`);
    }
    assert.deepEqual(problems, []);
  });

  it('application requests use the documented query parameters only', async () => {
    const leap = await mockOnPort();
    const client = leap.client();
    await collect(
      client.applications.list({ status: 'awaiting_partner', refId: 'demo-customer', customerId: 1, pageSize: 1 }),
    );
    const documented = new Set(['refId', 'customer_id', 'application_status', 'page_token', 'limit']);
    const used = leap.seen.flatMap((r) => [...r.query.keys()]);
    assert.ok(used.length > 0);
    assert.deepEqual(
      used.filter((name) => !documented.has(name)),
      [],
    );
  });
});

describe('createLeapClient: pages as large as Leap sends them', () => {
  it('syncEnrollments({ pageSize: 500 }) reads pages over 1 MiB; an answer over 16 MiB is refused', async () => {
    const leap = await mockOnPort({ meterCount: 600 });
    const pass = leap.client().meters.syncEnrollments({ since: '2020-01-01T00:00:00Z', pageSize: 500 });
    const seen = await collect(pass);
    assert.ok(seen.length >= 600);
    assert.equal(pass.pages, 2);
    const first = leap.seen.find((r) => r.path === '/v2/meters/enrollments/search')!;
    assert.equal(JSON.parse(first.body).page_size, 500);
    // What the mock answered for that first page is more than the browser-facing 1 MiB.
    const page = await leap.mock(`http://mock/v2/meters/enrollments/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_API_KEY}` },
      body: JSON.stringify({ page_size: 500 }),
    });
    assert.ok((await page.text()).length > 1024 * 1024);

    const flood: typeof fetch = async () =>
      new Response(`{"meters":[],"padding":"${'x'.repeat(MAX_SERVER_ANSWER_BYTES)}"}`, {
        headers: { 'content-type': 'application/json' },
      });
    const client = createLeapClient({ apiKey: TEST_API_KEY, fetch: flood, retries: 0, logger: () => {} });
    await assert.rejects(
      collect(client.meters.searchEnrollments()),
      (error: unknown) => error instanceof LeapApiError && /more than 16 MiB/.test(error.title),
    );
  });
});

describe('createLeapClient: webhook subscriptions', () => {
  const RECEIVER = 'https://partner.example/api/leap/webhooks/leap';
  const SECRET_HEADER = { name: 'x-leap-webhook-secret', value: 'Pk4wN8vQ2zX6mT1rB9cL3dF7hJ5sG0aE' };

  it('create, list, update, test and delete, as Leap’s subscription API answers them', async () => {
    const received: unknown[] = [];
    const leap = await mockOnPort({
      webhooks: {
        fetch: async (_url, init) => {
          received.push(JSON.parse(String(init?.body)));
          return new Response(null, { status: 204 });
        },
      },
    });
    const { webhooks } = leap.client();
    assert.deepEqual(await webhooks.list(), []);
    const { webhook_id } = await webhooks.create({
      receiver_url: RECEIVER,
      event_types: ['meter.created', 'connect_session.updated'],
      headers: [SECRET_HEADER],
    });
    assert.deepEqual(await webhooks.list(), [
      {
        webhook_id,
        receiver_url: RECEIVER,
        event_types: ['meter.created', 'connect_session.updated'],
        headers: [SECRET_HEADER],
      },
    ]);
    assert.deepEqual(await webhooks.update(webhook_id, { receiver_url: RECEIVER, event_types: ['meter.created'] }), {
      webhook_id,
    });
    assert.deepEqual((await webhooks.list())[0]!.headers, [], 'an update replaces every setting');
    const tested = await webhooks.test(webhook_id, {
      webhook_event_type: 'meter.created',
      meter_id: '364be407-1f08-48fa-afd2-ee1dd228b76b',
      transmission_region: 'CAISO',
    });
    assert.equal(tested.is_successful, true);
    assert.equal(tested.status_code, 204);
    assert.equal(
      (received[0] as { payload: { meter_id: string } }).payload.meter_id,
      '364be407-1f08-48fa-afd2-ee1dd228b76b',
    );
    assert.deepEqual(await webhooks.delete(webhook_id), { message: 'Operation completed successfully' });
    await assert.rejects(
      webhooks.delete(webhook_id),
      (error: unknown) =>
        error instanceof LeapApiError && error.status === 404 && error.title === 'The specified resource was not found',
    );
    assert.deepEqual(
      leap.seen.map((r) => `${r.method} ${r.path.replace(webhook_id, '{id}')}`),
      [
        'GET /v1.1/webhooks',
        'POST /v1.1/webhooks',
        'GET /v1.1/webhooks',
        'PUT /v1.1/webhooks/{id}',
        'GET /v1.1/webhooks',
        'POST /v1.1/webhooks/{id}/test',
        'DELETE /v1.1/webhooks/{id}',
        'DELETE /v1.1/webhooks/{id}',
      ],
      'a 404 is not asked again',
    );
  });

  it('a subscription Leap would refuse is refused before it is sent, naming the field', async () => {
    const leap = await mockOnPort();
    const { webhooks } = leap.client();
    for (const subscription of [
      { receiver_url: 'not a url', event_types: ['meter.created'] },
      { receiver_url: 'ftp://partner.example/hooks', event_types: ['meter.created'] },
      { receiver_url: RECEIVER, event_types: ['meter.deleted'] },
    ]) {
      await assert.rejects(
        webhooks.create(subscription as never),
        (error: unknown) =>
          error instanceof LeapApiError &&
          error.status === 400 &&
          /nothing was sent/.test(error.title) &&
          Object.keys((error.details as { fields: object }).fields).length > 0,
      );
    }
    assert.equal(leap.seen.length, 0);
  });
});
