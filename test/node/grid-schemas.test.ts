import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import * as z from 'zod/mini';
import { closedEnum } from '../../src/core/schemas/common.js';
import {
  ACTION_TYPES,
  ASSET_STATUS_DETAIL_NAMES,
  CBL_METHODS,
  COMPANY_TYPES,
  CUSTOMER_CLASSIFICATIONS,
  DEVICE_TYPES,
  DISPATCH_OPTIONS,
  ENROLLMENT_STATUSES,
  FUEL_TYPES,
  JOB_STATUSES,
  LOAD_TYPES,
  METER_CREATORS,
  METER_TYPES,
  NEM_TYPES,
  PARTICIPATION_PREFERENCES,
  PROGRAM_IDENTIFIERS,
  PROVISIONAL_ASSET_STATUSES,
  TRANSMISSION_REGIONS,
  UTILITY_NAMES,
  VOLTAGE_LEVELS,
} from '../../src/core/schemas/grid-enums.js';
import {
  GridErrorBody,
  GridErrorResponse,
  GridValidationError,
  parseGridError,
} from '../../src/core/schemas/grid-errors.js';
import {
  ListMeterDetailsResponse,
  MeterAudit,
  MeterBillingAddress,
  MeterCaiso,
  MeterCustomer,
  MeterDetailsResponse,
  MeterDevice,
  MeterFilterRequest,
  MeterIdentifiers,
  MeterIsone,
  MeterNyiso,
  MeterSite,
  MeterSiteDevice,
  MeterUtility,
  PartnerReference,
} from '../../src/core/schemas/meters.js';
import {
  EnrollmentDeadline,
  ListMeterEnrollmentsResponse,
  MeterEnrollmentResponse,
  ParticipationPreferenceResponse,
  ProgramEnrollment,
  RequiredAction,
  RequiredActions,
  SearchMeterEnrollmentsRequest,
} from '../../src/core/schemas/enrollments.js';
import {
  AssetStatusDetail,
  AssetUploadStatus,
  CreateAssetRequest,
  CreateMeter,
  CreateMeterBatchJobRequest,
  CreateMeterBatchJobResponse,
  CreateMeterBillingAddress,
  CreateMeterCaiso,
  CreateMeterCustomer,
  CreateMeterDevice,
  CreateMeterError,
  CreateMeterErrorResponse,
  CreateMeterIsone,
  CreateMeterNyiso,
  CreateMeterSite,
  CreateMeterSiteDevice,
  CreateMeterSuggestion,
  CreateMetersQuery,
  CreateMeterUtility,
  CsvParseError,
  FieldSuggestion,
  FilterOptionsResponse,
  Job,
  JobAndAssets,
  KeyValueFilter,
  ListCreateMetersQuery,
  ListProvisionalAssetsResponse,
  PagedJobs,
  ProvisionalAsset,
  createMeterBatchJobFromCsv,
  createMeterFromCsvRow,
  parseCreateMetersCsv,
} from '../../src/core/schemas/create-meters.js';

// ---------------------------------------------------------------------------------------------------------------
// Leap's OpenAPI files: every example must parse with the schema we model for it.

type Node = Record<string, unknown>;
type Schema = z.ZodMiniType;

// Copies of Leap's published OpenAPI files, kept verbatim so the check runs from any clone.
const REFERENCE_DIR = new URL('./fixtures/openapi/', import.meta.url);
function loadSpec(file: string): Node {
  const url = new URL(file, REFERENCE_DIR);
  if (!existsSync(url)) throw new Error(`Missing reference file ${url.pathname}`);
  return parseYaml(readFileSync(url, 'utf8')) as Node;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolve(spec: Node, value: unknown): unknown {
  if (!isNode(value) || typeof value.$ref !== 'string') return value;
  const target = value.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (isNode(node) ? node[key] : undefined), spec);
  assert.ok(target !== undefined, `unresolvable $ref ${value.$ref}`);
  return resolve(spec, target);
}

function refName(value: unknown): string | undefined {
  return isNode(value) && typeof value.$ref === 'string' ? value.$ref.split('/').pop() : undefined;
}

/** Own and allOf-inherited properties of a component schema. */
function propertiesOf(spec: Node, schema: unknown): Record<string, Node> {
  const node = resolve(spec, schema);
  if (!isNode(node)) return {};
  const merged: Record<string, Node> = {};
  for (const part of Array.isArray(node.allOf) ? node.allOf : []) Object.assign(merged, propertiesOf(spec, part));
  if (isNode(node.properties)) Object.assign(merged, node.properties);
  return merged;
}

function shapeOf(schema: Schema): Record<string, Schema> | undefined {
  const shape = (schema as { shape?: unknown }).shape;
  return isNode(shape) ? (shape as Record<string, Schema>) : undefined;
}

interface ExampleCase {
  name: string;
  schema: Schema;
  value: unknown;
}

interface SpecModel {
  /** Component schema name -> our schema (fragments of an allOf map to the schema that holds their fields). */
  components: Record<string, Schema>;
  /** Component schemas with examples that we deliberately do not model, with the reason. */
  notModelled?: Record<string, string>;
  /** operationId -> schema of its query parameters. */
  queries?: Record<string, Schema>;
}

