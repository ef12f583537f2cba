import { html, LitElement, nothing, type TemplateResult, type PropertyDeclarations } from 'lit';
import { formatDate, formatMoney } from '../../core/format.js';
import { checkAnswer } from '../../core/schemas/shape.js';
import type { ApplicationListView, ApplicationView } from '../../core/types.generated.js';
import { ApplicationListViewShape, ApplicationViewShape } from '../../core/schemas/shapes.generated.js';
import type { LeapApiClient } from '../shared/api-client.js';
import { OutcomeAnnouncer } from '../shared/controllers/announcer.js';
import { BackendResource } from '../shared/controllers/backend-resource.js';
import { LocaleController } from '../shared/controllers/locale.js';
import { configProblem, ProblemReporter } from '../shared/controllers/problem-reporter.js';
import { HasSlotController } from '../shared/controllers/slots.js';
import { ThemeController } from '../shared/controllers/theme.js';
import { CHECK, CLOCK, CROSS, DOT, HALF, icon, INFO, RING } from '../shared/icons.js';
import { misconfiguredTemplate } from '../shared/misconfigured.js';
import { statusCardTemplate } from '../shared/status-card.js';
import { withCommonStrings, type CommonStrings } from '../shared/strings.js';
import { APPLICATION_STRINGS, type ApplicationStrings } from './application-status.strings.js';
import { tokens } from '../shared/tokens.styles.js';
import { visuallyHidden } from '../shared/utility.styles.js';
import { skeletons } from '../shared/skeleton.styles.js';
import { sampleStyles } from '../shared/sample.styles.js';
import { statusStyles } from '../shared/status.styles.js';
import { styles } from './application-status.styles.js';

type Strings = ApplicationStrings & CommonStrings;

const STRING_TABLES = withCommonStrings(APPLICATION_STRINGS);

/** The documented flow; `awaiting_customer` shares the third step with `awaiting_partner`. */
const STEPS: ReadonlyArray<readonly string[]> = [
  ['not_started'],
  ['in_progress'],
  ['awaiting_partner', 'awaiting_customer'],
  ['completed'],
  ['submitted'],
  ['approved', 'rejected', 'withdrawn'],
];
/** An application that ended without a rebate: its last step reads as such in colour, icon and words. */
const ENDED = ['rejected', 'withdrawn'];

const BADGE_ICONS: Record<string, string> = {
  not_started: RING,
  in_progress: HALF,
  awaiting_customer: CLOCK,
  awaiting_partner: CLOCK,
  completed: CHECK,
  submitted: CLOCK,
  approved: CHECK,
  rejected: CROSS,
  withdrawn: CROSS,
};
const MAX_PAGES = 20;

