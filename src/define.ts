/**
 * Registers every leap-elements tag. The only module with side effects besides the CDN bundle.
 * Safe to load twice (two bundles, two script tags): a tag that is already registered is left alone with a warning.
 */
import { LeapConnectButton } from './elements/connect-button/connect-button.js';
import { LeapIncentiveChecker } from './elements/incentive-checker/incentive-checker.js';
import { LeapEnrollmentStatus } from './elements/enrollment-status/enrollment-status.js';
import { LeapApplicationStatus } from './elements/application-status/application-status.js';
import { LeapConnectReturn } from './elements/connect-return/connect-return.js';
import { defineElement } from './define-element.js';

export const LEAP_ELEMENTS = {
  'leap-connect-button': LeapConnectButton,
  'leap-incentive-checker': LeapIncentiveChecker,
  'leap-enrollment-status': LeapEnrollmentStatus,
  'leap-application-status': LeapApplicationStatus,
  'leap-connect-return': LeapConnectReturn,
} as const satisfies Record<string, CustomElementConstructor>;

export function defineLeapElements(): void {
  for (const [tag, ctor] of Object.entries(LEAP_ELEMENTS)) defineElement(tag, ctor);
}

defineLeapElements();
