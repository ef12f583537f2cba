/**
 * Every way an element's work can fail, by cause: one discriminated union from which the `leap-error` code
 * (`failureCode`), whether a retry can help (`isRetryable`), the customer's words (each element's string table, by
 * code) and the table in docs/errors.md (`failure-causes.ts`) are derived. Pure: no DOM, no Node APIs.
 *
 * Failures are made where their cause is known: the element's client says "no answer" or "origin refused", its rules
 * say "invalid input", an HTTP answer is read once by `answerFailure`. Anything else thrown is a defect (`internal`),
 * never mistaken for the network.
 */
import type { LeapErrorCode } from './error-codes.js';
import { LeapApiError, type LeapErrorBody } from './errors.js';
import type { UnsafeUrlReason } from './safe-url.js';

/** The HTTP answer a failure came from, in Leap's envelope. */
export type HttpAnswer = Required<LeapErrorBody>;

/** The setup codes an element reports for its own attributes (nothing is sent while one stands). */
export type SetupCode = Extract<LeapErrorCode, 'INVALID_CONFIG' | 'ADDRESS_FORM_UNREADABLE'>;

export type LeapFailure =
  /** No answer at all: the customer is offline, or the backend cannot be reached (DNS, refused connection). */
  | { kind: 'network'; message: string }
  /** The backend refuses this page's origin: a 403 naming it, or a CORS refusal the element told from an outage. */
  | { kind: 'origin-refused'; origin: string; answer?: HttpAnswer }
  /** `session-endpoint` answered something that is not a session (a 404, an HTML page, JSON without an id). */
  | { kind: 'session-endpoint-invalid'; answer: HttpAnswer }
  /** The element's own attributes stop it: `message` is the console line naming the attribute. */
  | { kind: 'setup'; code: SetupCode; message: string }
  /** Fields at fault (`address.postal_code` → `invalid_postal_code`), found by the element's rules or by the server. */
  | { kind: 'invalid-input'; fields: Readonly<Record<string, string>>; answer?: HttpAnswer }
  /** Outside the United States: nothing is sent. */
  | { kind: 'address-not-supported'; country: string }
  /** Leap could not geocode the address (by its code, never by the words of its message). */
  | { kind: 'address-not-found'; answer: HttpAnswer }
  /** Any other refusal or failure the backend answered: its status and, when it gave one, Leap's code. */
  | { kind: 'http'; answer: HttpAnswer; leapCode: string | null }
  /** An answer carried a link that is not https on an allowed host: it is not shown. */
  | { kind: 'unsafe-link'; reason: UnsafeUrlReason }
  /** A newer request replaced this one, or the element stopped it: nothing to report. */
  | { kind: 'aborted' }
  /** A defect (a bug, or a page script that broke something the element relies on): reported, never retried. */
  | { kind: 'internal'; error: unknown };

export type FailureKind = LeapFailure['kind'];

/** An `Error` carrying a failure, for promises that reject (`check()`) and for the element's own client. */
export class LeapFailureError extends Error {
  override name = 'LeapFailureError';
  readonly failure: LeapFailure;
  /** The `leap-error` code, or null for `aborted`. */
  readonly code: LeapErrorCode | null;

