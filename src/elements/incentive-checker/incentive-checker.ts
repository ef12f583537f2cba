import { html, nothing, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import { LeapElement, describeError, errorDetail } from '../shared/leap-element.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { Task, TaskStatus } from '@lit/task';
import { LeapApiError } from '../../core/errors.js';
import { classifyError, type ClassifiedError } from '../../core/error-kinds.js';
import { formatMoney, normalizeStateCode } from '../../core/format.js';
import { checkLinkUrl } from '../../core/safe-url.js';
import { BUILDING_TYPES, checkAddress, type BuildingType } from '../../core/address.js';
import type {
  CheckIncentivesBody,
  DeviceTierResult,
  IncentivesAddress,
  IncentivesResult,
  ProgramResult,
} from '../../core/types.generated.js';
import { checkAnswer } from '../../core/schemas/shape.js';
import { IncentivesResponseShape } from '../../core/schemas/shapes.generated.js';
import { LeapApiClient } from '../shared/api-client.js';
import { commaList, integerList } from '../shared/converters.js';
import { leapEvent, type LeapErrorDetail } from '../shared/events.js';
import { sessionClientFor } from '../shared/session.js';
import { withCommonStrings, type CommonStrings } from '../shared/strings.js';
import { CHECKER_STRINGS, type CheckerStrings } from './incentive-checker.strings.js';
import { tokens } from '../shared/tokens.styles.js';
import { visuallyHidden } from '../shared/utility.styles.js';
import { skeletons } from '../shared/skeleton.styles.js';
import { styles } from './incentive-checker.styles.js';

type Strings = CheckerStrings & CommonStrings;

const STRING_TABLES = withCommonStrings(CHECKER_STRINGS);

type Field = 'street_1' | 'street_2' | 'city' | 'state_or_province_code' | 'postal_code' | 'country_code';
type FieldErrorCode = keyof Strings['fieldErrors'];

interface FieldSpec {
  name: Field;
  label: (s: Strings) => string;
  autocomplete: string;
  required: boolean;
  maxlength: number;
  inputmode?: 'numeric' | 'text';
  size: 'wide' | 'half' | 'third' | 'small';
}

const FIELDS: readonly FieldSpec[] = [
  {
    name: 'street_1',
    label: (s) => s.street1,
    autocomplete: 'address-line1',
    required: true,
    maxlength: 200,
    size: 'wide',
  },
  {
    name: 'street_2',
    label: (s) => s.street2,
    autocomplete: 'address-line2',
    required: false,
    maxlength: 200,
    size: 'wide',
  },
  { name: 'city', label: (s) => s.city, autocomplete: 'address-level2', required: true, maxlength: 100, size: 'half' },
  {
    name: 'state_or_province_code',
    label: (s) => s.state,
    autocomplete: 'address-level1',
    required: true,
    maxlength: 30,
    size: 'small',
  },
  {
    name: 'postal_code',
    label: (s) => s.postalCode,
    autocomplete: 'postal-code',
    required: true,
    maxlength: 10,
    inputmode: 'numeric',
    size: 'small',
  },
  {
    name: 'country_code',
    label: (s) => s.country,
    autocomplete: 'country',
    required: true,
    maxlength: 2,
    size: 'small',
  },
];

const FIELD_ERROR_CODES: readonly string[] = [
  'required',
  'too_long',
  'invalid_state',
  'invalid_postal_code',
  'invalid_country',
];

interface CheckRequest {
  address: IncentivesAddress;
  buildingType: BuildingType;
  devices: Pick<CheckIncentivesBody, 'device_ids' | 'device_names'>;
  createApplication: boolean;
  utilityEiaid: string | null;
}

interface LastCheck {
  referenceId: string;
  addressKey: string;
  devicesKey: string;
  buildingType: string;
  utilityEiaid: string | null;
}

/**
 * Answers with more tiers than this list each program collapsed, its options one click away: a long answer stays
 * readable and renders within a frame.
 */
const INLINE_TIERS = 12;

const addressKey = (address: IncentivesAddress) =>
  JSON.stringify(
    [
      address.street_1,
      address.street_2 ?? '',
      address.city,
      address.state_or_province_code,
      address.postal_code,
      address.country_code,
    ].map((v) => v.toLowerCase()),
  );

/**
 * Finds the incentives a customer's device earns at their address, explains why each tier does or does not apply,
 * and offers a one-click claim link. Talks only to your partner backend, through a session token.
 *
 * @summary Incentive eligibility checker with an explained result and a claim link.
 * @tag leap-incentive-checker
 *
 * @slot heading - Replaces the default "Check your incentives" heading.
 * @slot empty - Extra content for the zero-incentives state.
 * @slot footer - Content under the result (terms, support links).
 *
 * @fires leap-result - After each successful check, `detail: {result}`.
 * @fires leap-error - On every failure, `detail: {code, message, status, title, details}`; also for a misconfigured
 *   element (`INVALID_CONFIG`) and for a `connect_url` that is not a safe link (`UNSAFE_CONNECT_URL`).
 * @fires leap-claim - When the customer follows the claim link, `detail: {url, totalAmount}`. Cancelable: prevent it
 *   to open the URL yourself.
 *
 * @csspart form - The `<form>`.
 * @csspart field - Each label + input + message group.
 * @csspart label - Each `<label>`.
 * @csspart input - Each input and select.
 * @csspart field-error - A field's error message.
 * @csspart submit - The submit button.
 * @csspart result - The result region.
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
 * @cssprop --leap-color-border - Borders. Default `#c4c9cf`.
 * @cssprop --leap-color-text - Text. Default `inherit`.
 * @cssprop --leap-color-muted - Secondary text. Default `#4a5560`.
 * @cssprop --leap-checker-result-min-height - Space reserved for the result so the page does not jump. Default `14rem`.
 */
export class LeapIncentiveChecker extends LeapElement<Strings> {
  protected override readonly stringTables = STRING_TABLES;

  static override styles = [tokens, visuallyHidden, skeletons, styles];

  static override properties: PropertyDeclarations = {
    sessionEndpoint: { attribute: 'session-endpoint' },
    apiBase: { attribute: 'api-base' },
    deviceIds: { attribute: 'device-ids', converter: integerList },
    deviceNames: { attribute: 'device-names', converter: commaList },
    buildingType: { attribute: 'building-type' },
    lockBuildingType: { attribute: 'lock-building-type', type: Boolean },
    createApplication: { attribute: 'create-application', type: Boolean },
    street1: { attribute: 'street-1' },
    street2: { attribute: 'street-2' },
    city: {},
    state: {},
    postalCode: { attribute: 'postal-code' },
    country: {},
    autoCheck: { attribute: 'auto-check', type: Boolean },
    currency: {},
    claimHosts: { attribute: 'claim-hosts', converter: commaList },
    resultHeight: { attribute: 'result-height' },
    values: { state: true, attribute: false },
    chosenBuildingType: { state: true, attribute: false },
    fieldErrors: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
    chosenUtility: { state: true, attribute: false },
    stale: { state: true, attribute: false },
    openPrograms: { state: true, attribute: false },
  };

  /** URL of your backend's `POST .../session`. Required. */
  declare sessionEndpoint?: string;

  /** Base URL of the backend routes. Default: the parent of `session-endpoint`. */
  declare apiBase?: string;

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

  private values: Record<Field, string> = {
    street_1: '',
    street_2: '',
    city: '',
    state_or_province_code: '',
    postal_code: '',
    country_code: 'US',
  };
  private chosenBuildingType: BuildingType = 'RESIDENTIAL';
  private fieldErrors: Partial<Record<Field, FieldErrorCode>> = {};
  private announcement = '';
  private chosenUtility: string | null = null;
  /** The shown result was computed for an address or building type the customer has since changed. */
  private stale = false;
  /** Programs whose options are shown, in an answer large enough to list programs collapsed. */
  private openPrograms: ReadonlySet<string> = new Set();

  private lastCheck: LastCheck | null = null;
  private runCounter = 0;
  private reportedResult: unknown = null;
  private reportedError: unknown = null;
  private autoChecked = '';
  private focusAfterRun = false;
  /** Events and focus moves decided in willUpdate, carried out in updated, after the DOM shows the new state. */
  private pendingEvents: Event[] = [];
  private pendingFocus: string | null = null;

  private readonly checkTask = new Task<[CheckRequest], IncentivesResult>(this, {
    autoRun: false,
    task: ([request], { signal }) => this.perform(request, signal),
  });

  /** The address in the form (or set it to fill the form). */
  get address(): IncentivesAddress {
    const v = this.values;
    return {
      street_1: v.street_1,
      ...(v.street_2.trim() ? { street_2: v.street_2 } : {}),
      city: v.city,
      state_or_province_code: normalizeStateCode(v.state_or_province_code),
      postal_code: v.postal_code.trim(),
      country_code: v.country_code.trim().toUpperCase(),
    };
  }

  set address(address: Partial<IncentivesAddress> | null) {
    this.values = {
      street_1: address?.street_1 ?? '',
      street_2: address?.street_2 ?? '',
      city: address?.city ?? '',
      state_or_province_code: address?.state_or_province_code ?? '',
      postal_code: address?.postal_code ?? '',
      country_code: address?.country_code ?? this.country ?? 'US',
    };
    this.afterAddressChange();
  }

  /** The latest successful answer, or null. */
  get result(): IncentivesResult | null {
    return this.checkTask.status === TaskStatus.COMPLETE ? (this.checkTask.value ?? null) : null;
  }

  /** Validates the form and checks incentives. Rejects with a `LeapApiError` (status 400 for invalid input). */
  async check(): Promise<IncentivesResult> {
    const config = this.configError();
    if (config) throw new LeapApiError({ status: 400, title: 'Invalid configuration', details: { message: config } });
    const address = this.validate();
    if (!address) {
      throw new LeapApiError({ status: 400, title: 'Invalid input', details: { fields: { ...this.fieldErrors } } });
    }
    const request: CheckRequest = {
      address,
      buildingType: this.lockBuildingType ? this.buildingType : this.chosenBuildingType,
      devices: this.deviceIds?.length ? { device_ids: this.deviceIds } : { device_names: this.deviceNames ?? [] },
      createApplication: this.createApplication,
      utilityEiaid: this.chosenUtility,
    };
    const mine = ++this.runCounter;
    this.announcement = '';
    this.stale = false;
    await this.checkTask.run([request]);
    if (mine !== this.runCounter) throw new DOMException('A newer check replaced this one.', 'AbortError');
    if (this.checkTask.status === TaskStatus.ERROR) throw this.checkTask.error;
    return this.checkTask.value!;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const prefill: Array<['street1' | 'street2' | 'city' | 'state' | 'postalCode' | 'country', Field]> = [
      ['street1', 'street_1'],
      ['street2', 'street_2'],
      ['city', 'city'],
      ['state', 'state_or_province_code'],
      ['postalCode', 'postal_code'],
      ['country', 'country_code'],
    ];
    const next = { ...this.values };
    let touched = false;
    for (const [prop, field] of prefill) {
      if (changed.has(prop)) {
        next[field] = String(this[prop] ?? (field === 'country_code' ? 'US' : ''));
        touched = true;
      }
    }
    if (touched) this.values = next;
    if (changed.has('buildingType')) {
      this.chosenBuildingType = (BUILDING_TYPES as readonly string[]).includes(this.buildingType)
        ? this.buildingType
        : 'RESIDENTIAL';
    }
    this.collectOutcome();
  }

  protected override updated(): void {
    this.reportConfigProblem(this.configError());
    for (const event of this.pendingEvents.splice(0)) this.dispatchEvent(event);
    if (this.pendingFocus) {
      this.renderRoot.querySelector<HTMLElement>(this.pendingFocus)?.focus();
      this.pendingFocus = null;
    }
    this.maybeAutoCheck();
  }

  private configError(): string | null {
    if (!this.sessionEndpoint) return 'the session-endpoint attribute is required.';
    if (this.deviceIds?.some((id) => !Number.isInteger(id) || id <= 0)) {
      return 'device-ids must be a comma-separated list of positive integers.';
    }
    if (!this.deviceIds?.length && !this.deviceNames?.length) return 'set device-ids or device-names.';
    if (!(BUILDING_TYPES as readonly string[]).includes(this.buildingType)) {
      return `building-type must be one of ${BUILDING_TYPES.join(', ')}.`;
    }
    if (this.resultHeight && !CSS.supports('height', this.resultHeight)) {
      return `result-height must be a CSS length such as 26rem, not "${this.resultHeight}".`;
    }
    return null;
  }

  /** Notices a finished check: sets the announcement and field errors now, queues events and focus for updated(). */
  private collectOutcome(): void {
    const task = this.checkTask;
    const strings = this.strings;
    if (task.status === TaskStatus.COMPLETE && task.value && task.value !== this.reportedResult) {
      const result = task.value;
      this.reportedResult = result;
      this.openPrograms = new Set();
      const amount = this.money(result.incentives.total_incentive_amount);
      this.announcement =
        result.incentives.total_incentive_amount > 0
          ? strings.resultAnnouncement(amount, result.utility?.name ?? '')
          : result.possible_utilities && result.possible_utilities.length > 1 && !result.utility
            ? strings.pickUtilityHelp
            : strings.zeroHeading;
      this.pendingEvents.push(leapEvent('leap-result', { result }));
      const claim = this.claimCheck(result);
      if (claim && !claim.ok) {
        this.pendingEvents.push(
          leapEvent<LeapErrorDetail>('leap-error', {
            code: 'UNSAFE_CONNECT_URL',
            message: `The claim link was not shown: connect_url is ${claim.reason.replace(/_/g, ' ')}.`,
            status: 0,
            title: 'Unsafe connect_url',
            details: { reason: claim.reason },
          }),
        );
      }
      if (this.focusAfterRun) this.pendingFocus = '#result-heading';
      this.focusAfterRun = false;
    } else if (task.status === TaskStatus.ERROR && task.error !== this.reportedError) {
      const error = task.error;
      this.reportedError = error;
      if (error instanceof DOMException && error.name === 'AbortError') return;
      const classified = classifyError(error);
      this.applyServerFieldErrors(classified);
      this.announcement = describeError(classified, this.strings);
      this.pendingEvents.push(leapEvent<LeapErrorDetail>('leap-error', errorDetail(classified, strings)));
      if (this.focusAfterRun) {
        const firstInvalid = FIELDS.find((f) => this.fieldErrors[f.name]);
        this.pendingFocus = firstInvalid ? `#${firstInvalid.name}` : '#error';
      }
      this.focusAfterRun = false;
    }
  }

  private maybeAutoCheck(): void {
    if (!this.autoCheck || this.configError() || this.checkTask.status !== TaskStatus.INITIAL) return;
    const parsed = checkAddress(this.address);
    if (!parsed.ok) return;
    const key = addressKey(parsed.address);
    if (key === this.autoChecked) return;
    this.autoChecked = key;
    // After this update has finished: starting a check changes state.
    queueMicrotask(() =>
      this.check().catch(() => {
        // Rendered and reported through leap-error.
      }),
    );
  }

  private applyServerFieldErrors(error: ClassifiedError): void {
    if (error.kind !== 'invalid-input') return;
    const next: Partial<Record<Field, FieldErrorCode>> = {};
    for (const [path, message] of Object.entries(error.fields)) {
      const field = path.replace(/^address\./, '') as Field;
      if (FIELDS.some((f) => f.name === field))
        next[field] = FIELD_ERROR_CODES.includes(message) ? (message as FieldErrorCode) : 'invalid';
    }
    if (Object.keys(next).length) this.fieldErrors = next;
  }

  /** Client-side validation with the same rules the backend applies. Returns the clean address or null. */
  private validate(): IncentivesAddress | null {
    const parsed = checkAddress(this.address);
    if (parsed.ok) {
      this.fieldErrors = {};
      return parsed.address;
    }
    const errors: Partial<Record<Field, FieldErrorCode>> = parsed.issues;
    this.fieldErrors = errors;
    this.announcement = this.strings.formHasErrors(Object.keys(errors).length);
    return null;
  }

  private async perform(request: CheckRequest, signal: AbortSignal): Promise<IncentivesResult> {
    const client = new LeapApiClient(this.sessionEndpoint!, this.apiBase);
    const session = await sessionClientFor(this.sessionEndpoint!).get(signal);
    const key: Omit<LastCheck, 'referenceId'> = {
      addressKey: addressKey(request.address),
      devicesKey: JSON.stringify(request.devices),
      buildingType: request.buildingType,
      utilityEiaid: request.utilityEiaid,
    };
    const last = this.lastCheck;
    const sameCustomer = last?.referenceId === session.reference_id;
    const sameAddress =
      sameCustomer &&
      last.addressKey === key.addressKey &&
      last.buildingType === key.buildingType &&
      last.utilityEiaid === key.utilityEiaid;
    const lookup: CheckIncentivesBody = {
      operation_type: 'lookup',
      address: request.address,
      building_type: request.buildingType,
      ...request.devices,
      ...(request.createApplication ? { create_application: true } : {}),
      ...(request.utilityEiaid ? { utility_eiaid: request.utilityEiaid } : {}),
    };
    const body: CheckIncentivesBody = !sameAddress
      ? lookup
      : last.devicesKey === key.devicesKey
        ? { operation_type: 'refresh' }
        : {
            operation_type: 'override',
            building_type: request.buildingType,
            ...request.devices,
            ...(request.createApplication ? { create_application: true } : {}),
          };

    let answer;
    try {
      answer = await client.request<unknown>('incentives', { method: 'POST', body, signal });
    } catch (error) {
      // A refresh Leap no longer recognises (cache expired upstream) falls back to a full lookup.
      if (
        body.operation_type !== 'lookup' &&
        error instanceof LeapApiError &&
        (error.status === 404 || error.status === 400)
      ) {
        answer = await client.request<unknown>('incentives', { method: 'POST', body: lookup, signal });
      } else {
        throw error;
      }
    }
    if (answer.session.reference_id !== session.reference_id && body.operation_type !== 'lookup') {
      // The session was renewed for another customer mid-flight: their cache cannot be refreshed.
      answer = await client.request<unknown>('incentives', { method: 'POST', body: lookup, signal });
    }
    const result = checkAnswer<IncentivesResult>(IncentivesResponseShape, answer.body);
    this.lastCheck = { referenceId: answer.session.reference_id, ...key };
    return result;
  }

  protected override formattersToPrepare() {
    const { locale } = this;
    const currency = this.currency || 'USD';
    return [() => formatMoney(1, currency, locale)];
  }

  private money(amount: number): string {
    return formatMoney(amount, this.currency || 'USD', this.locale);
  }

  private claimCheck(result: IncentivesResult) {
    if (result.connect_url === undefined || result.connect_url === null) return null;
    return checkLinkUrl(result.connect_url, this.claimHosts ?? []);
  }

  private focusPart(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  private onInput(field: Field, event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLSelectElement).value;
    this.values = { ...this.values, [field]: value };
    this.afterAddressChange();
  }

  /** Clears messages of fields that are now right (keeping the others) and marks a shown result as outdated. */
  private afterAddressChange(): void {
    if (Object.keys(this.fieldErrors).length) {
      const parsed = checkAddress(this.address);
      const failing = parsed.ok ? {} : parsed.issues;
      const kept: Partial<Record<Field, FieldErrorCode>> = {};
      for (const [field, code] of Object.entries(this.fieldErrors) as Array<[Field, FieldErrorCode]>) {
        if (field in failing) kept[field] = code;
      }
      this.fieldErrors = kept;
    }
    if (this.checkTask.status === TaskStatus.COMPLETE) this.stale = true;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.focusAfterRun = true;
    this.check().catch(() => {
      if (Object.keys(this.fieldErrors).length && this.checkTask.status !== TaskStatus.PENDING) {
        const first = FIELDS.find((f) => this.fieldErrors[f.name]);
        if (first) this.focusPart(`#${first.name}`);
      }
    });
  }

  private onRetry(): void {
    this.focusAfterRun = true;
    this.check().catch(() => {});
  }

  private onPickUtility(event: SubmitEvent): void {
    event.preventDefault();
    const picked = new FormData(event.target as HTMLFormElement).get('utility');
    if (typeof picked !== 'string' || picked === '') return;
    this.chosenUtility = picked;
    this.focusAfterRun = true;
    this.check().catch(() => {});
  }

  private toggleProgram(key: string): void {
    const next = new Set(this.openPrograms);
    if (!next.delete(key)) next.add(key);
    this.openPrograms = next;
  }

  private onClaim(event: MouseEvent, url: string, totalAmount: number): void {
    if (!this.dispatchEvent(leapEvent('leap-claim', { url, totalAmount }, true))) event.preventDefault();
  }

  protected override render() {
    const s = this.strings;
    const config = this.configError();
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
            : html`${this.renderForm(s)}${
                this.resultHeight
                  ? html`<div
                      class="reserved"
                      role="region"
                      aria-label=${s.resultRegion}
                      tabindex="0"
                      .style=${`height:${this.resultHeight}`}
                    >
                      ${this.renderOutcome(s)}
                    </div>`
                  : this.renderOutcome(s)
              }`
        }
        <div role="status" class="visually-hidden" aria-live="polite" aria-atomic="true">${this.announcement}</div>
        <slot name="footer"></slot>
      </div>
    `;
  }

  private renderForm(s: Strings): TemplateResult {
    const pending = this.checkTask.status === TaskStatus.PENDING;
    return html`
      <form part="form" class="form" novalidate @submit=${this.onSubmit} aria-busy=${pending ? 'true' : 'false'}>
        <div class="grid">
          ${FIELDS.map((field) => this.renderField(field, s))}
          ${
            this.lockBuildingType
              ? nothing
              : html`<div part="field" class="field wide">
                  <label part="label" for="building_type">${s.buildingType}</label>
                  <select
                    part="input"
                    id="building_type"
                    name="building_type"
                    .value=${live(this.chosenBuildingType)}
                    @change=${(e: Event) => {
                      this.chosenBuildingType = (e.target as HTMLSelectElement).value as BuildingType;
                      if (this.checkTask.status === TaskStatus.COMPLETE) this.stale = true;
                    }}
                  >
                    ${BUILDING_TYPES.map(
                      (type) =>
                        html`<option value=${type} ?selected=${type === this.chosenBuildingType}>
                          ${s.buildingTypes[type]}
                        </option>`,
                    )}
                  </select>
                </div>`
          }
        </div>
        <button part="submit" class="submit" type="submit" aria-disabled=${pending ? 'true' : 'false'}>
          ${pending ? s.submitting : s.submit}
        </button>
      </form>
    `;
  }

  private renderField(field: FieldSpec, s: Strings): TemplateResult {
    const error = this.fieldErrors[field.name];
    const errorId = `${field.name}-error`;
    const input =
      field.name === 'country_code'
        ? html`<select
            part="input"
            id=${field.name}
            name=${field.name}
            autocomplete=${field.autocomplete}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${ifDefined(error ? errorId : undefined)}
            .value=${live(this.values.country_code)}
            @change=${(e: Event) => this.onInput(field.name, e)}
          >
            <option value="US" ?selected=${this.values.country_code === 'US'}>United States</option>
            ${
              this.values.country_code && this.values.country_code !== 'US'
                ? html`<option value=${this.values.country_code} selected>${this.values.country_code}</option>`
                : nothing
            }
          </select>`
        : html`<input
            part="input"
            id=${field.name}
            name=${field.name}
            type="text"
            autocomplete=${field.autocomplete}
            inputmode=${ifDefined(field.inputmode)}
            maxlength=${field.maxlength}
            ?required=${field.required}
            aria-required=${field.required ? 'true' : 'false'}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${ifDefined(error ? errorId : undefined)}
            .value=${live(this.values[field.name])}
            @input=${(e: Event) => this.onInput(field.name, e)}
          />`;
    return html`<div part="field" class="field ${field.size}">
      <label part="label" for=${field.name}
        >${field.label(s)}${field.required ? nothing : html` <span class="muted">${s.optional}</span>`}</label
      >
      ${input}
      ${
        error
          ? html`<p part="field-error" class="field-error" id=${errorId}>
              <span class="icon" aria-hidden="true">⚠</span> ${s.fieldErrors[error]}
            </p>`
          : nothing
      }
    </div>`;
  }

  private renderOutcome(s: Strings): TemplateResult {
    return this.checkTask.render({
      initial: () => html`<div part="result" class="result idle"><p class="muted">${s.idleHint}</p></div>`,
      pending: () =>
        html`<div part="result" class="result pending" aria-hidden="true">
          <div class="skeleton line short"></div>
          <div class="skeleton line"></div>
          <div class="skeleton box"></div>
          <span class="visually-hidden">${s.checking}</span>
        </div>`,
      complete: (result) => this.renderResult(result, s),
      error: (error) => this.renderError(error, s),
    });
  }

  private renderError(error: unknown, s: Strings): TemplateResult {
    if (error instanceof DOMException && error.name === 'AbortError')
      return html`<div part="result" class="result"></div>`;
    const classified = classifyError(error);
    return html`<div part="result" class="result">
      <div part="error" id="error" class="error" role="alert" tabindex="-1">
        <p><span class="icon" aria-hidden="true">⚠</span> ${describeError(classified, this.strings)}</p>
        ${
          classified.retryable
            ? html`<button part="retry" class="secondary" type="button" @click=${this.onRetry}>${s.retry}</button>`
            : nothing
        }
      </div>
    </div>`;
  }

  // Safari drops list semantics from lists styled with list-style: none, so the role is stated on purpose.
  /* eslint-disable lit-a11y/no-redundant-role */
  private renderResult(result: IncentivesResult, s: Strings): TemplateResult {
    const total = result.incentives.total_incentive_amount;
    const possible = result.possible_utilities ?? [];
    const needsPick = possible.length > 1;
    const claim = this.claimCheck(result);
    const collapse =
      result.incentives.by_program.reduce((sum, program) => sum + program.device_tier_results.length, 0) > INLINE_TIERS;
    return html`<section
      part="result"
      class="result"
      aria-labelledby="result-heading"
      data-stale=${this.stale ? 'true' : 'false'}
    >
      ${this.stale ? html`<p part="stale" class="stale"><span aria-hidden="true">↻</span> ${s.staleResult}</p>` : nothing}
      <h3 id="result-heading" tabindex="-1" class="result-heading">
        ${result.utility ? html`<span part="utility">${s.yourUtility(result.utility.name)}</span>` : s.pickUtilityLegend}
      </h3>
      ${needsPick ? this.renderUtilityPicker(possible, result, s) : nothing}
      ${
        total > 0
          ? html`<p part="total" class="total">${s.total(this.money(total))}</p>`
          : result.utility
            ? this.renderZero(result, s)
            : nothing
      }
      ${
        result.incentives.by_program.length
          ? html`<ul class="programs" role="list">
              ${result.incentives.by_program.map((program, index) => this.renderProgram(program, index, collapse, s))}
            </ul>`
          : nothing
      }
      ${
        claim?.ok && total > 0 && !this.stale
          ? html`<a
              part="claim"
              class="claim"
              href=${claim.url.href}
              target="_blank"
              rel="noopener noreferrer"
              @click=${(e: MouseEvent) => this.onClaim(e, claim.url.href, total)}
              >${s.claim(this.money(total))}<span class="visually-hidden"> ${s.claimNewTab}</span></a
            >`
          : nothing
      }
    </section>`;
  }

  private renderUtilityPicker(
    possible: NonNullable<IncentivesResult['possible_utilities']>,
    result: IncentivesResult,
    s: Strings,
  ): TemplateResult {
    const current = result.utility ? String(result.utility.eiaid) : this.chosenUtility;
    return html`<form class="picker" @submit=${this.onPickUtility}>
      <fieldset>
        <legend>${s.pickUtilityLegend}</legend>
        <p class="muted">${s.pickUtilityHelp}</p>
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
      <button class="secondary" type="submit">${s.pickUtilitySubmit}</button>
    </form>`;
  }

  private renderZero(result: IncentivesResult, s: Strings): TemplateResult {
    const reasons = [
      ...new Set(
        result.incentives.by_program.flatMap((p) => p.device_tier_results.flatMap((t) => t.failed_requirements ?? [])),
      ),
    ];
    return html`<div part="empty" class="empty">
      <p class="total"><span class="icon" aria-hidden="true">ℹ</span> ${s.zeroHeading}</p>
      <p class="muted">${s.zeroBody(result.programs_evaluated ?? result.incentives.by_program.length)}</p>
      ${
        reasons.length
          ? html`<p class="list-title">${s.zeroReasons}</p>
              <ul>
                ${reasons.map((reason) => html`<li>${reason}</li>`)}
              </ul>`
          : nothing
      }
      <slot name="empty"></slot>
    </div>`;
  }

  private renderProgram(program: ProgramResult, index: number, collapse: boolean, s: Strings): TemplateResult {
    const key = String(program.program_id);
    const open = !collapse || this.openPrograms.has(key);
    const tiers = program.device_tier_results;
    const id = `tiers-${index}`;
    return html`<li part="program" class="program">
      <h4 class="program-name">${program.program_name}</h4>
      <p class="program-total">${s.programTotal(this.money(program.total_incentive))}</p>
      ${
        collapse
          ? html`<button
              part="program-toggle"
              class="toggle"
              type="button"
              aria-expanded=${open ? 'true' : 'false'}
              aria-controls=${ifDefined(open ? id : undefined)}
              @click=${() => this.toggleProgram(key)}
            >
              ${open ? s.hideOptions : s.showOptions(tiers.length, tiers.filter((t) => t.eligible).length)}
            </button>`
          : nothing
      }
      ${
        open
          ? html`<ul class="tiers" id=${id} role="list">
              ${tiers.map((tier) => this.renderTier(tier, s))}
            </ul>`
          : nothing
      }
    </li>`;
  }

  /* eslint-enable lit-a11y/no-redundant-role */

  private renderTier(tier: DeviceTierResult, s: Strings): TemplateResult {
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
            <ul>
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
          ><span class="icon" aria-hidden="true">${tier.eligible ? '✓' : '✕'}</span>
          ${tier.eligible ? s.eligible : s.notEligible}</span
        >
        <span class="tier-name">${tier.tier_name ?? ''}</span>
        ${tier.eligible && tier.incentive_amount ? html`<span class="amount">${s.tierAmount(this.money(tier.incentive_amount))}</span>` : nothing}
      </p>
      ${tier.device_name ? html`<p class="muted">${s.device(tier.device_name)}</p>` : nothing}
      ${method ? html`<p class="muted">${s.howCalculated} ${method}</p>` : nothing}
      ${list(s.whyNot, tier.failed_requirements, 'failed')} ${list(s.alsoNeeded, tier.ignored_requirements, 'ignored')}
      ${list(s.alreadyMet, tier.completed_requirements, 'completed')}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'leap-incentive-checker': LeapIncentiveChecker;
  }
  interface GlobalEventHandlersEventMap {
    'leap-result': CustomEvent<{ result: IncentivesResult }>;
    'leap-claim': CustomEvent<{ url: string; totalAmount: number }>;
  }
}
