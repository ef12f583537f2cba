/**
 * The address the checker checks: its values (typed by the customer, prefilled by attributes, set by the page, or read
 * from the page's own form), and their messages, with the same rules the backend applies (`checkAddress`).
 */
import type { ReactiveControllerHost } from 'lit';
import { ADDRESS_FIELDS, ADDRESS_ISSUES, checkAddress, type AddressField } from '../../core/address.js';
import { normalizeStateCode } from '../../core/format.js';
import type { IncentivesAddress } from '../../core/types.generated.js';

/** A field's message: one of the address rules' codes, or `invalid` for anything else the server said. */
export type FieldIssue = (typeof ADDRESS_ISSUES)[keyof typeof ADDRESS_ISSUES] | 'invalid';

const ISSUE_CODES: readonly string[] = Object.values(ADDRESS_ISSUES);

export type AddressValues = Record<AddressField, string>;

const emptyValues = (country: string): AddressValues => ({
  street_1: '',
  street_2: '',
  city: '',
  state_or_province_code: '',
  postal_code: '',
  country_code: country,
});

type FieldIssues = Partial<Record<AddressField, FieldIssue>>;

export class AddressForm {
  #values: AddressValues = emptyValues('US');
  #errors: FieldIssues = {};

  readonly #host: ReactiveControllerHost;
  /** Called after every change of a value (not after validation). */
  readonly #onChange: () => void;

  constructor(host: ReactiveControllerHost, onChange: () => void) {
    this.#host = host;
    this.#onChange = onChange;
  }

  /** What the fields hold, as typed (changed through `replace` and `set` only). */
  get values(): Readonly<AddressValues> {
    return this.#values;
  }

  /** The message each failing field shows (changed through `validate` and `showServerErrors` only). */
  get errors(): Readonly<FieldIssues> {
    return this.#errors;
  }

  /** The address as the API takes it: state names become codes, codes are upper-case. */
  get address(): IncentivesAddress {
    const v = this.#values;
    return {
      street_1: v.street_1,
      ...(v.street_2.trim() ? { street_2: v.street_2 } : {}),
      city: v.city,
      state_or_province_code: normalizeStateCode(v.state_or_province_code),
      postal_code: v.postal_code.trim(),
      country_code: v.country_code.trim().toUpperCase(),
    };
  }

  /** Replaces every value (missing ones empty, the country `country`). */
  replace(address: Partial<IncentivesAddress> | null, country: string): void {
    this.#values = { ...emptyValues(country), ...(address ?? {}) } as AddressValues;
    this.#changed();
  }

  /** Sets some values, keeping the others. */
  set(values: Partial<AddressValues>): void {
    this.#values = { ...this.#values, ...values };
    this.#changed();
  }

  /** True when the values make a complete, valid address (checked without showing messages). */
  get complete(): boolean {
    return checkAddress(this.address).ok;
  }

  /** Checks the values; shows a message per failing field. Returns the clean address, or null. */
  validate(): IncentivesAddress | null {
    const checked = checkAddress(this.address);
    this.#errors = checked.ok ? {} : checked.issues;
    this.#host.requestUpdate();
    return checked.ok ? checked.address : null;
  }

  /** The first field with a message, in form order. */
  get firstInvalid(): AddressField | undefined {
    return ADDRESS_FIELDS.find((field) => this.#errors[field.name])?.name;
  }

  /** Shows the messages the server gave for address fields (`address.postal_code` → that field). */
  showServerErrors(fields: Readonly<Record<string, string>>): void {
    const next: FieldIssues = {};
    for (const [path, message] of Object.entries(fields)) {
      const field = ADDRESS_FIELDS.find((f) => f.name === path.replace(/^address\./, ''));
      if (field) next[field.name] = ISSUE_CODES.includes(message) ? (message as FieldIssue) : 'invalid';
    }
    if (Object.keys(next).length) {
      this.#errors = next;
      this.#host.requestUpdate();
    }
  }

  /** Keeps the messages of fields that are still wrong, drops the others. */
  #changed(): void {
    if (Object.keys(this.#errors).length) {
      const checked = checkAddress(this.address);
      const failing = checked.ok ? {} : checked.issues;
      this.#errors = Object.fromEntries(Object.entries(this.#errors).filter(([field]) => field in failing));
    }
    this.#host.requestUpdate();
    this.#onChange();
  }
}
