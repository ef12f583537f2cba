/**
 * React wrappers for the leap-elements tags (`leap-elements/react`), made with `@lit/react` (bundled in).
 *
 * Props are set as element properties (so `refId`, `deviceIds={[123]}` or `address={{...}}` work as-is), and every
 * custom event is exposed as an `onLeap…` prop. Each wrapper registers its own tag when it is imported (safe when
 * another copy of leap-elements did): an app that renders only the checker bundles only the checker.
 *
 * ```tsx
 * import { LeapConnectButton } from 'leap-elements/react';
 *
 * <LeapConnectButton org="acme" utility="pge" refId={customerId} onLeapConnect={(e) => track(e.detail.flow)} />;
 * ```
 *
 * Requires React 18 or later (a peer dependency).
 */
export type { LeapReactComponent } from './wrap.js';
export { LeapConnectButton } from './leap-connect-button.js';
export { LeapIncentiveChecker } from './leap-incentive-checker.js';
export { LeapEnrollmentStatus } from './leap-enrollment-status.js';
export { LeapApplicationStatus } from './leap-application-status.js';
export { LeapConnectReturn } from './leap-connect-return.js';
