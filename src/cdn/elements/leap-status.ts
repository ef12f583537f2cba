/**
 * Loaded by the CDN loader the first time the page uses <leap-enrollment-status> or <leap-application-status>. The two
 * account-page elements share almost all of their code, so one file defines both: a page with both (the usual
 * account page) loads a third less than two files would.
 */
import { LeapApplicationStatus } from '../../elements/application-status/application-status.js';
import { LeapEnrollmentStatus } from '../../elements/enrollment-status/enrollment-status.js';
import { defineElement } from '../../define-element.js';

defineElement('leap-enrollment-status', LeapEnrollmentStatus);
defineElement('leap-application-status', LeapApplicationStatus);
