/**
 * The checker's behaviour behind its public shell (`incentive-checker.ts`): the customer's choices (building type,
 * utility, open programs), what a check asks, when a result is outdated, and the views the form and answer templates
 * render. It composes the focused controllers: the address form and the page-form binding, the lookup protocol, the
 * automatic checks and what follows a check. It never touches the shell's DOM: where focus goes next is state
 * (`takeFocusRequest()`) that the shell acts on after its render.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { TaskStatus } from '@lit/task';
import { ADDRESS_FIELDS, checkAddress, type AddressField, type BuildingType } from '../../core/address.js';
import { LeapFailureError } from '../../core/failure.js';
import { formatMoney } from '../../core/format.js';
import type { IncentivesAddress, IncentivesResult } from '../../core/types.generated.js';
import { OutcomeAnnouncer } from '../shared/controllers/announcer.js';
import { LocaleController } from '../shared/controllers/locale.js';
import { emit } from '../shared/events.js';
import { withCommonStrings, type CommonStrings } from '../shared/strings.js';
import { AddressForm } from './address-form.js';
import { AutoCheck } from './auto-check.js';
import { CheckOutcome, claimLink } from './check-outcome.js';
import {
  checkerMisconfiguration,
  isBuildingType,
  type CheckerProblem,
  type CheckerSettings,
} from './checker-config.js';
import type { FocusTarget } from './focus-targets.js';
import { fieldLabel, type FormView } from './incentive-checker.form.js';
import type { OutcomeView } from './incentive-checker.result.js';
import { CHECKER_STRINGS, type CheckerStrings } from './incentive-checker.strings.js';
import { addressKey, IncentiveLookup, lookupKey, type CheckRequest } from './lookup.js';
import { PageAddressForm } from './page-address-form.js';

/** The element as its controller sees it: its settings, and a host to render. */
export interface CheckerHost extends CheckerSettings, ReactiveControllerHost, HTMLElement {
  apiBase?: string;
  lockBuildingType: boolean;
  createApplication: boolean;
  autoCheck: boolean;
  currency: string;
  claimHosts?: string[];
  readonly hasUpdated: boolean;
}

export class CheckerController implements ReactiveController {
  readonly locale: LocaleController<CheckerStrings & CommonStrings>;
  readonly announcer: OutcomeAnnouncer;
  readonly form: AddressForm;
  readonly lookup: IncentiveLookup;
  readonly auto: AutoCheck;
  readonly #pageForm: PageAddressForm;
  readonly #outcome: CheckOutcome;
  #chosenBuildingType: BuildingType = 'RESIDENTIAL';
  /** The utility the customer picked, for the address it was offered for (another address has other utilities). */
  #chosenUtility: { eiaid: string; address: string } | null = null;
  #openPrograms: ReadonlySet<string> = new Set();
  /** The incomplete-address note last said, so it is said once. */
  #saidIncomplete: string | null = null;
  /** Where focus goes after the next render (the customer asked for a check, or must fix a field). */
  #focusRequest: FocusTarget | null = null;
  readonly #host: CheckerHost;