function collectExamples(spec: Node, model: SpecModel): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const components = (
    isNode(spec.components) && isNode(spec.components.schemas) ? spec.components.schemas : {}
  ) as Node;

  for (const [name, raw] of Object.entries(components)) {
    const schema = model.components[name];
    const node = raw as Node;
    const props = propertiesOf(spec, node);
    const hasExamples = 'example' in node || Object.values(props).some((prop) => 'example' in prop);
    if (!schema) {
      if (hasExamples && !model.notModelled?.[name]) assert.fail(`component ${name} has examples but no schema mapped`);
      continue;
    }
    if ('example' in node) cases.push({ name: `schema ${name}`, schema, value: node.example });
    const shape = shapeOf(schema);
    for (const [prop, propNode] of Object.entries(isNode(node.properties) ? node.properties : {})) {
      if (!isNode(propNode) || !('example' in propNode) || !shape) continue;
      const field = shape[prop];
      assert.ok(field, `${name}.${prop} has an example but ${name}'s schema has no such field`);
      cases.push({ name: `schema ${name}.${prop}`, schema: field, value: propNode.example });
    }
  }

  const schemaFor = (content: Node, where: string): Schema | undefined => {
    const ref = refName(content.schema);
    if (ref) {
      const schema = model.components[ref];
      assert.ok(schema, `${where}: no schema mapped for ${ref}`);
      return schema;
    }
    const inline = resolve(spec, content.schema);
    if (isNode(inline) && inline.type === 'string') return GridErrorBody;
    assert.fail(`${where}: unexpected inline schema`);
  };
  const addContent = (content: Node, where: string) => {
    for (const [mediaType, raw] of Object.entries(content)) {
      const media = raw as Node;
      if (mediaType !== 'application/json') continue;
      const schema = schemaFor(media, `${where} ${mediaType}`);
      if (!schema) continue;
      if ('example' in media) cases.push({ name: `${where} example`, schema, value: media.example });
      for (const [key, example] of Object.entries(isNode(media.examples) ? media.examples : {})) {
        const resolved = resolve(spec, example) as Node;
        cases.push({ name: `${where} examples["${key}"]`, schema, value: resolved.value });
      }
    }
  };

  for (const [path, item] of Object.entries(spec.paths as Node)) {
    for (const [method, raw] of Object.entries(item as Node)) {
      const operation = raw as Node;
      const where = `${method.toUpperCase()} ${path}`;
      const body = resolve(spec, operation.requestBody);
      if (isNode(body) && isNode(body.content)) addContent(body.content, `${where} request`);
      for (const [status, response] of Object.entries(isNode(operation.responses) ? operation.responses : {})) {
        const resolved = resolve(spec, response);
        if (isNode(resolved) && isNode(resolved.content)) addContent(resolved.content, `${where} ${status}`);
      }
      const query = model.queries?.[String(operation.operationId)];
      for (const raw of Array.isArray(operation.parameters) ? operation.parameters : []) {
        const parameter = resolve(spec, raw) as Node;
        if (parameter.in !== 'query') continue;
        const schema = isNode(parameter.schema) ? parameter.schema : {};
        const example = 'example' in parameter ? parameter.example : schema.example;
        if (example === undefined) continue;
        const field = query && shapeOf(query)?.[String(parameter.name)];
        assert.ok(field, `${where}: query parameter ${String(parameter.name)} has an example but is not modelled`);
        cases.push({ name: `${where} query ${String(parameter.name)} example`, schema: field, value: example });
      }
    }
  }
  return cases;
}

const ENUM_SCHEMAS = {
  transmission_region: closedEnum(TRANSMISSION_REGIONS),
  CustomerClassification: closedEnum(CUSTOMER_CLASSIFICATIONS),
  EnrollmentStatus: closedEnum(ENROLLMENT_STATUSES),
  MeterType: closedEnum(METER_TYPES),
  load_type: closedEnum(LOAD_TYPES),
  action_type: closedEnum(ACTION_TYPES),
  DispatchOption: closedEnum(DISPATCH_OPTIONS),
  DeviceType: closedEnum(DEVICE_TYPES),
  FuelType: closedEnum(FUEL_TYPES),
  NemType: closedEnum(NEM_TYPES),
  customer_baseline_load_verification_methodology: closedEnum(CBL_METHODS),
  company_type: closedEnum(COMPANY_TYPES),
  utility: closedEnum(UTILITY_NAMES),
  ParticipationPreference: closedEnum(PARTICIPATION_PREFERENCES),
  JobStatus: closedEnum(JOB_STATUSES),
  ProvisionalAssetStatus: closedEnum(PROVISIONAL_ASSET_STATUSES),
};

