/**
 * Sorts any failure into the few situations a customer can tell apart. Pure: elements turn the kind into words in the
 * customer's language; servers can use it for logging and metrics.
 */
import type { LeapErrorCode } from './error-codes.js';
import { LeapApiError, NETWORK_ERROR_STATUS } from './errors.js';

export const ERROR_KINDS = [
  'invalid-input',
  'address-not-found',
  'address-not-supported',
  'session-refused',
  'session-endpoint-invalid',
  'origin-refused',
  'rate-limited',
  'offline',
  'upstream-down',
  'not-found',
  'unexpected',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/**
 * Kinds the browser finds itself, which no HTTP status says (a CORS refusal hides the answer; a 200 HTML page is not a
 * session): the element's client puts the kind in `details.kind` of the error it throws.
 */
export type ClientErrorKind = 'origin-refused' | 'session-endpoint-invalid' | 'address-not-supported';
const CLIENT_KINDS: readonly ClientErrorKind[] = [
  'origin-refused',
  'session-endpoint-invalid',
  'address-not-supported',
];

export interface ClassifiedError {
  kind: ErrorKind;
  status: number;
  title: string;
  details: unknown;
  /** For `invalid-input`: field path → message code (`address.postal_code` → `invalid_postal_code`). */
  fields: Record<string, string>;
  /** For `rate-limited`: seconds to wait. */
  retryAfterSeconds: number | null;
  /** Worth a retry button. */
  retryable: boolean;
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function classifyError(error: unknown): ClassifiedError {
  const api =
    error instanceof LeapApiError
      ? error
      : new LeapApiError({ status: 0, title: error instanceof Error ? error.message : String(error), details: {} });
  const details = record(api.details);
  const base = { status: api.status, title: api.title, details: api.details, fields: {}, retryAfterSeconds: null };
  if (CLIENT_KINDS.includes(details.kind as ClientErrorKind)) {
    return { ...base, kind: details.kind as ClientErrorKind, retryable: false };
  }
  if (api.status === NETWORK_ERROR_STATUS) return { ...base, kind: 'offline', retryable: true };
  if (api.status === 429) {
    const seconds = Number(details.retry_after_seconds);
    return {
      ...base,
      kind: 'rate-limited',
      retryAfterSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 30,
      retryable: true,
    };
  }
  // The backend names the refused origin in a 403 the page can read (same origin for the browser, another for it).
  if (api.status === 403 && typeof details.origin === 'string')
    return { ...base, kind: 'origin-refused', retryable: false };
  if (api.status === 401 || api.status === 403) return { ...base, kind: 'session-refused', retryable: false };
  if (api.status === 404) return { ...base, kind: 'not-found', retryable: false };
  if (api.status >= 500) return { ...base, kind: 'upstream-down', retryable: true };
  if (api.status === 400 || api.status === 422) {
    const fields = record(details.fields);
    const addressNotFound =
      details.address === 'not_found' || /geocod|address (was )?not found|could not find the address/i.test(api.title);
    if (addressNotFound) return { ...base, kind: 'address-not-found', retryable: false };
    if (Object.keys(fields).length) {
      const asText: Record<string, string> = {};
      for (const [key, value] of Object.entries(fields)) asText[key] = String(value);
      return { ...base, kind: 'invalid-input', fields: asText, retryable: false };
    }
    return { ...base, kind: 'invalid-input', retryable: false };
  }
  return { ...base, kind: 'unexpected', retryable: true };
}

type SnakeCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}_${SnakeCase<Tail>}` : S;
/** The `leap-error` code of an error kind (`address-not-found` → `ADDRESS_NOT_FOUND`). */
export type ErrorKindCode = Uppercase<SnakeCase<ErrorKind>>;

/** The code of an error kind; a kind without an entry in the table of codes (error-codes.ts) does not compile. */
export function errorKindCode(kind: ErrorKind): LeapErrorCode {
  return kind.toUpperCase().replace(/-/g, '_') as ErrorKindCode;
}
