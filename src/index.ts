/** Element classes, types and the pure core. Importing this registers nothing: import `leap-elements/define` for that. */
export * from './core/index.js';
export { LeapConnectButton } from './elements/connect-button/connect-button.js';
export { LeapIncentiveChecker } from './elements/incentive-checker/incentive-checker.js';
export { LeapEnrollmentStatus } from './elements/enrollment-status/enrollment-status.js';
export { LeapApplicationStatus } from './elements/application-status/application-status.js';
export { LeapConnectReturn } from './elements/connect-return/connect-return.js';
export type {
  LeapApplicationsDetail,
  LeapClaimDetail,
  LeapConnectDetail,
  LeapConnectedDetail,
  LeapConnectReturnDetail,
  LeapErrorDetail,
  LeapEventDetail,
  LeapEventName,
  LeapMetersDetail,
  LeapResultDetail,
  LeapStatusDetail,
} from './elements/shared/events.js';
export { clearSessions, type LeapSession } from './elements/shared/session.js';
