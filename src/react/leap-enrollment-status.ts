/**
 * `<leap-enrollment-status>` for React: the customer's meters, or one meter, and where each stands in Leap's programs.
 */
import { LeapEnrollmentStatus as ElementClass } from '../elements/enrollment-status/enrollment-status.js';
import { wrap } from './wrap.js';

export const LeapEnrollmentStatus = wrap('leap-enrollment-status', ElementClass, 'LeapEnrollmentStatus', {
  onLeapStatus: 'leap-status',
  onLeapMeters: 'leap-meters',
  onLeapError: 'leap-error',
} as const);
