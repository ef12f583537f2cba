/**
 * `<leap-application-status>` for React: rebate application status for a customer's account page.
 */
import { LeapApplicationStatus as ElementClass } from '../elements/application-status/application-status.js';
import { wrap } from './wrap.js';

export const LeapApplicationStatus = wrap('leap-application-status', ElementClass, 'LeapApplicationStatus', {
  onLeapApplications: 'leap-applications',
  onLeapError: 'leap-error',
} as const);
