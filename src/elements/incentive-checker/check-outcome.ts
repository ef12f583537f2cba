/**
 * What follows a check, after the render that shows it: the live region says the outcome, `leap-result` or
 * `leap-error` fires, and when the customer asked for the check (submit, retry, a utility) focus moves to the answer,
 * or to the field at fault. A check that started by itself never takes focus.
 */
import type { LeapFailure } from '../../core/failure.js';
import { checkLinkUrl, type UrlCheck } from '../../core/safe-url.js';
import type { IncentivesResult } from '../../core/types.generated.js';
import type { OutcomeAnnouncer } from '../shared/controllers/announcer.js';
import { describeFailure, errorDetail, logDefect } from '../shared/describe-error.js';
import type { CommonStrings } from '../shared/strings.js';
import type { AddressForm } from './address-form.js';
import type { FocusTarget } from './focus-targets.js';
import type { CheckerStrings } from './incentive-checker.strings.js';

export interface OutcomeContext {
  host: HTMLElement;
  announcer: OutcomeAnnouncer;
  /** Asks for focus on `target` after the next render. */
  focus(target: FocusTarget): void;
  form: AddressForm;
  strings(): CheckerStrings & CommonStrings;
  money(amount: number): string;
  claimHosts(): string[];
  /** The address comes from the page's own form: its fields are not ours to focus. */
  pageForm(): boolean;
  /** Which device and address a check is about, as said before its outcome ("EV Charger at 1 Main St, Bend: "). */
  about(result?: IncentivesResult): string;
}

/** The claim link of an answer, checked (https, an allowed host); null when the answer has none. */
export function claimLink(result: IncentivesResult, hosts: string[]): UrlCheck | null {
  return result.connect_url === undefined || result.connect_url === null
    ? null
    : checkLinkUrl(result.connect_url, hosts);
}

export class CheckOutcome {
  #asked = false;
  /** What the latest automatic check said: the same outcome again is not said again. */
  #saidAutomatic = '';
  readonly #context: OutcomeContext;

  constructor(context: OutcomeContext) {
    this.#context = context;
  }

  /**
   * A check starts; `asked` when the customer asked for it. One that starts by itself (the page's form changed, an
   * order-confirmation page) says nothing until its outcome: the customer may be typing in the page's form.
   */
  started(asked: boolean): void {
    this.#asked = asked;
    if (!asked) return;
    this.#saidAutomatic = '';
    this.#context.announcer.announce(this.#context.strings().checking);
  }

  /** The address did not pass the rules: say how many fields need attention, focus the first one. */
  invalid(asked: boolean): void {
    const { form, announcer } = this.#context;
    if (this.#context.pageForm()) return;
    announcer.announce(this.#context.strings().formHasErrors(Object.keys(form.errors).length));
    if (asked && form.firstInvalid) this.#context.focus(form.firstInvalid);
  }

  completed(result: IncentivesResult): void {
    const { announcer, money } = this.#context;
    const strings = this.#context.strings();
    const total = result.incentives.total_incentive_amount;
    const choosing = (result.possible_utilities?.length ?? 0) > 1 && !result.utility;
    this.#say(
      total > 0
        ? strings.resultAnnouncement(money(total), result.utility?.name ?? '')
        : choosing
          ? strings.pickUtilityHelp
          : strings.zeroHeading,
      result,
    );
    announcer.emit('leap-result', { result });
    const claim = claimLink(result, this.#context.claimHosts());
    if (claim && !claim.ok) this.#report({ kind: 'unsafe-link', reason: claim.reason });
    if (this.#asked) this.#context.focus('result');
  }

  failed(failure: LeapFailure): void {
    const { announcer, form } = this.#context;
    const strings = this.#context.strings();
    if (failure.kind === 'invalid-input') form.showServerErrors(failure.fields);
    this.#report(failure);
    if (!this.#asked) return this.#say(describeFailure(failure, strings));
    // Said once, by the message taking focus (or the field at fault).
    announcer.announce('');
    const field = this.#context.pageForm() ? undefined : form.firstInvalid;
    this.#context.focus(field ?? 'error');
  }

  /** `leap-error` after the render that shows the failure; a defect also on the console, with its stack. */
  #report(failure: LeapFailure): void {
    logDefect(this.#context.host, failure);
    const detail = errorDetail(failure, this.#context.strings());
    if (detail) this.#context.announcer.emit('leap-error', detail);
  }

  /** The outcome in the live region; after an automatic check with what it is about, once per distinct outcome. */
  #say(text: string, result?: IncentivesResult): void {
    if (this.#asked) return this.#context.announcer.announce(text);
    const said = this.#context.about(result) + text;
    if (said !== this.#saidAutomatic) this.#context.announcer.announce(said);
    this.#saidAutomatic = said;
  }
}
