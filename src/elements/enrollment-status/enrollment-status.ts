import { html, nothing, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { classifyError } from '../../core/error-kinds.js';
import { formatDate, formatRelativeDays, isOpenEnded } from '../../core/format.js';
import { checkAnswer } from '../../core/schemas/compiled.js';
import type { MeterEnrollmentView, ProgramEnrollment, RequiredAction } from '../../core/schemas/enrollments.js';
import { validateMeterEnrollmentView } from '../../core/schemas/validators.generated.js';
import { LeapApiClient } from '../shared/api-client.js';
import { leapEvent, type LeapErrorDetail } from '../shared/events.js';
import { LeapElement, describeError, errorDetail } from '../shared/leap-element.js';
import { withCommonStrings, type CommonStrings } from '../shared/strings.js';
import { ENROLLMENT_STRINGS, type EnrollmentStrings } from './enrollment-status.strings.js';
import { tokens } from '../shared/tokens.styles.js';
import { visuallyHidden } from '../shared/utility.styles.js';
import { skeletons } from '../shared/skeleton.styles.js';
import { statusStyles } from '../shared/status.styles.js';
import { styles } from './enrollment-status.styles.js';

type Strings = EnrollmentStrings & CommonStrings;

const STRING_TABLES = withCommonStrings(ENROLLMENT_STRINGS);

const MIN_POLL_SECONDS = 60;

const BADGE_ICONS: Record<string, string> = {
  ACTIVE: '✓',
  ELIGIBLE: '◔',
  INELIGIBLE: '✕',
  PENDING: '…',
  NOT_PARTICIPATING: '‖',
};

type KnownStatus = keyof Strings['enrollmentStatuses'];

/**
 * One meter's enrollment: its global status, each program's current and next delivery periods with the next
 * deadline, the actions still needed, and the participation schedule. Talks only to your partner backend.
 *
 * @summary Meter enrollment status for a customer's account page.
 * @tag leap-enrollment-status
 *
 * @slot heading - Replaces the default "Program enrollment" heading (for example with the device's name at the right level).
 *
 * @fires leap-status - After each successful load, `detail: {enrollment}`.
 * @fires leap-error - On failure, `detail: {code, message, status, title, details}`.
 *
 * @csspart badge - The global status badge.
 * @csspart program - One block per program.
 * @csspart period - One delivery period on the timeline.
 * @csspart deadline - The next enrollment deadline.
 * @csspart actions - The required actions list.
 * @csspart schedule - The participation schedule.
 * @csspart error - The error block.
 * @csspart retry - The retry button.
 *
 * @cssprop --leap-color-primary - Accents and buttons. Default `#0b6e4f`.
 * @cssprop --leap-color-success - Active. Default `#146c2e`.
 * @cssprop --leap-color-warning - Pending and eligible. Default `#8a5300`.
 * @cssprop --leap-color-danger - Not eligible, errors. Default `#b3261e`.
 * @cssprop --leap-color-border - Borders. Default `#c4c9cf`.
 * @cssprop --leap-color-muted - Secondary text. Default `#4a5560`.
 * @cssprop --leap-radius - Corner radius. Default `0.5rem`.
 * @cssprop --leap-font-family - Font. Inherits from the page by default.
 * @cssprop --leap-status-min-height - Space reserved while loading. Default `10rem`.
 */
export class LeapEnrollmentStatus extends LeapElement<Strings> {
  protected override readonly stringTables = STRING_TABLES;

  static override styles = [tokens, visuallyHidden, skeletons, statusStyles, styles];

  static override properties: PropertyDeclarations = {
    meterId: { attribute: 'meter-id' },
    sessionEndpoint: { attribute: 'session-endpoint' },
    apiBase: { attribute: 'api-base' },
    pollInterval: { attribute: 'poll-interval', type: Number },
    status: { reflect: true },
    announcement: { state: true, attribute: false },
    reloads: { state: true, attribute: false },
  };

  /** Leap meter id. */
  declare meterId?: string;

  /** URL of your backend's `POST .../session`. */
  declare sessionEndpoint?: string;

  /** Base URL of the backend routes. Default: the parent of `session-endpoint`. */
  declare apiBase?: string;

  /** Refresh every N seconds while the page is visible (minimum 60). Off by default. */
  pollInterval = 0;

  /** The global status, reflected so host pages can style on it: `leap-enrollment-status[status='ACTIVE']`. */
  declare status?: string;

  private announcement = '';
  private reloads = 0;

  private timer: ReturnType<typeof setInterval> | null = null;
  private lastStatus: string | null = null;
  private reported: unknown = null;
  private pendingEvents: Event[] = [];

  private readonly task = new Task(this, {
    task: async ([endpoint, base, meterId], { signal }) => {
      if (!endpoint || !meterId) return null;
      const client = new LeapApiClient(endpoint, base);
      const answer = await client.request<unknown>(`meters/${encodeURIComponent(meterId)}/enrollment`, { signal });
      return checkAnswer<MeterEnrollmentView>(validateMeterEnrollmentView, answer.body);
    },
    args: () => [this.sessionEndpoint, this.apiBase, this.meterId, this.reloads] as const,
  });

  /** The latest enrollment, or null. */
  get enrollment(): MeterEnrollmentView | null {
    return this.task.status === TaskStatus.COMPLETE ? (this.task.value ?? null) : null;
  }

  /** Loads again now. */
  refresh(): void {
    this.reloads += 1;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    this.schedule();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('pollInterval')) this.schedule();
    const task = this.task;
    if (task.status === TaskStatus.COMPLETE && task.value && task.value !== this.reported) {
      const enrollment = task.value;
      this.reported = enrollment;
      this.status = enrollment.global_enrollment_status;
      if (this.lastStatus !== null && this.lastStatus !== enrollment.global_enrollment_status) {
        this.announcement = this.strings.statusChanged(this.statusLabel(enrollment.global_enrollment_status));
      }
      this.lastStatus = enrollment.global_enrollment_status;
      this.pendingEvents.push(leapEvent('leap-status', { enrollment }));
    } else if (task.status === TaskStatus.ERROR && task.error !== this.reported) {
      this.reported = task.error;
      const classified = classifyError(task.error);
      this.announcement = this.errorText(task.error);
      this.pendingEvents.push(leapEvent<LeapErrorDetail>('leap-error', errorDetail(classified, this.strings)));
    }
  }

  private configError(): string | null {
    if (!this.sessionEndpoint) return 'the session-endpoint attribute is required.';
    if (!this.meterId) return 'the meter-id attribute is required.';
    return null;
  }

  protected override updated(): void {
    this.reportConfigProblem(this.configError());
    for (const event of this.pendingEvents.splice(0)) this.dispatchEvent(event);
  }

  private readonly onVisibility = () => {
    if (document.visibilityState === 'visible' && this.timer === null && this.pollSeconds() > 0) this.refresh();
    this.schedule();
  };

  private pollSeconds(): number {
    const seconds = Number(this.pollInterval);
    if (!Number.isFinite(seconds) || seconds <= 0) return 0;
    return Math.max(MIN_POLL_SECONDS, seconds);
  }

  /** Polls only while connected, enabled and the tab is visible. */
  private schedule(): void {
    this.stop();
    const seconds = this.pollSeconds();
    if (!seconds || !this.isConnected || document.visibilityState === 'hidden') return;
    this.timer = setInterval(() => this.refresh(), seconds * 1000);
  }

  private stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private statusLabel(status: string): string {
    return (this.strings.enrollmentStatuses as Record<string, { label: string }>)[status]?.label ?? status;
  }

  private errorText(error: unknown): string {
    const classified = classifyError(error);
    return classified.kind === 'not-found' ? this.strings.meterNotFound : describeError(classified, this.strings);
  }

  private date(iso: string): string {
    return formatDate(iso, this.locale);
  }

  protected override render() {
    const s = this.strings;
    const config = this.configError();
    if (config)
      return html`<p part="error" class="error"><span aria-hidden="true">⚠</span> ${s.misconfigured(config)}</p>`;
    return html`<section
      class="card"
      aria-labelledby="heading"
      aria-busy=${this.task.status === TaskStatus.PENDING ? 'true' : 'false'}
    >
      <slot name="heading"><h2 id="heading">${s.enrollmentHeading}</h2></slot>
      ${this.task.render({
        initial: () => this.renderSkeleton(s),
        pending: () => (this.task.value ? this.renderEnrollment(this.task.value, s) : this.renderSkeleton(s)),
        complete: (enrollment) => (enrollment ? this.renderEnrollment(enrollment, s) : nothing),
        error: (error) => this.renderError(error, s),
      })}
      <div role="status" class="visually-hidden">${this.announcement}</div>
    </section>`;
  }

  private renderSkeleton(s: Strings): TemplateResult {
    return html`<div class="skeleton-block" aria-hidden="true">
        <div class="skeleton line short"></div>
        <div class="skeleton line"></div>
        <div class="skeleton box"></div>
      </div>
      <span class="visually-hidden">${s.loading}</span>`;
  }

  private renderError(error: unknown, s: Strings): TemplateResult {
    const classified = classifyError(error);
    return html`<div part="error" class="error">
      <p><span aria-hidden="true">⚠</span> ${this.errorText(error)}</p>
      ${classified.retryable ? html`<button part="retry" type="button" class="secondary" @click=${this.refresh}>${s.retry}</button>` : nothing}
    </div>`;
  }

  private renderBadge(status: string, s: Strings, part = 'badge'): TemplateResult {
    const known = (s.enrollmentStatuses as Record<string, { label: string; help: string }>)[status];
    return html`<span part=${part} class="badge" data-status=${known ? status : 'UNKNOWN'}
      ><span class="icon" aria-hidden="true">${BADGE_ICONS[status] ?? '•'}</span> ${known ? known.label : status}</span
    >`;
  }

  private renderEnrollment(enrollment: MeterEnrollmentView, s: Strings): TemplateResult {
    const status = enrollment.global_enrollment_status;
    const known = (s.enrollmentStatuses as Record<string, { help: string }>)[status as KnownStatus];
    const programs = new Map<string, ProgramEnrollment[]>();
    for (const period of enrollment.program_enrollment) {
      const key = period.program_identifier ?? '—';
      programs.set(key, [...(programs.get(key) ?? []), period]);
    }
    const partner = enrollment.required_actions?.partner ?? [];
    const leap = enrollment.required_actions?.leap ?? [];
    const schedule = enrollment.participation_preferences ?? [];
    return html`
      <div class="summary">
        ${this.renderBadge(status, s)}
        <p class="muted">${known?.help ?? s.unknownStatusHelp}</p>
      </div>
      ${
        programs.size
          ? [...programs].map(([program, periods]) => this.renderProgram(program, periods, s))
          : html`<p class="muted">${s.noPrograms}</p>`
      }
      ${
        partner.length || leap.length
          ? html`<div part="actions" class="block">
              <h3>${s.partnerActions}</h3>
              ${
                partner.length
                  ? html`<ul>
                      ${partner.map((action) => this.renderAction(action, s))}
                    </ul>`
                  : nothing
              }
              ${leap.length ? html`<p class="muted"><span aria-hidden="true">⚙</span> ${s.leapWorking(leap.length)}</p>` : nothing}
            </div>`
          : nothing
      }
      ${
        schedule.length
          ? html`<div part="schedule" class="block">
              <h3>${s.participation}</h3>
              <ul>
                ${schedule.map((period) => {
                  const label =
                    (s.participationPreferences as Record<string, string>)[period.participation_preference] ??
                    period.participation_preference;
                  const range = isOpenEnded(period.end_time)
                    ? s.fromOngoing(this.date(period.start_time))
                    : s.fromUntil(this.date(period.start_time), this.date(period.end_time!));
                  return html`<li data-preference=${period.participation_preference}>
                    <strong>${label}</strong>:
                    ${range}${period.reason ? html` <span class="muted">(${period.reason})</span>` : nothing}
                  </li>`;
                })}
              </ul>
            </div>`
          : nothing
      }
    `;
  }

  private renderProgram(program: string, periods: ProgramEnrollment[], s: Strings): TemplateResult {
    const now = Date.now();
    const sorted = [...periods].sort(
      (a, b) =>
        Date.parse(a.delivery_period_start_date_time ?? '') - Date.parse(b.delivery_period_start_date_time ?? ''),
    );
    const deadlines = sorted
      .flatMap((p) => p.enrollment_deadlines ?? [])
      .map((d) => d.enrollment_deadline_date_time)
      .filter((d): d is string => typeof d === 'string' && Date.parse(d) > now)
      .sort((a, b) => Date.parse(a) - Date.parse(b));
    const current = sorted.find((p) => {
      const start = Date.parse(p.delivery_period_start_date_time ?? '');
      const end = Date.parse(p.delivery_period_end_date_time ?? '');
      return start <= now && now < end;
    });
    const group = (current ?? sorted[0])?.market_group_name;
    return html`<div part="program" class="block">
      <h3>${s.programHeading(program)}</h3>
      ${group ? html`<p class="muted">${s.marketGroup(group)}</p>` : nothing}
      ${
        deadlines[0]
          ? html`<p part="deadline" class="deadline">
              <span aria-hidden="true">◷</span>
              ${s.nextDeadline(this.date(deadlines[0]), formatRelativeDays(deadlines[0], this.locale))}
            </p>`
          : nothing
      }
      <ol class="timeline" aria-label=${s.deliveryPeriods}>
        ${sorted.slice(0, 3).map(
          (period) =>
            html`<li part="period" class="period" aria-current=${period === current ? 'true' : 'false'}>
              <span class="period-dates"
                >${
                  period.delivery_period_start_date_time && period.delivery_period_end_date_time
                    ? s.periodRange(
                        this.date(period.delivery_period_start_date_time),
                        this.date(period.delivery_period_end_date_time),
                      )
                    : (period.delivery_period ?? '')
                }</span
              >
              ${period.enrollment_status ? this.renderBadge(period.enrollment_status, s, 'period-status') : nothing}
            </li>`,
        )}
      </ol>
    </div>`;
  }

  private renderAction(action: RequiredAction, s: Strings): TemplateResult {
    const due = action.enrollment_deadline_date_time;
    return html`<li class="action">
      <p>${action.action_description}</p>
      ${due ? html`<p class="muted">${s.actionDeadline(this.date(due), formatRelativeDays(due, this.locale))}</p>` : nothing}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'leap-enrollment-status': LeapEnrollmentStatus;
  }
  interface GlobalEventHandlersEventMap {
    'leap-status': CustomEvent<{ enrollment: MeterEnrollmentView }>;
  }
}
