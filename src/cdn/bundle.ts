/**
 * The CDN bundle: every element registered, Lit inlined, one file for a plain `<script type="module">`.
 * It exports the element classes and the connect-URL helpers; the full core (schemas) is in the npm package.
 */
import '../define.js';
export { LeapConnectButton } from '../elements/connect-button/connect-button.js';
export { LeapIncentiveChecker } from '../elements/incentive-checker/incentive-checker.js';
export { LeapEnrollmentStatus } from '../elements/enrollment-status/enrollment-status.js';
export { LeapApplicationStatus } from '../elements/application-status/application-status.js';
export { LeapConnectReturn } from '../elements/connect-return/connect-return.js';
export { buildConnectUrl, chooseConnectFlow, parseConnectReturn, ConnectUrlError } from '../core/connect-url.js';
export { registerTranslation } from '../elements/shared/translations.js';
