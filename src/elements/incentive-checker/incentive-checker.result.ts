/**
 * The checker's answer area in each state: the idle hint, the loading skeleton, an error with its retry, and the
 * result (utility, total, programs and tiers explained, the claim link). Pure templates over what the element passes.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ref } from 'lit/directives/ref.js';
import type { Task } from '@lit/task';
import { isRetryable, toFailure, type LeapFailure } from '../../core/failure.js';
import type { UrlCheck } from '../../core/safe-url.js';
import type { DeviceTierResult, IncentivesResult, ProgramResult } from '../../core/types.generated.js';
import { describeFailure } from '../shared/describe-error.js';
import { CHECK, CROSS, icon, INFO, REFRESH, WARNING } from '../shared/icons.js';
import type { CommonStrings } from '../shared/strings.js';
import type { FocusTargets } from './focus-targets.js';
import type { CheckerStrings } from './incentive-checker.strings.js';

type Strings = CheckerStrings & CommonStrings;

/**
 * Answers with more tiers than this list each program collapsed, its options one click away: a long answer stays
 * readable and renders within a frame.
 */
export const INLINE_TIERS = 12;

export interface OutcomeView {
  strings: Strings;
  money(amount: number): string;
  /** The address now differs from the one the shown result is for. */
  stale: boolean;
  /** What the note over an outdated result says. */
  staleText: string;
  /** Checks run by themselves (the address comes from the page's form). */
  automatic: boolean;
  openPrograms: ReadonlySet<string>;
  chosenUtility: string | null;
  /** The claim link check of the shown result. */
  claim: UrlCheck | null;
  onRetry(): void;
  /** True when picking started a check. */
  onPickUtility(event: SubmitEvent): boolean;
  onToggle(program: string): void;
  onClaim(event: MouseEvent, url: string, totalAmount: number): void;
}

/**
 * The answer region in the state of the check: idle, loading, the result or the error. `due`: a check starts soon
 * (the page form's address changed), so a check replaced by it shows loading rather than the idle hint. `targets`:
 * the refs focus moves to (the region, the answer's heading, the error message).
 */
export function outcomeTemplate(
  task: Task<[unknown], IncentivesResult>,
  view: OutcomeView,
  layout: { height?: string | undefined; due: boolean },
  targets: FocusTargets,
): TemplateResult {
  return html`<div
    ${ref(targets.outcome)}
    part="outcome"
    id="outcome"
    class=${layout.height ? 'outcome reserved' : 'outcome'}
    role="region"
    aria-label=${view.strings.resultRegion}
    tabindex=${layout.height ? '0' : '-1'}
    .style=${layout.height ? `height:${layout.height}` : ''}
  >
    ${task.render({
      initial: () => idleTemplate(view),
      pending: () => pendingTemplate(),
      complete: (result) => resultTemplate(result, view, targets),
      error: (error) => {
        const failure = toFailure(error);
        // Stopped for a newer address: loading when its check is due, else the hint.
        if (failure.kind !== 'aborted') return errorTemplate(failure, view, targets);
        return layout.due ? pendingTemplate() : idleTemplate(view);
      },
    })}
  </div>`;
}

export const idleTemplate = (view: OutcomeView) =>
  html`<div part="result" class="result idle">
    <p class="muted">${view.automatic ? view.strings.idleHintPageForm : view.strings.idleHint}</p>
  </div>`;

/** Nothing in it is read out: the live region says that a check started. */
export const pendingTemplate = () =>
  html`<div part="result" class="result pending" aria-hidden="true">
    <div class="skeleton line short"></div>
    <div class="skeleton line"></div>
    <div class="skeleton box"></div>
  </div>`;

/**
 * The message is what takes focus (after a retry or a submit), so it is read without the button's words. After an
 * automatic check it is said by the live region instead (checker-controller), never as an alert.
 */
