import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  buildConnectUrl,
  ConnectUrlError,
  type ConnectMode,
  type ConnectUrlResult,
  type CustomerType,
  type LeapEnvironment,
} from '../../core/connect-url.js';
import { LeapApiError } from '../../core/errors.js';
import { leapEvent, type LeapConnectDetail, type LeapErrorDetail } from '../shared/events.js';
import { LeapElement } from '../shared/leap-element.js';
import { commaList } from '../shared/converters.js';
import { sessionClientFor } from '../shared/session.js';
import { CONNECT_BUTTON_STRINGS, type ConnectButtonStrings } from './connect-button.strings.js';
import { tokens } from '../shared/tokens.styles.js';
import { visuallyHidden } from '../shared/utility.styles.js';
import { styles } from './connect-button.styles.js';

type Strings = ConnectButtonStrings;

type LinkTarget = '_self' | '_blank';

type ButtonState =
  | { kind: 'ready'; result: ConnectUrlResult; refId: string | null }
  | { kind: 'pending' }
  | { kind: 'error'; error: LeapErrorDetail; text: (s: Strings) => string };

/**
 * A real link that starts Leap's utility authorization: Direct to Utility for California residential customers whose
 * utility is known, Leap Connect for everything else.
 *
 * @summary "Connect your utility" link built from your Leap org and flow.
 * @tag leap-connect-button
 *
 * @slot - The link label. Defaults to "Connect your utility".
 *
 * @fires leap-connect - On activation, `detail: {url, flow, refId}`. Cancelable: call `preventDefault()` to stop the
 *   navigation and open `detail.url` yourself (for example in a native webview).
 * @fires leap-error - When the configuration is invalid or the session endpoint fails, `detail: {code, message}`.
 *
 * @csspart button - The `<a>` element.
 * @csspart message - The explanation shown under the link when it is unavailable.
 * @csspart error - Same element as `message`, present only for errors.
 *
 * @cssprop --leap-color-primary - Link background. Default `#0b6e4f`.
 * @cssprop --leap-color-on-primary - Link text colour. Default `#ffffff`.
 * @cssprop --leap-radius - Corner radius. Default `0.5rem`.
 * @cssprop --leap-font-family - Font. Inherits from the page by default.
 * @cssprop --leap-color-focus - Focus ring colour. Default `#1a5fb4`.
 * @cssprop --leap-color-danger - Error text colour. Default `#b3261e`.
 */
export class LeapConnectButton extends LeapElement<ConnectButtonStrings> {
  protected override readonly stringTables = CONNECT_BUTTON_STRINGS;

  static override styles = [tokens, visuallyHidden, styles];

  /** Leap-generated organization name. Required. */
  @property() org?: string;

  /** Leap Connect url-title; required whenever Leap Connect is chosen. */
  @property() flow?: string;

  /** Utility id such as `pge`, `sce`, `sdge`. */
  @property() utility?: string;

  /** Transmission region such as `CAISO`; used to choose the flow. */
  @property() region?: string;

  /** `residential` (default) or `commercial`. */
  @property({ attribute: 'customer-type' }) customerType?: CustomerType;

  /** The partner's id for this customer. Ignored when `session-endpoint` is set. */
  @property({ attribute: 'ref-id' }) refId?: string;

  /** Un-encoded query string Leap restores on the final redirect, e.g. `campaign=spring&plan=ev`. */
  @property({ attribute: 'redirect-params' }) redirectParams?: string;

  /** Comma-separated utility ids offered in Leap Connect. */
  @property({ attribute: 'requested-utilities', converter: commaList }) requestedUtilities?: string[];

  /** `production` (default) or `staging`. */
  @property() environment?: LeapEnvironment;

  /** `auto` (default), `direct` or `connect`. */
  @property() mode?: ConnectMode;

  /** Override the Direct to Utility host (https only). */
  @property({ attribute: 'direct-base' }) directBase?: string;

  /** Override the Leap Connect host (https only). */
  @property({ attribute: 'connect-base' }) connectBase?: string;

  /** `_self` (default) or `_blank` (adds `rel="noopener noreferrer"`). */
  @property() target: LinkTarget = '_self';

  /**
   * URL of the partner backend's `POST .../session`. When set, the customer's `reference_id` comes from your server
   * (credentials included) and `ref-id` is ignored.
   */
  @property({ attribute: 'session-endpoint' }) sessionEndpoint?: string;

  private state: ButtonState = { kind: 'pending' };
  private reportedErrorKey = '';

  /**
   * The session for `session-endpoint`. One shared, cached request per endpoint (see SessionClient), so this stays a
   * plain promise rather than a task: nothing to abort, and an answer for an old endpoint is simply ignored.
   */
  private session: { endpoint: string; refId?: string; error?: unknown } | null = null;

  /** The connect URL currently offered, or `null` while it is pending or unavailable. */
  get url(): string | null {
    return this.state.kind === 'ready' ? this.state.result.url : null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sessionEndpoint')) this.loadSession();
    this.state = this.computeState();
  }

