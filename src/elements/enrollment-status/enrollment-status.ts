import { html, nothing, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import { formatDate, formatRelativeDays, isOpenEnded } from '../../core/format.js';
import { checkAnswer } from '../../core/schemas/shape.js';
import type { MeterEnrollmentView, ProgramEnrollment, RequiredAction } from '../../core/types.generated.js';
import { MeterEnrollmentViewShape } from '../../core/schemas/shapes.generated.js';
import type { LeapApiClient } from '../shared/api-client.js';
import { leapEvent } from '../shared/events.js';
import { LeapStatusElement } from '../shared/status-element.js';
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
 * @cssprop --leap-color-border - Borders. Default `#767f89`.
 * @cssprop --leap-color-muted - Secondary text. Default `#4a5560`.
 * @cssprop --leap-radius - Corner radius. Default `0.5rem`.
 * @cssprop --leap-font-family - Font. Inherits from the page by default.
 * @cssprop --leap-status-min-height - Space reserved while loading. Default `10rem`.
 */
export class LeapEnrollmentStatus extends LeapStatusElement<MeterEnrollmentView, Strings> {
  static override styles = [tokens, visuallyHidden, skeletons, statusStyles, styles];

  static override properties: PropertyDeclarations = {
    meterId: { attribute: 'meter-id' },
    pollInterval: { attribute: 'poll-interval', type: Number },
    status: { reflect: true },
  };

  /** Leap meter id. */
  declare meterId?: string;

  /** Refresh every N seconds while the page is visible (minimum 60). Off by default. */
  pollInterval = 0;

  /** The global status, reflected so host pages can style on it: `leap-enrollment-status[status='ACTIVE']`. */
  declare status?: string;

  protected override readonly skeletonLines = 2;

  constructor() {
    super(STRING_TABLES, (locale) => {
      const soon = new Date(Date.now() + 86_400_000).toISOString();
      return [() => formatDate(soon, locale), () => formatRelativeDays(soon, locale)];
    });
  }

  private timer: ReturnType<typeof setInterval> | null = null;
  private lastStatus: string | null = null;

  /** The latest enrollment, or null. */
  get enrollment(): MeterEnrollmentView | null {
    return this.value;
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
  }

  protected override loadKey(): string | null {
    return this.meterId || null;
  }

  protected override async load(client: LeapApiClient, meterId: string, signal: AbortSignal) {
    const answer = await client.request<unknown>(`meters/${encodeURIComponent(meterId)}/enrollment`, { signal });
    return checkAnswer<MeterEnrollmentView>(MeterEnrollmentViewShape, answer.body);
  }

  protected override loaded(enrollment: MeterEnrollmentView): Event {
    const status = enrollment.global_enrollment_status;
    this.status = status;
    if (this.lastStatus !== null && this.lastStatus !== status) {
      this.announcer.announce(this.locale.strings.statusChanged(this.statusLabel(status)));
    }
    this.lastStatus = status;
    return leapEvent('leap-status', { enrollment });
  }

  protected override configError(): string | null {
    if (!this.sessionEndpoint) return 'the session-endpoint attribute is required.';
    if (!this.meterId) return 'the meter-id attribute is required.';
    return null;
  }

  protected override heading(s: Strings): string {
    return s.enrollmentHeading;
  }

  protected override notFound(s: Strings): string {
    return s.meterNotFound;
  }

  protected override renderValue(enrollment: MeterEnrollmentView, s: Strings): TemplateResult {
    return this.renderEnrollment(enrollment, s);
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
    return (this.locale.strings.enrollmentStatuses as Record<string, { label: string }>)[status]?.label ?? status;
  }

  private date(iso: string): string {
    return formatDate(iso, this.locale.locale);
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
              ${s.nextDeadline(this.date(deadlines[0]), formatRelativeDays(deadlines[0], this.locale.locale))}
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
      ${due ? html`<p class="muted">${s.actionDeadline(this.date(due), formatRelativeDays(due, this.locale.locale))}</p>` : nothing}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'leap-enrollment-status': LeapEnrollmentStatus;
  }
}