  constructor(host: CheckerHost) {
    this.#host = host;
    host.addController(this);
    this.locale = new LocaleController(host, withCommonStrings(CHECKER_STRINGS), (locale) => {
      // The idle-time entry holds the currency, not the element: an element removed before then can be collected.
      const currency = host.currency || 'USD';
      return [() => formatMoney(1, currency, locale)];
    });
    this.announcer = new OutcomeAnnouncer(host);
    this.form = new AddressForm(host, () => this.#addressChanged());
    this.#pageForm = new PageAddressForm(host, { id: () => host.addressForm, onValues: (v) => this.form.set(v) });
    this.auto = new AutoCheck(host, () => void this.check(false).catch(() => {}));
    this.#outcome = new CheckOutcome({
      host,
      announcer: this.announcer,
      focus: (target) => {
        this.#focusRequest = target;
        host.requestUpdate();
      },
      form: this.form,
      strings: () => this.locale.strings,
      money: (amount) => this.#money(amount),
      claimHosts: () => host.claimHosts ?? [],
      pageForm: () => Boolean(host.addressForm),
      about: (result) => {
        const address = this.lookup.lastRequest?.address;
        const device =
          result?.incentives.by_program.flatMap((p) => p.device_tier_results).find((t) => t.device_name)?.device_name ??
          host.deviceNames?.[0];
        return address ? this.locale.strings.about(device ?? null, `${address.street_1}, ${address.city}`) : '';
      },
    });
    this.lookup = new IncentiveLookup(host, {
      endpoints: () => ({ session: host.sessionEndpoint!, apiBase: host.apiBase }),
      beforeRender: () => this.locale.ready(),
      onComplete: (result) => {
        // A new answer starts with every long program collapsed.
        this.#openPrograms = new Set();
        this.#outcome.completed(result);
      },
      onError: (failure) => this.#outcome.failed(failure),
    });
  }

  /** Where focus should go now that the render is done, once; null to leave it where it is. */
  takeFocusRequest(): FocusTarget | null {
    const target = this.#focusRequest;
    this.#focusRequest = null;
    return target;
  }

  /** The first problem with the element's settings, or null. */
  get misconfiguration(): CheckerProblem | null {
    return checkerMisconfiguration(this.#host, this.#pageForm.state, () => this.#pageForm.unreadableProblem);
  }

  /**
   * Validates the address and checks; `asked`: the customer asked, so the outcome takes focus. Rejects with a
   * `LeapFailureError`: `setup` or `invalid-input` (nothing sent), or why the check failed.
   */
  async check(asked: boolean): Promise<IncentivesResult> {
    const problem = this.misconfiguration;
    if (problem) throw new LeapFailureError({ kind: 'setup', code: problem.code, message: problem.message });
    const address = this.form.validate();
    if (!address) {
      this.#outcome.invalid(asked);
      throw new LeapFailureError({ kind: 'invalid-input', fields: { ...this.form.errors } });
    }
    this.auto.cancel();
    this.#outcome.started(asked);
    return this.lookup.run(this.#request(address));
  }

  /** `building-type` changed: it is also the choice the form starts from. */
  buildingTypeChanged(): void {
    this.#chosenBuildingType = isBuildingType(this.#host.buildingType) ? this.#host.buildingType : 'RESIDENTIAL';
  }

  hostUpdated(): void {
    // Order-confirmation pages: check the prefilled address once, without taking focus.
    const host = this.#host;
    this.auto.once(host.autoCheck && !host.addressForm && this.form.complete && !this.misconfiguration);
  }

  /** What a check of `address` asks, with the customer's choices. */
  #request(address: IncentivesAddress): CheckRequest {
    const host = this.#host;
    const utility = this.#chosenUtility;
    return {
      address,
      buildingType: host.lockBuildingType ? (host.buildingType as BuildingType) : this.#chosenBuildingType,
      devices: host.deviceIds?.length ? { device_ids: host.deviceIds } : { device_names: host.deviceNames ?? [] },
      createApplication: host.createApplication,
      utilityEiaid: utility?.address === addressKey(address) ? utility.eiaid : null,
    };
  }

  /** The form now asks what the latest check asked (or what the shown answer answers). */
  #asksLastRequest(): boolean {
    const last = this.lookup.lastRequest;
    return last !== null && lookupKey(last) === lookupKey(this.#request(this.form.address));
  }

  /**
   * With a page form, a changed address is checked by itself; a check in flight for the old one is dropped. An address
   * that cannot be checked under a shown result says which field, once.
   */
  #addressChanged(): void {
    const incomplete = this.lookup.result ? this.#incompleteNote() : null;
    if (incomplete && incomplete !== this.#saidIncomplete) this.announcer.announce(incomplete);
    this.#saidIncomplete = incomplete;
    if (this.#asksLastRequest()) return this.auto.cancel();
    if (!this.#host.addressForm) return;
    if (this.lookup.status === TaskStatus.PENDING) this.lookup.abort();
    this.auto.schedule(this.form.complete);
  }

  /** With a page form: the first field that keeps the address from being checked, by the page's own label. */
  #incompleteNote(): string | null {
    if (!this.#host.addressForm) return null;
    const checked = checkAddress(this.form.address);
    const field = checked.ok ? undefined : ADDRESS_FIELDS.find(({ name }) => checked.issues[name]);
    if (!field || checked.ok) return null;
    const strings = this.locale.strings;
    const label = this.#pageForm.label(field.name) ?? fieldLabel(field.name, strings);
    return checked.issues[field.name] === 'required' ? strings.staleMissing(label) : strings.staleInvalid(label);
  }

  #money(amount: number): string {
    return formatMoney(amount, this.#host.currency || 'USD', this.locale.locale);
  }

  /** The customer asked again (retry, a utility); the template holds focus on the answer region meanwhile. */
  #checkAgain(): void {
    this.check(true).catch(() => {});
  }

  formView(): FormView {
    const host = this.#host;
    const automatic = Boolean(host.addressForm);
    return {
      strings: this.locale.strings,
      locale: this.locale.locale,
      address: automatic ? null : { values: this.form.values, errors: this.form.errors },
      buildingType: host.lockBuildingType ? null : this.#chosenBuildingType,
      pending: this.lookup.status === TaskStatus.PENDING,
      automatic,
      onInput: (field: AddressField, value: string) => this.form.set({ [field]: value }),
      onBuildingType: (type) => {
        this.#chosenBuildingType = type;
        this.#host.requestUpdate();
        this.#addressChanged();
      },
      onSubmit: (event) => {
        event.preventDefault();
        this.check(true).catch(() => {});
      },
    };
  }

  outcomeView(): OutcomeView {
    const result = this.lookup.result;
    const stale = result !== null && !this.#asksLastRequest();
    const strings = this.locale.strings;
    return {
      strings: this.locale.strings,
      money: (amount) => this.#money(amount),
      stale,
      staleText: !stale
        ? ''
        : !this.#host.addressForm
          ? strings.staleResult
          : (this.#incompleteNote() ?? strings.staleAutomatic),
      automatic: Boolean(this.#host.addressForm),
      openPrograms: this.#openPrograms,
      chosenUtility: this.#chosenUtility?.eiaid ?? null,
      claim: result ? claimLink(result, this.#host.claimHosts ?? []) : null,
      onRetry: () => this.#checkAgain(),
      onPickUtility: (event) => {
        event.preventDefault();
        const picked = new FormData(event.target as HTMLFormElement).get('utility');
        const checked = this.lookup.lastRequest;
        if (typeof picked !== 'string' || picked === '' || !checked) return false;
        this.#chosenUtility = { eiaid: picked, address: addressKey(checked.address) };
        this.#checkAgain();
        return true;
      },
      onToggle: (program) => {
        const open = new Set(this.#openPrograms);
        if (!open.delete(program)) open.add(program);
        this.#openPrograms = open;
        this.#host.requestUpdate();
      },
      onClaim: (event, url, totalAmount) => {
        if (!emit(this.#host, 'leap-claim', { url, totalAmount }, { cancelable: true })) event.preventDefault();
      },
    };
  }
}