  private loadSession(): void {
    const endpoint = this.sessionEndpoint;
    this.session = endpoint ? { endpoint } : null;
    if (!endpoint) return;
    const settle = (outcome: { refId?: string; error?: unknown }) => {
      if (this.session?.endpoint !== endpoint) return;
      this.session = { endpoint, ...outcome };
      this.requestUpdate();
    };
    sessionClientFor(endpoint)
      .get()
      .then(
        (session) => settle({ refId: session.reference_id }),
        (error: unknown) => settle({ error }),
      );
  }

  private computeState(): ButtonState {
    if (this.target !== '_self' && this.target !== '_blank') {
      const message = `target must be "_self" or "_blank", not "${String(this.target)}".`;
      return {
        kind: 'error',
        error: { code: 'INVALID_TARGET', message },
        text: (s) => s.connectUnavailable('INVALID_TARGET'),
      };
    }
    let refId: string | null = this.refId ?? null;
    const session = this.session;
    if (session) {
      if ('error' in session) {
        const error = session.error;
        const detail: LeapErrorDetail =
          error instanceof LeapApiError
            ? {
                code: 'SESSION_FAILED',
                message: `The session endpoint failed: ${error.status} ${error.title}`,
                status: error.status,
                title: error.title,
                details: error.details,
              }
            : { code: 'SESSION_FAILED', message: `The session endpoint failed: ${String(error)}` };
        return { kind: 'error', error: detail, text: (s) => s.connectSessionFailed };
      }
      if (session.refId === undefined) return { kind: 'pending' };
      refId = session.refId;
    }
    try {
      const result = buildConnectUrl({
        org: this.org ?? '',
        flow: this.flow,
        utility: this.utility,
        region: this.region,
        customerType: this.customerType,
        refId: refId ?? undefined,
        redirectParams: this.redirectParams,
        requestedUtilities: this.requestedUtilities,
        environment: this.environment,
        mode: this.mode,
        directBase: this.directBase,
        connectBase: this.connectBase,
      });
      return { kind: 'ready', result, refId: refId || null };
    } catch (error) {
      if (!(error instanceof ConnectUrlError)) throw error;
      const code = error.code;
      return { kind: 'error', error: { code, message: error.message }, text: (s) => s.connectUnavailable(code) };
    }
  }

  protected override updated(): void {
    const state = this.state;
    const key = state.kind === 'error' ? `${state.error.code}:${state.error.message}` : '';
    if (key === this.reportedErrorKey) return;
    this.reportedErrorKey = key;
    if (state.kind !== 'error') return;
    console.warn(`<leap-connect-button>: ${state.error.message}`);
    this.dispatchEvent(leapEvent<LeapErrorDetail>('leap-error', state.error));
  }

  protected override render() {
    const strings = this.strings;
    const state = this.state;
    const live = state.kind === 'ready';
    const blank = live && this.target === '_blank';
    const message =
      state.kind === 'error' ? state.text(strings) : state.kind === 'pending' ? strings.connectPreparing : null;
    return html`<a
        part="button"
        class="button"
        href=${ifDefined(live ? state.result.url : undefined)}
        target=${ifDefined(blank ? '_blank' : undefined)}
        rel=${ifDefined(blank ? 'noopener noreferrer' : undefined)}
        role=${ifDefined(live ? undefined : 'link')}
        tabindex=${ifDefined(live ? undefined : '0')}
        aria-disabled=${ifDefined(live ? undefined : 'true')}
        aria-busy=${ifDefined(state.kind === 'pending' ? 'true' : undefined)}
        aria-describedby=${ifDefined(message ? 'message' : undefined)}
        @click=${this.onClick}
        ><slot @slotchange=${() => this.requestUpdate()}></slot>${
          this.hasLabel() ? nothing : strings.connectLabel
        }${blank ? html`<span class="visually-hidden">${strings.connectNewTab}</span>` : nothing}</a
      >${
        state.kind === 'error'
          ? html`<span id="message" part="message error" class="message"
              ><span class="icon" aria-hidden="true">⚠ </span>${message}</span
            >`
          : state.kind === 'pending'
            ? html`<span id="message" part="message" class="visually-hidden">${message}</span>`
            : nothing
      }`;
  }

  private hasLabel(): boolean {
    return [...this.childNodes].some(
      (node) => node.nodeType === Node.ELEMENT_NODE || (node.nodeType === Node.TEXT_NODE && node.textContent?.trim()),
    );
  }

  private onClick(event: MouseEvent): void {
    const state = this.state;
    if (state.kind !== 'ready') {
      event.preventDefault();
      return;
    }
    const detail: LeapConnectDetail = { url: state.result.url, flow: state.result.flow, refId: state.refId };
    if (!this.dispatchEvent(leapEvent('leap-connect', detail, true))) event.preventDefault();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'leap-connect-button': LeapConnectButton;
  }
}