export function errorTemplate(failure: LeapFailure, view: OutcomeView, targets: FocusTargets): TemplateResult {
  const strings = view.strings;
  // The button goes away while the check runs: focus holds on the region meanwhile, never falling to <body>.
  const retry = () => {
    view.onRetry();
    targets.outcome.value?.focus();
  };
  return html`<div part="result" class="result">
    <div part="error" class="error">
      <p ${ref(targets.error)} id="error" tabindex="-1">${icon(WARNING)} ${describeFailure(failure, strings)}</p>
      ${
        isRetryable(failure)
          ? html`<button part="retry" class="secondary" type="button" @click=${retry}>${strings.retry}</button>`
          : nothing
      }
    </div>
  </div>`;
}

// Safari drops list semantics from lists styled with list-style: none, so the role is stated on purpose.
/* eslint-disable lit-a11y/no-redundant-role */
export function resultTemplate(result: IncentivesResult, view: OutcomeView, targets: FocusTargets): TemplateResult {
  const strings = view.strings;
  const total = result.incentives.total_incentive_amount;
  const possible = result.possible_utilities ?? [];
  const claim = view.claim;
  const collapse =
    result.incentives.by_program.reduce((sum, program) => sum + program.device_tier_results.length, 0) > INLINE_TIERS;
  // The answer is the heading: the amount, "no incentives", or the question of which utility (read once, as the
  // picker's legend); the utility is the line under it.
  const utility = result.utility
    ? html`<p part="utility" class="utility">${strings.yourUtility(result.utility.name)}</p>`
    : nothing;
  return html`<section
    part="result"
    class="result"
    aria-labelledby="result-heading"
    data-stale=${view.stale ? 'true' : 'false'}
  >
    ${view.stale ? html`<p part="stale" class="stale">${icon(REFRESH)} ${view.staleText}</p>` : nothing}
    ${
      total > 0
        ? html`${resultHeading(targets, html`<span part="total">${strings.total(view.money(total))}</span>`)}${utility}`
        : result.utility
          ? zeroTemplate(result, strings, utility, targets)
          : nothing
    }
    ${possible.length > 1 ? utilityPickerTemplate(possible, result, view, targets) : nothing}
    ${
      result.incentives.by_program.length
        ? html`<ul class="programs" role="list">
            ${result.incentives.by_program.map((program, index) => programTemplate(program, index, collapse, view))}
          </ul>`
        : nothing
    }
    ${
      claim?.ok && total > 0 && !view.stale
        ? html`<a
            part="claim"
            class="claim"
            href=${claim.url.href}
            target="_blank"
            rel="noopener noreferrer"
            @click=${(e: MouseEvent) => view.onClaim(e, claim.url.href, total)}
            >${strings.claim(view.money(total))}<span class="visually-hidden"> ${strings.claimNewTab}</span></a
          >`
        : nothing
    }
  </section>`;
}

const resultHeading = (targets: FocusTargets, content: unknown) =>
  html`<h3 ${ref(targets.result)} id="result-heading" tabindex="-1" class="result-heading">${content}</h3>`;

function utilityPickerTemplate(
  possible: NonNullable<IncentivesResult['possible_utilities']>,
  result: IncentivesResult,
  view: OutcomeView,
  targets: FocusTargets,
): TemplateResult {
  const strings = view.strings;
  const current = result.utility ? String(result.utility.eiaid) : view.chosenUtility;
  // The answer is replaced while the new check runs: focus holds on the region meanwhile.
  const pick = (event: SubmitEvent) => {
    if (view.onPickUtility(event)) targets.outcome.value?.focus();
  };
  return html`<form class="picker" @submit=${pick}>
    <fieldset>
      <legend>${result.utility ? strings.pickUtilityLegend : resultHeading(targets, strings.pickUtilityLegend)}</legend>
      <p class="muted">${strings.pickUtilityHelp}</p>
      ${possible.map(
        (utility, index) =>
          html`<label class="choice"
            ><input
              type="radio"
              name="utility"
              value=${String(utility.eiaid)}
              ?checked=${current === String(utility.eiaid) || (!current && index === 0)}
            />
            ${utility.name}</label
          >`,
      )}
    </fieldset>
    <button class="secondary" type="submit">${strings.pickUtilitySubmit}</button>
  </form>`;
}

