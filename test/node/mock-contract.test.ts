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
import {
  CONTRADICTIONS,
  created,
  CSV,
  FAULT,
  NO_KEY,
  NOT_IMPLEMENTED,
  operationCases,
  pageSizes,
  RECEIVER,
  receivers,
  SEEDED,
  UNKNOWN,
  walk,
  WRONG_KEY,
} from '../support/mock-contract-cases.js';
import { contract, contractMock, meter } from '../support/mock-http.js';

const DOCS = readFileSync(new URL('../../docs/mock.md', import.meta.url), 'utf8');

const leap = await contractMock({
  clock: 'manual',
  jobDelayMs: 1000,
  meterCount: 600,
  webhooks: { fetch: receivers },
});
const { call } = leap;

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
    const [wrong, none, fault] = [WRONG_KEY, NO_KEY, FAULT];
    const cases = operationCases(job, webhook);
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
    const filter = contract().requestSchema('searchMeterEnrollments').properties as Record<
      string,
      Record<string, unknown>
    >;
    const meterSizes = pageSizes(filter.page_size);
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
    const jobSizes = pageSizes(
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
