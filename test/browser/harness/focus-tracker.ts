/**
 * Notices focus falling to `<body>` during a transition (a keyboard or screen-reader user would be thrown back to the
 * top of the page). Two witnesses: a `focusout` listener (on the document and inside the element's shadow root, where
 * moves between its own parts stay) that looks on the next animation frame, and a check after each of the element's
 * renders, which catches a focused button removed by the render (Chromium fires no `focusout` for that).
 */
import { nextFrame } from '@open-wc/testing';
import type { ReactiveController, ReactiveElement } from 'lit';

const describe = (node: EventTarget | null): string =>
  node instanceof Element ? `${node.localName}${node.id ? `#${node.id}` : ''}` : String(node);

export class FocusTracker {
  /** One line per moment focus was found on `<body>`. */
  readonly losses: string[] = [];
  private readonly controller: ReactiveController;

  private constructor(private readonly element: ReactiveElement) {
    this.controller = { hostUpdated: () => this.look('after a render') };
  }

  /** Starts watching; focus must already be somewhere other than `<body>`. */
  static start(element: ReactiveElement): FocusTracker {
    if (document.activeElement === document.body || document.activeElement === null) {
      throw new Error('FocusTracker: focus something before the transition.');
    }
    const tracker = new FocusTracker(element);
    document.addEventListener('focusout', tracker.onFocusOut, true);
    element.shadowRoot?.addEventListener('focusout', tracker.onFocusOut, true);
    element.addController(tracker.controller);
    return tracker;
  }

  /** Stops watching after one more frame and returns the losses. */
  async stop(): Promise<string[]> {
    await nextFrame();
    this.look('at the end');
    document.removeEventListener('focusout', this.onFocusOut, true);
    this.element.shadowRoot?.removeEventListener('focusout', this.onFocusOut, true);
    this.element.removeController(this.controller);
    return this.losses;
  }

  private look(when: string): void {
    if (document.activeElement === document.body || document.activeElement === null) this.losses.push(when);
  }

  private readonly onFocusOut = (event: Event) => {
    const from = describe((event as FocusEvent).composedPath()[0] ?? event.target);
    requestAnimationFrame(() => this.look(`after focus left ${from}`));
  };
}
