/** Every request `createLeapClient()` sends is one Leap's published OpenAPI files document. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { collect, mockOnPort } from '../support/mock-on-port.js';

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
