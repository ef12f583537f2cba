/** Loaded by the CDN loader the first time the page uses <leap-connect-return>. */
import { LeapConnectReturn } from '../../elements/connect-return/connect-return.js';
import { defineElement } from '../../define-element.js';

defineElement('leap-connect-return', LeapConnectReturn);
