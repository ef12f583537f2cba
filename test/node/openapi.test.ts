/**
 * The backend's published contract (`GET {base}/openapi.json`): generated from the zod schemas, and true of the
 * backend's real answers, route by route and status by status (checked with Ajv, JSON Schema 2020-12).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { generateOpenApi, OPENAPI_FILE } from '../../scripts/openapi.js';
import { OPENAPI_DOCUMENT } from '../../src/server/openapi.generated.js';
import { createLeapHandler } from '../../src/server/index.js';
import { BEND, json, startBackend, startMock, TEST_SECRET } from './support.js';

const upstream = await startMock();
const backend = await startBackend(upstream.url, {
  customers: { demo: 'demo-customer' },
  rateLimit: { ip: false, token: { limit: 40, windowSeconds: 60 } },
});
const { token } = await backend.session({ 'x-test-user': 'demo' });

type Operation = { responses: Record<string, { content?: Record<string, { schema: object }> }> };
const paths = OPENAPI_DOCUMENT.paths as unknown as Record<string, Record<string, Operation>>;

describe('the published OpenAPI document', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'backend', components: OPENAPI_DOCUMENT.components }, 'backend');
  /** Every operation and status the tests saw, to check that each documented operation was exercised. */
  const exercised = new Set<string>();

  /** Checks one real answer against the document: its status is listed for the operation, its body matches. */
  async function check(template: string, method: string, response: Response): Promise<unknown> {
    const operation = paths[template]?.[method];
    assert.ok(operation, `${method.toUpperCase()} ${template} is documented`);
    const documented = operation.responses[String(response.status)];
    assert.ok(documented, `${method.toUpperCase()} ${template} documents status ${response.status}`);
    const body: unknown = await response.json();
    const schema = documented.content?.['application/json']?.schema as { $ref?: string } | undefined;
    assert.ok(schema, `${template} ${response.status} has a JSON schema`);
    const validate = ajv.compile(schema.$ref ? { $ref: `backend${schema.$ref}` } : schema);
    assert.ok(validate(body), `${method} ${template} ${response.status}: ${ajv.errorsText(validate.errors)}`);
    exercised.add(`${method} ${template}`);
    return body;
  }

  it('is up to date with the zod schemas (npm run generate)', async () => {
    assert.equal(readFileSync(OPENAPI_FILE, 'utf8'), await generateOpenApi());
  });

  it('POST /session: 200 and 401', async () => {
    await check(
      '/session',
      'post',
      await backend.call('/session', { method: 'POST', headers: { 'x-test-user': 'demo' } }),
    );
    await check('/session', 'post', await backend.call('/session', { method: 'POST' }));
  });

  it('POST /incentives: 200, 400 (fields and address), 401, 403, 413', async () => {
    await check(
      '/incentives',
      'post',
      await backend.call('/incentives', {
        ...json({ address: BEND, building_type: 'RESIDENTIAL', device_ids: [123] }),
        token,
      }),
    );
    await check(
      '/incentives',
      'post',
      await backend.call('/incentives', { ...json({ building_type: 'CASTLE' }), token }),
    );
    const nowhere = { ...BEND, street_1: '1 Nowhere Rd', postal_code: '00000' };
    await check(
      '/incentives',
      'post',
      await backend.call('/incentives', {
        ...json({ address: nowhere, building_type: 'RESIDENTIAL', device_ids: [123] }),
        token,
      }),
    );
    await check('/incentives', 'post', await backend.call('/incentives', json({ operation_type: 'refresh' })));
    const foreign = {
      ...json({ operation_type: 'refresh' }),
      token,
      headers: { origin: 'https://elsewhere.example', 'content-type': 'application/json' },
    };
    await check('/incentives', 'post', await backend.call('/incentives', foreign));
    await check(
      '/incentives',
      'post',
      await backend.call('/incentives', { ...json({ pad: 'x'.repeat(20_000) }), token }),
    );
  });

  it('GET /applications: 200 and 400', async () => {
    await check('/applications', 'get', await backend.call('/applications', { token }));
    await check('/applications', 'get', await backend.call('/applications?limit=500', { token }));
  });

  it('GET /applications/{id}: 200 and 404', async () => {
    const list = (await (await backend.call('/applications', { token })).json()) as { results: { id: number }[] };
    await check('/applications/{id}', 'get', await backend.call(`/applications/${list.results[0]!.id}`, { token }));
    await check('/applications/{id}', 'get', await backend.call('/applications/999999', { token }));
  });

  it('GET /meters/{meterId}/enrollment: 200 and 404', async () => {
    const meter = upstream.mock.state.meters.find((m) => m.enrollment.partner_reference === 'demo-customer')!;
    await check(
      '/meters/{meterId}/enrollment',
      'get',
      await backend.call(`/meters/${meter.enrollment.meter_id}/enrollment`, { token }),
    );
    await check(
      '/meters/{meterId}/enrollment',
      'get',
      await backend.call('/meters/00000000-0000-4000-8000-000000000000/enrollment', { token }),
    );
  });

  it('GET /meters: 200 and 400', async () => {
    await check('/meters', 'get', await backend.call('/meters', { token }));
    await check('/meters', 'get', await backend.call('/meters?meter_type=TOASTER', { token }));
  });

  it('GET /openapi.json: 200, the document itself with this backend’s base path', async () => {
    const doc = (await check('/openapi.json', 'get', await backend.call('/openapi.json'))) as { servers: unknown };
    assert.deepEqual(doc.servers, [{ url: '/api/leap' }]);
  });

  it('GET /healthz: 200 from a backend Leap accepts, 503 from one whose key Leap refused', async () => {
    await check('/healthz', 'get', await backend.call('/healthz'));
    const refused = createLeapHandler({
      apiKey: 'leap_live_refused',
      sessionSecret: TEST_SECRET,
      fetch: async () => Response.json({ message: 'invalid key' }, { status: 401 }),
      logger: () => {},
    });
    await refused.checkUpstream();
    await check('/healthz', 'get', await refused(new Request('http://backend.test/api/leap/healthz')));
  });

  it('429 is documented where the limit answers it', async () => {
    let limited: Response | undefined;
    for (let i = 0; i < 60 && !limited; i += 1) {
      const answer = await backend.call('/applications', { token });
      if (answer.status === 429) limited = answer;
      else await answer.arrayBuffer();
    }
    assert.ok(limited, 'the per-customer limit answered 429');
    await check('/applications', 'get', limited);
  });

  it('every documented operation was checked against a real answer', () => {
    const documented = Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m} ${path}`),
    );
    assert.deepEqual(
      documented.filter((operation) => !exercised.has(operation)),
      [],
    );
  });
});
