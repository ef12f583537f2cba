/**
 * Error bodies of Leap's grid platform (meters, enrollments, create meters): `{title, status, details}`.
 */
import * as z from 'zod/mini';

/**
 * One entry of a create-meters 400 `details` array, and the 400 body of `GET /v1.1/provisional-assets`
 * (`ValidationError`). `csv_row` is set for CSV uploads, `json_index` for JSON ones.
 */
export const GridValidationError = z.looseObject({
  message: z.string(),
  csv_row: z.nullish(z.int()),
  json_index: z.nullish(z.int()),
  problem_field: z.nullish(z.string()),
});
export type GridValidationError = z.infer<typeof GridValidationError>;

/**
 * Error envelope of every grid-platform endpoint (400, 401, 403, 404 of `/v2/meters/*`, `/v1.1/jobs/meters`, ...).
 * The OpenAPI types `details` as an object, but the create-meters 400 example sends an array of validation errors:
 * both are accepted.
 */
export const GridErrorResponse = z.looseObject({
  title: z.string(),
  status: z.int(),
  details: z.optional(z.union([z.record(z.string(), z.unknown()), z.array(GridValidationError)])),
});
export type GridError = z.infer<typeof GridErrorResponse>;

/** Any grid-platform error body as received: the envelope, or the plain string a 500 carries. */
export const GridErrorBody = z.union([GridErrorResponse, z.string()]);
export type GridErrorBody = z.infer<typeof GridErrorBody>;

function titleFrom(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  for (const key of ['title', 'message', 'error']) {
    const candidate = record[key];
    if (typeof candidate === 'string' && candidate.trim()) return candidate.trim();
  }
  return undefined;
}

/**
 * Turns whatever a failed grid-platform call returned into the envelope, so callers handle one shape.
 * `body` may be the parsed JSON, the raw response text (JSON or not: a 500 is documented as a plain string), or empty;
 * `httpStatus` fills `status` when the body does not carry one.
 */
export function parseGridError(body: unknown, httpStatus: number): GridError {
  let value = body;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('{')) {
      try {
        value = JSON.parse(text) as unknown;
      } catch {
        // Not JSON after all: fall through with the text as the title.
      }
    }
    if (typeof value === 'string') return { title: text || `HTTP ${httpStatus}`, status: httpStatus, details: {} };
  }
  const parsed = GridErrorResponse.safeParse(value);
  if (parsed.success) return parsed.data;
  const details: Record<string, unknown> =
    value == null ? {} : typeof value === 'object' && !Array.isArray(value) ? { ...value } : { body: value };
  return { title: titleFrom(value) ?? `HTTP ${httpStatus}`, status: httpStatus, details };
}
