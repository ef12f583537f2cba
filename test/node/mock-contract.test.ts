/**
 * The mock is Leap's contract: every answer of every operation it implements (success and documented errors) is held
 * to Leap's published OpenAPI files by a generic validator (Ajv over the dereferenced YAML, not our zod schemas),
 * every example in the files is sent as a request, and the listings are walked with the files' own page sizes. Where
 * the files contradict themselves the mock follows the example, and docs/mock.md lists each such place, each status
 * the files do not document, and each operation the mock leaves out.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { contract, contractMock, meter, type Answer, type CallOptions } from '../support/mock-http.js';

const DOCS = readFileSync(new URL('../../docs/mock.md', import.meta.url), 'utf8');
const SEEDED = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const UNKNOWN = '00000000-0000-4000-8000-ffffffffffff';
const RECEIVER = 'https://receiver.example/leap';

/** Receivers the mock's webhooks reach, without a network: one answers 200, one 500, one cannot be reached. */
const receivers: typeof fetch = async (input) => {
  const url = String(input);
  if (url.startsWith('https://unreachable.example')) throw new TypeError('fetch failed');
  return new Response(url.startsWith('https://failing.example') ? 'down' : 'ok', {
    status: url.startsWith('https://failing.example') ? 500 : 200,
  });
};

const leap = await contractMock({
  clock: 'manual',
  jobDelayMs: 1000,
  meterCount: 600,
  webhooks: { fetch: receivers },
});
const { call } = leap;

const CSV = [
  'partner_reference,transmission_region,customer_classification,load_types,meter_type,street_1,postal_code,city,state_or_province_code,country_code',
  'contract-csv-1,PJM,RESIDENTIAL,HVAC;EV_CHARGING,UTILITY_METER,2 Main St,19103,Philadelphia,PA,US',
].join('\n');

async function created(answer: Promise<Answer>, field: string): Promise<string> {
  const { status, body } = await answer;
  assert.ok(status < 300, `${status} ${JSON.stringify(body)}`);
  return (body as Record<string, string>)[field]!;
}

/** The operations the files define that the mock does not serve: the two marked "[Leap frontend only]". */
const NOT_IMPLEMENTED = ['listMeterBatchJobsFilters', 'listProvisionalAssetsFilters'];

