import { ReactiveElement, type PropertyDeclarations, type PropertyValues } from '@lit/reactive-element';
import {
  buildConnectUrl,
  ConnectUrlError,
  type ConnectMode,
  type ConnectUrlResult,
  type CustomerType,
  type LeapEnvironment,
} from '../../core/connect-url.js';
import { failureAnswer, failureSummary, toFailure } from '../../core/failure.js';
import { emit, type LeapConnectDetail, type LeapErrorDetail } from '../shared/events.js';
import { LocaleController } from '../shared/controllers/locale.js';
import { ProblemReporter } from '../shared/controllers/problem-reporter.js';
import { HasSlotController } from '../shared/controllers/slots.js';
import { ThemeController } from '../shared/controllers/theme.js';
import { commaList } from '../shared/converters.js';
import { sessionClientFor } from '../shared/session.js';
import { CONNECT_BUTTON_STRINGS, type ConnectButtonStrings } from './connect-button.strings.js';
import { sampleStyles } from '../shared/sample.styles.js';
import { tokens } from '../shared/tokens.styles.js';
import { visuallyHidden } from '../shared/utility.styles.js';
import { styles } from './connect-button.styles.js';
import { ConnectLinkView } from './connect-button.view.js';

type Strings = ConnectButtonStrings;

type LinkTarget = '_self' | '_blank';

type ButtonState =
  | { kind: 'ready'; result: ConnectUrlResult; refId: string | null }
  | { kind: 'pending' }
  | { kind: 'error'; error: LeapErrorDetail; text: (strings: Strings) => string };

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
 * @fires leap-error - When the configuration is invalid (`MISSING_FLOW`, `INVALID_TARGET`, … see docs/errors.md) or
 *   the session endpoint fails (`ORIGIN_REFUSED`, `SESSION_ENDPOINT_INVALID`, else `SESSION_FAILED`),
 *   `detail: {code, message}`.
 *
 * @csspart button - The `<a>` element.
 * @csspart message - The explanation shown under the link when it is unavailable.
 * @csspart error - Same element as `message`, present only for errors.
 * @csspart sample - The "Sample data" badge beside the link, shown when the backend answers from a mock Leap.
 *
 * @cssprop --leap-color-primary - Buttons, links, accents, the current step. Default `#0b6e4f`; dark theme `#7fd1ae`.
 * @cssprop --leap-color-on-primary - Text on the primary colour. Default `#ffffff`; dark theme `#0b1f17`.
 * @cssprop --leap-color-background - Background of cards and inputs, always paired with the text colour. Default `#ffffff`; dark theme `#1e2329`.
 * @cssprop --leap-color-surface - Former name of `--leap-color-background`, still read when that is not set. Default `#ffffff`; dark theme `#1e2329`.
 * @cssprop --leap-color-text - Text, on the background. Default `#1f2328`; dark theme `#e8eaed`.
 * @cssprop --leap-color-danger - Errors, not eligible, not approved. Default `#b3261e`; dark theme `#ffb4ab`.
 * @cssprop --leap-color-focus - Focus ring. Default `#1a5fb4`; dark theme `#9ecaff`.
 * @cssprop --leap-radius - Corner radius. Default `0.5rem`.
 * @cssprop --leap-font-family - Font. Inherits from the page by default.
 */
export class LeapConnectButton extends ReactiveElement {
  static override styles = [tokens, visuallyHidden, sampleStyles, styles];

  static override properties: PropertyDeclarations = {
    lang: { reflect: true },
    org: {},
    flow: {},
    utility: {},
    region: {},
    customerType: { attribute: 'customer-type' },
    refId: { attribute: 'ref-id' },
    redirectParams: { attribute: 'redirect-params' },
    requestedUtilities: { attribute: 'requested-utilities', converter: commaList },
    environment: {},
    mode: {},
    directBase: { attribute: 'direct-base' },
    connectBase: { attribute: 'connect-base' },
    target: {},
    sessionEndpoint: { attribute: 'session-endpoint' },
    theme: { reflect: true },
  };

  /** Language of the built-in text (`en`, `es`); defaults to the nearest `[lang]` ancestor. */
  declare lang: string;

  /** Leap-generated organization name. Required. */
  declare org?: string;

  /** Leap Connect url-title; required whenever Leap Connect is chosen. */
  declare flow?: string;

  /** Utility id such as `pge`, `sce`, `sdge`. */
  declare utility?: string;

  /** Transmission region such as `CAISO`; used to choose the flow. */
  declare region?: string;

  /** `residential` (default) or `commercial`. */
  declare customerType?: CustomerType;

  /** The partner's id for this customer. Ignored when `session-endpoint` is set. */
  declare refId?: string;

  /** Un-encoded query string Leap restores on the final redirect, e.g. `campaign=spring&plan=ev`. */
  declare redirectParams?: string;

  /** Comma-separated utility ids offered in Leap Connect. */
  declare requestedUtilities?: string[];

  /** `production` (default) or `staging`. */
  declare environment?: LeapEnvironment;

  /** `auto` (default), `direct` or `connect`. */
  declare mode?: ConnectMode;

  /** Override the Direct to Utility host (https only). */
  declare directBase?: string;

  /** Override the Leap Connect host (https only). */
  declare connectBase?: string;

  /** `_self` (default) or `_blank` (adds `rel="noopener noreferrer"`). */
  declare target: LinkTarget;

