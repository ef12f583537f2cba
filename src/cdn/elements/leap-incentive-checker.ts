/** Loaded by the CDN loader the first time the page uses <leap-incentive-checker>. */
import { LeapIncentiveChecker } from '../../elements/incentive-checker/incentive-checker.js';
import { defineElement } from '../../define-element.js';

defineElement('leap-incentive-checker', LeapIncentiveChecker);