const SPECS: Array<{ file: string; model: SpecModel }> = [
  {
    file: 'leap-meters.openapi.yml',
    model: {
      components: {
        ...ENUM_SCHEMAS,
        MeterDetailsResponse,
        ReadMeter: MeterDetailsResponse,
        CommonMeter: MeterDetailsResponse,
        ReadUtility: MeterDetailsResponse,
        AuditInfo: MeterDetailsResponse,
        ListMeterDetailsResponse,
        ErrorResponse: GridErrorResponse,
        MeterFilterRequest,
        MeterIdentifiers,
        MeterId: MeterIdentifiers,
        AssetIdentifiers: MeterIdentifiers,
        ExtendedMeterIdentifiers: MeterIdentifiers,
        Customer: MeterCustomer,
        Customer_billing: MeterBillingAddress,
        Device: MeterDevice,
        Site: MeterSite,
        DeviceInfo: MeterSiteDevice,
        Caiso: MeterCaiso,
        Isone: MeterIsone,
        Nyiso: MeterNyiso,
        ReadUtility_utility: MeterUtility,
        CommonUtility: MeterUtility,
        AuditInfo_audit: MeterAudit,
        PartnerReference,
      },
    },
  },
  {
    file: 'leap-enrollments.openapi.yml',
    model: {
      components: {
        ...ENUM_SCHEMAS,
        MeterEnrollmentResponse,
        MeterEnrollmentFields: MeterEnrollmentResponse,
        AuditInfo: MeterEnrollmentResponse,
        ParticipationPreferenceResponse,
        ProgramEnrollment,
        DeliveryPeriod: ProgramEnrollment,
        EnrollmentDeadline,
        RequiredActions,
        PartnerRequiredActions: RequiredActions,
        LeapRequiredActions: RequiredActions,
        RequiredAction,
        PublicProgram: RequiredAction,
        ErrorResponse: GridErrorResponse,
        MeterFilterRequest: SearchMeterEnrollmentsRequest,
        MeterIdentifiers,
        MeterId: MeterIdentifiers,
        AssetIdentifiers: MeterIdentifiers,
        ExtendedMeterIdentifiers: MeterIdentifiers,
        AuditInfo_audit: MeterAudit,
        searchMeterEnrollments_200_response: ListMeterEnrollmentsResponse,
        PartnerReference,
      },
    },
  },
  {
    file: 'leap-create-meters.openapi.yml',
    model: {
      components: {
        ...ENUM_SCHEMAS,
        PagedJobs,
        Job,
        CreateMeterBatchJobRequest,
        CreateMeter,
        AssetIdentifiers: CreateMeter,
        CommonMeter: CreateMeter,
        CreateMeterUtility: CreateMeter,
        CreateMeterCustomerGroup: CreateMeter,
        Customer: CreateMeterCustomer,
        Customer_billing: CreateMeterBillingAddress,
        Device: CreateMeterDevice,
        Site: CreateMeterSite,
        DeviceInfo: CreateMeterSiteDevice,
        Caiso: CreateMeterCaiso,
        Isone: CreateMeterIsone,
        Nyiso: CreateMeterNyiso,
        CommonUtility: CreateMeterUtility,
        CreateMeterBatchJobResponse,
        ErrorResponse: GridErrorResponse,
        MeterJobFiltersResponse: FilterOptionsResponse,
        ListProvisionalAssetsFiltersResponse: FilterOptionsResponse,
        KeyValueFilter,
        JobAndAssets,
        AssetUploadStatus,
        AssetUploadStatus_status_detail: AssetStatusDetail,
        CreateAssetRequest,
        ProvisionalAsset,
        CreateMeterErrorResponse,
        CreateMeterError,
        Suggestion: CreateMeterSuggestion,
        FieldSuggestion,
        ListProvisionalAssetsResponse,
        ValidationError: GridValidationError,
        PartnerReference,
      },
      queries: {
        createMeterBatchJob: CreateMetersQuery,
        createSingleMeter: CreateMetersQuery,
        listMeterBatchJobs: ListCreateMetersQuery,
        listProvisionalAssets: ListCreateMetersQuery,
      },
    },
  },
];

for (const { file, model } of SPECS) {
  const spec = loadSpec(file);
  describe(`OpenAPI examples: ${file}`, () => {
    for (const example of collectExamples(spec, model)) {
      it(example.name, () => {
        const result = example.schema.safeParse(example.value);
        assert.ok(result.success, JSON.stringify(result.error?.issues, null, 1));
      });
    }
  });
}

describe('enum arrays match every enum in the OpenAPI files', () => {
  const KNOWN: Record<string, readonly string[]> = {
    ...Object.fromEntries(Object.entries(ENUM_SCHEMAS).map(([name, schema]) => [name, schema.options])),
    'DeviceInfo.properties.voltage_level': VOLTAGE_LEVELS,
    'AuditInfo_audit.properties.created_by': METER_CREATORS,
    'PublicProgram.properties.program_identifier': PROGRAM_IDENTIFIERS,
    'AssetUploadStatus_status_detail.properties.name': ASSET_STATUS_DETAIL_NAMES,
  };
  for (const file of ['leap-meters.openapi.yml', 'leap-enrollments.openapi.yml', 'leap-create-meters.openapi.yml']) {
    const spec = loadSpec(file);
    it(file, () => {
      const found: Array<[string, unknown[]]> = [];
      const walk = (node: unknown, path: string[]) => {
        if (Array.isArray(node)) return node.forEach((item, index) => walk(item, [...path, String(index)]));
        if (!isNode(node)) return;
        if (Array.isArray(node.enum)) found.push([path.slice(2).join('.'), node.enum]);
        for (const [key, value] of Object.entries(node)) walk(value, [...path, key]);
      };
      walk(spec.components, ['components']);
      assert.ok(found.length > 5);
      for (const [where, values] of found) {
        assert.ok(KNOWN[where], `${file}: enum at ${where} has no exported array`);
        assert.deepEqual([...KNOWN[where]], values, `${file}: ${where}`);
      }
    });
  }
});

