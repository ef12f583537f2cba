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
export { registerTranslation, type LeapTranslation } from './elements/shared/translations.js';
export type { CommonStrings } from './elements/shared/strings.js';
export type { CheckerStrings } from './elements/incentive-checker/incentive-checker.strings.js';
export type { ConnectButtonStrings } from './elements/connect-button/connect-button.strings.js';
export type { ConnectReturnStrings } from './elements/connect-return/connect-return.strings.js';
export type { EnrollmentStrings } from './elements/enrollment-status/enrollment-status.strings.js';
export type { ApplicationStrings } from './elements/application-status/application-status.strings.js';
