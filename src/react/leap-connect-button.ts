/**
 * `<leap-connect-button>` for React: a real link that starts Leap's utility authorization. `onLeapConnect` is
 * cancelable: call `preventDefault()` to stop the navigation and open `event.detail.url` yourself.
 */
import { LeapConnectButton as ElementClass } from '../elements/connect-button/connect-button.js';
import { wrap } from './wrap.js';

export const LeapConnectButton = wrap('leap-connect-button', ElementClass, 'LeapConnectButton', {
  onLeapConnect: 'leap-connect',
  onLeapError: 'leap-error',
} as const);