describe('OpenAPI text examples', () => {
  const spec = loadSpec('leap-create-meters.openapi.yml');
  it('the provisional-assets CSV export parses with the RFC 4180 reader', () => {
    const paths = spec.paths as Record<string, Record<string, Node>>;
    const responses = paths['/v1.1/provisional-assets'].get.responses as Record<string, Node>;
    const csv = (responses['200'].content as Record<string, Node>)['text/csv'].example as string;
    const { headers, rows } = parseCreateMetersCsv(csv);
    assert.equal(rows.length, 3);
    assert.equal(headers[0], 'job_id');
    assert.equal(rows[0].job_id, '514dc8d0-7dff-4bd3-9737-f1f49a6e99ed');
    assert.equal(rows[0]['data.load_types.1'], 'MANUFACTURING');
    assert.equal(rows[2]['status_detail.failed_fields.0.value'], 'message');
  });
  it('a 500 plain-string body becomes the error envelope', () => {
    const error = parseGridError('An error happened whilst processing your request', 500);
    assert.deepEqual(error, { title: 'An error happened whilst processing your request', status: 500, details: {} });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Seed documents (Leap's guides).

const THREE_PERIODS = [
  {
    program_identifier: 'CCA',
    delivery_period: 'CAISO-CCA_2024_OCT',
    delivery_period_start_date_time: '2024-10-01T07:00:00Z',
    delivery_period_end_date_time: '2024-11-01T07:00:00Z',
    enrollment_status: 'ACTIVE',
    enrollment_deadlines: [
      { enrollment_deadline_date_time: '2024-09-29T07:00:00Z', activation_date_time: '2024-10-01T07:00:00Z' },
      { enrollment_deadline_date_time: '2024-10-13T07:00:00Z', activation_date_time: '2024-10-15T07:00:00Z' },
    ],
    market_group_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    market_group_name: 'PGEB_2_PDRP96',
  },
  {
    program_identifier: 'CCA',
    delivery_period: 'CAISO-CCA_2024_NOV',
    delivery_period_start_date_time: '2024-11-01T07:00:00Z',
    delivery_period_end_date_time: '2024-12-01T08:00:00Z',
    enrollment_status: 'ELIGIBLE',
    enrollment_deadlines: [
      { enrollment_deadline_date_time: '2024-10-30T07:00:00Z', activation_date_time: '2024-11-01T07:00:00Z' },
      { enrollment_deadline_date_time: '2024-11-13T08:00:00Z', activation_date_time: '2024-11-15T08:00:00Z' },
    ],
    market_group_id: null,
    market_group_name: null,
  },
  {
    program_identifier: 'CCA',
    delivery_period: 'CAISO-CCA_2024_DEC',
    delivery_period_start_date_time: '2024-12-01T08:00:00Z',
    delivery_period_end_date_time: '2025-01-01T08:00:00Z',
    enrollment_status: 'ELIGIBLE',
    enrollment_deadlines: [
      { enrollment_deadline_date_time: '2024-11-29T08:00:00Z', activation_date_time: '2024-12-01T08:00:00Z' },
      { enrollment_deadline_date_time: '2024-12-13T08:00:00Z', activation_date_time: '2024-12-15T08:00:00Z' },
    ],
    market_group_id: null,
    market_group_name: null,
  },
];

const PARTICIPATION_SCHEDULE = [
  { participation_preference: 'PARTICIPATE', start_time: '2024-11-01T07:00:00Z', end_time: '2025-04-01T07:00:00Z' },
  {
    participation_preference: 'IDLE',
    start_time: '2025-04-01T07:00:00Z',
    end_time: '2025-06-01T07:00:00Z',
    reason: 'Idle Time',
  },
  { participation_preference: 'PARTICIPATE', start_time: '2025-06-01T07:00:00Z', end_time: '9000-01-01T00:00:00Z' },
];

const MRKT_0002 = {
  program_identifier: 'CCA',
  delivery_period: 'CAISO-CCA_2024_NOV',
  enrollment_deadline_date_time: '2024-10-15T07:00:00.000Z',
  action_type: 'NOT_ENROLLED_IN_CONFLICTING_PROGRAM',
  action_description:
    'This meter must be disenrolled from a conflicting program: PG&E, ART. Learn more in our partner guide.',
  action_code: 'MRKT_0002',
};

/** A meter enrollment assembled from the snippets of the "Sync Meter Inventory (V2)" guide. */
function seedEnrollment(): Record<string, unknown> {
  return {
    meter_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    partner_reference: 'unique-reference-id-12345',
    meter_type: 'UTILITY_METER',
    transmission_region: 'CAISO',
    load_types: ['HVAC'],
    tags: [],
    is_archived: false,
    audit: { created_by: 'PARTNER', created_at: '2024-10-01T00:00:00Z', updated_at: '2024-10-02T00:00:00Z' },
    global_enrollment_status: 'ACTIVE',
    program_enrollment: THREE_PERIODS,
    required_actions: { partner: [MRKT_0002] },
    participation_preferences: PARTICIPATION_SCHEDULE,
  };
}

describe('seed: Sync Meter Inventory (V2)', () => {
  it('accepts the three-period program_enrollment example, keeping null market groups', () => {
    const periods = z.array(ProgramEnrollment).parse(THREE_PERIODS);
    assert.equal(periods.length, 3);
    assert.equal(periods[0].market_group_name, 'PGEB_2_PDRP96');
    assert.equal(periods[1].market_group_id, null);
    assert.equal(periods[2].enrollment_deadlines[1].activation_date_time, '2024-12-15T08:00:00Z');
  });

  it('accepts the participation_preferences example with the open-ended 9000-01-01 end', () => {
    const schedule = z.array(ParticipationPreferenceResponse).parse(PARTICIPATION_SCHEDULE);
    assert.equal(schedule[2].end_time, '9000-01-01T00:00:00Z');
    assert.equal(schedule[1].reason, 'Idle Time');
    assert.equal(schedule[0].reason, undefined);
  });

  it('accepts the partner required action MRKT_0002 example; a missing leap list reads as empty', () => {
    const actions = RequiredActions.parse({ partner: [MRKT_0002] });
    assert.equal(actions.partner[0].action_code, 'MRKT_0002');
    assert.equal(actions.partner[0].action_type, 'NOT_ENROLLED_IN_CONFLICTING_PROGRAM');
    assert.deepEqual(actions.leap, []);
  });

  it('accepts a whole meter enrollment built from the guide, with a CEC-DSGS period as in use case B', () => {
    const enrollment = MeterEnrollmentResponse.parse({
      ...seedEnrollment(),
      program_enrollment: [
        ...THREE_PERIODS,
        {
          program_identifier: 'CEC-DSGS',
          delivery_period: 'CEC-DSGS_2024_AUG_OCT',
          delivery_period_start_date_time: '2024-10-01T07:00:00.000Z',
          delivery_period_end_date_time: '2024-11-01T07:00:00.000Z',
          enrollment_status: 'ACTIVE',
          enrollment_deadlines: [],
        },
      ],
    });
    assert.equal(enrollment.global_enrollment_status, 'ACTIVE');
    assert.equal(enrollment.program_enrollment.length, 4);
  });

  it('accepts a meter whose partner_reference is empty (Leap Connect link without refId)', () => {
    for (const partner_reference of [null, undefined, '']) {
      const result = MeterEnrollmentResponse.safeParse({ ...seedEnrollment(), partner_reference });
      assert.ok(result.success, String(partner_reference));
    }
  });

  it('parses date-times at nanosecond precision and in the year 9000', () => {
    const period = ParticipationPreferenceResponse.parse({
      participation_preference: 'PARTICIPATE',
      start_time: '2024-07-12T16:40:56.401422Z',
      end_time: '9000-12-31T23:59:59.999999999Z',
    });
    assert.equal(period.end_time, '9000-12-31T23:59:59.999999999Z');
    assert.equal(ParticipationPreferenceResponse.safeParse({ ...period, start_time: 'not a date' }).success, false);
  });
});

describe('seed: older meter guide (enrollment / participation objects)', () => {
  it('keeps the v1-style enrollment and participation objects on a meter', () => {
    const meter = MeterDetailsResponse.parse({
      meter_id: '11111111-1111-1111-1111-111111111111',
      is_archived: false,
      transmission_region: 'CAISO',
      meter_type: 'UTILITY_METER',
      customer: {},
      audit: {},
      enrollment: {
        status: 'Active',
        active_from: '2021-05-19T07:00:00Z',
        active_to: '2021-12-31T08:00:00Z',
        eligible_from: '2021-05-19T07:00:00Z',
        eligible_to: '2029-01-02T08:00:00Z',
        status_reasons: [],
      },
      participation: [
        { market_group_id: '959b2bfb-ec22-4fdf-be54-173639c4e925', trade_date: '2021-06-02T07:00:00Z' },
        { market_group_id: '959b2bfb-ec22-4fdf-be54-173639c4e925', trade_date: '2021-06-03T07:00:00Z' },
      ],
    });
    assert.equal(meter.enrollment?.status, 'Active');
    assert.equal(meter.participation?.[1].trade_date, '2021-06-03T07:00:00Z');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Forward compatibility of responses.

describe('responses keep what Leap adds later', () => {
  it('keeps unknown fields at the top level and in nested objects', () => {
    const input = seedEnrollment();
    const parsed = MeterEnrollmentResponse.parse({
      ...input,
      brand_new_field: { nested: 1 },
      program_enrollment: [{ ...THREE_PERIODS[0], settlement_zone: 'PGAE' }],
      required_actions: { partner: [{ ...MRKT_0002, severity: 'HIGH' }], leap: [], customer: [] },
    }) as Record<string, unknown>;
    assert.deepEqual(parsed.brand_new_field, { nested: 1 });
    const enrollment = parsed as unknown as z.infer<typeof MeterEnrollmentResponse>;
    assert.equal((enrollment.program_enrollment[0] as Record<string, unknown>).settlement_zone, 'PGAE');
    assert.equal((enrollment.required_actions.partner[0] as Record<string, unknown>).severity, 'HIGH');
    assert.deepEqual((enrollment.required_actions as Record<string, unknown>).customer, []);
  });

  it('keeps unknown fields on meter details, create-meters jobs and error envelopes', () => {
    const meter = MeterDetailsResponse.parse({
      meter_id: 'm-1',
      is_archived: false,
      transmission_region: 'NYISO',
      meter_type: 'DEVICE',
      customer: { city: 'New York', geo: { lat: 1 } },
      audit: { created_by: 'PARTNER' },
      grid_zone: 'J',
    });
    assert.equal((meter as Record<string, unknown>).grid_zone, 'J');
    assert.deepEqual((meter.customer as Record<string, unknown>).geo, { lat: 1 });
    const job = Job.parse({
      job_id: 'j',
      status: 'COMPLETED',
      created_at: '2024-03-21T09:43:51Z',
      updated_at: '2024-03-21T09:43:51Z',
      owner: 'x',
    });
    assert.equal((job as Record<string, unknown>).owner, 'x');
    const error = GridErrorResponse.parse({ title: 't', status: 400, details: {}, trace_id: 'abc' });
    assert.equal((error as Record<string, unknown>).trace_id, 'abc');
  });

  it('accepts enum values Leap adds later', () => {
    const parsed = MeterEnrollmentResponse.parse({
      ...seedEnrollment(),
      global_enrollment_status: 'SOME_FUTURE_STATUS',
      transmission_region: 'MISO',
      load_types: ['HVAC', 'POOL_PUMP'],
      program_enrollment: [{ ...THREE_PERIODS[0], program_identifier: 'MISO-NEW', enrollment_status: 'WAITLISTED' }],
      required_actions: { partner: [{ ...MRKT_0002, action_type: 'HAS_SMART_PANEL' }], leap: [] },
      participation_preferences: [{ participation_preference: 'PAUSE', start_time: '2025-01-01T00:00:00Z' }],
    });
    assert.equal(parsed.global_enrollment_status, 'SOME_FUTURE_STATUS');
    assert.equal(parsed.program_enrollment[0].program_identifier, 'MISO-NEW');
    assert.equal(parsed.required_actions.partner[0].action_type, 'HAS_SMART_PANEL');
    assert.equal(
      JobAndAssets.safeParse({
        job_id: 'j',
        status: 'QUEUED',
        created_at: '2024-01-01T00:00:00Z',
        updated_at: '2024-01-01T00:00:00Z',
        assets: [{ partner_reference: 'p-1', status: 'ARCHIVED', status_detail: { name: 'NEW_REASON' } }],
      }).success,
      true,
    );
  });

  it('still rejects what no documented variant allows', () => {
    assert.equal(
      MeterEnrollmentResponse.safeParse({ ...seedEnrollment(), global_enrollment_status: 42 }).success,
      false,
    );
    assert.equal(MeterEnrollmentResponse.safeParse({ ...seedEnrollment(), meter_id: undefined }).success, false);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Requests.

describe('MeterFilterRequest (search bodies)', () => {
  it('accepts the polling filter and closes its enums', () => {
    const body = { last_modified_date_time: '2024-10-21T11:43:05.892Z', page_size: 500, meter_ids: [] };
    assert.deepEqual(MeterFilterRequest.parse(body), body);
    assert.equal(MeterFilterRequest.safeParse({ global_enrollment_statuses: ['SOME_FUTURE_STATUS'] }).success, false);
  });

  it('rejects out-of-range pages, malformed ids and misspelt filters', () => {
    assert.equal(MeterFilterRequest.safeParse({ page_size: 501 }).success, false);
    assert.equal(MeterFilterRequest.safeParse({ meter_ids: ['abcdef'] }).success, false);
    assert.equal(MeterFilterRequest.safeParse({ partner_references: ['a/b'] }).success, false);
    assert.equal(MeterFilterRequest.safeParse({ last_modified: '2024-10-21T11:43:05Z' }).success, false);
    assert.equal(MeterFilterRequest.safeParse({ created_after_date_time: 'yesterday' }).success, false);
  });
});

const JSON_METER = {
  partner_reference: 'site-0042',
  transmission_region: 'CAISO',
  customer_classification: 'COMMERCIAL',
  load_types: ['HVAC', 'BATTERY_STORAGE', 'LIGHTING'],
  meter_type: 'DEVICE',
  customer: {
    street_1: '100 Main St, Suite 5',
    postal_code: '94105',
    city: 'San Francisco',
    state_or_province_code: 'CA',
    country_code: 'US',
    end_customer_name: 'Jane "JJ" Doe',
    end_customer_company_name: 'Doe, Smith & Co.',
    is_in_wholesale_capacity_market: false,
    billing: {
      street_1: 'PO Box 7',
      postal_code: '94105-1234',
      city: 'San Francisco',
      state_or_province_code: 'CA',
      country_code: 'US',
    },
  },
  device: { device_type: 'BATTERY', battery_power_capacity_kw: 5.5, battery_duration_hours: 4 },
  site: {
    number_of_devices: 2,
    renewable_generator: true,
    site_devices: [{ device_type: 'BATTERY', model: 'PW-3', energy_capacity_kwh: 13.5, pv_connected: true }],
  },
  utility: { utility_name: 'PGE', electric_service_account_number: '12243243-121' },
};

const GLOBAL_REQUIRED: Array<{ field: string; path: string[] }> = [
  { field: 'partner_reference', path: ['partner_reference'] },
  { field: 'transmission_region', path: ['transmission_region'] },
  { field: 'customer_classification', path: ['customer_classification'] },
  { field: 'load_types', path: ['load_types'] },
  { field: 'meter_type', path: ['meter_type'] },
  // The address lives in `customer` in Leap's JSON shape.
  { field: 'street_1', path: ['customer', 'street_1'] },
  { field: 'postal_code', path: ['customer', 'postal_code'] },
  { field: 'city', path: ['customer', 'city'] },
  { field: 'state_or_province_code', path: ['customer', 'state_or_province_code'] },
  { field: 'country_code', path: ['customer', 'country_code'] },
];

function without(value: Record<string, unknown>, path: string[]): Record<string, unknown> {
  const copy = structuredClone(value);
  const parent = path
    .slice(0, -1)
    .reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, copy);
  delete parent[path[path.length - 1]];
  return copy;
}

describe('CreateMeter: global required fields', () => {
  it('accepts the complete meter', () => {
    assert.deepEqual(CreateMeter.parse(JSON_METER), JSON_METER);
  });

  for (const { field, path } of GLOBAL_REQUIRED) {
    it(`a meter without ${field} fails with an issue at ${path.join('.')}`, () => {
      const result = CreateMeter.safeParse(without(JSON_METER, path));
      assert.equal(result.success, false);
      const issues = result.error?.issues ?? [];
      assert.deepEqual(
        issues.map((issue) => issue.path),
        [path],
      );
      assert.equal(issues[0].path[issues[0].path.length - 1], field);
    });
  }

  it('names the asset index inside a batch job', () => {
    const result = CreateMeterBatchJobRequest.safeParse({
      assets: [JSON_METER, without(JSON_METER, ['customer', 'postal_code'])],
    });
    assert.deepEqual(
      result.error?.issues.map((issue) => issue.path),
      [['assets', 1, 'customer', 'postal_code']],
    );
  });

  it('applies the documented formats and closed enums', () => {
    const bad = (patch: Record<string, unknown>) => CreateMeter.safeParse({ ...JSON_METER, ...patch }).success;
    assert.equal(bad({ load_types: [] }), false);
    assert.equal(bad({ transmission_region: 'MISO' }), false);
    assert.equal(bad({ partner_reference: 'ab' }), false);
    assert.equal(bad({ customer: { ...JSON_METER.customer, postal_code: '9410' } }), false);
    assert.equal(bad({ customer: { ...JSON_METER.customer, state_or_province_code: 'Cal' } }), false);
    assert.equal(bad({ customer: { ...JSON_METER.customer, end_customer_name: 'J?ne' } }), false);
    assert.equal(
      bad({ site: { site_devices: [{ device_type: 'BATTERY', battery_max_state_of_charge_percentage: 0.95 }] } }),
      false,
    );
    assert.equal(bad({ site: { generator_fuel_type: '' } }), true);
    assert.equal(bad({ unknown_field: 1 }), false);
  });

  it('validates the single-create body and the query', () => {
    assert.equal(
      CreateAssetRequest.safeParse({ onboarding_token: 'tok', provisional_asset: JSON_METER }).success,
      true,
    );
    assert.equal(CreateAssetRequest.safeParse({ provisional_asset: JSON_METER }).success, false);
    assert.equal(CreateMetersQuery.safeParse({ update_existing: true, file_name: 'meters.csv' }).success, true);
    assert.equal(CreateMetersQuery.safeParse({ file_name: '../meters.csv' }).success, false);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// CSV input.

const CSV_HEADER = [
  'partner_reference',
  'transmission_region',
  'customer_classification',
  'load_types',
  'meter_type',
  'street_1',
  'postal_code',
  'city',
  'state_or_province_code',
  'country_code',
  'end_customer_name',
  'end_customer_company_name',
  'is_in_wholesale_capacity_market',
  'customer.billing.street_1',
  'customer.billing.postal_code',
  'customer.billing.city',
  'customer.billing.state_or_province_code',
  'customer.billing.country_code',
  'device_type',
  'battery_power_capacity_kw',
  'battery_duration_hours',
  'number_of_devices',
  'renewable_generator',
  'site.site_devices.0.device_type',
  'site.site_devices.0.model',
  'site.site_devices.0.energy_capacity_kwh',
  'site.site_devices.0.pv_connected',
  'utility_name',
  'electric_service_account_number',
  'tariff',
].join(',');

const CSV_ROW = [
  'site-0042',
  'CAISO',
  'COMMERCIAL',
  'HVAC;BATTERY_STORAGE|LIGHTING',
  'DEVICE',
  '"100 Main St, Suite 5"',
  '94105',
  'San Francisco',
  'CA',
  'US',
  '"Jane ""JJ"" Doe"',
  '"Doe, Smith & Co."',
  'FALSE',
  'PO Box 7',
  '94105-1234',
  'San Francisco',
  'CA',
  'US',
  'BATTERY',
  '5.5',
  '4',
  '2',
  'true',
  'BATTERY',
  'PW-3',
  '13.5',
  'TRUE',
  'PGE',
  '12243243-121',
  '',
].join(',');

describe('create meters from CSV', () => {
  it('reads quoted commas, escaped quotes and CRLF into the same validated object as the JSON', () => {
    const csv = `\uFEFF${CSV_HEADER}\r\n${CSV_ROW}\r\n\r\n`;
    const { rows } = parseCreateMetersCsv(csv);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].street_1, '100 Main St, Suite 5');
    assert.equal(rows[0].end_customer_name, 'Jane "JJ" Doe');
    const fromCsv = CreateMeter.parse(createMeterFromCsvRow(rows[0]));
    assert.deepEqual(fromCsv, CreateMeter.parse(JSON_METER));
    assert.deepEqual(CreateMeterBatchJobRequest.parse(createMeterBatchJobFromCsv(csv)), { assets: [fromCsv] });
  });

  it('keeps line breaks inside quoted fields and accepts LF-only files', () => {
    const { rows } = parseCreateMetersCsv('a,b\n"line 1\r\nline 2",x\n"",y');
    assert.deepEqual(rows, [
      { a: 'line 1\r\nline 2', b: 'x' },
      { a: '', b: 'y' },
    ]);
  });

  it('reports a missing postal_code at the same path as JSON', () => {
    const header = CSV_HEADER.split(',');
    const cells = CSV_ROW.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    cells[header.indexOf('postal_code')] = '';
    const { rows } = parseCreateMetersCsv(`${CSV_HEADER}\r\n${cells.join(',')}\r\n`);
    const result = CreateMeter.safeParse(createMeterFromCsvRow(rows[0]));
    assert.deepEqual(
      result.error?.issues.map((issue) => issue.path),
      [['customer', 'postal_code']],
    );
  });

  it('leaves unconvertible numbers as text so the schema names the field', () => {
    const meter = createMeterFromCsvRow({
      ...parseCreateMetersCsv(`${CSV_HEADER}\n${CSV_ROW}`).rows[0],
      battery_duration_hours: 'four',
    });
    const result = CreateMeter.safeParse(meter);
    assert.deepEqual(
      result.error?.issues.map((issue) => issue.path),
      [['device', 'battery_duration_hours']],
    );
  });

  it('flags misspelt columns instead of dropping them', () => {
    const meter = createMeterFromCsvRow({
      ...parseCreateMetersCsv(`${CSV_HEADER}\n${CSV_ROW}`).rows[0],
      postcode: '94105',
    });
    const result = CreateMeter.safeParse(meter);
    assert.equal(result.success, false);
    assert.equal(result.error?.issues[0].code, 'unrecognized_keys');
  });

  it('rejects malformed CSV with the line number', () => {
    const cases: Array<[string, RegExp]> = [
      ['a,b\n"open,x', /line 2: a quoted field is never closed/],
      ['a,b\nx"y,z', /line 2: a double quote inside a field/],
      ['a,b\n"x"y,z', /line 2: unexpected text after a closing quote/],
      ['a,b\n1,2,3', /line 2: 3 cells but the header has 2 columns/],
      ['a,a\n1,2', /line 1: column "a" appears twice/],
    ];
    for (const [csv, message] of cases) {
      assert.throws(
        () => parseCreateMetersCsv(csv),
        (error: unknown) => error instanceof CsvParseError && message.test(error.message),
      );
    }
    assert.throws(() => createMeterFromCsvRow({ '__proto__.polluted': 'x' }), CsvParseError);
    assert.throws(() => createMeterFromCsvRow({ postal_code: '1', 'customer.postal_code': '2' }), CsvParseError);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Error envelope.

describe('grid-platform errors', () => {
  it('accepts details as an object or as the create-meters array', () => {
    assert.equal(
      GridErrorResponse.safeParse({ title: 'Meter not found', status: 404, details: { meter_id: 'x' } }).success,
      true,
    );
    const batch = GridErrorResponse.parse({
      title: 'Bad Request',
      status: 400,
      details: [{ message: 'Missing required parameter', json_index: 1, problem_field: 'partner_reference' }],
    });
    assert.ok(Array.isArray(batch.details));
  });

  it('normalises string, JSON-text and foreign bodies into the envelope', () => {
    assert.deepEqual(parseGridError('', 502), { title: 'HTTP 502', status: 502, details: {} });
    assert.deepEqual(parseGridError('{"title":"Unauthorized","status":401,"details":{}}', 401), {
      title: 'Unauthorized',
      status: 401,
      details: {},
    });
    assert.deepEqual(parseGridError({ message: 'Forbidden', requestId: 'r1' }, 403), {
      title: 'Forbidden',
      status: 403,
      details: { message: 'Forbidden', requestId: 'r1' },
    });
    assert.deepEqual(parseGridError(undefined, 500), { title: 'HTTP 500', status: 500, details: {} });
  });
});
