/**
 * `<leap-incentive-checker>` as a test sees it: what a customer does (fill, submit, retry, pick a utility) and what
 * they get back (the result, the errors, what the live region says), as plain data, so a test reads like the
 * behaviour it checks (Material Web `testing/harness.ts`, `button/harness.ts`). Waiting is always for an event the
 * element fires (`leap-result`, `leap-error`) or for its update, never a timer.
 */
import { fixture, html } from '@open-wc/testing';
// axe-core registers itself on window (chai-a11y-axe loads the same copy for `accessible()`).
import 'axe-core/axe.min.js';
import type * as Axe from 'axe-core';
import '../../../src/define.js';
import type { AddressField } from '../../../src/core/address.js';
import type { IncentivesResult } from '../../../src/core/schemas/incentives.js';
import type { LeapIncentiveChecker } from '../../../src/elements/incentive-checker/incentive-checker.js';
import type { LeapErrorDetail, LeapResultDetail } from '../../../src/elements/shared/events.js';

/** An address as a test writes it, by the API's field names. */
export type AddressInput = Partial<Record<AddressField, string>>;

/** Attributes of the element; `true` is a boolean attribute, `null` leaves a default out. */
export type CheckerAttributes = Record<string, string | true | null>;

/** What the element is given unless a test says otherwise: the real test backend, the EV charger, a claim link. */
export const DEFAULT_ATTRIBUTES: CheckerAttributes = {
  'session-endpoint': '/api/leap/session',
  'device-ids': '123',
  'create-application': true,
};

export interface RenderedTier {
  name: string;
  eligible: boolean;
  /** The badge as shown: "Eligible" / "Not eligible", beside an icon (never colour alone). */
  badge: string;
  /** Everything the tier says, whitespace collapsed. */
  text: string;
}

export interface RenderedProgram {
  name: string;
  total: string;
  /** The show/hide button of a long answer, or null. */
  toggle: { text: string; expanded: boolean } | null;
  /** The tiers on screen (none while a long answer's program is collapsed). */
  tiers: RenderedTier[];
}

/** The result as the customer sees it (icons included: colour is never the only signal). */
export interface RenderedResult {
  heading: string;
  /** "Your utility: …", or null when the customer must pick one. */
  utility: string | null;
  /** "Up to $750 in incentives", or null. */
  total: string | null;
  /** The zero-incentives explanation, or null. */
  empty: string | null;
  /** The names of the utilities offered to pick from (several possible utilities). */
  utilityChoices: string[];
  programs: RenderedProgram[];
  /** The claim link's href, or null when none is shown. */
  claim: string | null;
  /** The "outdated" note over the result, or null. */
  stale: string | null;
}

/** What a check ended with, as the element reported it. */
export type Outcome =
  { type: 'leap-result'; detail: LeapResultDetail } | { type: 'leap-error'; detail: LeapErrorDetail };

/** The messages as read out (without their icons). */
export interface RenderedErrors {
  /** Each field marked invalid, with the message its `aria-describedby` points to. */
  fields: Partial<Record<AddressField, string>>;
  /** The error block's text, or null. */
  block: string | null;
}

declare global {
  interface Window {
    axe: typeof Axe;
  }
}

/** An element's accessible name as assistive technology computes it (axe-core's implementation of the spec). */
export function accessibleName(element: Element): string {
  window.axe.setup(document);
  try {
    return window.axe.commons.text.accessibleText(element).replace(/\s+/g, ' ').trim();
  } finally {
    window.axe.teardown();
  }
}

/** What is on screen: an element's text, whitespace collapsed. */
export const textOf = (node: Element | null | undefined): string =>
  node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** What is read out: the text outside `aria-hidden` subtrees (icons), whitespace collapsed. */
