/** The one place a failure becomes words for the customer, and the `leap-error` detail every element fires. */
import { failureAnswer, failureCode, failureSummary, retryAfterSeconds, type LeapFailure } from '../../core/failure.js';
import type { LeapErrorDetail } from './events.js';
import type { CommonStrings } from './strings.js';

/** What the customer reads: plain words by cause, never a code, an attribute name or an id. */
export function describeFailure(failure: LeapFailure, strings: CommonStrings): string {
  switch (failureCode(failure)) {
    case 'ADDRESS_NOT_FOUND':
      return strings.errorAddressNotFound;
    case 'ADDRESS_NOT_SUPPORTED':
      return strings.errorUsOnly;
    case 'INVALID_INPUT':
      return strings.errorInvalid;
    case 'SESSION_REFUSED':
      return strings.errorSession;
    case 'ORIGIN_REFUSED':
      return strings.errorNotOnThisPage;
    case 'INVALID_CONFIG':
    case 'ADDRESS_FORM_UNREADABLE':
      return strings.misconfigured;
    case 'SESSION_ENDPOINT_INVALID':
    case 'INTERNAL_ERROR':
      return strings.errorUnavailable;
    case 'RATE_LIMITED':
      return strings.errorRateLimited(retryAfterSeconds(failure) ?? 30);
    case 'OFFLINE':
      return typeof navigator !== 'undefined' && navigator.onLine === false
        ? strings.errorOffline
        : strings.errorUpstream;
    case 'UPSTREAM_DOWN':
      return strings.errorUpstream;
    default:
      return strings.errorUnexpected;
  }
}

/** The facts of a failure that did not come from an HTTP answer, for `detail.details`. */
function facts(failure: LeapFailure): Record<string, unknown> {
  switch (failure.kind) {
    case 'network':
      return { message: failure.message };
    case 'origin-refused':
      return { origin: failure.origin };
    case 'invalid-input':
      return { fields: { ...failure.fields } };
    case 'address-not-supported':
      return { country_code: failure.country };
    case 'unsafe-link':
      return { reason: failure.reason };
    case 'internal':
      return { message: failureSummary(failure) };
    default:
      return {};
  }
}

/**
 * The `leap-error` detail of a failure, the same shape from every element (null for `aborted`, never reported).
 * `message` is what the customer reads; for what the customer is never told in detail (a setup problem, an unsafe
 * link, a defect) it is the developer's line. Failures from an HTTP answer carry its `status`, `title` and `details`.
 */
export function errorDetail(failure: LeapFailure, strings: CommonStrings): LeapErrorDetail | null {
  const code = failureCode(failure);
  if (!code) return null;
  const forDeveloper = failure.kind === 'setup' || failure.kind === 'unsafe-link' || failure.kind === 'internal';
  const message = forDeveloper ? failureSummary(failure) : describeFailure(failure, strings);
  const answer = failureAnswer(failure);
  return {
    code,
    kind: failure.kind,
    message,
    ...(answer ? { status: answer.status, title: answer.title, details: answer.details } : { details: facts(failure) }),
  };
}

/** A defect goes to the console with its stack (the customer reads only that the feature is not available). */
export function logDefect(host: Element, failure: LeapFailure): void {
  if (failure.kind === 'internal') console.error(`<${host.localName}>: ${failureSummary(failure)}`, failure.error);
}
