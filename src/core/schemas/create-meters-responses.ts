/**
 * Answers of Leap's create-meters API (`leap-create-meters.openapi.yml`): the job and its per-`partner_reference` rows,
 * provisional assets, filter lists and errors. Loose and lenient like every other Leap response.
 */
import * as z from 'zod/mini';
import { isoDateTime, openEnum } from './common.js';
import {
  ASSET_STATUS_DETAIL_NAMES,
  CUSTOMER_CLASSIFICATIONS,
  JOB_STATUSES,
  LOAD_TYPES,
  METER_TYPES,
  PROVISIONAL_ASSET_STATUSES,
  TRANSMISSION_REGIONS,
} from './grid-enums.js';
import { GridErrorResponse, GridValidationError } from './grid-errors.js';
import { MeterCaiso, MeterCustomer, MeterDevice, MeterIsone, MeterNyiso, MeterSite, MeterUtility } from './meters.js';

/** `POST /v1.1/jobs/meters` 201: the job to poll. */
export const CreateMeterBatchJobResponse = z.looseObject({
  job_id: z.string(),
});
export type CreateMeterBatchJobResponse = z.infer<typeof CreateMeterBatchJobResponse>;

/** `status` of a create-meters job (`GET /v1.1/jobs/meters/{job_id}`). */
export const JobStatus = openEnum(JOB_STATUSES);
export type JobStatus = z.infer<typeof JobStatus>;

/** One create-meters job (`GET /v1.1/jobs/meters` `jobs[]`, and the head of `GET /v1.1/jobs/meters/{job_id}`). */
export const Job = z.looseObject({
  job_id: z.string(),
  status: JobStatus,
  // Leap documents null for jobs uploaded before file names were recorded, though the type says string.
  file_name: z.nullish(z.string()),
  assets_count: z.nullish(z.int()),
  assets_created_count: z.nullish(z.int()),
  assets_updated_count: z.nullish(z.int()),
  assets_failed_count: z.nullish(z.int()),
  transmission_regions: z.nullish(z.array(openEnum(TRANSMISSION_REGIONS))),
  created_at: isoDateTime,
  updated_at: isoDateTime,
});
export type Job = z.infer<typeof Job>;

/** `GET /v1.1/jobs/meters`: one page of create-meters jobs. */
export const PagedJobs = z.looseObject({
  jobs: z.array(Job),
  next_page_token: z.nullish(z.string()),
});
export type PagedJobs = z.infer<typeof PagedJobs>;

/** Per-asset `status` of a create-meters job (`GET /v1.1/jobs/meters/{job_id}` `assets[].status`). */
export const ProvisionalAssetStatus = openEnum(PROVISIONAL_ASSET_STATUSES);
export type ProvisionalAssetStatus = z.infer<typeof ProvisionalAssetStatus>;

/** Per-asset `status_detail` (`GET /v1.1/jobs/meters/{job_id}`): the reason, and the fields that failed. */
export const AssetStatusDetail = z.looseObject({
  name: z.nullish(openEnum(ASSET_STATUS_DETAIL_NAMES)),
  description: z.nullish(z.string()),
  failed_fields: z.nullish(z.record(z.string(), z.string())),
});
export type AssetStatusDetail = z.infer<typeof AssetStatusDetail>;

/**
 * The result for one `partner_reference` of a create-meters job (`GET /v1.1/jobs/meters/{job_id}` `assets[]`):
 * `meter_id` once `COMPLETED`, otherwise `status_detail` says why not. Leap's example sends `partner_reference: ""`,
 * so the request-side format is not enforced here.
 */
export const AssetUploadStatus = z.looseObject({
  partner_reference: z.string(),
  status: ProvisionalAssetStatus,
  status_detail: AssetStatusDetail,
  created_at: z.nullish(isoDateTime),
  meter_id: z.nullish(z.string()),
});
export type AssetUploadStatus = z.infer<typeof AssetUploadStatus>;

/** `GET /v1.1/jobs/meters/{job_id}`: the job and one result per submitted asset. */
export const JobAndAssets = z.extend(Job, {
  assets: z.nullish(z.array(AssetUploadStatus)),
});
export type JobAndAssets = z.infer<typeof JobAndAssets>;

