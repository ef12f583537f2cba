/**
 * `<leap-connect-return>` for React: the thank-you page after Leap Connect. The URL is display-only: confirm the
 * connection on your server.
 */
import { LeapConnectReturn as ElementClass } from '../elements/connect-return/connect-return.js';
import { wrap } from './wrap.js';

export const LeapConnectReturn = wrap('leap-connect-return', ElementClass, 'LeapConnectReturn', {
  onLeapConnectReturn: 'leap-connect-return',
  onLeapConnected: 'leap-connected',
  onLeapError: 'leap-error',
} as const);
