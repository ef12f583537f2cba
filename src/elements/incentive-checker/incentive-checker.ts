import { html, LitElement, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ADDRESS_FIELDS, type AddressFieldSpec, type BuildingType } from '../../core/address.js';
import type { IncentivesAddress, IncentivesResult } from '../../core/types.generated.js';
import { configProblem, ProblemReporter } from '../shared/controllers/problem-reporter.js';
import { ThemeController } from '../shared/controllers/theme.js';
import { commaList, integerList } from '../shared/converters.js';
import { misconfiguredTemplate } from '../shared/misconfigured.js';
import { sampleStyles } from '../shared/sample.styles.js';
import { skeletons } from '../shared/skeleton.styles.js';
import { tokens } from '../shared/tokens.styles.js';
import { visuallyHidden } from '../shared/utility.styles.js';
import { CheckerController } from './checker-controller.js';
import { FocusTargets } from './focus-targets.js';
import { formTemplate } from './incentive-checker.form.js';
import { outcomeTemplate } from './incentive-checker.result.js';
import { styles } from './incentive-checker.styles.js';

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
 * @fires leap-error - On every failure, `detail: {code, message, status, title, details}` (`LeapErrorDetail`). `code`
 *   is `ADDRESS_NOT_FOUND`, `ADDRESS_NOT_SUPPORTED` (outside the US: nothing is sent), `INVALID_INPUT`,
 *   `SESSION_REFUSED`, `ORIGIN_REFUSED`, `SESSION_ENDPOINT_INVALID`, `RATE_LIMITED`, `UPSTREAM_DOWN`, `OFFLINE` or
 *   `UNEXPECTED`; `INVALID_CONFIG` for a misconfigured element; `ADDRESS_FORM_UNREADABLE` when the `address-form` holds
 *   no address field it can read; `UNSAFE_CONNECT_URL` for a claim link not shown. Every code: docs/errors.md.
 * @fires leap-claim - When the customer follows the claim link, `detail: {url, totalAmount}` (`LeapClaimDetail`).
 *   Cancelable: prevent it to open the URL yourself.
 *
 * @csspart sample - The "Sample data" badge, shown once the backend says it answers from a mock Leap.
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
 * @cssprop --leap-color-primary - Buttons, links, accents, the current step. Default `#0b6e4f`; dark theme `#7fd1ae`.
 * @cssprop --leap-color-on-primary - Text on the primary colour. Default `#ffffff`; dark theme `#0b1f17`.
 * @cssprop --leap-color-background - Background of cards and inputs, always paired with the text colour. Default `#ffffff`; dark theme `#1e2329`.
 * @cssprop --leap-color-surface - Former name of `--leap-color-background`, still read when that is not set. Default `#ffffff`; dark theme `#1e2329`.
 * @cssprop --leap-color-text - Text, on the background. Default `#1f2328`; dark theme `#e8eaed`.
 * @cssprop --leap-color-muted - Secondary text. Default `#4a5560`; dark theme `#b4bdc7`.
 * @cssprop --leap-color-border - Borders; input borders at least 3:1 against the background. Default `#767f89`; dark theme `#7a8591`.
 * @cssprop --leap-color-success - Eligible, active, approved, connected. Default `#146c2e`; dark theme `#7fd1ae`.
 * @cssprop --leap-color-danger - Errors, not eligible, not approved. Default `#b3261e`; dark theme `#ffb4ab`.
 * @cssprop --leap-color-focus - Focus ring. Default `#1a5fb4`; dark theme `#9ecaff`.
 * @cssprop --leap-radius - Corner radius. Default `0.5rem`.
 * @cssprop --leap-spacing - Padding of cards and the space between their blocks. Default `1rem`.
 * @cssprop --leap-font-family - Font. Inherits from the page by default.
 * @cssprop --leap-checker-result-min-height - Space reserved for the hint and the loading skeleton, so the page does not jump when a check starts. Default `11rem`.
 */
