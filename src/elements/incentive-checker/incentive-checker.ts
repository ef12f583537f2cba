import { html, LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { TaskStatus } from '@lit/task';
import { ADDRESS_FIELDS, BUILDING_TYPES, type AddressField, type BuildingType } from '../../core/address.js';
import { classifyError } from '../../core/error-kinds.js';
import { LeapApiError } from '../../core/errors.js';
import { formatMoney } from '../../core/format.js';
import { checkLinkUrl } from '../../core/safe-url.js';
import type { IncentivesAddress, IncentivesResult } from '../../core/types.generated.js';
import { OutcomeAnnouncer } from '../shared/controllers/announcer.js';
import { LocaleController } from '../shared/controllers/locale.js';
import { configProblem, ProblemReporter } from '../shared/controllers/problem-reporter.js';
import { commaList, integerList } from '../shared/converters.js';
import { errorDetail } from '../shared/describe-error.js';
import { leapEvent } from '../shared/events.js';
import { skeletons } from '../shared/skeleton.styles.js';
import { withCommonStrings } from '../shared/strings.js';
import { tokens } from '../shared/tokens.styles.js';
import { visuallyHidden } from '../shared/utility.styles.js';
import { AddressForm } from './address-form.js';
import { formTemplate } from './incentive-checker.form.js';
import {
  errorTemplate,
  idleTemplate,
  pendingTemplate,
  resultTemplate,
  type OutcomeView,
} from './incentive-checker.result.js';
import { CHECKER_STRINGS } from './incentive-checker.strings.js';
import { styles } from './incentive-checker.styles.js';
import { addressKey, IncentiveLookup, type CheckRequest } from './lookup.js';
import { PageAddressForm } from './page-address-form.js';

const isBuildingType = (value: string): value is BuildingType => (BUILDING_TYPES as readonly string[]).includes(value);

/** With `address-form`, a check starts this long after the page's address last changed. */
const AUTO_CHECK_DELAY_MS = 600;

/**
 * Finds the incentives a customer's device earns at their address, explains why each tier does or does not apply,
 * and offers a one-click claim link. Talks only to your partner backend, through a session token. With
 * `address-form`, it reads the address from your page's own form and checks by itself.
 *
 * @summary Incentive eligibility checker with an explained result and a claim link.
 * @tag leap-incentive-checker
 *
 * @slot heading - Replaces the default "Check your incentives" heading.
 * @slot empty - Extra content for the zero-incentives state.
 * @slot footer - Content under the result (terms, support links).
 *
 * @fires leap-result - After each successful check, `detail: {result}` (`LeapResultDetail`).
 * @fires leap-error - On every failure, `detail: {code, message, status, title, details}`; also for a misconfigured
 *   element (`INVALID_CONFIG`) and for a `connect_url` that is not a safe link (`UNSAFE_CONNECT_URL`).
 * @fires leap-claim - When the customer follows the claim link, `detail: {url, totalAmount}` (`LeapClaimDetail`).
 *   Cancelable: prevent it to open the URL yourself.
 *
 * @csspart form - The `<form>`.
 * @csspart field - Each label + input + message group.
 * @csspart label - Each `<label>`.
 * @csspart input - Each input and select.
 * @csspart field-error - A field's error message.
 * @csspart submit - The submit button (absent with `address-form`).
 * @csspart outcome - The region that holds the idle hint, the loading skeleton, the result or the error.
 * @csspart result - The result, loading or error block inside it.
 * @csspart stale - The note over a result whose address or building type has since changed.
 * @csspart utility - The utility line.
 * @csspart total - The total amount.
 * @csspart program - One card per program.
 * @csspart tier - One entry per device tier.
 * @csspart program-toggle - In an answer with more than 12 tiers: the button that shows or hides a program's tiers.
 * @csspart claim - The claim link.
 * @csspart empty - The zero-incentives explanation.
 * @csspart error - The error message block.
 * @csspart retry - The retry button.
 *
 * @cssprop --leap-color-primary - Buttons, links, accents. Default `#0b6e4f`.
 * @cssprop --leap-color-on-primary - Text on primary. Default `#ffffff`.
 * @cssprop --leap-radius - Corner radius. Default `0.5rem`.
 * @cssprop --leap-font-family - Font. Inherits from the page by default.
 * @cssprop --leap-color-focus - Focus ring. Default `#1a5fb4`.
 * @cssprop --leap-color-danger - Errors and "not eligible". Default `#b3261e`.
 * @cssprop --leap-color-success - "Eligible". Default `#146c2e`.
 * @cssprop --leap-color-surface - Card background. Default `#ffffff`.
 * @cssprop --leap-color-border - Input borders (at least 3:1 against the surface). Default `#767f89`.
 * @cssprop --leap-color-text - Text. Default `inherit`.
 * @cssprop --leap-color-muted - Secondary text. Default `#4a5560`.
 * @cssprop --leap-checker-result-min-height - Space reserved for the result so the page does not jump. Default `11rem`.
 */
export class LeapIncentiveChecker extends LitElement {
  static override styles = [tokens, visuallyHidden, skeletons, styles];

  static override properties: PropertyDeclarations = {
    lang: { reflect: true },
    sessionEndpoint: { attribute: 'session-endpoint' },
    apiBase: { attribute: 'api-base' },
    addressForm: { attribute: 'address-form' },
    deviceIds: { attribute: 'device-ids', converter: integerList },
    deviceNames: { attribute: 'device-names', converter: commaList },
    buildingType: { attribute: 'building-type' },
    lockBuildingType: { attribute: 'lock-building-type', type: Boolean },
    createApplication: { attribute: 'create-application', type: Boolean },
    ...Object.fromEntries(ADDRESS_FIELDS.map((field) => [field.property, { attribute: field.attribute }])),
    autoCheck: { attribute: 'auto-check', type: Boolean },
    currency: {},
    claimHosts: { attribute: 'claim-hosts', converter: commaList },
    resultHeight: { attribute: 'result-height' },
    chosenBuildingType: { state: true },
    chosenUtility: { state: true },
    stale: { state: true },
    openPrograms: { state: true },
    errorFocused: { state: true },
  };

  /** Language of the built-in text (`en`, `es`); defaults to the nearest `[lang]` ancestor. */
  declare lang: string;
  /** URL of your backend's `POST .../session`. Required. */
  declare sessionEndpoint?: string;
  /** Base URL of the backend routes. Default: the parent of `session-endpoint`. */
  declare apiBase?: string;
  /**
   * The id of your page's own address form (or any element holding the address fields), like an input's `form`
   * attribute: the checker reads the address from it, shows no address fields of its own, and checks by itself.
   */
  declare addressForm?: string;
  /** Leap device ids; repeats mean quantity (`32,44,44`). */
  declare deviceIds?: number[];
  /** Your product names, resolved by Leap through your equipment map. */
  declare deviceNames?: string[];
  /** `RESIDENTIAL` (default), `MULTIFAMILY`, `MANUFACTURED_HOME` or `COMMERCIAL`. */
  buildingType: BuildingType = 'RESIDENTIAL';
  /** Hide the building-type choice and always use `building-type`. */
  lockBuildingType = false;
  /** Ask Leap to open an application, so the answer carries a claim link. */
  createApplication = false;
  /** Prefill: street. */
  declare street1?: string;
  /** Prefill: apartment, suite, unit. */
  declare street2?: string;
  /** Prefill: city. */
  declare city?: string;
  /** Prefill: state code or name. */
  declare state?: string;
  /** Prefill: ZIP or ZIP+4. */
  declare postalCode?: string;
  /** Country code. Default `US`. */
  country = 'US';
  /** Check as soon as the prefilled address is complete (order-confirmation pages). */
  autoCheck = false;
  /** Currency for amounts. Default `USD`. */
  currency = 'USD';
  /** Extra hosts allowed for the claim link, comma-separated (exact host, or `.example.com` for subdomains). */
  declare claimHosts?: string[];
  /**
   * Reserved-space layout: a CSS length (`26rem`) the answer area always takes, from the idle hint through loading to
   * the result, so the page below never moves; a longer answer scrolls inside it.
   */
  declare resultHeight?: string;

  private chosenBuildingType: BuildingType = 'RESIDENTIAL';
  private chosenUtility: string | null = null;
  /** The address (`addressKey`) the customer picked `chosenUtility` for: another address has other utilities. */
  private utilityAddress = '';
  /** The shown result is for an address or building type that has since changed. */
  private stale = false;
  private openPrograms: ReadonlySet<string> = new Set();
  /** The error block was given focus, so it is not also an alert. */
  private errorFocused = false;
  /** The customer asked for this check (submit, retry, a utility): its outcome takes focus. */
  private asked = false;
  /** What the latest check was asked with: an address the page form repeats is not checked twice. */
  private requestedKey = '';
  /** The address (`addressKey`) of the latest check. */
  private requestedAddress = '';
  private autoTimer: ReturnType<typeof setTimeout> | undefined;
  /** A check is due (the page form's address changed): the outcome shows it loading meanwhile. */
  private due = false;
  private autoChecked = false;

  private readonly locale = new LocaleController(this, withCommonStrings(CHECKER_STRINGS), (locale) => {
    const currency = this.currency || 'USD';
    return [() => formatMoney(1, currency, locale)];
  });
  private readonly announcer = new OutcomeAnnouncer(this);
  private readonly form = new AddressForm(this, () => this.addressChanged());
  private readonly pageForm = new PageAddressForm(this, {
    id: () => this.addressForm,
    onValues: (values) => this.form.set(values),
  });
  private readonly lookup = new IncentiveLookup(this, {
    endpoints: () => ({ session: this.sessionEndpoint!, apiBase: this.apiBase }),
    onComplete: (result) => this.completed(result),
    onError: (error) => this.failed(error),
  });

  constructor() {
    super();
    new ProblemReporter(this, () => {
      const problem = this.configError();
      return problem ? configProblem(problem) : null;
    });
  }

  /** The address in the form (or set it to fill the form). */
  get address(): IncentivesAddress {
    return this.form.address;
  }

  set address(address: Partial<IncentivesAddress> | null) {
    this.form.replace(address, this.country ?? 'US');
  }

  /** The latest successful answer, or null. */
  get result(): IncentivesResult | null {
    return this.lookup.result;
  }

  /** Validates the address and checks incentives. Rejects with a `LeapApiError` (status 400 for invalid input). */
  async check(): Promise<IncentivesResult> {
    const config = this.configError();
    if (config) throw new LeapApiError({ status: 400, title: 'Invalid configuration', details: { message: config } });
    const address = this.form.validate();
    if (!address) {
      if (!this.addressForm)
        this.announcer.announce(this.locale.strings.formHasErrors(Object.keys(this.form.errors).length));
      throw new LeapApiError({ status: 400, title: 'Invalid input', details: { fields: { ...this.form.errors } } });
    }
    clearTimeout(this.autoTimer);
    this.due = false;
    // A utility picked among those serving another address is not one Leap accepts for this one.
    if (this.chosenUtility && this.utilityAddress !== addressKey(address)) this.chosenUtility = null;
    const request: CheckRequest = {
      address,
      buildingType: this.lockBuildingType ? this.buildingType : this.chosenBuildingType,
      devices: this.deviceIds?.length ? { device_ids: this.deviceIds } : { device_names: this.deviceNames ?? [] },
      createApplication: this.createApplication,
      utilityEiaid: this.chosenUtility,
    };
    this.requestedKey = this.requestKey(address);
    this.requestedAddress = addressKey(address);
    this.stale = false;
    this.errorFocused = false;
    this.announcer.announce(this.locale.strings.checking);
    return this.lookup.run(request);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // With a page form the address is the page's: the prefill attributes (and the default country) do not apply.
    const prefill = this.addressForm
      ? []
      : ADDRESS_FIELDS.filter((field) => changed.has(field.property as keyof LeapIncentiveChecker));
    if (prefill.length) {
      this.form.set(
        Object.fromEntries(
          prefill.map(({ name, property }) => [name, String(this[property] ?? (name === 'country_code' ? 'US' : ''))]),
        ),
      );
    }
    if (changed.has('buildingType')) {
      this.chosenBuildingType = isBuildingType(this.buildingType) ? this.buildingType : 'RESIDENTIAL';
    }
  }

  protected override updated(): void {
    // Order-confirmation pages: check the prefilled address once, without taking focus.
    if (this.autoCheck && !this.addressForm && !this.autoChecked && this.form.complete && !this.configError()) {
      this.autoChecked = true;
      queueMicrotask(() => this.checkQuietly());
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.autoTimer);
  }

  private configError(): string | null {
    if (!this.sessionEndpoint) return 'the session-endpoint attribute is required.';
    if (this.deviceIds?.some((id) => !Number.isInteger(id) || id <= 0)) {
      return 'device-ids must be a comma-separated list of positive integers.';
    }
    if (!this.deviceIds?.length && !this.deviceNames?.length) return 'set device-ids or device-names.';
    if (!isBuildingType(this.buildingType)) return `building-type must be one of ${BUILDING_TYPES.join(', ')}.`;
    if (this.resultHeight && !CSS.supports('height', this.resultHeight)) {
      return `result-height must be a CSS length such as 26rem, not "${this.resultHeight}".`;
    }
    if (this.pageForm.state === 'missing')
      return `address-form names "${this.addressForm}", but no element on the page has that id.`;
    return null;
  }

  /** What decides whether a result still holds: the address, building type and utility it was asked with. */
  private requestKey(address: IncentivesAddress): string {
    return `${addressKey(address)}|${this.lockBuildingType ? this.buildingType : this.chosenBuildingType}|${this.chosenUtility ?? ''}`;
  }

  /** After any change to the address or building type: mark the result outdated; with a page form, check again. */
  private addressChanged(): void {
    const key = this.requestKey(this.form.address);
    if (key === this.requestedKey) {
      // Changed back to what the shown result is for: it holds again.
      this.stale = false;
      clearTimeout(this.autoTimer);
      return;
    }
    if (this.lookup.result) this.stale = true;
    if (!this.addressForm) return;
    clearTimeout(this.autoTimer);
    // The answer in flight is for an address the customer has already changed.
    if (this.lookup.status === TaskStatus.PENDING) this.lookup.abort();
    this.due = this.form.complete;
    if (this.due) this.autoTimer = setTimeout(() => this.checkQuietly(), AUTO_CHECK_DELAY_MS);
    this.requestUpdate();
  }

  private checkQuietly(): void {
    this.asked = false;
    this.check().catch(() => {
      // Rendered and reported through leap-error.
    });
  }

  private checkAsked(): void {
    this.asked = true;
    this.check().catch(() => {
      const first = this.form.firstInvalid;
      if (first && this.lookup.status !== TaskStatus.PENDING) this.announcer.focus(`#${first}`);
    });
  }

  private completed(result: IncentivesResult): void {
    const s = this.locale.strings;
    this.openPrograms = new Set();
    const total = result.incentives.total_incentive_amount;
    this.announcer.announce(
      total > 0
        ? s.resultAnnouncement(this.money(total), result.utility?.name ?? '')
        : (result.possible_utilities?.length ?? 0) > 1 && !result.utility
          ? s.pickUtilityHelp
          : s.zeroHeading,
    );
    this.announcer.emit(leapEvent('leap-result', { result }));
    const claim = this.claimCheck(result);
    if (claim && !claim.ok) {
      this.announcer.emit(
        leapEvent('leap-error', {
          code: 'UNSAFE_CONNECT_URL',
          message: `The claim link was not shown: connect_url is ${claim.reason.replace(/_/g, ' ')}.`,
          status: 0,
          title: 'Unsafe connect_url',
          details: { reason: claim.reason },
        }),
      );
    }
    if (this.asked) this.announcer.focus('#result-heading');
  }

  private failed(error: unknown): void {
    const classified = classifyError(error);
    this.form.showServerErrors(classified);
    this.announcer.emit(leapEvent('leap-error', errorDetail(classified, this.locale.strings)));
    // Said once: by the focused error block when the customer asked, else by the alert.
    this.announcer.announce('');
    if (!this.asked) return;
    const first = this.form.firstInvalid;
    this.errorFocused = !first;
    this.announcer.focus(first && !this.addressForm ? `#${first}` : '#error');
  }

  private money(amount: number): string {
    return formatMoney(amount, this.currency || 'USD', this.locale.locale);
  }

  private claimCheck(result: IncentivesResult) {
    if (result.connect_url === undefined || result.connect_url === null) return null;
    return checkLinkUrl(result.connect_url, this.claimHosts ?? []);
  }

  /** Before the button that was clicked is replaced by the loading state, focus goes to the outcome region. */
  private holdFocus(): void {
    this.renderRoot.querySelector<HTMLElement>('#outcome')?.focus();
  }

  private readonly onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    this.checkAsked();
  };

  private readonly onRetry = () => {
    this.holdFocus();
    this.checkAsked();
  };

  private readonly onPickUtility = (event: SubmitEvent) => {
    event.preventDefault();
    const picked = new FormData(event.target as HTMLFormElement).get('utility');
    if (typeof picked !== 'string' || picked === '') return;
    this.chosenUtility = picked;
    this.utilityAddress = this.requestedAddress;
    this.holdFocus();
    this.checkAsked();
  };

  private outcomeView(): OutcomeView {
    const result = this.lookup.result;
    return {
      strings: this.locale.strings,
      money: (amount) => this.money(amount),
      stale: this.stale,
      automatic: Boolean(this.addressForm),
      openPrograms: this.openPrograms,
      chosenUtility: this.chosenUtility,
      claim: result ? this.claimCheck(result) : null,
      errorFocused: this.errorFocused,
      onRetry: this.onRetry,
      onPickUtility: this.onPickUtility,
      onToggle: (program) => {
        const next = new Set(this.openPrograms);
        if (!next.delete(program)) next.add(program);
        this.openPrograms = next;
      },
      onClaim: (event, url, totalAmount) => {
        if (!this.dispatchEvent(leapEvent('leap-claim', { url, totalAmount }, true))) event.preventDefault();
      },
    };
  }

  protected override render() {
    const s = this.locale.strings;
    const config = this.configError();
    const view = this.outcomeView();
    const bound = Boolean(this.addressForm);
    return html`
      <div class="checker">
        <div class="heading">
          <slot name="heading"><h2>${s.checkerHeading}</h2></slot>
        </div>
        ${
          config
            ? html`<p part="error" class="error config">
                <span class="icon" aria-hidden="true">⚠</span> ${s.misconfigured(config)}
              </p>`
            : html`${formTemplate({
                  strings: s,
                  locale: this.locale.locale,
                  address: bound ? null : { values: this.form.values, errors: this.form.errors },
                  buildingType: this.lockBuildingType ? null : this.chosenBuildingType,
                  pending: this.lookup.status === TaskStatus.PENDING,
                  automatic: bound,
                  onInput: (field: AddressField, value: string) => this.form.set({ [field]: value }),
                  onBuildingType: (type) => {
                    this.chosenBuildingType = type;
                    this.addressChanged();
                  },
                  onSubmit: this.onSubmit,
                })}
                <div
                  part="outcome"
                  id="outcome"
                  class=${this.resultHeight ? 'outcome reserved' : 'outcome'}
                  role="region"
                  aria-label=${s.resultRegion}
                  tabindex=${this.resultHeight ? '0' : '-1'}
                  .style=${this.resultHeight ? `height:${this.resultHeight}` : ''}
                >
                  ${this.lookup.task.render({
                    initial: () => idleTemplate(view),
                    pending: () => pendingTemplate(),
                    complete: (result) => resultTemplate(result, view),
                    // A check replaced by a newer one: the newer one is loading, or due, or the address is incomplete.
                    error: (error) =>
                      !(error instanceof DOMException && error.name === 'AbortError')
                        ? errorTemplate(classifyError(error), view)
                        : this.due
                          ? pendingTemplate()
                          : idleTemplate(view),
                  })}
                </div>`
        }
        ${this.announcer.render()}
        <slot name="footer"></slot>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'leap-incentive-checker': LeapIncentiveChecker;
  }
}
