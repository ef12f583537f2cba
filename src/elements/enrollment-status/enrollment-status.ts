import { html, LitElement, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import { METER_TYPES } from '../../core/schemas/grid-enums.js';
import { formatDate, formatRelativeDays } from '../../core/format.js';
import { checkAnswer } from '../../core/schemas/shape.js';
import type { CustomerMeter, CustomerMeterList, MeterEnrollmentView } from '../../core/types.generated.js';
import { CustomerMeterListShape, MeterEnrollmentViewShape } from '../../core/schemas/shapes.generated.js';
import type { LeapApiClient } from '../shared/api-client.js';
import { OutcomeAnnouncer } from '../shared/controllers/announcer.js';
import { BackendResource } from '../shared/controllers/backend-resource.js';
import { LocaleController } from '../shared/controllers/locale.js';
import { Poll } from '../shared/controllers/poll.js';
import { configProblem, ProblemReporter } from '../shared/controllers/problem-reporter.js';
import { HasSlotController } from '../shared/controllers/slots.js';
import { ThemeController } from '../shared/controllers/theme.js';
import { misconfiguredTemplate } from '../shared/misconfigured.js';
import { statusCardTemplate } from '../shared/status-card.js';
import { withCommonStrings, type CommonStrings } from '../shared/strings.js';
import { ENROLLMENT_STRINGS, type EnrollmentStrings } from './enrollment-status.strings.js';
import { tokens } from '../shared/tokens.styles.js';
import { visuallyHidden } from '../shared/utility.styles.js';
import { skeletons } from '../shared/skeleton.styles.js';
import { sampleStyles } from '../shared/sample.styles.js';
import { statusStyles } from '../shared/status.styles.js';
import { styles } from './enrollment-status.styles.js';
import { enrollmentTemplate, statusLabel } from './enrollment-card.js';

type Strings = EnrollmentStrings & CommonStrings;

const STRING_TABLES = withCommonStrings(ENROLLMENT_STRINGS);

const MIN_POLL_SECONDS = 60;

/** One meter (`meter-id`), or every meter of the customer. */
type EnrollmentValue = { kind: 'one'; enrollment: MeterEnrollmentView } | { kind: 'list'; meters: CustomerMeter[] };

/**
 * Enrollment status for a customer's account page: with `meter-id`, one meter's global status, each program's current
 * and next delivery periods with the next deadline, the actions still needed and the participation schedule; without
 * it, the same card for every meter of the signed-in customer (the meters Leap created when they connected), or an
 * empty state with room for your connect button. Talks only to your partner backend.
 *
 * @summary Meter enrollment status for a customer's account page.
 * @tag leap-enrollment-status
 *
 * @slot heading - Replaces the default heading ("Program enrollment", or "Your connected devices" for the list); it also
 *   names the region.
 * @slot empty - Under "No connected devices yet" (the list without meters): your connect button, say.
 *
 * @fires leap-status - With `meter-id`, after each successful load, `detail: {enrollment}` (`LeapStatusDetail`).
 * @fires leap-meters - Without `meter-id`, after each successful load, `detail: {meters}` (`LeapMetersDetail`).
 * @fires leap-error - On failure, `detail: {code, message, status, title, details}`; every code is in docs/errors.md
 *   (`ORIGIN_REFUSED`, `SESSION_ENDPOINT_INVALID`, `NOT_FOUND`, `INVALID_CONFIG`, …).
 *
 * @csspart meter - One card per meter (the list).
 * @csspart empty - The list's empty state.
 * @csspart badge - The global status badge.
 * @csspart program - One block per program.
 * @csspart period - One delivery period on the timeline.
 * @csspart period-status - The meter's status badge within a delivery period.
 * @csspart deadline - The next enrollment deadline.
 * @csspart actions - The required actions list.
 * @csspart schedule - The participation schedule.
 * @csspart sample - The "Sample data" badge, shown when the backend answers from a mock Leap.
 * @csspart error - The error block.
 * @csspart retry - The retry button.
 *
 * @cssprop --leap-color-primary - Buttons, links, accents, the current step. Default `#0b6e4f`; dark theme `#7fd1ae`.
 * @cssprop --leap-color-background - Background of cards and inputs, always paired with the text colour. Default `#ffffff`; dark theme `#1e2329`.
 * @cssprop --leap-color-surface - Former name of `--leap-color-background`, still read when that is not set. Default `#ffffff`; dark theme `#1e2329`.
 * @cssprop --leap-color-text - Text, on the background. Default `#1f2328`; dark theme `#e8eaed`.
 * @cssprop --leap-color-muted - Secondary text. Default `#4a5560`; dark theme `#b4bdc7`.
 * @cssprop --leap-color-border - Borders; input borders at least 3:1 against the background. Default `#767f89`; dark theme `#7a8591`.
 * @cssprop --leap-color-success - Eligible, active, approved, connected. Default `#146c2e`; dark theme `#7fd1ae`.
 * @cssprop --leap-color-warning - Pending and waiting states. Default `#8a5300`; dark theme `#ffd08a`.
 * @cssprop --leap-color-danger - Errors, not eligible, not approved. Default `#b3261e`; dark theme `#ffb4ab`.
 * @cssprop --leap-color-focus - Focus ring. Default `#1a5fb4`; dark theme `#9ecaff`.
 * @cssprop --leap-radius - Corner radius. Default `0.5rem`.
 * @cssprop --leap-spacing - Padding of cards and the space between their blocks. Default `1rem`.
 * @cssprop --leap-font-family - Font. Inherits from the page by default.
 * @cssprop --leap-status-min-height - Space reserved while loading. Default `10rem`.
 */
export class LeapEnrollmentStatus extends LitElement {
  static override styles = [tokens, visuallyHidden, skeletons, statusStyles, sampleStyles, styles];

  static override properties: PropertyDeclarations = {
    meterId: { attribute: 'meter-id' },
    meterType: { attribute: 'meter-type' },
    pollInterval: { attribute: 'poll-interval', type: Number },
    status: { reflect: true },
    lang: { reflect: true },
    sessionEndpoint: { attribute: 'session-endpoint' },
    apiBase: { attribute: 'api-base' },
    theme: { reflect: true },
    appearance: { reflect: true },
  };

  /** Leap meter id: one meter. Without it, every meter of the signed-in customer. */
  declare meterId?: string;

  /** The list only: `UTILITY_METER`, `SUBMETER` or `DEVICE`. */
  declare meterType?: string;

  /**
   * Refresh every N seconds while the page is visible (minimum 60), and at once when it is shown again. After a failed
   * refresh the next waits twice as long, up to eight times the interval, until one succeeds. Off by default.
   */
  pollInterval = 0;

  /** The global status, reflected so host pages can style on it: `leap-enrollment-status[status='ACTIVE']`. */
  declare status?: string;

  /** Language of the built-in text (`en`, `es`); defaults to the nearest `[lang]` ancestor. */
  declare lang: string;
  /** URL of your backend's `POST .../session`. */
  declare sessionEndpoint?: string;
  /** Base URL of the backend routes, on the origin of `session-endpoint`. Default: the parent of `session-endpoint`. */
  declare apiBase?: string;

  /**
   * `light`, `dark` or `auto` (default): the page's, from the text colour it gives the element and its
   * `color-scheme`.
   */
  declare theme?: 'light' | 'dark' | 'auto';
  /** `card` (default): a bordered card; `plain`: no border, padding or background, for inside your own card. */
  declare appearance?: 'card' | 'plain';

  readonly #locale = new LocaleController(this, STRING_TABLES, (locale) => {
    const soon = new Date(Date.now() + 86_400_000).toISOString();
    return [() => formatDate(soon, locale), () => formatRelativeDays(soon, locale)];
  });
  readonly #announcer = new OutcomeAnnouncer(this);
  readonly #slots = new HasSlotController(this, 'heading');
  readonly #resource = new BackendResource<EnrollmentValue, Strings>(this, {
    locale: this.#locale,
    announcer: this.#announcer,
    configError: () => this.#configError(),
    // A meter id, or `list:<meter type>` for every meter.
    key: () => this.meterId || `list:${this.meterType ?? ''}`,
    load: (client, key, signal) => this.#load(client, key, signal),
    loaded: (value) => this.#loaded(value),
    notFound: (strings) => strings.meterNotFound,
  });
  readonly #poll = new Poll(this, {
    run: () => this.#resource.reload(),
    interval: () => this.#pollSeconds() * 1000,
  });
  #lastStatus: string | null = null;

  constructor() {
    super();
    new ThemeController(this);
    new ProblemReporter(this, () => {
      const problem = this.#resource.misconfiguration;
      return problem ? configProblem(problem) : null;
    });
  }

  /** With `meter-id`: the latest enrollment, or null. */
  get enrollment(): MeterEnrollmentView | null {
    const value = this.#resource.value;
    return value?.kind === 'one' ? value.enrollment : null;
  }

  /** Without `meter-id`: the customer's meters, or null before they load. */
  get meters(): CustomerMeter[] | null {
    const value = this.#resource.value;
    return value?.kind === 'list' ? value.meters : null;
  }

  /** Loads again now. */
  refresh(): void {
    void this.#resource.reload();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('pollInterval')) return;
    if (this.#pollSeconds()) this.#poll.start();
    else this.#poll.stop();
  }

  async #load(client: LeapApiClient, key: string, signal: AbortSignal): Promise<EnrollmentValue> {
    if (key.startsWith('list:')) {
      const query = this.meterType ? `?meter_type=${encodeURIComponent(this.meterType)}` : '';
      const answer = await client.request<unknown>(`meters${query}`, { signal });
      return { kind: 'list', meters: checkAnswer<CustomerMeterList>(CustomerMeterListShape, answer.body).meters };
    }
    const answer = await client.request<unknown>(`meters/${encodeURIComponent(key)}/enrollment`, { signal });
    return { kind: 'one', enrollment: checkAnswer<MeterEnrollmentView>(MeterEnrollmentViewShape, answer.body) };
  }

  #loaded(value: EnrollmentValue): void {
    const strings = this.#locale.strings;
    if (value.kind === 'list') {
      this.status = undefined;
      this.#announcer.announce(value.meters.length ? strings.metersLoaded(value.meters.length) : strings.noMeters);
      this.#announcer.emit('leap-meters', { meters: value.meters });
      return;
    }
    const { enrollment } = value;
    const status = enrollment.global_enrollment_status;
    this.status = status;
    // The first load replaces "Loading…"; a poll speaks only when the status changed.
    if (this.#lastStatus !== status) this.#announcer.announce(strings.statusChanged(statusLabel(status, strings)));
    this.#lastStatus = status;
    this.#announcer.emit('leap-status', { enrollment });
  }

  #configError(): string | null {
    if (!this.sessionEndpoint) return 'the session-endpoint attribute is required.';
    if (this.meterType && !(METER_TYPES as readonly string[]).includes(this.meterType)) {
      return `meter-type must be one of ${METER_TYPES.join(', ')}.`;
    }
    return null;
  }

  #pollSeconds(): number {
    const seconds = Number(this.pollInterval);
    if (!Number.isFinite(seconds) || seconds <= 0) return 0;
    return Math.max(MIN_POLL_SECONDS, seconds);
  }

  protected override render() {
    const strings = this.#locale.strings;
    if (this.#resource.misconfiguration) return misconfiguredTemplate(strings.misconfigured);
    return statusCardTemplate({
      strings,
      heading: this.meterId ? strings.enrollmentHeading : strings.metersHeading,
      slottedHeading: this.#slots.has('heading') ? this.#slots.text('heading') : '',
      resource: this.#resource,
      announcer: this.#announcer,
      skeletonLines: 2,
      renderValue: (value) => this.#renderValue(value, strings),
      onRetry: () => this.refresh(),
    });
  }

  #renderValue(value: EnrollmentValue, strings: Strings): TemplateResult {
    const view = { strings: strings, locale: this.#locale.locale };
    if (value.kind === 'one') return enrollmentTemplate(value.enrollment, { ...view, level: 3 });
    if (!value.meters.length) {
      return html`<div part="empty" class="empty">
        <p class="empty-title">${strings.noMeters}</p>
        <p class="muted">${strings.noMetersHelp}</p>
        <slot name="empty"></slot>
      </div>`;
    }
    // Safari drops list semantics from lists styled with list-style: none, so the role is stated on purpose.
    /* eslint-disable lit-a11y/no-redundant-role */
    return html`<ul class="meters" role="list">
      ${value.meters.map(
        (meter) =>
          html`<li
            part="meter"
            class="meter"
            data-meter-id=${meter.meter_id}
            data-status=${meter.global_enrollment_status}
          >
            <h3>
              ${strings.meterTitle((strings.meterTypes as Record<string, string>)[meter.meter_type ?? ''] ?? strings.meterTypes.UTILITY_METER, meter.utility_name ?? null)}
            </h3>
            ${enrollmentTemplate(meter, { ...view, level: 4 })}
          </li>`,
      )}
    </ul>`;
    /* eslint-enable lit-a11y/no-redundant-role */
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'leap-enrollment-status': LeapEnrollmentStatus;
  }
}
