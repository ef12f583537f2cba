/**
 * React wrappers for every leap-elements tag (`leap-elements/react`), made with `@lit/react` (bundled in).
 *
 * Props are set as element properties (so `refId`, `deviceIds={[123]}` or `address={{...}}` work as-is), and every
 * custom event is exposed as an `onLeap…` prop. Importing this module registers the tags (it loads
 * `leap-elements/define`, which is safe to load more than once) because React renders the tag names.
 *
 * ```tsx
 * import { LeapConnectButton } from 'leap-elements/react';
 *
 * <LeapConnectButton org="acme" utility="pge" refId={customerId} onLeapConnect={(e) => track(e.detail.flow)} />;
 * ```
 *
 * Requires React 18 or later (a peer dependency).
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import '../define.js';
import { LeapConnectButton as LeapConnectButtonElement } from '../elements/connect-button/connect-button.js';
import { LeapIncentiveChecker as LeapIncentiveCheckerElement } from '../elements/incentive-checker/incentive-checker.js';
import { LeapEnrollmentStatus as LeapEnrollmentStatusElement } from '../elements/enrollment-status/enrollment-status.js';
import { LeapApplicationStatus as LeapApplicationStatusElement } from '../elements/application-status/application-status.js';
import { LeapConnectReturn as LeapConnectReturnElement } from '../elements/connect-return/connect-return.js';
import type { LeapEventName } from '../elements/shared/events.js';

/** A wrapper's `onLeap…` props and the element events they listen to, typed by the event map the elements declare. */
const events = <M extends Record<string, LeapEventName>>(map: M) =>
  // @lit/react brands event names with their event type; the names themselves are the plain strings.
  map as unknown as { [P in keyof M]: EventName<GlobalEventHandlersEventMap[M[P]]> };
type Events<M extends Record<string, LeapEventName>> = { [P in keyof M]: GlobalEventHandlersEventMap[M[P]] };

type ElementProps<I> = Partial<Omit<I, keyof HTMLElement>>;

/**
 * A wrapper component: the element's properties as props (set as properties, so arrays and objects pass as they are),
 * `E`'s events as `onLeap…` handler props, and a ref to the element. Declared here rather than taken from
 * `@lit/react`, which is bundled into this entry and not installed with the package.
 */
export type LeapReactComponent<
  I extends HTMLElement,
  E extends Record<string, Event>,
> = React.ForwardRefExoticComponent<
  Omit<React.HTMLAttributes<I>, keyof E | keyof ElementProps<I>> &
    ElementProps<I> & { [K in keyof E]?: (event: E[K]) => void } & React.RefAttributes<I>
>;

const connectButtonEvents = { onLeapConnect: 'leap-connect', onLeapError: 'leap-error' } as const;
/**
 * `<leap-connect-button>` for React: a real link that starts Leap's utility authorization. `onLeapConnect` is
 * cancelable: call `preventDefault()` to stop the navigation and open `event.detail.url` yourself.
 */
export const LeapConnectButton: LeapReactComponent<
  LeapConnectButtonElement,
  Events<typeof connectButtonEvents>
> = createComponent({
  react: React,
  tagName: 'leap-connect-button',
  elementClass: LeapConnectButtonElement,
  displayName: 'LeapConnectButton',
  events: events(connectButtonEvents),
});

const checkerEvents = { onLeapResult: 'leap-result', onLeapError: 'leap-error', onLeapClaim: 'leap-claim' } as const;
/**
 * `<leap-incentive-checker>` for React: finds the incentives a customer's device earns at their address.
 * `onLeapClaim` is cancelable. Call `check()` on the element (through a ref) to check programmatically.
 */
export const LeapIncentiveChecker: LeapReactComponent<
  LeapIncentiveCheckerElement,
  Events<typeof checkerEvents>
> = createComponent({
  react: React,
  tagName: 'leap-incentive-checker',
  elementClass: LeapIncentiveCheckerElement,
  displayName: 'LeapIncentiveChecker',
  events: events(checkerEvents),
});

const enrollmentEvents = {
  onLeapStatus: 'leap-status',
  onLeapMeters: 'leap-meters',
  onLeapError: 'leap-error',
} as const;
/** `<leap-enrollment-status>` for React: the customer's meters, or one meter, and where each stands in Leap's programs. */
export const LeapEnrollmentStatus: LeapReactComponent<
  LeapEnrollmentStatusElement,
  Events<typeof enrollmentEvents>
> = createComponent({
  react: React,
  tagName: 'leap-enrollment-status',
  elementClass: LeapEnrollmentStatusElement,
  displayName: 'LeapEnrollmentStatus',
  events: events(enrollmentEvents),
});

const applicationEvents = { onLeapApplications: 'leap-applications', onLeapError: 'leap-error' } as const;
/** `<leap-application-status>` for React: rebate application status for a customer's account page. */
export const LeapApplicationStatus: LeapReactComponent<
  LeapApplicationStatusElement,
  Events<typeof applicationEvents>
> = createComponent({
  react: React,
  tagName: 'leap-application-status',
  elementClass: LeapApplicationStatusElement,
  displayName: 'LeapApplicationStatus',
  events: events(applicationEvents),
});

const connectReturnEvents = {
  onLeapConnectReturn: 'leap-connect-return',
  onLeapConnected: 'leap-connected',
  onLeapError: 'leap-error',
} as const;
/**
 * `<leap-connect-return>` for React: the thank-you page after Leap Connect. The URL is display-only: confirm the
 * connection on your server.
 */
export const LeapConnectReturn: LeapReactComponent<
  LeapConnectReturnElement,
  Events<typeof connectReturnEvents>
> = createComponent({
  react: React,
  tagName: 'leap-connect-return',
  elementClass: LeapConnectReturnElement,
  displayName: 'LeapConnectReturn',
  events: events(connectReturnEvents),
});