/**
 * The submitted meter as Leap echoes it in `data` of a provisional asset (`POST /v1.1/meters` 200,
 * `GET /v1.1/provisional-assets`): the create-meter shape, read leniently.
 */
export const ProvisionalAssetData = z.looseObject({
  partner_reference: z.nullish(z.string()),
  transmission_region: z.nullish(openEnum(TRANSMISSION_REGIONS)),
  customer_classification: z.nullish(openEnum(CUSTOMER_CLASSIFICATIONS)),
  load_types: z.nullish(z.array(openEnum(LOAD_TYPES))),
  meter_type: z.nullish(openEnum(METER_TYPES)),
  customer: z.nullish(MeterCustomer),
  device: z.nullish(MeterDevice),
  site: z.nullish(MeterSite),
  caiso: z.nullish(MeterCaiso),
  isone: z.nullish(MeterIsone),
  nyiso: z.nullish(MeterNyiso),
  // The meter-details utility object: the bill numbers it adds are optional, so the echo of a request parses too.
  utility: z.nullish(MeterUtility),
  customer_group: z.nullish(z.string()),
});
export type ProvisionalAssetData = z.infer<typeof ProvisionalAssetData>;

/**
 * `POST /v1.1/meters` 200, and each entry of `GET /v1.1/provisional-assets`: an asset on its way to becoming a meter.
 * A 200 does not mean the meter exists: check `status`.
 */
export const ProvisionalAsset = z.extend(AssetUploadStatus, {
  job_id: z.string(),
  data: z.nullish(ProvisionalAssetData),
});
export type ProvisionalAsset = z.infer<typeof ProvisionalAsset>;

/** `GET /v1.1/provisional-assets`: one page of provisional assets across jobs. */
export const ListProvisionalAssetsResponse = z.looseObject({
  provisional_assets: z.array(ProvisionalAsset),
  next_page_token: z.nullish(z.string()),
});
export type ListProvisionalAssetsResponse = z.infer<typeof ListProvisionalAssetsResponse>;

/** One filter and its possible values (`GET /v1.1/jobs/meter-job-filters`, `GET /v1.1/provisional-assets-filters`). */
export const KeyValueFilter = z.looseObject({
  key: z.string(),
  values: z.array(z.string()),
});
export type KeyValueFilter = z.infer<typeof KeyValueFilter>;

/** `GET /v1.1/jobs/meter-job-filters` and `GET /v1.1/provisional-assets-filters` (Leap marks both frontend-only). */
export const FilterOptionsResponse = z.looseObject({
  filter_options: z.array(KeyValueFilter),
});
export type FilterOptionsResponse = z.infer<typeof FilterOptionsResponse>;

/** The grid-platform error envelope as the create-meters endpoints name it (400 and 403 of `/v1.1/jobs/meters`). */
export const ErrorResponse = GridErrorResponse;
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** A validation problem of a create-meters upload (400 `details[]`, `GET /v1.1/provisional-assets` 400). */
export const ValidationError = GridValidationError;
export type ValidationError = z.infer<typeof ValidationError>;

/** One suggested value for a field (`POST /v1.1/meters` 400). Leap gives `suggestion` no type. */
export const FieldSuggestion = z.looseObject({
  field: z.nullish(z.string()),
  suggestion: z.optional(z.unknown()),
});
export type FieldSuggestion = z.infer<typeof FieldSuggestion>;

/** A group of suggestions for one error (`POST /v1.1/meters` 400). */
export const CreateMeterSuggestion = z.looseObject({
  suggestions: z.nullish(z.array(FieldSuggestion)),
});
export type CreateMeterSuggestion = z.infer<typeof CreateMeterSuggestion>;

/** One error of `POST /v1.1/meters` 400. */
export const CreateMeterError = z.looseObject({
  field: z.nullish(z.string()),
  description: z.string(),
  suggestions: z.nullish(z.array(CreateMeterSuggestion)),
});
export type CreateMeterError = z.infer<typeof CreateMeterError>;

/** `POST /v1.1/meters` 400: why the provisional asset could not be created at all. */
export const CreateMeterErrorResponse = z.looseObject({
  errors: z.array(CreateMeterError),
});
export type CreateMeterErrorResponse = z.infer<typeof CreateMeterErrorResponse>;
