/**
 * One meter's enrollment, as the status card shows it: the global status with words and an icon, each program's
 * current and next delivery periods with the next deadline, the actions still needed, and the participation schedule.
 * Pure templates; headings start at the level the caller gives (3 in a single card, 4 inside a list of meters).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatDate, formatRelativeDays, isOpenEnded } from '../../core/format.js';
import type { MeterEnrollmentView, ProgramEnrollment, RequiredAction } from '../../core/types.generated.js';
import { CHECK, CLOCK, CROSS, HALF, icon, INFO, PAUSE } from '../shared/icons.js';
import type { CommonStrings } from '../shared/strings.js';
import { CUSTOMER_ACTION_TYPES, type CustomerActionType, type EnrollmentStrings } from './enrollment-status.strings.js';

type Strings = EnrollmentStrings & CommonStrings;

const BADGE_ICONS: Record<string, string> = {
  ACTIVE: CHECK,
  ELIGIBLE: HALF,
  INELIGIBLE: CROSS,
  PENDING: CLOCK,
  NOT_PARTICIPATING: PAUSE,
};

export interface CardView {
  strings: Strings;
  locale: string;
  /** The level of the card's block headings. */
  level: 3 | 4;
}

/** A heading at the card's level (lit-html has no dynamic tag names). */
const heading = (level: 3 | 4, text: string) => (level === 3 ? html`<h3>${text}</h3>` : html`<h4>${text}</h4>`);

/** A status in words; one Leap adds later is named as such, never by its code. */
export function statusLabel(status: string, strings: Strings): string {
  return (strings.enrollmentStatuses as Record<string, { label: string }>)[status]?.label ?? strings.otherStatus;
}

function badge(status: string, strings: Strings, part = 'badge'): TemplateResult {
  const known = Object.hasOwn(strings.enrollmentStatuses, status);
  return html`<span part=${part} class="badge" data-status=${known ? status : 'UNKNOWN'}
    >${icon(BADGE_ICONS[status] ?? INFO)} ${statusLabel(status, strings)}</span
  >`;
}

export function enrollmentTemplate(enrollment: MeterEnrollmentView, view: CardView): TemplateResult {
  const strings = view.strings;
  const status = enrollment.global_enrollment_status;
  const known = (strings.enrollmentStatuses as Record<string, { help: string }>)[status];
  const programs = new Map<string, ProgramEnrollment[]>();
  for (const period of enrollment.program_enrollment) {
    const key = period.program_identifier ?? '—';
    programs.set(key, [...(programs.get(key) ?? []), period]);
  }
  const partner = enrollment.required_actions?.partner ?? [];
  const customer = partner.filter(isCustomerAction);
  const provider = partner.length - customer.length;
  const leap = enrollment.required_actions?.leap ?? [];
  const schedule = enrollment.participation_preferences ?? [];
  const date = (iso: string) => formatDate(iso, view.locale);
  return html`
    <div class="summary">
      ${badge(status, strings)}
      <p class="muted">${known?.help ?? strings.unknownStatusHelp}</p>
    </div>
    ${
      programs.size
        ? [...programs].map(([program, periods]) => programTemplate(program, periods, view))
        : html`<p class="muted">${strings.noPrograms}</p>`
    }
    ${
      partner.length || leap.length
        ? html`<div part="actions" class="block">
            ${heading(view.level, strings.partnerActions)}
            ${
              customer.length
                ? html`<ul>
                    ${customer.map((action) => actionTemplate(action, view))}
                  </ul>`
                : nothing
            }
            ${provider ? html`<p class="muted">${icon(CLOCK)} ${strings.providerWorking(provider)}</p>` : nothing}
            ${leap.length ? html`<p class="muted">${icon(CLOCK)} ${strings.leapWorking(leap.length)}</p>` : nothing}
          </div>`
        : nothing
    }
    ${
      schedule.length
        ? html`<div part="schedule" class="block">
            ${heading(view.level, strings.participation)}
            <ul>
              ${schedule.map((period) => {
                const label =
                  (strings.participationPreferences as Record<string, string>)[period.participation_preference] ??
                  strings.otherStatus;
                const range = isOpenEnded(period.end_time)
                  ? strings.fromOngoing(date(period.start_time))
                  : strings.fromUntil(date(period.start_time), date(period.end_time!));
                return html`<li data-preference=${period.participation_preference}>
                  <strong>${label}</strong>:
                  ${range}${period.reason ? html` <span class="muted" lang="en">(${period.reason})</span>` : nothing}
                </li>`;
              })}
            </ul>
          </div>`
        : nothing
    }
  `;
}

function programTemplate(program: string, periods: ProgramEnrollment[], view: CardView): TemplateResult {
  const strings = view.strings;
  const now = Date.now();
  const date = (iso: string) => formatDate(iso, view.locale);
  const sorted = [...periods].sort(
    (a, b) => Date.parse(a.delivery_period_start_date_time ?? '') - Date.parse(b.delivery_period_start_date_time ?? ''),
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
  return html`<div part="program" class="block">
    ${heading(view.level, strings.programHeading(program))}
    ${
      deadlines[0]
        ? html`<p part="deadline" class="deadline">
            ${icon(CLOCK)} ${strings.nextDeadline(date(deadlines[0]), formatRelativeDays(deadlines[0], view.locale))}
          </p>`
        : nothing
    }
    <ol class="timeline" aria-label=${strings.deliveryPeriods}>
      ${sorted.slice(0, 3).map(
        (period) =>
          html`<li part="period" class="period" aria-current=${period === current ? 'true' : 'false'}>
            <span class="period-dates"
              >${strings.periodRange(
                date(period.delivery_period_start_date_time),
                date(period.delivery_period_end_date_time),
              )}</span
            >
            ${period.enrollment_status ? badge(period.enrollment_status, strings, 'period-status') : nothing}
          </li>`,
      )}
    </ol>
  </div>`;
}

/** Whether the customer can take this action themselves (Leap's words for it are addressed to the partner). */
function isCustomerAction(action: RequiredAction): action is RequiredAction & { action_type: CustomerActionType } {
  return (CUSTOMER_ACTION_TYPES as readonly string[]).includes(action.action_type);
}

function actionTemplate(action: RequiredAction & { action_type: CustomerActionType }, view: CardView): TemplateResult {
  const due = action.enrollment_deadline_date_time;
  return html`<li class="action">
    <p>${view.strings.customerActions[action.action_type]}</p>
    ${
      due
        ? html`<p class="muted">
            ${view.strings.actionDeadline(formatDate(due, view.locale), formatRelativeDays(due, view.locale))}
          </p>`
        : nothing
    }
  </li>`;
}