  /**
   * URL of the partner backend's `POST .../session`. When set, the customer's `reference_id` comes from your server
   * (credentials included) and `ref-id` is ignored.
   */
  declare sessionEndpoint?: string;

  /**
   * `light`, `dark` or `auto` (default): the page's, from the text colour it gives the element and its
   * `color-scheme`.
   */
  declare theme?: 'light' | 'dark' | 'auto';

  #state: ButtonState = { kind: 'pending' };
  readonly #locale = new LocaleController(this, CONNECT_BUTTON_STRINGS);
  readonly #slots = new HasSlotController(this, '');
  #warnedUntraceable = false;

  /**
   * The session for `session-endpoint`. One shared, cached request per endpoint (see SessionClient), so this stays a
   * plain promise: nothing to abort, and an answer for an endpoint no longer set is ignored.
   */
  #session: { endpoint: string; refId?: string; sample?: boolean; error?: unknown } | null = null;

  /** The shadow DOM, built on the first update. */
  #view?: ConnectLinkView;

  constructor() {
    super();
    this.target = '_self';
    new ThemeController(this);
    new ProblemReporter(this, () => (this.#state.kind === 'error' ? this.#state.error : null));
  }

  /** The connect URL currently offered, or `null` while it is pending or unavailable. */
  get url(): string | null {
    return this.#state.kind === 'ready' ? this.#state.result.url : null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sessionEndpoint')) this.#loadSession();
    this.#state = this.#computeState();
  }

  #loadSession(): void {
    const endpoint = this.sessionEndpoint;
    this.#session = endpoint ? { endpoint } : null;
    if (!endpoint) return;
    const settle = (outcome: { refId?: string; sample?: boolean; error?: unknown }) => {
      if (this.#session?.endpoint !== endpoint) return;
      this.#session = { endpoint, ...outcome };
      this.requestUpdate();
    };
    sessionClientFor(endpoint)
      .get()
      .then(
        (session) => settle({ refId: session.reference_id, sample: session.mock === true }),
        (error: unknown) => settle({ error }),
      );
  }

  #computeState(): ButtonState {
    if (this.target !== '_self' && this.target !== '_blank') {
      const message = `target must be "_self" or "_blank", not "${String(this.target)}".`;
      return {
        kind: 'error',
        error: { code: 'INVALID_TARGET', message },
        text: (strings) => strings.connectUnavailable,
      };
    }
    let refId: string | null = this.refId ?? null;
    const session = this.#session;
    if (session) {
      if ('error' in session) return sessionFailure(session.error);
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
      return {
        kind: 'error',
        error: { code, message: error.message },
        text: (strings) => strings.connectUnavailable,
      };
    }
  }

  protected override updated(): void {
    // Valid, but Leap cannot tell whose connection this is: worth one word to the developer, not an error.
    if (!this.refId && !this.sessionEndpoint && !this.#warnedUntraceable && this.#state.kind === 'ready') {
      this.#warnedUntraceable = true;
      console.warn(
        '<leap-connect-button>: neither ref-id nor session-endpoint is set, so the connection cannot be traced back to the customer. Set session-endpoint (or ref-id).',
      );
    }
  }

  /** Lit's ReactiveElement without lit-html: see connect-button.view.ts. */
  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    const strings = this.#locale.strings;
    const state = this.#state;
    this.#view ??= new ConnectLinkView(this.renderRoot, (event) => this.#onClick(event));
    this.#view.update({
      href: state.kind === 'ready' ? state.result.url : undefined,
      newTab: state.kind === 'ready' && this.target === '_blank',
      busy: state.kind === 'pending',
      label: this.#slots.has('') ? '' : strings.connectLabel,
      newTabNote: strings.connectNewTab,
      sample: this.#session?.sample ? strings.sampleData : null,
      message:
        state.kind === 'error'
          ? { text: state.text(strings), error: true }
          : state.kind === 'pending'
            ? { text: strings.connectPreparing, error: false }
            : null,
    });
  }

  #onClick(event: MouseEvent): void {
    const state = this.#state;
    if (state.kind !== 'ready') {
      event.preventDefault();
      return;
    }
    const detail: LeapConnectDetail = { url: state.result.url, flow: state.result.flow, refId: state.refId };
    if (!emit(this, 'leap-connect', detail, { cancelable: true })) event.preventDefault();
  }
}

/** The button's state after the session endpoint failed: a refused origin or a wrong endpoint are named as such. */
function sessionFailure(error: unknown): ButtonState {
  const failure = toFailure(error);
  const answer = failureAnswer(failure);
  const refused = failure.kind === 'origin-refused';
  const invalid = failure.kind === 'session-endpoint-invalid';
  return {
    kind: 'error',
    error: {
      code: refused ? 'ORIGIN_REFUSED' : invalid ? 'SESSION_ENDPOINT_INVALID' : 'SESSION_FAILED',
      kind: failure.kind,
      message: `The session endpoint failed: ${failureSummary(failure)}`,
      ...(answer ? { status: answer.status, title: answer.title, details: answer.details } : {}),
    },
    text: (strings) =>
      refused ? strings.connectNotOnThisPage : invalid ? strings.connectUnavailable : strings.connectSessionFailed,
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'leap-connect-button': LeapConnectButton;
  }
}
