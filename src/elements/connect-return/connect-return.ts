import { html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import { parseConnectReturn, type ConnectReturn } from '../../core/connect-url.js';
import { leapEvent } from '../shared/events.js';
import { LocaleController } from '../shared/controllers/locale.js';
import { CONNECT_RETURN_STRINGS } from './connect-return.strings.js';
import { MeterWatch } from './meter-watch.js';
import { tokens } from '../shared/tokens.styles.js';
import { styles } from './connect-return.styles.js';

/**
 * For your Final Redirect (thank-you) page: reads `refId` and your custom parameters from the URL Leap sends the
 * customer back to, tells the page, and shows a message. With `session-endpoint`, it then watches for the customer's
 * new meters ("We're linking your utility account…" → "Connected: 2 meters at Pacific Gas & Electric"). The URL is
 * only used for display: anyone can request it; the meters come from your backend, for the signed-in customer.
 *
 * @summary Thank-you message for the page Leap redirects back to.
 * @tag leap-connect-return
 *
 * @slot - The success message, shown when the URL carries a refId.
 * @slot missing - Replaces the explanation shown when the URL has no refId.
 *
 * @fires leap-connect-return - Once, after the first render: `detail: {refId, params}`.
 * @fires leap-connected - With `session-endpoint`, when the customer's new meters appear: `detail: {refId, meters}`.
 * @fires leap-error - With `session-endpoint`, code `CONNECTION_NOT_CONFIRMED` when no new meter appeared in time.
 *
 * @csspart message - The message box.
 * @csspart progress - The linking / connected / still-waiting line (with `session-endpoint`).
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
    sessionEndpoint: { attribute: 'session-endpoint' },
    apiBase: { attribute: 'api-base' },
    waitSeconds: { attribute: 'wait-seconds', type: Number },
    found: { type: Boolean, reflect: true },
    parsed: { state: true, attribute: false },
  };

  /** Language of the built-in text (`en`, `es`); defaults to the nearest `[lang]` ancestor. */
  declare lang: string;

  /** The URL to read. Default: the page's own URL. */
  declare url?: string;

  /** URL of your backend's `POST .../session`: watch for the customer's new meters after a connection. */
  declare sessionEndpoint?: string;

  /** Base URL of the backend routes. Default: the parent of `session-endpoint`. */
  declare apiBase?: string;

  /** How long to watch for the new meters, in seconds of the page being visible. */
  waitSeconds = 180;

  /** Reflected: present when the URL carries a refId, so the page can style or hide its own content. */
  found = false;

  private parsed: ConnectReturn = { refId: null, params: {} };
  readonly #locale = new LocaleController(this, CONNECT_RETURN_STRINGS);
  // The event waits for the render that says "Connected", like every other outcome.
  readonly #watch = new MeterWatch(
    this,
    (meters) =>
      this.updateComplete.then(() =>
        this.dispatchEvent(leapEvent('leap-connected', { refId: this.parsed.refId, meters })),
      ),
    () =>
      this.updateComplete.then(() =>
        this.dispatchEvent(
          leapEvent('leap-error', {
            code: 'CONNECTION_NOT_CONFIRMED',
            message: `No new meter appeared within ${this.waitSeconds} seconds; it may still come.`,
          }),
        ),
      ),
  );

  /** What the URL says: `{refId, params}`. */
  get connectReturn(): ConnectReturn {
    return this.parsed;
  }

  protected override willUpdate(): void {
    this.parsed = parseConnectReturn(this.url ?? window.location.href);
    this.found = this.parsed.refId !== null;
    // Started before this render, so its first state ("linking") is part of it.
    if (this.found && this.sessionEndpoint) {
      this.#watch.start(this.sessionEndpoint, this.apiBase, Math.max(1, Number(this.waitSeconds) || 180));
    }
  }

  protected override firstUpdated(): void {
    this.dispatchEvent(leapEvent('leap-connect-return', { refId: this.parsed.refId, params: this.parsed.params }));
  }

  protected override render() {
    const strings = this.#locale.strings;
    const found = this.parsed.refId !== null;
    return html`<div part="message" class="message" role="status" data-found=${found ? 'true' : 'false'}>
      <span class="icon" aria-hidden="true">${found ? '✓' : 'ℹ'}</span>
      <div class="body">
        ${found ? html`<slot><p>${strings.returnSuccess}</p></slot>` : html`<slot name="missing"><p>${strings.returnMissing}</p></slot>`}
        ${this.#progress()}
      </div>
    </div>`;
  }

  /** Where the watch for new meters is, in words (nothing without `session-endpoint`). */
  #progress() {
    const strings = this.#locale.strings;
    const { state, meters } = this.#watch;
    if (state === 'off') return nothing;
    const text =
      state === 'linking'
        ? strings.linking
        : state === 'connected'
          ? strings.connected(meters.length, meters.find((m) => m.utility_name)?.utility_name ?? null)
          : strings.stillWaiting;
    return html`<p part="progress" class="progress" data-state=${state}>${text}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'leap-connect-return': LeapConnectReturn;
  }
}