/**
 * The signed-in customer's incentive applications, each with its program, requested amount and a step indicator with
 * plain-language help for its status. `application-id` narrows it to one application.
 *
 * @summary Rebate application status for a customer's account page.
 * @tag leap-application-status
 *
 * @slot heading - Replaces the default "Your rebate applications" heading.
 *
 * @fires leap-applications - After each successful load, `detail: {applications}`.
 * @fires leap-error - On failure, `detail: {code, message, status, title, details}`; every code is in docs/errors.md
 *   (`ORIGIN_REFUSED`, `SESSION_ENDPOINT_INVALID`, `NOT_FOUND`, `INVALID_CONFIG`, …).
 *
 * @csspart application - One block per application.
 * @csspart badge - The status badge.
 * @csspart steps - The step indicator.
 * @csspart step - One step.
 * @csspart empty - The no-applications message.
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
export class LeapApplicationStatus extends LitElement {
  static override styles = [tokens, visuallyHidden, skeletons, statusStyles, sampleStyles, styles];

  static override properties: PropertyDeclarations = {
    applicationId: { attribute: 'application-id' },
    currency: {},
    lang: { reflect: true },
    sessionEndpoint: { attribute: 'session-endpoint' },
    apiBase: { attribute: 'api-base' },
    theme: { reflect: true },
    appearance: { reflect: true },
  };

  /** Show only this application. */
  declare applicationId?: string;

  /** Currency for amounts. Default `USD`. */
  currency = 'USD';

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

  // Called after the first render, when `currency` is set; the entries capture values, not the element.
  readonly #locale = new LocaleController(this, STRING_TABLES, (locale) => {
    const currency = this.currency || 'USD';
    return [() => formatMoney(1, currency, locale), () => formatDate('2026-01-01T00:00:00Z', locale)];
  });
  readonly #announcer = new OutcomeAnnouncer(this);
  readonly #slots = new HasSlotController(this, 'heading');
  readonly #resource = new BackendResource<ApplicationView[], Strings>(this, {
    locale: this.#locale,
    announcer: this.#announcer,
    configError: () => (this.sessionEndpoint ? null : 'the session-endpoint attribute is required.'),
    key: () => this.applicationId ?? '',
    load: (client, id, signal) => this.#load(client, id, signal),
    loaded: (applications) => {
      this.#announcer.announce(this.#locale.strings.applicationsLoaded(applications.length));
      this.#announcer.emit('leap-applications', { applications });
    },
    notFound: (strings) => strings.applicationNotFound,
  });

  constructor() {
    super();
    new ThemeController(this);
    new ProblemReporter(this, () => {
      const problem = this.#resource.misconfiguration;
      return problem ? configProblem(problem) : null;
    });
  }

  /** The applications shown, or null before the first load. */
  get applications(): ApplicationView[] | null {
    return this.#resource.value;
  }

  /** Loads again now. */
  refresh(): void {
    void this.#resource.reload();
  }

  async #load(client: LeapApiClient, id: string, signal: AbortSignal): Promise<ApplicationView[]> {
    if (id) {
      const answer = await client.request<unknown>(`applications/${encodeURIComponent(id)}`, { signal });
      return [checkAnswer<ApplicationView>(ApplicationViewShape, answer.body)];
    }
    const all: ApplicationView[] = [];
    let token: string | null | undefined = null;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const query: string = token ? `?page_token=${encodeURIComponent(token)}` : '';
      const answer = await client.request<unknown>(`applications${query}`, { signal });
      const list = checkAnswer<ApplicationListView>(ApplicationListViewShape, answer.body);
      all.push(...list.results);
      token = list.next_page_token;
      if (!token) break;
    }
    return all;
  }

  protected override render() {
    const strings = this.#locale.strings;
    if (this.#resource.misconfiguration) return misconfiguredTemplate(strings.misconfigured);
    return statusCardTemplate({
      strings,
      heading: strings.applicationsHeading,
      slottedHeading: this.#slots.has('heading') ? this.#slots.text('heading') : '',
      resource: this.#resource,
      announcer: this.#announcer,
      skeletonLines: 1,
      renderValue: (applications) => this.#renderList(applications, strings),
      onRetry: () => this.refresh(),
    });
  }

  #renderList(applications: ApplicationView[], strings: Strings): TemplateResult {
    if (!applications.length) return html`<p part="empty" class="muted">${strings.noApplications}</p>`;
    // Safari drops list semantics from lists styled with list-style: none, so the role is stated on purpose.
    /* eslint-disable lit-a11y/no-redundant-role */
    return html`<ul class="applications" role="list">
      ${applications.map((application) => this.#renderApplication(application, strings))}
    </ul>`;
    /* eslint-enable lit-a11y/no-redundant-role */
  }

  #renderApplication(application: ApplicationView, strings: Strings): TemplateResult {
    const status = application.status;
    const statuses = strings.applicationStatuses as Record<string, { label: string; help: string }>;
    const known = Object.hasOwn(statuses, status) ? statuses[status] : undefined;
    const name = typeof application.program_name === 'string' ? application.program_name : strings.rebateApplication;
    const currentStep = STEPS.findIndex((step) => step.includes(status));
    const ended = ENDED.includes(status);
    const headingId = `app-${String(application.id).replace(/[^A-Za-z0-9_-]/g, '')}`;
    return html`<li part="application" class="application" data-status=${status} aria-labelledby=${headingId}>
      <div class="head">
        <h3 id=${headingId}>${name}</h3>
        <span part="badge" class="badge" data-status=${known ? status : 'UNKNOWN'}
          >${icon(BADGE_ICONS[status] ?? INFO)} ${known?.label ?? strings.otherStatus}</span
        >
      </div>
      ${
        typeof application.total_requested_amount === 'number'
          ? html`<p class="amount">
              ${strings.requestedAmount(formatMoney(application.total_requested_amount, this.currency || 'USD', this.#locale.locale))}
            </p>`
          : nothing
      }
      <p>${known?.help ?? strings.unknownStatusHelp}</p>
      ${application.updated_at ? html`<p class="muted">${strings.updatedOn(formatDate(application.updated_at, this.#locale.locale))}</p>` : nothing}
      <ol part="steps" class="steps" aria-label=${strings.stepsLabel} data-ended=${ended ? 'true' : 'false'}>
        ${STEPS.map((step, index) => {
          const isCurrent = index === currentStep;
          const label = isCurrent
            ? known!.label
            : index === STEPS.length - 1
              ? strings.decision
              : statuses[step[0]!]!.label;
          const stepState =
            currentStep === -1
              ? 'upcoming'
              : index < currentStep
                ? 'done'
                : isCurrent
                  ? ended
                    ? 'ended'
                    : 'current'
                  : 'upcoming';
          const marker = { done: CHECK, ended: CROSS, current: DOT, upcoming: RING }[stepState];
          return html`<li part="step" class="step" data-state=${stepState} aria-current=${isCurrent ? 'step' : 'false'}>
            ${icon(marker)}<span class="label">${label}</span
            >${stepState === 'done' ? html`<span class="visually-hidden"> ${strings.stepCompleted}</span>` : nothing}
          </li>`;
        })}
      </ol>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'leap-application-status': LeapApplicationStatus;
  }
}