/** No incentives: what was checked; the reasons are each tier's own "Why not", listed once, under its program. */
function zeroTemplate(
  result: IncentivesResult,
  strings: Strings,
  utility: unknown,
  targets: FocusTargets,
): TemplateResult {
  return html`<div part="empty" class="empty">
    ${resultHeading(targets, html`${icon(INFO)} ${strings.zeroHeading}`)} ${utility}
    <p class="muted">${strings.zeroBody(result.programs_evaluated ?? result.incentives.by_program.length)}</p>
    <slot name="empty"></slot>
  </div>`;
}

function programTemplate(program: ProgramResult, index: number, collapse: boolean, view: OutcomeView): TemplateResult {
  const strings = view.strings;
  const key = String(program.program_id);
  const open = !collapse || view.openPrograms.has(key);
  const tiers = program.device_tier_results;
  const id = `tiers-${index}`;
  return html`<li part="program" class="program">
    <h4 class="program-name" lang="en">${program.program_name}</h4>
    <p class="program-total">${strings.programTotal(view.money(program.total_incentive))}</p>
    ${
      collapse
        ? html`<button
            part="program-toggle"
            class="toggle"
            type="button"
            aria-expanded=${open ? 'true' : 'false'}
            aria-controls=${ifDefined(open ? id : undefined)}
            @click=${() => view.onToggle(key)}
          >
            ${open ? strings.hideOptions : strings.showOptions(tiers.length, tiers.filter((t) => t.eligible).length)}<span
              class="visually-hidden"
              >${strings.ofProgram(program.program_name)}</span
            >
          </button>`
        : nothing
    }
    ${
      open
        ? html`<ul class="tiers" id=${id} role="list">
            ${tiers.map((tier) => tierTemplate(tier, view))}
          </ul>`
        : nothing
    }
  </li>`;
}
/* eslint-enable lit-a11y/no-redundant-role */

function tierTemplate(tier: DeviceTierResult, view: OutcomeView): TemplateResult {
  const strings = view.strings;
  const details = tier.calculation_details;
  const method =
    typeof details === 'string'
      ? details
      : details && typeof details.calculation_method === 'string'
        ? details.calculation_method
        : null;
  const list = (title: string, items: string[] | null | undefined, kind: string) =>
    items?.length
      ? html`<div class="reqs ${kind}">
          <p class="list-title">${title}</p>
          <ul lang="en">
            ${items.map((item) => html`<li>${item}</li>`)}
          </ul>
        </div>`
      : nothing;
  return html`<li
    part="tier"
    class="tier ${tier.eligible ? 'eligible' : 'ineligible'}"
    data-eligible=${tier.eligible ? 'true' : 'false'}
  >
    <p class="tier-head">
      <span class="badge"
        >${icon(tier.eligible ? CHECK : CROSS)} ${tier.eligible ? strings.eligible : strings.notEligible}</span
      >
      <span class="tier-name" lang="en">${tier.tier_name ?? ''}</span>
      ${tier.eligible && tier.incentive_amount ? html`<span class="amount">${strings.tierAmount(view.money(tier.incentive_amount))}</span>` : nothing}
    </p>
    ${tier.device_name ? html`<p class="muted">${strings.device(tier.device_name)}</p>` : nothing}
    ${method ? html`<p class="muted">${strings.howCalculated} <span lang="en">${method}</span></p>` : nothing}
    ${list(strings.whyNot, tier.failed_requirements, 'failed')}
    ${list(strings.alsoNeeded, tier.ignored_requirements, 'ignored')}
    ${list(strings.alreadyMet, tier.completed_requirements, 'completed')}
  </li>`;
}
