/**
 * Leap's OpenAPI files: every example must parse with the schema we model for it, every enum in the files must match
 * our exported arrays, and the text examples (CSV, a plain-string 500) read as they should.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
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
import { GridErrorResponse, GridValidationError, parseGridError } from '../../src/core/schemas/grid-errors.js';
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
  FieldSuggestion,
  FilterOptionsResponse,
  Job,
  JobAndAssets,
  KeyValueFilter,
  ListCreateMetersQuery,
  ListProvisionalAssetsResponse,
  PagedJobs,
  ProvisionalAsset,
  parseCreateMetersCsv,
} from '../../src/core/schemas/create-meters.js';

// ---------------------------------------------------------------------------------------------------------------
// Leap's OpenAPI files: every example must parse with the schema we model for it.
import { collectExamples, isNode, loadSpec, type Node, type SpecModel } from '../support/openapi-examples.js';

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
