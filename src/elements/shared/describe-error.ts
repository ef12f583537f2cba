/** The one place an error kind becomes words for the customer, and the `leap-error` detail every element fires. */
import { errorKindCode, type ClassifiedError } from '../../core/error-kinds.js';
import type { LeapErrorDetail } from './events.js';
import type { CommonStrings } from './strings.js';

export function describeError(error: ClassifiedError, strings: CommonStrings): string {
  switch (error.kind) {
    case 'address-not-found':
      return strings.errorAddressNotFound;
    case 'address-not-supported':
      return strings.errorUsOnly;
    case 'invalid-input':
      return strings.errorInvalid;
    case 'session-refused':
      return strings.errorSession;
    case 'origin-refused':
      return strings.errorNotOnThisPage;
    case 'session-endpoint-invalid':
      return strings.errorUnavailable;
    case 'rate-limited':
      return strings.errorRateLimited(error.retryAfterSeconds ?? 30);
    case 'offline':
      return typeof navigator !== 'undefined' && navigator.onLine === false
        ? strings.errorOffline
        : strings.errorUpstream;
    case 'upstream-down':
      return strings.errorUpstream;
    default:
      return strings.errorUnexpected;
  }
}

/** `leap-error` detail for a classified error, the same shape from every element. */
export function errorDetail(error: ClassifiedError, strings: CommonStrings): LeapErrorDetail {
  return {
    code: errorKindCode(error.kind),
    message: describeError(error, strings),
    status: error.status,
    title: error.title,
    details: error.details,
  };
}
