/**
 * What happens after an outcome, in order: the element renders it, then the announcement is in the live region and
 * the events fire. Events wait for the render, so listeners and screen readers find the new state in the DOM (an
 * element that moves focus does it in its own `updated()`, after these events).
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { emit, type LeapEventDetail, type LeapEventName } from '../events.js';

type Host = ReactiveControllerHost & HTMLElement & { readonly hasUpdated: boolean };

export class OutcomeAnnouncer implements ReactiveController {
  /** The live region's text. */
  #text = '';
  #frame = 0;
  #events: Array<() => void> = [];
  readonly #host: Host;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  /**
   * Says `text` politely (replacing what was said); an empty string says nothing. Screen readers speak a change of a
   * region already on screen: in the region's first frame, or for the same words again, it is cleared and said a frame
   * later (a retry that fails alike is said again).
   */
  announce(text: string): void {
    cancelAnimationFrame(this.#frame);
    const later = text && (!this.#host.hasUpdated || text === this.#text);
    this.#text = later ? '' : text;
    if (later) {
      const say = () => {
        this.#text = text;
        this.#host.requestUpdate();
      };
      this.#frame = requestAnimationFrame(() => (this.#frame = requestAnimationFrame(say)));
    }
    this.#host.requestUpdate();
  }

  /** Fires the event `name` with `detail` (through the shared `emit`) after the next render. */
  emit<K extends LeapEventName>(name: K, detail: LeapEventDetail<K>): void {
    this.#events.push(() => emit(this.#host, name, detail));
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.#frame);
  }

  hostUpdated(): void {
    for (const fire of this.#events.splice(0)) fire();
  }

  /** The polite live region; render it once, outside anything `aria-hidden`. */
  render(): TemplateResult {
    return html`<div role="status" class="visually-hidden" aria-live="polite" aria-atomic="true">${this.#text}</div>`;
  }
}