  constructor(failure: LeapFailure) {
    super(failureSummary(failure));
    this.failure = failure;
    this.code = failureCode(failure);
  }
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * The code Leap (or the backend, reading Leap's answer) gave: `details.code` or `details.name` (Leap's error names,
 * such as `ADDRESS_NOT_FOUND`), or the backend's `details.address: "not_found"`.
 */
function leapCodeOf(details: Record<string, unknown>): string | null {
  for (const value of [details.code, details.name]) if (typeof value === 'string' && value !== '') return value;
  return details.address === 'not_found' ? 'ADDRESS_NOT_FOUND' : null;
}

/** Reads an HTTP answer that is not a success: the one place a status and a body become a cause. */
export function answerFailure(body: LeapErrorBody): LeapFailure {
  const answer: HttpAnswer = { status: body.status, title: body.title, details: body.details ?? {} };
  const details = record(answer.details);
  // The backend names the refused origin in a 403 the page can read (a dev proxy that rewrites `Origin`).
  if (answer.status === 403 && typeof details.origin === 'string') {
    return { kind: 'origin-refused', origin: details.origin, answer };
  }
  const leapCode = leapCodeOf(details);
  if (leapCode === 'ADDRESS_NOT_FOUND') return { kind: 'address-not-found', answer };
  if (answer.status === 400 || answer.status === 422) {
    const fields = Object.entries(record(details.fields)).map(([key, value]) => [key, String(value)]);
    if (fields.length) return { kind: 'invalid-input', fields: Object.fromEntries(fields), answer };
  }
  return { kind: 'http', answer, leapCode };
}

/** `error` if it already carries a failure, else a `LeapFailureError` of what it means (`toFailure`). */
export function asFailureError(error: unknown): LeapFailureError {
  return error instanceof LeapFailureError ? error : new LeapFailureError(toFailure(error));
}

const isAbort = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';

/** What a caught value means: a failure already made, an HTTP answer, an abort, or else a defect. */
export function toFailure(error: unknown): LeapFailure {
  if (error instanceof LeapFailureError) return error.failure;
  if (error instanceof LeapApiError) return answerFailure(error);
  if (isAbort(error)) return { kind: 'aborted' };
  return { kind: 'internal', error };
}

/** The code of an HTTP answer that names no more precise cause. */
function httpCode(status: number): LeapErrorCode {
  if (status === 401 || status === 403) return 'SESSION_REFUSED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 400 || status === 422) return 'INVALID_INPUT';
  if (status >= 500 && status <= 599) return 'UPSTREAM_DOWN';
  return 'UNEXPECTED';
}

/** The `leap-error` code of a failure; null for `aborted`, which is never reported. */
export function failureCode(failure: LeapFailure): LeapErrorCode | null {
  switch (failure.kind) {
    case 'network':
      return 'OFFLINE';
    case 'origin-refused':
      return 'ORIGIN_REFUSED';
    case 'session-endpoint-invalid':
      return 'SESSION_ENDPOINT_INVALID';
    case 'setup':
      return failure.code;
    case 'invalid-input':
      return 'INVALID_INPUT';
    case 'address-not-supported':
      return 'ADDRESS_NOT_SUPPORTED';
    case 'address-not-found':
      return 'ADDRESS_NOT_FOUND';
    case 'http':
      return httpCode(failure.answer.status);
    case 'unsafe-link':
      return 'UNSAFE_CONNECT_URL';
    case 'aborted':
      return null;
    case 'internal':
      return 'INTERNAL_ERROR';
  }
}

/** Trying again may help: no answer, too many requests, the backend failing, or an answer nobody expected. */
export function isRetryable(failure: LeapFailure): boolean {
  if (failure.kind === 'network') return true;
  if (failure.kind !== 'http') return false;
  const code = httpCode(failure.answer.status);
  return code === 'RATE_LIMITED' || code === 'UPSTREAM_DOWN' || code === 'UNEXPECTED';
}

/** For too many requests: the seconds to wait (the backend's `retry_after_seconds`, else 30); otherwise null. */
export function retryAfterSeconds(failure: LeapFailure): number | null {
  if (failure.kind !== 'http' || failure.answer.status !== 429) return null;
  const seconds = Number(record(failure.answer.details).retry_after_seconds);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 30;
}

/** The HTTP answer behind a failure, if it came from one. */
export function failureAnswer(failure: LeapFailure): HttpAnswer | null {
  return 'answer' in failure && failure.answer ? failure.answer : null;
}

/** One line for the developer (an `Error` message, a console line); never shown to the customer. */
export function failureSummary(failure: LeapFailure): string {
  switch (failure.kind) {
    case 'network':
      return `No answer from the backend (${failure.message}).`;
    case 'origin-refused':
      return `The backend refuses this page's origin, ${failure.origin}.`;
    case 'session-endpoint-invalid':
      return `session-endpoint answered ${failure.answer.status}, which is not a session.`;
    case 'setup':
      return failure.message;
    case 'invalid-input':
      return `Invalid input: ${Object.keys(failure.fields).join(', ') || 'refused by the server'}.`;
    case 'address-not-supported':
      return `Incentives are checked for US addresses only, not ${failure.country}.`;
    case 'address-not-found':
      return 'Leap could not find the address.';
    case 'http':
      return `The backend answered ${failure.answer.status} ${failure.answer.title}.`;
    case 'unsafe-link':
      return `The link was not shown: it is ${failure.reason.replace(/_/g, ' ')}.`;
    case 'aborted':
      return 'Replaced by a newer request.';
    case 'internal':
      return `The element failed: ${failure.error instanceof Error ? failure.error.message : String(failure.error)}`;
  }
}
