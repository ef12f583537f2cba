/**
 * `address-form="<id>"`: the checker reads the customer's address from the page's own form (a checkout's shipping
 * form) instead of asking for it twice. Fields are found by the explicit marker `data-leap-address="street-1"` (also
 * `street-2`, `city`, `state`, `postal-code`, `country`), else by their `autocomplete` tokens (`address-line1`,
 * `postal-code`, …, also in `shipping` / `billing` sections), else by the names forms commonly use (`address1`, `zip`,
 * `province`, `checkout[shipping_address][zip]`). Inputs and selects both work. A form added later (a single-page
 * checkout's next step) is found when it appears.
 *
 * Values are read on `input` and `change`, and also twice a second while the form is bound and the page visible (and
 * at once when it is shown again): frameworks and autofill scripts set `value` without any event (React state after
 * "use my saved address"), and a poll of a handful of cached controls sees every way a value can change, where
 * intercepting the `value` setter would fight the framework's own interception of it (React tracks values that way)
 * and miss `selectedIndex` or `form.reset()`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ADDRESS_FIELDS, type AddressField, type AddressFieldSpec } from '../../core/address.js';
import { Poll } from '../shared/controllers/poll.js';
import type { AddressValues } from './address-form.js';

type Host = ReactiveControllerHost & HTMLElement;
type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** How long after the page has loaded a missing form counts as a configuration error rather than "not yet added". */
const GRACE_AFTER_LOAD_MS = 1500;

/** How often a bound form's values are read while the page is visible: a value set without an event is seen in time. */
export const PAGE_FORM_POLL_MS = 500;

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

/** The controls of `container` that can hold a value. */
function controlsOf(container: Element): Control[] {
  return [...container.querySelectorAll<Control>('input, select, textarea')].filter(
    (c) => !(c instanceof HTMLInputElement && ['hidden', 'submit', 'button', 'checkbox', 'radio'].includes(c.type)),
  );
}