export class LeapIncentiveChecker extends LitElement {
  static override styles = [tokens, visuallyHidden, skeletons, sampleStyles, styles];

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
    theme: { reflect: true },
  };

  /** Language of the built-in text (`en`, `es`); defaults to the nearest `[lang]` ancestor. */
  declare lang: string;
  /** URL of your backend's `POST .../session`. Required. */
  declare sessionEndpoint?: string;
  /** Base URL of the backend routes, on the origin of `session-endpoint`. Default: the parent of `session-endpoint`. */
  declare apiBase?: string;
  /**
   * The id of your page's own address form (or any element holding the address fields), like an input's `form`
   * attribute: the checker reads the address from it, shows no address fields of its own, and checks by itself. Fields
   * are found by `data-leap-address="street-1|street-2|city|state|postal-code|country"`, `autocomplete` tokens or
   * common names.
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
  /**
   * `light`, `dark` or `auto` (default): the page's, from the text colour it gives the element and its
   * `color-scheme`.
   */
  declare theme?: 'light' | 'dark' | 'auto';

  readonly #controller = new CheckerController(this);
  /** What the templates render focus targets into (their refs). */
  readonly #targets = new FocusTargets();

  constructor() {
    super();
    new ThemeController(this);
    new ProblemReporter(this, () => {
      const problem = this.#controller.misconfiguration;
      return problem ? configProblem(problem.message, problem.code) : null;
    });
  }

  /** The address in the form (or set it to fill the form). */
  get address(): IncentivesAddress {
    return this.#controller.form.address;
  }

  set address(address: Partial<IncentivesAddress> | null) {
    this.#controller.form.replace(address, this.country ?? 'US');
  }

  /** The latest successful answer, or null. */
  get result(): IncentivesResult | null {
    return this.#controller.lookup.result;
  }

  /**
   * Validates the address and checks incentives. Rejects with a `LeapFailureError` whose `code` is the `leap-error`
   * code and `failure` the cause (`invalid-input` with the fields at fault, nothing sent; `http` with the backend's
   * answer; …). Focus stays where the page has it: only the customer's own submit moves it to the answer.
   */
  check(): Promise<IncentivesResult> {
    return this.#controller.check(false);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // With a page form the address is the page's: the prefill attributes (and the default country) do not apply.
    const prefill = this.addressForm ? [] : ADDRESS_FIELDS.filter(({ property }) => changed.has(property));
    if (prefill.length) {
      const value = ({ name, property }: AddressFieldSpec) => this[property] ?? (name === 'country_code' ? 'US' : '');
      this.#controller.form.set(Object.fromEntries(prefill.map((field) => [field.name, value(field)])));
    }
    if (changed.has('buildingType')) this.#controller.buildingTypeChanged();
  }

  protected override updated(): void {
    // After the controllers' own work (the outcome's events fire first), focus goes where the controller asked.
    const target = this.#controller.takeFocusRequest();
    if (target) this.#targets.element(target)?.focus();
  }

  protected override render() {
    const { locale, lookup, auto, announcer } = this.#controller;
    const problem = this.#controller.misconfiguration;
    const height = this.resultHeight;
    return html`<div class="checker">
      <div class="heading">
        <slot name="heading"><h2>${locale.strings.checkerHeading}</h2></slot>
        ${lookup.sample ? html`<p part="sample" class="sample">${locale.strings.sampleData}</p>` : nothing}
      </div>
      ${
        problem
          ? misconfiguredTemplate(locale.strings.misconfigured)
          : [
              formTemplate(this.#controller.formView(), this.#targets),
              outcomeTemplate(lookup.task, this.#controller.outcomeView(), { height, due: auto.due }, this.#targets),
            ]
      }
      ${announcer.render()}
      <slot name="footer"></slot>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'leap-incentive-checker': LeapIncentiveChecker;
  }
}
