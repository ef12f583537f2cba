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
import type { LeapConnectDetail, LeapErrorDetail } from '../elements/shared/events.js';
import type { ConnectReturn } from '../core/connect-url.js';
import type { ApplicationView, IncentivesResult, MeterEnrollmentView } from '../core/types.generated.js';

const onLeapError = 'leap-error' as EventName<CustomEvent<LeapErrorDetail>>;

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

/**
 * `<leap-connect-button>` for React: a real link that starts Leap's utility authorization.
 *
 * Events: `onLeapConnect` (`leap-connect`, `detail: {url, flow, refId}`; cancelable: call `preventDefault()` to stop
 * the navigation and open `detail.url` yourself) and `onLeapError` (`leap-error`, `detail: {code, message}`).
 */
export const LeapConnectButton: LeapReactComponent<
  LeapConnectButtonElement,
  { onLeapConnect: CustomEvent<LeapConnectDetail>; onLeapError: CustomEvent<LeapErrorDetail> }
> = createComponent({
  react: React,
  tagName: 'leap-connect-button',
  elementClass: LeapConnectButtonElement,
  displayName: 'LeapConnectButton',
  events: {
    onLeapConnect: 'leap-connect' as EventName<CustomEvent<LeapConnectDetail>>,
    onLeapError,
  },
});

/**
 * `<leap-incentive-checker>` for React: finds the incentives a customer's device earns at their address.
 *
 * Events: `onLeapResult` (`leap-result`, `detail: {result}`), `onLeapError` (`leap-error`,
 * `detail: {code, message, status, title, details}`) and `onLeapClaim` (`leap-claim`, `detail: {url, totalAmount}`;
 * cancelable). Call `check()` on the element (through a ref) to check programmatically.
 */
export const LeapIncentiveChecker: LeapReactComponent<
  LeapIncentiveCheckerElement,
  {
    onLeapResult: CustomEvent<{ result: IncentivesResult }>;
    onLeapError: CustomEvent<LeapErrorDetail>;
    onLeapClaim: CustomEvent<{ url: string; totalAmount: number }>;
  }
> = createComponent({
  react: React,
  tagName: 'leap-incentive-checker',
  elementClass: LeapIncentiveCheckerElement,
  displayName: 'LeapIncentiveChecker',
  events: {
    onLeapResult: 'leap-result' as EventName<CustomEvent<{ result: IncentivesResult }>>,
    onLeapError,
    onLeapClaim: 'leap-claim' as EventName<CustomEvent<{ url: string; totalAmount: number }>>,
  },
});

/**
 * `<leap-enrollment-status>` for React: meter enrollment status for a customer's account page.
 *
 * Events: `onLeapStatus` (`leap-status`, `detail: {enrollment}`) and `onLeapError` (`leap-error`,
 * `detail: {code, message, status, title, details}`).
 */
export const LeapEnrollmentStatus: LeapReactComponent<
  LeapEnrollmentStatusElement,
  { onLeapStatus: CustomEvent<{ enrollment: MeterEnrollmentView }>; onLeapError: CustomEvent<LeapErrorDetail> }
> = createComponent({
  react: React,
  tagName: 'leap-enrollment-status',
  elementClass: LeapEnrollmentStatusElement,
  displayName: 'LeapEnrollmentStatus',
  events: {
    onLeapStatus: 'leap-status' as EventName<CustomEvent<{ enrollment: MeterEnrollmentView }>>,
    onLeapError,
  },
});

/**
 * `<leap-application-status>` for React: rebate application status for a customer's account page.
 *
 * Events: `onLeapApplications` (`leap-applications`, `detail: {applications}`) and `onLeapError` (`leap-error`,
 * `detail: {code, message, status, title, details}`).
 */
export const LeapApplicationStatus: LeapReactComponent<
  LeapApplicationStatusElement,
  { onLeapApplications: CustomEvent<{ applications: ApplicationView[] }>; onLeapError: CustomEvent<LeapErrorDetail> }
> = createComponent({
  react: React,
  tagName: 'leap-application-status',
  elementClass: LeapApplicationStatusElement,
  displayName: 'LeapApplicationStatus',
  events: {
    onLeapApplications: 'leap-applications' as EventName<CustomEvent<{ applications: ApplicationView[] }>>,
    onLeapError,
  },
});

/**
 * `<leap-connect-return>` for React: the thank-you message for the page Leap redirects back to.
 *
 * Events: `onLeapConnectReturn` (`leap-connect-return`, once after the first render, `detail: {refId, params}`).
 * The URL is display-only: confirm the connection on your server.
 */
export const LeapConnectReturn: LeapReactComponent<
  LeapConnectReturnElement,
  { onLeapConnectReturn: CustomEvent<ConnectReturn> }
> = createComponent({
  react: React,
  tagName: 'leap-connect-return',
  elementClass: LeapConnectReturnElement,
  displayName: 'LeapConnectReturn',
  events: {
    onLeapConnectReturn: 'leap-connect-return' as EventName<CustomEvent<ConnectReturn>>,
  },
});
