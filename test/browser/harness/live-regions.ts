/**
 * What a screen reader would say from an element's live regions, as a transcript: each time a live region's text
 * changes to something new (or is emptied and filled again), one entry with its words and how it interrupts
 * (`assertive` for `role=alert` and `aria-live=assertive`, else `polite`). A region that arrives with words already
 * in it is said only when it is an alert, as screen readers do.
 */
export interface Announcement {
  text: string;
  politeness: 'polite' | 'assertive';
}

const LIVE = '[role="status"], [role="alert"], [role="log"], [aria-live]:not([aria-live="off"])';
const words = (node: Node) => (node.textContent ?? '').replace(/\s+/g, ' ').trim();

export class Transcript {
  readonly said: Announcement[] = [];
  readonly #last = new Map<Element, string>();
  readonly #observer = new MutationObserver(() => this.#read());

  /** Starts listening to `root` (a shadow root); start it before the element's first render. */
  constructor(readonly root: ShadowRoot) {
    this.#observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    this.#read();
  }

  #read(): void {
    for (const region of this.root.querySelectorAll(LIVE)) {
      const text = words(region);
      const known = this.#last.has(region);
      const before = this.#last.get(region);
      this.#last.set(region, text);
      const assertive = region.getAttribute('role') === 'alert' || region.getAttribute('aria-live') === 'assertive';
      if (!text || text === before || (!known && !assertive)) continue;
      this.said.push({ text, politeness: assertive ? 'assertive' : 'polite' });
    }
  }

  /** The texts said so far that contain `part`. */
  saying(part: string): Announcement[] {
    this.#read();
    return this.said.filter((entry) => entry.text.includes(part));
  }

  stop(): Announcement[] {
    this.#read();
    this.#observer.disconnect();
    return this.said;
  }
}

/**
 * Puts `element` on the page inside `container` and starts its transcript before its first render (Lit renders on
 * the microtask after the element connects; its shadow root exists from `connectedCallback`).
 */
export function mountWithTranscript(element: HTMLElement, container: Element): Transcript {
  container.append(element);
  return new Transcript(element.shadowRoot!);
}
