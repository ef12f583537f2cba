/**
 * Every event the elements fire: `leap-` prefixed, bubbling and composed, each declared in
 * `GlobalEventHandlersEventMap` with a named detail type. Every element fires them through `emit` (outcomes through
 * `OutcomeAnnouncer.emit`, which calls it after the render): it only takes a declared name and its detail type, so a
 * misspelt name or a wrong detail does not compile.
 */
import type { ConnectFlow, ConnectReturn } from '../../core/connect-url.js';
import type { LeapErrorCode } from '../../core/error-codes.js';
import type { FailureKind } from '../../core/failure.js';
import type {
  ApplicationView,
  CustomerMeter,
  IncentivesResult,
  MeterEnrollmentView,
} from '../../core/types.generated.js';

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
  /** One of the codes listed in docs/errors.md. */
  code: LeapErrorCode;
  /** The cause (`LeapFailure['kind']`), for failures met while working (absent for a button's attribute problems). */
  kind?: FailureKind;
  message: string;
  status?: number;
  title?: string;
  details?: unknown;
}

/** `leap-result`: a check finished; the answer as the element shows it. */
export interface LeapResultDetail {
  result: IncentivesResult;
}

/** `leap-claim`: the customer followed the claim link. Cancelable: prevent it to open the URL yourself. */
export interface LeapClaimDetail {
  url: string;
  totalAmount: number;
}

/** `leap-status`: a meter's enrollment loaded. */
export interface LeapStatusDetail {
  enrollment: MeterEnrollmentView;
}

/** `leap-meters`: the customer's meters loaded (`<leap-enrollment-status>` without `meter-id`). */
export interface LeapMetersDetail {
  meters: CustomerMeter[];
}

/** `leap-applications`: the customer's applications loaded. */
export interface LeapApplicationsDetail {
  applications: ApplicationView[];
}

/** `leap-connected`: after the Final Redirect, the customer's new meters appeared. */
export interface LeapConnectedDetail {
  refId: string | null;
  meters: CustomerMeter[];
}

/** `leap-connect-return`: the page was opened by Leap's Final Redirect; display only, confirm on your server. */
export type LeapConnectReturnDetail = ConnectReturn;

declare global {
  interface GlobalEventHandlersEventMap {
    'leap-connect': CustomEvent<LeapConnectDetail>;
    'leap-error': CustomEvent<LeapErrorDetail>;
    'leap-result': CustomEvent<LeapResultDetail>;
    'leap-claim': CustomEvent<LeapClaimDetail>;
    'leap-status': CustomEvent<LeapStatusDetail>;
    'leap-meters': CustomEvent<LeapMetersDetail>;
    'leap-applications': CustomEvent<LeapApplicationsDetail>;
    'leap-connect-return': CustomEvent<LeapConnectReturnDetail>;
    'leap-connected': CustomEvent<LeapConnectedDetail>;
  }
}

/** The names of the events the elements fire. */
export type LeapEventName = Extract<keyof GlobalEventHandlersEventMap, `leap-${string}`>;

/** The detail type an event name is declared with. */
export type LeapEventDetail<K extends LeapEventName> =
  GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never;

/**
 * The one way an element fires an event (as Shoelace's `emit`): a declared name with its detail type, bubbling and
 * composed. `cancelable` only where `preventDefault()` means something. Returns false when a listener prevented it.
 */
export function emit<K extends LeapEventName>(
  host: EventTarget,
  name: K,
  detail: LeapEventDetail<K>,
  { cancelable = false }: { cancelable?: boolean } = {},
): boolean {
  return host.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable }));
}
