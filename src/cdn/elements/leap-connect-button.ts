/** Loaded by the CDN loader the first time the page uses <leap-connect-button>. */
import { LeapConnectButton } from '../../elements/connect-button/connect-button.js';
import { defineElement } from '../../define-element.js';

defineElement('leap-connect-button', LeapConnectButton);
