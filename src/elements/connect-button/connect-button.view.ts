/**
 * The button's shadow DOM without lit-html: a link and one message under it, built once and updated in place, which
 * keeps the button's own bundle small for pages that embed nothing else.
 */
import { WARNING } from '../shared/icon-paths.js';

/** What the link shows now. */
export interface LinkView {
  /** The connect URL; absent while pending or unavailable (the link is then disabled). */
  href?: string;
  newTab: boolean;
  busy: boolean;
  /** The built-in label, empty when the page slots its own. */
  label: string;
  newTabNote: string;
  /** The "Sample data" badge beside the link (the backend answers from a mock Leap), or null. */
  sample: string | null;
  /** Said under the link: why it is unavailable (`error`), or that it is being prepared (visually hidden). */
  message: { text: string; error: boolean } | null;
}

/** Sets or removes an attribute: `undefined` removes it. */
function attr(element: Element, name: string, value: string | undefined): void {
  if (value === undefined) element.removeAttribute(name);
  else if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

export class ConnectLinkView {
  readonly #link = document.createElement('a');
  readonly #label = new Text();
  readonly #newTabNote = document.createElement('span');
  readonly #message = document.createElement('span');
  readonly #sample = document.createElement('span');
  /** A polite live region, there from the start: "Preparing your secure link…", then why it could not be. */
  readonly #live = document.createElement('span');
  #said = '';
  #frame = 0;

  readonly #root: HTMLElement | DocumentFragment;

  constructor(root: HTMLElement | DocumentFragment, onClick: (event: MouseEvent) => void) {
    this.#root = root;
    this.#link.part.add('button');
    this.#link.className = 'button';
    this.#link.addEventListener('click', onClick);
    this.#link.append(document.createElement('slot'), this.#label);
    this.#newTabNote.className = 'visually-hidden';
    this.#message.id = 'message';
    this.#sample.part.add('sample');
    this.#sample.className = 'sample';
    this.#live.role = 'status';
    this.#live.className = 'visually-hidden';
    root.append(this.#link, this.#live);
  }

  /** Says `text` a frame after the change, so a screen reader meets the region before its words. */
  #say(text: string): void {
    if (text === this.#said) return;
    this.#said = text;
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(
      () => (this.#frame = requestAnimationFrame(() => (this.#live.textContent = text))),
    );
  }

  update(view: LinkView): void {
    const link = this.#link;
    const message = this.#message;
    const live = view.href !== undefined;
    attr(link, 'href', view.href);
    attr(link, 'target', view.newTab ? '_blank' : undefined);
    attr(link, 'rel', view.newTab ? 'noopener noreferrer' : undefined);
    // Unavailable: still a focusable, named link that says why, never a silent dead element.
    attr(link, 'role', live ? undefined : 'link');
    attr(link, 'tabindex', live ? undefined : '0');
    attr(link, 'aria-disabled', live ? undefined : 'true');
    attr(link, 'aria-busy', view.busy ? 'true' : undefined);
    attr(link, 'aria-describedby', view.message ? 'message' : undefined);
    this.#label.data = view.label;
    if (view.newTab) {
      // The space keeps the accessible name two words apart: "…utility (opens in a new tab)", not "…utility(opens…".
      this.#newTabNote.textContent = ` ${view.newTabNote}`;
      link.append(this.#newTabNote);
    } else {
      this.#newTabNote.remove();
    }

    if (view.sample) {
      this.#sample.textContent = view.sample;
      link.after(this.#sample);
    } else {
      this.#sample.remove();
    }

    this.#say(view.message?.text ?? '');
    if (!view.message) {
      message.remove();
      return;
    }
    const { text, error } = view.message;
    attr(message, 'part', error ? 'message error' : 'message');
    message.className = error ? 'message' : 'visually-hidden';
    if (error) {
      const svg = 'http://www.w3.org/2000/svg';
      const icon = document.createElementNS(svg, 'svg');
      const path = document.createElementNS(svg, 'path');
      path.setAttribute('d', WARNING);
      icon.setAttribute('viewBox', '0 0 16 16');
      icon.setAttribute('class', 'icon');
      icon.ariaHidden = 'true';
      icon.append(path);
      message.replaceChildren(icon, ' ', text);
    } else {
      message.replaceChildren(text);
    }
    if (!message.isConnected) this.#root.append(message);
  }
}
