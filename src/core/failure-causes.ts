/**
 * What each kind of failure (`LeapFailure`, failure.ts) becomes, in words, for docs/errors.md (`npm run docs`). Kept
 * apart from failure.ts so the words stay out of the browser bundles; a test holds `failureCode` to these rows.
 */
import type { LeapErrorCode } from './error-codes.js';
import type { FailureKind } from './failure.js';

export interface FailureCause {
  kind: FailureKind;
  /** When this row applies (for kinds whose code depends on the answer). */
  when: string;
  /** The `leap-error` code, or null when nothing is reported. */
  code: LeapErrorCode | null;
  /** A retry button is offered (and status elements and the connection watch keep trying). */
  retryable: boolean;
}

export const FAILURE_CAUSES: readonly FailureCause[] = [
  { kind: 'network', when: 'no answer at all', code: 'OFFLINE', retryable: true },
  {
    kind: 'origin-refused',
    when: "a 403 naming the page's origin, or a CORS refusal told from an outage",
    code: 'ORIGIN_REFUSED',
    retryable: false,
  },
  {
    kind: 'session-endpoint-invalid',
    when: 'the session endpoint answered something that is not a session',
    code: 'SESSION_ENDPOINT_INVALID',
    retryable: false,
  },
  { kind: 'setup', when: 'an attribute is missing or invalid', code: 'INVALID_CONFIG', retryable: false },
  {
    kind: 'setup',
    when: '`address-form` holds no address field',
    code: 'ADDRESS_FORM_UNREADABLE',
    retryable: false,
  },
  {
    kind: 'invalid-input',
    when: "fields at fault, found by the element's rules (nothing sent) or a 400/422 naming them",
    code: 'INVALID_INPUT',
    retryable: false,
  },
  { kind: 'address-not-supported', when: 'outside the United States', code: 'ADDRESS_NOT_SUPPORTED', retryable: false },
  {
    kind: 'address-not-found',
    when: 'Leap\'s code `ADDRESS_NOT_FOUND` (the backend forwards it as `details.address: "not_found"`)',
    code: 'ADDRESS_NOT_FOUND',
    retryable: false,
  },
  { kind: 'http', when: '401, or 403 without an origin', code: 'SESSION_REFUSED', retryable: false },
  { kind: 'http', when: '404', code: 'NOT_FOUND', retryable: false },
  { kind: 'http', when: '429', code: 'RATE_LIMITED', retryable: true },
  { kind: 'http', when: '400 or 422 without fields', code: 'INVALID_INPUT', retryable: false },
  { kind: 'http', when: '5xx', code: 'UPSTREAM_DOWN', retryable: true },
  { kind: 'http', when: 'any other status', code: 'UNEXPECTED', retryable: true },
  {
    kind: 'unsafe-link',
    when: 'a claim link that is not https on an allowed host',
    code: 'UNSAFE_CONNECT_URL',
    retryable: false,
  },
  { kind: 'aborted', when: 'a newer request replaced this one', code: null, retryable: false },
  { kind: 'internal', when: 'anything else thrown: a defect', code: 'INTERNAL_ERROR', retryable: false },
];