/** The control of `container` that holds `field`, or undefined. */
export function findControl(
  container: Element,
  field: AddressFieldSpec,
  controls = controlsOf(container),
): Control | undefined {
  const marked = controls.find((control) => control.dataset.leapAddress === field.attribute);
  if (marked) return marked;
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

/** The fields a page form must have; without a country field, the address is in the US. */
const NEEDED = ADDRESS_FIELDS.filter((field) => field.required && field.name !== 'country_code');

/** How a control shows in a console line: `input name="ship_street"`. */
function describeControl(control: Control): string {
  const attributes = ['name', 'id', 'autocomplete']
    .map((name) => [name, control.getAttribute(name)] as const)
    .filter(([, value]) => value)
    .map(([name, value]) => ` ${name}="${value}"`);
  return `<${control.localName}${attributes.join('')}>`;
}

/** The text of the label the page gives a control (its `<label>`, `aria-label` or placeholder), or null. */
function labelOf(control: Control): string | null {
  const text = (value: string | null | undefined) =>
    value
      ?.replace(/\s+/g, ' ')
      .replace(/[\s:*]+$/, '')
      .trim() || null;
  const label = control.labels?.[0];
  // A label wrapping its control also holds the control's text (a select's options): only the label's own text.
  const own = label
    ? [...label.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE || (node instanceof Element && !node.contains(control)))
        .map((node) => node.textContent)
        .join(' ')
    : null;
  return text(own) ?? text(control.getAttribute('aria-label')) ?? text(control.getAttribute('placeholder'));
}

/** `off`: no `address-form`; `unreadable`: found, but without the fields an address needs. */
export type PageFormState = 'off' | 'waiting' | 'bound' | 'missing' | 'unreadable';

export class PageAddressForm implements ReactiveController {
  state: PageFormState = 'off';
  #container: Element | null = null;
  /** The control of each field, found again whenever the page changes. */
  #controls: Partial<Record<AddressField, Control>> | null = null;
  #lastValues = '';
  #observer: MutationObserver | null = null;
  #graceTimer: ReturnType<typeof setTimeout> | undefined;
  #reporting: 'missing' | 'unreadable' | null = null;
  readonly #poll: Poll;
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
    this.#poll = new Poll(host, { run: () => this.#read(), interval: () => PAGE_FORM_POLL_MS });
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

  /** The page's own label of the control that holds `field`, or null. */
  label(field: AddressField): string | null {
    const control = this.#fields()[field];
    return control ? labelOf(control) : null;
  }

  /** For the console: what the form holds, and the marker to add. */
  get unreadableProblem(): string {
    const id = this.#boundId;
    const fields = this.#container ? controlsOf(this.#container).map(describeControl) : [];
    const found = this.#fields();
    const missing = NEEDED.filter((field) => !found[field.name]).map((f) => f.attribute);
    return `address-form "${id}" has no ${missing.join(', ')} field. Its fields: ${fields.join(', ') || 'none'}. Mark them: <input name="ship_street" data-leap-address="street-1"> (${ADDRESS_FIELDS.map((f) => f.attribute).join('|')}).`;
  }

  #bind(): void {
    this.#unbind();
    const id = (this.#boundId = this.#options.id());
    if (!id) return this.#setState('off');
    // The page may add, replace or remove the form (or its fields) at any time: look again whenever it changes.
    const root = this.#host.getRootNode() as Document | ShadowRoot;
    this.#observer = new MutationObserver((records) => {
      const container = this.#container;
      if (container && records.some((record) => container.contains(record.target))) this.#controls = null;
      this.#find(root, id);
    });
    this.#observer.observe(root, { childList: true, subtree: true });
    this.#find(root, id);
    // `find` only acts on a change, and "not there" is no change from the unbound state.
    if (!this.#container) this.#waitThenReport(() => !this.#container, 'missing');
  }

  #find(root: Document | ShadowRoot, id: string): void {
    const found = root.getElementById(id);
    if (found !== this.#container) {
      this.#container?.removeEventListener('input', this.#read, true);
      this.#container?.removeEventListener('change', this.#read, true);
      this.#container = found;
      this.#controls = null;
      if (!found) {
        this.#poll.stop();
        return this.#waitThenReport(() => !this.#container, 'missing');
      }
      found.addEventListener('input', this.#read, true);
      found.addEventListener('change', this.#read, true);
      this.#poll.start();
    }
    if (this.#readable()) {
      clearTimeout(this.#graceTimer);
      this.#reporting = null;
      this.#setState('bound');
      this.#read();
    } else if (this.state !== 'unreadable') {
      // Its fields may still be on their way (a framework renders them a moment later).
      this.#waitThenReport(() => !this.#readable(), 'unreadable');
    }
  }

  /** Every field an address needs has a control. */
  #readable(): boolean {
    const found = this.#fields();
    return NEEDED.every((field) => found[field.name]);
  }

  #fields(): Partial<Record<AddressField, Control>> {
    if (this.#controls) return this.#controls;
    const controls = this.#container ? controlsOf(this.#container) : [];
    const found: Partial<Record<AddressField, Control>> = {};
    for (const field of ADDRESS_FIELDS) {
      const control = controls.length ? findControl(this.#container!, field, controls) : undefined;
      if (control) found[field.name] = control;
    }
    return (this.#controls = found);
  }

  /** Not there yet: a configuration error only once the page has loaded and had a moment to add it. */
  #waitThenReport(stillWrong: () => boolean, state: 'missing' | 'unreadable'): void {
    if (this.state !== 'missing' && this.state !== 'unreadable') this.#setState('waiting');
    // Already waiting to report this: the page changing meanwhile does not push the report back.
    if (this.#reporting === state) return;
    this.#reporting = state;
    const start = () => {
      clearTimeout(this.#graceTimer);
      this.#graceTimer = setTimeout(() => {
        this.#reporting = null;
        if (stillWrong()) this.#setState(state);
      }, GRACE_AFTER_LOAD_MS);
    };
    if (document.readyState === 'complete') start();
    else window.addEventListener('load', start, { once: true });
  }

  #unbind(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    clearTimeout(this.#graceTimer);
    this.#reporting = null;
    this.#poll.stop();
    this.#container?.removeEventListener('input', this.#read, true);
    this.#container?.removeEventListener('change', this.#read, true);
    this.#container = null;
    this.#controls = null;
    this.#lastValues = '';
  }

  #setState(state: PageFormState): void {
    if (state === this.state) return;
    this.state = state;
    this.#host.requestUpdate();
  }

  /** Hands the form's values on when they differ from the last ones read. */
  readonly #read = () => {
    if (!this.#container || this.state !== 'bound') return;
    const values: Partial<AddressValues> = {};
    for (const field of ADDRESS_FIELDS) {
      const control = this.#fields()[field.name];
      if (control) values[field.name] = valueOf(control, field);
    }
    const key = JSON.stringify(values);
    if (key === this.#lastValues) return;
    this.#lastValues = key;
    this.#options.onValues(values);
  };
}
