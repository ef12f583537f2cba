/**
 * Checks that start by themselves: once on an order-confirmation page (`auto-check`, when the prefilled address is
 * complete), and with `address-form` a moment after the page's address last changed, so typing is not a request per
 * key. The delayed check waits like every timed job of the elements (`Poll`): not while the page is hidden or the
 * element is off the page.
 */
import type { ReactiveControllerHost } from 'lit';
import { Poll } from '../shared/controllers/poll.js';

/** With `address-form`, a check starts this long after the page's address last changed. */
export const AUTO_CHECK_DELAY_MS = 600;

export class AutoCheck {
  #checkedOnce = false;
  readonly #host: ReactiveControllerHost;
  readonly #check: () => void;
  readonly #delayed: Poll;

  constructor(host: ReactiveControllerHost & HTMLElement, check: () => void) {
    this.#host = host;
    this.#check = check;
    this.#delayed = new Poll(host, { run: () => check(), interval: () => AUTO_CHECK_DELAY_MS, repeat: false });
  }

  /** A check starts soon: the answer area shows it loading meanwhile. */
  get due(): boolean {
    return this.#delayed.on;
  }

  /** The page's address changed: check after a pause when it is complete, else wait for more. */
  schedule(complete: boolean): void {
    if (complete) this.#delayed.start();
    else this.#delayed.stop();
    this.#host.requestUpdate();
  }

  /** A check started anyway, or the address went back to the one already checked. */
  cancel(): void {
    this.#delayed.stop();
  }

  /** Checks the first time `ready` is true, once per element (after the render that made it ready). */
  once(ready: boolean): void {
    if (!ready || this.#checkedOnce) return;
    this.#checkedOnce = true;
    queueMicrotask(this.#check);
  }
}
