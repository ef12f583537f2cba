/**
 * `address-form="<id>"`: the checker reads the customer's address from the page's own form (a checkout's shipping
 * form) instead of asking for it twice. Fields are found by their `autocomplete` tokens (`address-line1`,
 * `postal-code`, …, also in `shipping` / `billing` sections), else by the names forms commonly use (`address1`,
 * `zip`, `province`, `checkout[shipping_address][zip]`). Inputs and selects both work, and so do framework-controlled
 * inputs: it listens to `input` and `change` and reads the fields' current values. A form added later (a single-page
 * checkout's next step) is found when it appears.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ADDRESS_FIELDS, type AddressFieldSpec } from '../../core/address.js';
import type { AddressValues } from './address-form.js';

type Host = ReactiveControllerHost & HTMLElement;
type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** How long after the page has loaded a missing form counts as a configuration error rather than "not yet added". */
const GRACE_AFTER_LOAD_MS = 1500;

const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  'united states': 'US',
  'united states of america': 'US',
  usa: 'US',
  'u.s.': 'US',
  'u.s.a.': 'US',
  'estados unidos': 'US',
};

/** Lower-case names a control answers to: its name (and the last `[segment]` of it) and its id. */
function namesOf(control: Control): string[] {
  const names = [control.name, control.id].filter(Boolean).map((n) => n.toLowerCase());
  return names.flatMap((n) => [n, n.replace(/^.*\[([^\]]+)\]$/, '$1'), n.replace(/^(shipping|billing)[-_]/, '')]);
}

/** Prefer the shipping section (where the device goes), then no section, then billing. */
function sectionRank(tokens: string[]): number {
  return tokens.includes('shipping') ? 0 : tokens.includes('billing') ? 2 : 1;
}

/** The control of `container` that holds `field`, or undefined. */
export function findControl(container: Element, field: AddressFieldSpec): Control | undefined {
  const controls = [...container.querySelectorAll<Control>('input, select, textarea')].filter(
    (c) => !(c instanceof HTMLInputElement && ['hidden', 'submit', 'button', 'checkbox', 'radio'].includes(c.type)),
  );
  const byToken = controls
    .map((control) => ({ control, tokens: (control.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/) }))
    .filter(({ tokens }) => field.autocomplete.some((token) => tokens.includes(token)))
    .sort((a, b) => sectionRank(a.tokens) - sectionRank(b.tokens));
  if (byToken.length) return byToken[0]!.control;
  // By name, the shipping field over the billing one, as with autocomplete sections.
  const section = (control: Control) => sectionRank(namesOf(control).flatMap((n) => n.split(/[^a-z]+/)));
  return controls
    .filter((control) => namesOf(control).some((name) => field.pageNames.includes(name)))
    .sort((a, b) => section(a) - section(b))[0];
}

/** A control's value as the address wants it (a country name becomes its code). */
function valueOf(control: Control, field: AddressFieldSpec): string {
  const value = control.value.trim();
  if (field.name !== 'country_code' || value.length <= 2) return value;
  return COUNTRY_NAMES[value.toLowerCase()] ?? value;
}

export type PageFormState = 'off' | 'waiting' | 'bound' | 'missing';

export class PageAddressForm implements ReactiveController {
  state: PageFormState = 'off';
  #container: Element | null = null;
  #observer: MutationObserver | null = null;
  #graceTimer: ReturnType<typeof setTimeout> | undefined;
  #boundId: string | undefined;
  readonly #host: Host;
  readonly #options: {
    /** The `address-form` attribute. */
    id: () => string | undefined;
    /** The page form's current address (fields it does not have are absent). */
    onValues: (values: Partial<AddressValues>) => void;
  };

  constructor(
    host: Host,
    options: {
      /** The `address-form` attribute. */
      id: () => string | undefined;
      /** The page form's current address (fields it does not have are absent). */
      onValues: (values: Partial<AddressValues>) => void;
    },
  ) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.#bind();
  }

  hostUpdated(): void {
    if (this.#options.id() !== this.#boundId) this.#bind();
  }

  hostDisconnected(): void {
    this.#unbind();
  }

  #bind(): void {
    this.#unbind();
    const id = (this.#boundId = this.#options.id());
    if (!id) return this.#setState('off');
    // The page may add, replace or remove the form at any time: look again whenever the document changes.
    const root = this.#host.getRootNode() as Document | ShadowRoot;
    this.#observer = new MutationObserver(() => this.#find(root, id));
    this.#observer.observe(root, { childList: true, subtree: true });
    this.#find(root, id);
    // `find` only acts on a change, and "not there" is no change from the unbound state.
    if (!this.#container) this.#waitThenReport();
  }

  #find(root: Document | ShadowRoot, id: string): void {
    const found = root.getElementById(id);
    if (found === this.#container) return;
    this.#container?.removeEventListener('input', this.#read, true);
    this.#container?.removeEventListener('change', this.#read, true);
    this.#container = found;
    if (!found) return this.#waitThenReport();
    clearTimeout(this.#graceTimer);
    found.addEventListener('input', this.#read, true);
    found.addEventListener('change', this.#read, true);
    this.#setState('bound');
    this.#read();
  }

  /** Not there yet: a configuration error only once the page has loaded and had a moment to add it. */
  #waitThenReport(): void {
    this.#setState('waiting');
    const start = () => {
      clearTimeout(this.#graceTimer);
      this.#graceTimer = setTimeout(() => {
        if (!this.#container) this.#setState('missing');
      }, GRACE_AFTER_LOAD_MS);
    };
    if (document.readyState === 'complete') start();
    else window.addEventListener('load', start, { once: true });
  }

  #unbind(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    clearTimeout(this.#graceTimer);
    this.#container?.removeEventListener('input', this.#read, true);
    this.#container?.removeEventListener('change', this.#read, true);
    this.#container = null;
  }

  #setState(state: PageFormState): void {
    if (state === this.state) return;
    this.state = state;
    this.#host.requestUpdate();
  }

  readonly #read = () => {
    const container = this.#container;
    if (!container) return;
    const values: Partial<AddressValues> = {};
    for (const field of ADDRESS_FIELDS) {
      const control = findControl(container, field);
      if (control) values[field.name] = valueOf(control, field);
    }
    this.#options.onValues(values);
  };
}
