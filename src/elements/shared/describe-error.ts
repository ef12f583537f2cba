/** The one place an error kind becomes words for the customer, and the `leap-error` detail every element fires. */
import type { ClassifiedError } from '../../core/error-kinds.js';
import type { LeapErrorDetail } from './events.js';
import type { CommonStrings } from './strings.js';

export function describeError(error: ClassifiedError, s: CommonStrings): string {
  switch (error.kind) {
    case 'address-not-found':
      return s.errorAddressNotFound;
    case 'invalid-input':
      return s.errorInvalid;
    case 'session-refused':
      return s.errorSession;
    case 'rate-limited':
      return s.errorRateLimited(error.retryAfterSeconds ?? 30);
    case 'offline':
      return typeof navigator !== 'undefined' && navigator.onLine === false ? s.errorOffline : s.errorUpstream;
    case 'upstream-down':
      return s.errorUpstream;
    default:
      return s.errorUnexpected;
  }
}

/** `leap-error` detail for a classified error, the same shape from every element. */
export function errorDetail(error: ClassifiedError, s: CommonStrings): LeapErrorDetail {
  return {
    code: error.kind.toUpperCase().replace(/-/g, '_'),
    message: describeError(error, s),
    status: error.status,
    title: error.title,
    details: error.details,
  };
}
