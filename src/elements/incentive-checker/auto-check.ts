/**
 * Checks that start by themselves: once on an order-confirmation page (`auto-check`, when the prefilled address is
 * complete), and with `address-form` a moment after the page's address last changed, so typing is not a request per
 * key.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** With `address-form`, a check starts this long after the page's address last changed. */
export const AUTO_CHECK_DELAY_MS = 600;

export class AutoCheck implements ReactiveController {
  /** A check starts soon: the answer area shows it loading meanwhile. */
  due = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #checkedOnce = false;
  readonly #host: ReactiveControllerHost;
  readonly #check: () => void;

  constructor(host: ReactiveControllerHost, check: () => void) {
    this.#host = host;
    this.#check = check;
    host.addController(this);
  }

  /** The page's address changed: check after a pause when it is complete, else wait for more. */
  schedule(complete: boolean): void {
    this.cancel();
    this.due = complete;
    if (complete) this.#timer = setTimeout(this.#check, AUTO_CHECK_DELAY_MS);
    this.#host.requestUpdate();
  }

  /** A check started anyway, or the address went back to the one already checked. */
  cancel(): void {
    clearTimeout(this.#timer);
    this.due = false;
  }

  /** Checks the first time `ready` is true, once per element (after the render that made it ready). */
  once(ready: boolean): void {
    if (!ready || this.#checkedOnce) return;
    this.#checkedOnce = true;
    queueMicrotask(this.#check);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }
}
