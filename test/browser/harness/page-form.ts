/**
 * The host page's own address form, for the checker's `address-form` mode: real DOM forms appended to the test
 * document (removed after the test), typed into as a browser would report it, including forms whose inputs a
 * framework controls (the value set through the native setter, then `input`, which is what React listens for).
 */
import { fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import type { AddressInput } from './checker-harness.js';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Sets `value` the way typing or picking does: through the prototype's setter, then the event a browser fires. */
export function typeInto(control: Control, value: string): void {
  const prototype = Object.getPrototypeOf(control) as object;
  // A framework may shadow `value` on the instance to track changes; the prototype's setter is what typing uses.
  Object.getOwnPropertyDescriptor(prototype, 'value')!.set!.call(control, value);
  control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

export class PageForm {
  constructor(readonly root: HTMLElement) {}

  /** Appends `template` (a form with an id) to the document, in a container removed after the test. */
  static async add(template: TemplateResult): Promise<PageForm> {
    const container = await fixture<HTMLElement>(template);
    return new PageForm(container);
  }

  /** The control matching `selector` (inside the form). */
  control<T extends Control = HTMLInputElement>(selector: string): T {
    const control = this.root.matches(selector) ? this.root : this.root.querySelector(selector);
    if (!control) throw new Error(`The page form has no ${selector}.`);
    return control as T;
  }

  /** Types each value into the control its selector names, in order, as separate edits. */
  fill(values: Record<string, string>): void {
    for (const [selector, value] of Object.entries(values)) typeInto(this.control<Control>(selector), value);
  }

  /** Focuses the control and types `value` with the keyboard, replacing what it held. */
  async typeWithKeyboard(selector: string, value: string): Promise<void> {
    const control = this.control(selector);
    control.focus();
    control.select();
    await sendKeys({ type: value });
  }
}

// The host page's own address forms, as checkouts write them.

/** Fields found only by their autocomplete tokens (the names mean nothing). */
export const tokenForm = (id: string) =>
  html`<form id=${id}>
    <label>Street <input name="f1" autocomplete="address-line1" /></label>
    <label>Apartment <input name="f2" autocomplete="address-line2" /></label>
    <label>City <input name="f3" autocomplete="address-level2" /></label>
    <label>State <input name="f4" autocomplete="address-level1" /></label>
    <label>ZIP <input name="f5" autocomplete="postal-code" /></label>
    <label>Country <input name="f6" autocomplete="country-name" value="United States" /></label>
  </form>`;

/** Typing `address` into a `tokenForm`, field by field. */
export const byToken = (address: AddressInput, section = ''): Record<string, string> => {
  const token = (name: string) => `[autocomplete="${section ? `${section} ` : ''}${name}"]`;
  const values: Record<string, string> = {};
  if (address.street_1 !== undefined) values[token('address-line1')] = address.street_1;
  if (address.city !== undefined) values[token('address-level2')] = address.city;
  if (address.state_or_province_code !== undefined) values[token('address-level1')] = address.state_or_province_code;
  if (address.postal_code !== undefined) values[token('postal-code')] = address.postal_code;
  return values;
};
