import { html, LitElement, type PropertyDeclarations } from 'lit';
import { parseConnectReturn, type ConnectReturn } from '../../core/connect-url.js';
import { leapEvent } from '../shared/events.js';
import { LocaleController } from '../shared/controllers/locale.js';
import { CONNECT_RETURN_STRINGS } from './connect-return.strings.js';
import { tokens } from '../shared/tokens.styles.js';
import { styles } from './connect-return.styles.js';

/**
 * For your Final Redirect (thank-you) page: reads `refId` and your custom parameters from the URL Leap sends the
 * customer back to, tells the page, and shows a message. The URL is only used for display: anyone can request it, so
 * confirm the connection on your server (Leap's `connect_session` webhooks or the Meters API).
 *
 * @summary Thank-you message for the page Leap redirects back to.
 * @tag leap-connect-return
 *
 * @slot - The success message, shown when the URL carries a refId.
 * @slot missing - Replaces the explanation shown when the URL has no refId.
 *
 * @fires leap-connect-return - Once, after the first render: `detail: {refId, params}`.
 *
 * @csspart message - The message box.
 *
 * @cssprop --leap-color-success - Success accent. Default `#146c2e`.
 * @cssprop --leap-color-border - Border. Default `#767f89`.
 * @cssprop --leap-radius - Corner radius. Default `0.5rem`.
 * @cssprop --leap-font-family - Font. Inherits from the page by default.
 */
export class LeapConnectReturn extends LitElement {
  static override styles = [tokens, styles];

  static override properties: PropertyDeclarations = {
    lang: { reflect: true },
    url: {},
    found: { type: Boolean, reflect: true },
    parsed: { state: true, attribute: false },
  };

  /** Language of the built-in text (`en`, `es`); defaults to the nearest `[lang]` ancestor. */
  declare lang: string;

  /** The URL to read. Default: the page's own URL. */
  declare url?: string;

  /** Reflected: present when the URL carries a refId, so the page can style or hide its own content. */
  found = false;

  private parsed: ConnectReturn = { refId: null, params: {} };
  private readonly locale = new LocaleController(this, CONNECT_RETURN_STRINGS);

  /** What the URL says: `{refId, params}`. */
  get connectReturn(): ConnectReturn {
    return this.parsed;
  }

  protected override willUpdate(): void {
    this.parsed = parseConnectReturn(this.url ?? window.location.href);
    this.found = this.parsed.refId !== null;
  }

  protected override firstUpdated(): void {
    this.dispatchEvent(leapEvent('leap-connect-return', { refId: this.parsed.refId, params: this.parsed.params }));
  }

  protected override render() {
    const s = this.locale.strings;
    const found = this.parsed.refId !== null;
    return html`<div part="message" class="message" role="status" data-found=${found ? 'true' : 'false'}>
      <span class="icon" aria-hidden="true">${found ? '✓' : 'ℹ'}</span>
      <div class="body">
        ${found ? html`<slot><p>${s.returnSuccess}</p></slot>` : html`<slot name="missing"><p>${s.returnMissing}</p></slot>`}
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'leap-connect-return': LeapConnectReturn;
  }
}
