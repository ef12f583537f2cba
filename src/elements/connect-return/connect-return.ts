import { html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import { parseConnectReturn, type ConnectReturn } from '../../core/connect-url.js';
import { failureAnswer, failureCode, failureSummary, toFailure } from '../../core/failure.js';
import { apiBaseProblem } from '../shared/api-client.js';
import { logDefect } from '../shared/describe-error.js';
import { emit, type LeapErrorDetail } from '../shared/events.js';
import { LocaleController } from '../shared/controllers/locale.js';
import { configProblem, ProblemReporter } from '../shared/controllers/problem-reporter.js';
import { ThemeController } from '../shared/controllers/theme.js';
import { CHECK, CLOCK, icon, INFO, WARNING } from '../shared/icons.js';
import { CONNECT_RETURN_STRINGS } from './connect-return.strings.js';
import { MeterWatch } from './meter-watch.js';
import { sampleStyles } from '../shared/sample.styles.js';
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
 * @fires leap-error - With `session-endpoint`: `CONNECTION_NOT_CONFIRMED` when no new meter appeared in time;
 *   `ORIGIN_REFUSED`, `SESSION_ENDPOINT_INVALID` or `SESSION_REFUSED` when the backend cannot serve this page (the
 *   watch stops); `INVALID_CONFIG` for an `api-base` on another origin than `session-endpoint` (nothing is sent).
 *
 * @csspart message - The message box.
 * @csspart progress - The linking / connected / still-waiting line (with `session-endpoint`).
 * @csspart sample - The "Sample data" badge, shown when the backend answers from a mock Leap.
 *
 * @cssprop --leap-color-background - Background of cards and inputs, always paired with the text colour. Default `#ffffff`; dark theme `#1e2329`.
 * @cssprop --leap-color-surface - Former name of `--leap-color-background`, still read when that is not set. Default `#ffffff`; dark theme `#1e2329`.
 * @cssprop --leap-color-text - Text, on the background. Default `#1f2328`; dark theme `#e8eaed`.
 * @cssprop --leap-color-muted - Secondary text. Default `#4a5560`; dark theme `#b4bdc7`.
 * @cssprop --leap-color-border - Borders; input borders at least 3:1 against the background. Default `#767f89`; dark theme `#7a8591`.
 * @cssprop --leap-color-success - Eligible, active, approved, connected. Default `#146c2e`; dark theme `#7fd1ae`.
 * @cssprop --leap-color-warning - Pending and waiting states. Default `#8a5300`; dark theme `#ffd08a`.
 * @cssprop --leap-radius - Corner radius. Default `0.5rem`.
 * @cssprop --leap-spacing - Padding of cards and the space between their blocks. Default `1rem`.
 * @cssprop --leap-font-family - Font. Inherits from the page by default.
 */
export class LeapConnectReturn extends LitElement {
  static override styles = [tokens, sampleStyles, styles];

  static override properties: PropertyDeclarations = {
    lang: { reflect: true },
    url: {},
    sessionEndpoint: { attribute: 'session-endpoint' },
    apiBase: { attribute: 'api-base' },
    waitSeconds: { attribute: 'wait-seconds', type: Number },
    found: { type: Boolean, reflect: true },
    theme: { reflect: true },
    appearance: { reflect: true },
  };

  /** Language of the built-in text (`en`, `es`); defaults to the nearest `[lang]` ancestor. */
  declare lang: string;

  /** The URL to read. Default: the page's own URL. */
  declare url?: string;

  /** URL of your backend's `POST .../session`: watch for the customer's new meters after a connection. */
  declare sessionEndpoint?: string;

  /** Base URL of the backend routes, on the origin of `session-endpoint`. Default: the parent of `session-endpoint`. */
  declare apiBase?: string;

  /** How long to watch for the new meters, in seconds of the page being visible. */
  waitSeconds = 180;

  /** Reflected: present when the URL carries a refId, so the page can style or hide its own content. */
  found = false;

  /**
   * `light`, `dark` or `auto` (default): the page's, from the text colour it gives the element and its
   * `color-scheme`.
   */
  declare theme?: 'light' | 'dark' | 'auto';

  /** `card` (default): a bordered box; `plain`: no border, padding or background, for inside your own card. */
  declare appearance?: 'card' | 'plain';

  /** Read from `url` before each render (so not a reactive property of its own). */
  #parsed: ConnectReturn = { refId: null, params: {} };
  readonly #locale = new LocaleController(this, CONNECT_RETURN_STRINGS);
  // The event waits for the render that says "Connected", like every other outcome.
  readonly #watch = new MeterWatch(
    this,
    (meters) => this.updateComplete.then(() => emit(this, 'leap-connected', { refId: this.#parsed.refId, meters })),
    (error) => this.updateComplete.then(() => emit(this, 'leap-error', this.#gaveUp(error))),
  );

  constructor() {
    super();
    new ThemeController(this);
    new ProblemReporter(this, () => {
      const problem = this.found ? apiBaseProblem(this.sessionEndpoint, this.apiBase) : null;
      return problem ? configProblem(problem) : null;
    });
  }

  #gaveUp(error: unknown): LeapErrorDetail {
    if (error === undefined) {
      return {
        code: 'CONNECTION_NOT_CONFIRMED',
        message: `No new meter appeared within ${this.waitSeconds} seconds; it may still come.`,
      };
    }
    const failure = toFailure(error);
    logDefect(this, failure);
    const answer = failureAnswer(failure);
    return {
      code: failureCode(failure) ?? 'INTERNAL_ERROR',
      kind: failure.kind,
      message: `The connection cannot be confirmed here: ${failureSummary(failure)}`,
      ...(answer ? { status: answer.status, title: answer.title, details: answer.details } : {}),
    };
  }

  /** What the URL says: `{refId, params}`. */
  get connectReturn(): ConnectReturn {
    return this.#parsed;
  }

  protected override willUpdate(): void {
    this.#parsed = parseConnectReturn(this.url ?? window.location.href);
    this.found = this.#parsed.refId !== null;
    // Started before this render, so its first state ("linking") is part of it.
    if (this.found && this.sessionEndpoint && !apiBaseProblem(this.sessionEndpoint, this.apiBase)) {
      this.#watch.start(this.sessionEndpoint, this.apiBase, Math.max(1, Number(this.waitSeconds) || 180));
    }
  }

  protected override firstUpdated(): void {
    emit(this, 'leap-connect-return', { refId: this.#parsed.refId, params: this.#parsed.params });
  }

  protected override render() {
    const strings = this.#locale.strings;
    const found = this.#parsed.refId !== null;
    const watch = this.#watch.state;
    const state = !found ? 'missing' : watch === 'off' || watch === 'failed' ? 'found' : watch;
    const marks: Record<string, string> = { missing: INFO, linking: CLOCK, 'timed-out': WARNING };
    return html`<div part="message" class="message" data-found=${found ? 'true' : 'false'} data-state=${state}>
      ${icon(marks[state] ?? CHECK)}
      <div class="body">
        ${this.#watch.sample ? html`<p part="sample" class="sample">${strings.sampleData}</p>` : nothing}
        ${found ? html`<slot><p>${strings.returnSuccess}</p></slot>` : html`<slot name="missing"><p>${strings.returnMissing}</p></slot>`}
        ${watch === 'off' ? nothing : this.#progress()}
      </div>
    </div>`;
  }

  /**
   * Where the watch for new meters is, in words: a polite live region that stays while the watch runs, so only the
   * change is said ("Connected…" or what to do next), never the whole message again.
   */
  #progress() {
    const strings = this.#locale.strings;
    const { state, meters } = this.#watch;
    // After a failure the page keeps its own message; the console and `leap-error` say why.
    const text =
      state === 'linking'
        ? strings.linking
        : state === 'connected'
          ? strings.connected(meters.length, meters.find((m) => m.utility_name)?.utility_name ?? null)
          : state === 'timed-out'
            ? strings.stillWaiting
            : '';
    return html`<p part="progress" class="progress" role="status" data-state=${state}>${text}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'leap-connect-return': LeapConnectReturn;
  }
}
