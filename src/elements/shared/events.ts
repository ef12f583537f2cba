import type { ConnectFlow } from '../../core/connect-url.js';

/** `leap-connect`: the customer activated a connect link. Cancelable: prevent it to open the URL yourself. */
export interface LeapConnectDetail {
  url: string;
  flow: ConnectFlow;
  refId: string | null;
}

/**
 * `leap-error`: every element reports problems with this one shape. `code` and `message` are always present;
 * errors that came from an HTTP answer also carry Leap's envelope fields `status`, `title` and `details`.
 */
export interface LeapErrorDetail {
  code: string;
  message: string;
  status?: number;
  title?: string;
  details?: unknown;
}

export function leapEvent<T>(type: string, detail: T, cancelable = false): CustomEvent<T> {
  return new CustomEvent<T>(type, { detail, bubbles: true, composed: true, cancelable });
}

declare global {
  interface GlobalEventHandlersEventMap {
    'leap-connect': CustomEvent<LeapConnectDetail>;
    'leap-error': CustomEvent<LeapErrorDetail>;
  }
}