export function spokenText(node: Node | null | undefined): string {
  const parts: string[] = [];
  const walk = (current: Node) => {
    if (current instanceof Element && current.getAttribute('aria-hidden') === 'true') return;
    if (current.nodeType === Node.TEXT_NODE) parts.push(current.textContent ?? '');
    current.childNodes.forEach(walk);
  };
  if (node) walk(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

export class CheckerHarness {
  constructor(readonly element: LeapIncentiveChecker) {}

  /** An element with `DEFAULT_ATTRIBUTES` overridden by `attributes`, not yet on the page. */
  static build(attributes: CheckerAttributes = {}): CheckerHarness {
    const element = document.createElement('leap-incentive-checker');
    for (const [name, value] of Object.entries({ ...DEFAULT_ATTRIBUTES, ...attributes })) {
      if (value !== null) element.setAttribute(name, value === true ? '' : value);
    }
    return new CheckerHarness(element);
  }

  /** Built and connected, first render done. */
  static async create(attributes: CheckerAttributes = {}, parent?: Element | ShadowRoot): Promise<CheckerHarness> {
    const harness = CheckerHarness.build(attributes);
    await harness.connect(parent);
    return harness;
  }

  /** Puts the element on the page (in `parent`, else in a fresh fixture container removed after the test). */
  async connect(parent?: Element | ShadowRoot): Promise<void> {
    const container = parent ?? (await fixture<HTMLDivElement>(html`<div></div>`));
    container.append(this.element);
    await this.settle();
  }

  /**
   * Waits until the element has no update pending, including updates that finishing one requested (focus moves and
   * events wait for the render after the state change that causes them).
   */
  async settle(): Promise<void> {
    do await this.element.updateComplete;
    while (this.element.isUpdatePending);
  }

  get shadowRoot(): ShadowRoot {
    return this.element.shadowRoot!;
  }

  $<T extends Element = HTMLElement>(selector: string): T | null {
    return this.shadowRoot.querySelector<T>(selector);
  }

  $$<T extends Element = HTMLElement>(selector: string): T[] {
    return [...this.shadowRoot.querySelectorAll<T>(selector)];
  }

  text(selector: string): string {
    return textOf(this.$(selector));
  }

  /** The element's own input or select for `field`, or null (e.g. the US is shown as text). */
  field(field: AddressField): HTMLInputElement | HTMLSelectElement | null {
    return this.$<HTMLInputElement | HTMLSelectElement>(`#${field}`);
  }

  /** What the element's own address fields hold. */
  values(): AddressInput {
    const values: AddressInput = {};
    for (const control of this.$$<HTMLInputElement | HTMLSelectElement>('form[part="form"] [part="input"]')) {
      if (control.id !== 'building_type') values[control.id as AddressField] = control.value;
    }
    return values;
  }

  /** Types into the element's own fields as the browser reports typing (`input`; `change` for a select). */
  async fill(address: AddressInput): Promise<void> {
    for (const [name, value] of Object.entries(address) as Array<[AddressField, string]>) {
      const control = this.field(name);
      // The United States is shown as text, not as a field.
      if (!control && name === 'country_code' && value === 'US') continue;
      if (!control) throw new Error(`The checker shows no field "${name}".`);
      control.value = value;
      control.dispatchEvent(
        new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }),
      );
    }
    await this.settle();
  }

  /** Clicks the submit button. */
  submit(): void {
    this.$<HTMLButtonElement>('[part="submit"]')!.click();
  }

  /** Fills, submits and waits for the answer. */
  async check(address: AddressInput): Promise<IncentivesResult> {
    await this.fill(address);
    const result = this.waitForResult();
    this.submit();
    return result;
  }

  /** Fills, submits and waits for the failure. */
  async checkFailing(address: AddressInput): Promise<LeapErrorDetail> {
    await this.fill(address);
    const error = this.waitForError();
    this.submit();
    return error;
  }

  /**
   * The next `leap-result`, once rendered; rejects at once if a `leap-error` comes first. Call it before what triggers
   * the check.
   */
  async waitForResult(): Promise<IncentivesResult> {
    const outcome = await this.nextOutcome();
    if (outcome.type === 'leap-error') {
      throw new Error(`Expected leap-result, got leap-error ${outcome.detail.code}: ${outcome.detail.message}`);
    }
    return outcome.detail.result;
  }

  /**
   * The next `leap-error`, once rendered; rejects at once if a `leap-result` comes first. Call it before what triggers
   * the failure.
   */
  async waitForError(): Promise<LeapErrorDetail> {
    const outcome = await this.nextOutcome();
    if (outcome.type === 'leap-result') throw new Error('Expected leap-error, got leap-result.');
    return outcome.detail;
  }

  /** Whichever of `leap-result` and `leap-error` the element fires next, after the render that goes with it. */
  private async nextOutcome(): Promise<Outcome> {
    const element = this.element;
    const outcome = await new Promise<Outcome>((resolve) => {
      const onResult = (event: CustomEvent<LeapResultDetail>) => {
        stop();
        resolve({ type: 'leap-result', detail: event.detail });
      };
      const onError = (event: CustomEvent<LeapErrorDetail>) => {
        stop();
        resolve({ type: 'leap-error', detail: event.detail });
      };
      const stop = () => {
        element.removeEventListener('leap-result', onResult);
        element.removeEventListener('leap-error', onError);
      };
      element.addEventListener('leap-result', onResult);
      element.addEventListener('leap-error', onError);
    });
    await this.settle();
    return outcome;
  }

  /** Every `leap-result` and `leap-error` from now on, in order. */
  recordEvents(): Outcome[] {
    const seen: Outcome[] = [];
    this.element.addEventListener('leap-result', (e) => seen.push({ type: 'leap-result', detail: e.detail }));
    this.element.addEventListener('leap-error', (e) => seen.push({ type: 'leap-error', detail: e.detail }));
    return seen;
  }

  /** The answer on screen, or null while there is none (idle, loading, error). */
  result(): RenderedResult | null {
    const section = this.$('section[part="result"]');
    if (!section) return null;
    const within = (selector: string) => {
      const node = section.querySelector(selector);
      return node ? textOf(node) : null;
    };
    return {
      heading: textOf(section.querySelector('#result-heading')),
      utility: within('[part="utility"]'),
      total: within('[part="total"]'),
      empty: within('[part="empty"]'),
      utilityChoices: [...section.querySelectorAll('.picker label')].map(textOf),
      programs: [...section.querySelectorAll<HTMLElement>('[part="program"]')].map((program) => {
        const toggle = program.querySelector('[part="program-toggle"]');
        return {
          name: textOf(program.querySelector('.program-name')),
          total: textOf(program.querySelector('.program-total')),
          toggle: toggle ? { text: textOf(toggle), expanded: toggle.getAttribute('aria-expanded') === 'true' } : null,
          tiers: [...program.querySelectorAll<HTMLElement>('[part="tier"]')].map((tier) => ({
            name: textOf(tier.querySelector('.tier-name')),
            eligible: tier.dataset.eligible === 'true',
            badge: textOf(tier.querySelector('.badge')),
            text: textOf(tier),
          })),
        };
      }),
      claim: section.querySelector<HTMLAnchorElement>('a[part="claim"]')?.href ?? null,
      stale: within('[part="stale"]'),
    };
  }

  /** The field messages (found through `aria-describedby`) and the error block. */
  errors(): RenderedErrors {
    const fields: RenderedErrors['fields'] = {};
    for (const control of this.$$('form[part="form"] [aria-invalid="true"]')) {
      const described = control.getAttribute('aria-describedby');
      fields[control.id as AddressField] = described ? spokenText(this.shadowRoot.getElementById(described)) : '';
    }
    const block = this.$('[part="error"]');
    return { fields, block: block ? spokenText(block) : null };
  }

  /** What the polite live region says now. */
  announcement(): string {
    return this.text('[role="status"]');
  }

  /** The live region itself. */
  liveRegion(): HTMLElement {
    return this.$('[role="status"]')!;
  }

  /** The loading skeleton is showing. */
  pending(): boolean {
    return this.$('.result.pending') !== null;
  }

  /** The element inside the shadow root that has focus, or null. */
  focused(): Element | null {
    return this.shadowRoot.activeElement;
  }

  /** The outcome region (idle hint, loading, result or error). */
  outcome(): HTMLElement {
    return this.$('#outcome')!;
  }

  /** Clicks "Try again". */
  retry(): void {
    this.$<HTMLButtonElement>('[part="retry"]')!.click();
  }

  /** The long answer's show/hide buttons. */
  toggles(): HTMLButtonElement[] {
    return this.$$<HTMLButtonElement>('[part="program-toggle"]');
  }

  /** Picks the utility whose label contains `name` and clicks "Show my incentives". */
  pickUtility(name: string): void {
    const label = this.$$('.picker label').find((l) => textOf(l).includes(name));
    if (!label) throw new Error(`No utility "${name}" to pick.`);
    label.querySelector('input')!.click();
    this.$<HTMLButtonElement>('.picker button[type="submit"]')!.click();
  }

  /** The claim link, or null. */
  claimLink(): HTMLAnchorElement | null {
    return this.$<HTMLAnchorElement>('a[part="claim"]');
  }
}
