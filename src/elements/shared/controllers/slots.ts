/** Whether named slots have content, and their text, kept current as the page changes what it slots in. */
import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';

type Host = ReactiveControllerHost & HTMLElement;

export class HasSlotController implements ReactiveController {
  readonly #names: readonly string[];

  /** `names`: the slots to watch; `''` is the default slot. */
  readonly #host: Host;

  constructor(host: Host, ...names: string[]) {
    this.#names = names;
    this.#host = host;
    host.addController(this);
  }

  /** True when the page put something into the slot (text or an element). */
  has(name: string): boolean {
    return this.#assigned(name).some(
      (node) => node.nodeType === Node.ELEMENT_NODE || (node.nodeType === Node.TEXT_NODE && node.textContent?.trim()),
    );
  }

  /** The slotted content's text, whitespace collapsed (to name a region after a slotted heading). */
  text(name: string): string {
    return this.#assigned(name)
      .map((node) => node.textContent ?? '')
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  }

  hostConnected(): void {
    this.#host.shadowRoot?.addEventListener('slotchange', this.#onSlotChange);
  }

  hostDisconnected(): void {
    this.#host.shadowRoot?.removeEventListener('slotchange', this.#onSlotChange);
  }

  #assigned(name: string): Node[] {
    return [...this.#host.childNodes].filter((node) =>
      name === ''
        ? !(node instanceof Element && node.hasAttribute('slot'))
        : node instanceof Element && node.slot === name,
    );
  }

  readonly #onSlotChange = (event: Event) => {
    if (this.#names.includes((event.target as HTMLSlotElement).name)) this.#host.requestUpdate();
  };
}