describe('the mock answers as Leap’s published files type it', () => {
  it('every implemented operation: its success answers and its documented errors', async () => {
    const job = await created(
      call('POST', '/v1.1/jobs/meters', { body: { assets: [meter('contract-json-1')] } }),
      'job_id',
    );
    const csvJob = await created(call('POST', '/v1.1/jobs/meters?file_name=meters.csv', { text: CSV }), 'job_id');
    const webhook = await created(
      call('POST', '/v1.1/webhooks', { body: { receiver_url: RECEIVER, event_types: ['meter.created'] } }),
      'webhook_id',
    );
    const connect = await leap.raw('POST', '/mock/connect-sessions', { reference_id: 'contract-connect', delay_ms: 0 });
    assert.equal(connect.status, 201);
    leap.mock.clock.tick(0);
    const wrong = { key: 'a-key-the-mock-does-not-accept' };
    const none = { key: null };
    const fault = { headers: { 'x-mock-fault': '500' } };
    const cases: Array<[string, string, CallOptions, number]> = [
      ['GET', `/v2/meters/${SEEDED}`, {}, 200],
      ['GET', '/v2/meters/00000000-0000-4000-8000-000000000001', {}, 200],
      ['GET', '/v2/meters/abcdef', {}, 400],
      ['GET', `/v2/meters/${SEEDED}`, none, 401],
      ['GET', `/v2/meters/${SEEDED}`, wrong, 403],
      ['GET', `/v2/meters/${UNKNOWN}`, {}, 404],
      ['GET', `/v2/meters/${SEEDED}`, fault, 500],
      ['GET', `/v2/meters/${SEEDED}/enrollments`, {}, 200],
      ['GET', '/v2/meters/abcdef/enrollments', {}, 400],
      ['GET', `/v2/meters/${SEEDED}/enrollments`, none, 401],
      ['GET', `/v2/meters/${SEEDED}/enrollments`, wrong, 403],
      ['GET', `/v2/meters/${UNKNOWN}/enrollments`, {}, 404],
      ['GET', `/v2/meters/${SEEDED}/enrollments`, fault, 500],
      ['POST', '/v2/meters/search', { body: { page_size: 20 } }, 200],
      ['POST', '/v2/meters/search', { body: { meter_ids: ['abcdef'] } }, 400],
      ['POST', '/v2/meters/search', { body: {}, ...none }, 401],
      ['POST', '/v2/meters/search', { body: {}, ...wrong }, 403],
      ['POST', '/v2/meters/search', { body: {}, ...fault }, 500],
      ['POST', '/v2/meters/enrollments/search', { body: { page_size: 20 } }, 200],
      ['POST', '/v2/meters/enrollments/search', { body: { global_enrollment_statuses: ['DONE'] } }, 400],
      ['POST', '/v2/meters/enrollments/search', { body: {}, ...none }, 401],
      ['POST', '/v2/meters/enrollments/search', { body: {}, ...wrong }, 403],
      ['POST', '/v2/meters/enrollments/search', { body: {}, ...fault }, 500],
      ['POST', '/v1.1/jobs/meters', { body: { assets: [meter('contract-json-2')] } }, 201],
      ['POST', '/v1.1/webhooks', { body: { receiver_url: RECEIVER, event_types: ['meter.created'] } }, 200],
      ['GET', `/v1.1/jobs/meters/${job}`, {}, 200],
      ['GET', '/v1.1/jobs/meters', {}, 200],
      [
        'POST',
        '/v1.1/jobs/meters',
        { body: { assets: [{ ...meter('contract-bad'), transmission_region: 'MARS' }] } },
        400,
      ],
      ['POST', '/v1.1/jobs/meters', { text: `${CSV}\n"never closed` }, 400],
      ['POST', '/v1.1/jobs/meters?update_existing=yes', { body: { assets: [meter('contract-q')] } }, 400],
      ['POST', '/v1.1/jobs/meters?file_name=a%2Fb.csv', { body: { assets: [meter('contract-q')] } }, 400],
      ['POST', '/v1.1/jobs/meters', { body: { assets: [] }, ...wrong }, 403],
      ['POST', '/v1.1/jobs/meters', { body: { assets: [] }, ...fault }, 500],
      [
        'POST',
        '/v1.1/meters',
        { body: { onboarding_token: 'token', provisional_asset: meter('contract-single') } },
        200,
      ],
      [
        'POST',
        '/v1.1/meters',
        { body: { onboarding_token: 'token', provisional_asset: meter('contract-single') } },
        200,
      ],
      ['POST', '/v1.1/meters', { body: { provisional_asset: { partner_reference: 'x' } } }, 400],
      ['POST', '/v1.1/meters?update_existing=1', { body: {} }, 400],
      ['GET', '/v1.1/provisional-assets', {}, 200],
      ['GET', '/v1.1/provisional-assets?filter=colour:blue', {}, 400],
      ['GET', '/v1.1/webhooks', {}, 200],
      ['GET', '/v1.1/webhooks', none, 401],
      ['GET', '/v1.1/webhooks', wrong, 403],
      ['GET', '/v1.1/webhooks', fault, 500],
      ['POST', '/v1.1/webhooks', { body: { receiver_url: RECEIVER, event_types: [] }, ...none }, 401],
      ['POST', '/v1.1/webhooks', { body: { receiver_url: RECEIVER, event_types: [] }, ...wrong }, 403],
      ['PUT', `/v1.1/webhooks/${webhook}`, { body: { receiver_url: RECEIVER, event_types: ['meter.created'] } }, 200],
      ['PUT', `/v1.1/webhooks/${UNKNOWN}`, { body: { receiver_url: RECEIVER, event_types: [] } }, 404],
      ['PUT', `/v1.1/webhooks/${webhook}`, { body: {}, ...none }, 401],
      ['PUT', `/v1.1/webhooks/${webhook}`, { body: {}, ...wrong }, 403],
      ['POST', `/v1.1/webhooks/${webhook}/test`, { body: { webhook_event_type: 'meter.created' } }, 200],
      ['POST', `/v1.1/webhooks/${UNKNOWN}/test`, { body: { webhook_event_type: 'meter.created' } }, 404],
      ['POST', `/v1.1/webhooks/${webhook}/test`, { body: {}, ...none }, 401],
      ['POST', `/v1.1/webhooks/${webhook}/test`, { body: {}, ...wrong }, 403],
      ['DELETE', `/v1.1/webhooks/${UNKNOWN}`, {}, 404],
      ['DELETE', `/v1.1/webhooks/${webhook}`, none, 401],
      ['DELETE', `/v1.1/webhooks/${webhook}`, wrong, 403],
      ['DELETE', `/v1.1/webhooks/${webhook}`, {}, 200],
    ];
    const answered = new Map<string, Set<number>>();
    for (const [method, path, options, status] of cases) {
      const answer = await call(method, path, options);
      assert.equal(answer.status, status, `${method} ${path}: ${answer.text.slice(0, 200)}`);
      answered.set(answer.operationId, new Set([...(answered.get(answer.operationId) ?? []), answer.status]));
    }
    // Every operation refuses a missing key (401) and another key (403), and can fail (500), in its file's shape.
    const ids: Record<string, string> = { meter_id: SEEDED, job_id: job, webhook_id: webhook };
    for (const operation of contract().operations) {
      if (NOT_IMPLEMENTED.includes(operation.operationId)) continue;
      const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => ids[name]!);
      const body = operation.requestBody ? {} : undefined;
      for (const [options, status] of [
        [none, 401],
        [wrong, 403],
        [fault, 500],
      ] as const) {
        const answer = await call(operation.method, path, { body, ...options });
        assert.equal(answer.status, status, `${operation.operationId}: ${answer.text.slice(0, 200)}`);
      }
    }
    // The job, finished: every row has its outcome, and the CSV job took its file name.
    leap.mock.clock.tick(1000);
    const done = (await call('GET', `/v1.1/jobs/meters/${job}`)).body as {
      status: string;
      assets: Array<{ meter_id?: string }>;
    };
    assert.equal(done.status, 'COMPLETED');
    const csv = (await call('GET', `/v1.1/jobs/meters/${csvJob}`)).body as { file_name: string };
    assert.equal(csv.file_name, 'meters.csv');
    // Every meter the mock can hold, read both ways: seeded, synthetic, partner-created and connected.
    const newMeter = done.assets[0]!.meter_id!;
    const connected = (
      (await call('POST', '/v2/meters/enrollments/search', { body: { partner_references: ['contract-connect'] } }))
        .body as { meters: Array<{ meter_id: string }> }
    ).meters;
    assert.equal(connected.length, 2);
    const everyKind = [SEEDED, newMeter, connected[0]!.meter_id, '00000000-0000-4000-8000-000000000002'];
    const seeded = (
      (await call('POST', '/v2/meters/search', { body: { page_size: 10 } })).body as {
        meters: Array<{ meter_id: string }>;
      }
    ).meters;
    for (const id of new Set([...everyKind, ...seeded.map((m) => m.meter_id)])) {
      assert.equal((await call('GET', `/v2/meters/${id}`)).status, 200);
      assert.equal((await call('GET', `/v2/meters/${id}/enrollments`)).status, 200);
      // The reference page's /details path answers the same as the files' path.
      const alias = await call('GET', `/v2/meters/${id}/details`, { as: `/v2/meters/${id}` });
      assert.deepEqual(alias.body, (await call('GET', `/v2/meters/${id}`)).body);
    }

    // Every operation the files define is served, except the frontend-only ones, each with a 2xx.
    for (const operation of contract().operations) {
      if (NOT_IMPLEMENTED.includes(operation.operationId)) continue;
      const statuses = [...(answered.get(operation.operationId) ?? [])];
      assert.ok(
        statuses.some((s) => s < 300),
        `${operation.operationId} answered ${statuses.join(', ') || 'nothing'}`,
      );
    }
  });

  it('leaves out only the operations the files mark "[Leap frontend only]", and docs/mock.md says so', async () => {
    for (const id of NOT_IMPLEMENTED) {
      const operation = contract().operation(id);
      assert.match(operation.description, /\[Leap frontend only\]/);
      assert.ok(DOCS.includes(`\`${id}\``), `docs/mock.md lists ${id}`);
      const answer = await leap.raw(operation.method, operation.path);
      assert.deepEqual(answer, { status: 404, body: { title: 'Not found', status: 404, details: {} } });
    }
  });

  it('sends every example in the files as a request; each answer is documented and valid', async () => {
    const webhook = await created(
      call('POST', '/v1.1/webhooks', { body: { receiver_url: RECEIVER, event_types: ['meter.created'] } }),
      'webhook_id',
    );
    const job = await created(
      call('POST', '/v1.1/jobs/meters', { body: { assets: [meter('contract-example')] } }),
      'job_id',
    );
    const known: Record<string, string> = { meter_id: SEEDED, job_id: job, webhook_id: webhook };
    let sent = 0;
    for (const operation of contract().operations) {
      if (NOT_IMPLEMENTED.includes(operation.operationId)) continue;
      const pathWith = (values: Record<string, string>) =>
        operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? known[name]!));
      const media = operation.requestBody?.content['application/json'];
      const bodies = [
        ...(media?.example !== undefined ? [media.example] : []),
        ...Object.values(media?.examples ?? {}).map((example) => example.value),
        ...(media?.schema?.example !== undefined ? [media.schema.example] : []),
      ];
      for (const body of bodies) {
        const answer = await call(operation.method, pathWith({}), { body });
        sent += 1;
        // A page token from no earlier answer (the files' placeholders) is refused, as at Leap; the rest is taken.
        const placeholderToken = typeof (body as { page_token?: unknown }).page_token === 'string';
        assert.equal(
          answer.status < 300,
          !placeholderToken,
          `${operation.operationId} ${JSON.stringify(body).slice(0, 120)}: ${answer.status} ${answer.text.slice(0, 200)}`,
        );
        if (placeholderToken) {
          // Without its placeholder token the same example is taken, its repeated list values included.
          const { page_token: _placeholder, ...rest } = body as Record<string, unknown>;
          assert.ok((await call(operation.method, pathWith({}), { body: rest })).status < 300);
        }
      }
      const fallbackBody = bodies[0] ?? (operation.requestBody ? {} : undefined);
      for (const parameter of operation.parameters ?? []) {
        const example = parameter.example ?? parameter.schema?.example;
        if (example === undefined) continue;
        sent += 1;
        if (parameter.in === 'path') {
          const answer = await call(operation.method, pathWith({ [parameter.name]: String(example) }), {
            body: fallbackBody,
          });
          // The files' example ids name no meter or job of the mock's.
          assert.ok([200, 404].includes(answer.status), `${operation.operationId} ${parameter.name}: ${answer.status}`);
          continue;
        }
        const query = new URLSearchParams();
        for (const value of Array.isArray(example) ? example : [example]) query.append(parameter.name, String(value));
        // search_query needs its search_fields: the example of one goes with the example of the other.
        const fields = operation.parameters.find((p) => p.name === 'search_fields');
        if (parameter.name === 'search_query' && fields) {
          for (const value of (fields.example ?? fields.schema?.example) as string[])
            query.append('search_fields', value);
        }
        const answer = await call(operation.method, `${pathWith({})}?${query}`, { body: fallbackBody });
        assert.ok(
          answer.status < 300,
          `${operation.operationId} ?${query}: ${answer.status} ${answer.text.slice(0, 200)}`,
        );
      }
    }
    assert.ok(sent >= 25, `${sent} examples sent`);
  });

  it('walks every listing with the files’ own page sizes: each item once, full pages, no token after the last', async () => {
    const sizes = (schema: Record<string, unknown> | undefined) => [
      ...new Set([schema?.default, schema?.example, schema?.maximum].filter((n): n is number => typeof n === 'number')),
    ];
    async function walk(
      fetchPage: (token?: string) => Promise<Answer>,
      listKey: string,
      size: number,
      idKey: string,
      extra?: string,
    ) {
      const ids: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const { status, body } = await fetchPage(token);
        assert.equal(status, 200);
        const page = body as Record<string, unknown> & { next_page_token?: string };
        const items = page[listKey] as Array<Record<string, string>>;
        assert.ok(items.length <= size);
        if (page.next_page_token !== undefined) assert.equal(items.length, size, 'every page but the last is full');
        assert.ok(!('next_page_token' in page) || typeof page.next_page_token === 'string', 'never a null token');
        ids.push(
          ...items.map((item) => [item[idKey], item.partner_reference, extra && item[extra]].filter(Boolean).join('/')),
        );
        token = page.next_page_token;
        pages += 1;
      } while (token);
      // Rows of one job may repeat a reference (a duplicate row): those lists are compared whole instead.
      if (!extra) assert.equal(new Set(ids).size, ids.length, 'no item twice');
      return { ids, pages };
    }

    const filter = contract().requestSchema('searchMeterEnrollments').properties as Record<
      string,
      Record<string, unknown>
    >;
    const meterSizes = sizes(filter.page_size);
    assert.deepEqual(meterSizes.sort(), [100, 500]);
    for (const path of ['/v2/meters/search', '/v2/meters/enrollments/search']) {
      const all = leap.mock.state.meters.length;
      for (const size of meterSizes) {
        const { ids, pages } = await walk(
          (token) => call('POST', path, { body: { page_size: size, ...(token ? { page_token: token } : {}) } }),
          'meters',
          size,
          'meter_id',
        );
        assert.equal(ids.length, all);
        assert.equal(pages, Math.ceil(all / size));
      }
      // No page_size: the files' default of 500.
      const { pages } = await walk(
        (token) => call('POST', path, { body: token ? { page_token: token } : {} }),
        'meters',
        500,
        'meter_id',
      );
      assert.equal(pages, Math.ceil(all / 500));
      // The smallest page, over one customer's meters.
      const min = filter.page_size!.minimum as number;
      const one = await walk(
        (token) =>
          call('POST', path, {
            body: { page_size: min, partner_references: ['demo-customer'], ...(token ? { page_token: token } : {}) },
          }),
        'meters',
        min,
        'meter_id',
      );
      assert.equal(one.pages, 5);
      for (const size of [min - 1, (filter.page_size!.maximum as number) + 1]) {
        assert.equal((await call('POST', path, { body: { page_size: size } })).status, 400);
      }
    }

    // Jobs and provisional assets: default pages of 100, as the files say.
    const jobSizes = sizes(
      contract()
        .operation('listMeterBatchJobs')
        .parameters.find((p) => p.name === 'page_size')!.schema,
    );
    assert.deepEqual(jobSizes, [100]);
    const before = leap.mock.state.jobs.length;
    for (let i = before; i < 230; i += 1) {
      await call('POST', '/v1.1/jobs/meters', { body: { assets: [meter(`contract-page-${i}`)] } });
    }
    leap.mock.clock.tick(1000);
    const jobs = await walk(
      (token) => call('GET', `/v1.1/jobs/meters${token ? `?page_token=${token}` : ''}`),
      'jobs',
      100,
      'job_id',
    );
    assert.equal(jobs.ids.length, leap.mock.state.jobs.length);
    assert.equal(jobs.pages, Math.ceil(leap.mock.state.jobs.length / 100));
    const explicit = await walk(
      (token) => call('GET', `/v1.1/jobs/meters?page_size=100${token ? `&page_token=${token}` : ''}`),
      'jobs',
      100,
      'job_id',
    );
    assert.deepEqual(explicit.ids, jobs.ids);
    // Every row of every job, newest job first.
    const rows = [...leap.mock.state.jobs]
      .reverse()
      .flatMap((job) => job.assets.map((row) => `${job.job_id}/${row.partner_reference}/${row.status}`));
    const assets = await walk(
      (token) => call('GET', `/v1.1/provisional-assets${token ? `?page_token=${token}` : ''}`),
      'provisional_assets',
      100,
      'job_id',
      'status',
    );
    assert.deepEqual(assets.ids, rows);
    assert.equal((await call('GET', '/v1.1/jobs/meters?page_size=0')).status, 400);
  });

  it('where the files contradict themselves, the mock follows the example; docs/mock.md lists every such place', async () => {
    // Each contradiction: how the validator words it, and the words docs/mock.md uses for it.
    const CONTRADICTIONS = [
      {
        problem: /\/generator_fuel_type must be equal to one of the allowed values/,
        docs: '`generator_fuel_type: ""`',
      },
      { problem: /\/connection_references must NOT have duplicate items/, docs: '`connection_references`' },
      {
        problem:
          /^\/(meter_ids|global_enrollment_statuses|meter_types|load_types|action_type) must NOT have duplicate items/,
        docs: '`uniqueItems`',
      },
      {
        problem: /\/partner_reference must (NOT have fewer than 3 characters|match pattern)/,
        docs: '`partner_reference: ""`',
      },
      { problem: /^\/details must be object/, docs: '`details`' },
      {
        problem: /must have required property '(meter_id|transmission_region)'|must match "then" schema/,
        docs: '`transmission_region`',
      },
    ];
    const unexplained: string[] = [];
    const used = new Set<number>();
    for (const example of contract().examples) {
      for (const problem of contract().problems(example.schema, example.value)) {
        const index = CONTRADICTIONS.findIndex((c) => c.problem.test(problem.replace(/^\(root\) /, '')));
        if (index < 0) unexplained.push(`${example.file} ${example.where}: ${problem}`);
        else used.add(index);
      }
    }
    assert.deepEqual(unexplained, [], 'a contradiction not listed');
    assert.deepEqual(
      [...used].sort(),
      CONTRADICTIONS.map((_, i) => i),
      'every listed contradiction is still in the files',
    );
    const section = DOCS.slice(DOCS.indexOf('## Where the files contradict themselves'));
    for (const { docs } of CONTRADICTIONS) assert.ok(section.includes(docs), `docs/mock.md explains ${docs}`);

    // The create-meters 400 follows its example: `details` is a list of ValidationError.
    const refused = await call('POST', '/v1.1/jobs/meters', {
      body: { assets: [{ ...meter('x-1'), postal_code: 1 }, { partner_reference: 'x-2' }] },
    });
    assert.equal(refused.status, 400);
    assert.deepEqual(
      refused.followedExample.map((p) => p.replace(/^\S+ \d+: /, '')),
      ['/details must be object'],
    );
    for (const detail of (refused.body as { details: unknown[] }).details) {
      assert.deepEqual(
        contract().problems(contract().component('leap-create-meters.openapi.yml', 'ValidationError'), detail),
        [],
      );
    }
    // The seed's nulls are the only nulls, and docs/mock.md names them.
    await call('GET', `/v2/meters/${SEEDED}/enrollments`);
    assert.deepEqual([...leap.seedNulls].sort(), [
      '/program_enrollment/*/market_group_id',
      '/program_enrollment/*/market_group_name',
    ]);
    assert.ok(DOCS.includes('market_group_id') && DOCS.includes('seed 001'));
  });

  it('answers the files do not document are listed in docs/mock.md', async () => {
    // Provoke each one, then compare what the whole file saw with the documentation.
    await call('GET', '/v1.1/jobs/meters/abcdef');
    await call('GET', `/v1.1/jobs/meters/${UNKNOWN}`);
    await call('GET', '/v1.1/jobs/meters', { key: null });
    await call('GET', '/v1.1/jobs/meters?search_query=x');
    const webhook = await created(
      call('POST', '/v1.1/webhooks', { body: { receiver_url: RECEIVER, event_types: [] } }),
      'webhook_id',
    );
    await call('POST', '/v1.1/webhooks', { body: { receiver_url: 'ftp://x', event_types: [] } });
    await call('PUT', `/v1.1/webhooks/${webhook}`, {
      body: { receiver_url: RECEIVER, event_types: ['meter.deleted'] },
    });
    await call('POST', `/v1.1/webhooks/${webhook}/test`, { body: { webhook_event_type: 'meter.deleted' } });
    await call('POST', '/v2/meters/enrollments/search', { body: {}, headers: { 'x-mock-fault': '429' } });
    const section = DOCS.slice(DOCS.indexOf('## Answers the files do not document'));
    const rows = section.split('\n').filter((line) => line.startsWith('|'));
    for (const entry of leap.undocumented) {
      const [operationId, status] = entry.split(' ');
      assert.ok(
        rows.some(
          (row) => (row.includes(`\`${operationId}\``) || row.includes('every operation')) && row.includes(status!),
        ),
        `docs/mock.md lists ${entry}`,
      );
    }
  });
});
