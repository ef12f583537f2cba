/**
 * `<leap-incentive-checker>` for React: finds the incentives a customer's device earns at their address. `onLeapClaim`
 * is cancelable. Call `check()` on the element (through a ref) to check programmatically.
 */
import { LeapIncentiveChecker as ElementClass } from '../elements/incentive-checker/incentive-checker.js';
import { wrap } from './wrap.js';

export const LeapIncentiveChecker = wrap('leap-incentive-checker', ElementClass, 'LeapIncentiveChecker', {
  onLeapResult: 'leap-result',
  onLeapError: 'leap-error',
  onLeapClaim: 'leap-claim',
} as const);
