/**
 * Runs a job on a timer while its element is on the page and the page is visible: the elements' refreshes, the watch
 * for new meters, the page form's reads and the automatic check all wait this way. A hidden page pauses it (a run in
 * flight is aborted) and runs it at once when visible again, since what it shows may be stale by then; a removed
 * element stops it, and the same element put back resumes after one interval. Runs that come back empty or fail wait
 * longer each time (`backoff` ×, at most `maxInterval`); a run that succeeds puts the interval back.
 */
import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';

type Host = ReactiveControllerHost & HTMLElement;

export interface PollOptions {
  /**
   * One run. Resolves `false` when it failed or found nothing new (the next one waits longer), anything else when it
   * succeeded. `signal` aborts when the poll pauses or stops meanwhile; what the run then says no longer counts.
   */
  run: (signal: AbortSignal) => unknown;
  /** Milliseconds between runs. */
  interval: () => number;
  /** Each failure in a row multiplies the wait by this. Default 2. */
  backoff?: number;
  /** The longest wait, in milliseconds. Default: 8 intervals. */
  maxInterval?: () => number;
  /** `false`: run once per `start()` (a delayed job rather than a poll). Default true. */
  repeat?: boolean;
}

export class Poll implements ReactiveController {
  /** Started and not stopped: it runs whenever the element is connected and the page visible. */
  #on = false;
  #failures = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #run: AbortController | null = null;
  /** Time spent polling while connected and visible, up to the last pause. */
  #activeMs = 0;
  #activeSince: number | null = null;
  readonly #host: Host;
  readonly #options: PollOptions;

  constructor(host: Host, options: PollOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Whether it is started (it may be paused while the page is hidden or the element removed). */
  get on(): boolean {
    return this.#on;
  }

  /** Milliseconds it has been polling while the element was on a visible page, since `start()`. */
  get activeMs(): number {
    return this.#activeMs + (this.#activeSince === null ? 0 : Date.now() - this.#activeSince);
  }

  /** (Re)starts: the first run after `firstDelay` milliseconds (default: one interval), failures forgotten. */
  start(firstDelay = this.#options.interval()): void {
    this.stop();
    this.#on = true;
    this.#activeMs = 0;
    this.#resume(firstDelay);
  }

  /** No more runs; a run in flight is aborted. */
  stop(): void {
    this.#pause();
    this.#on = false;
    this.#failures = 0;
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#resume(this.#delay());
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#pause();
  }

  readonly #onVisibility = () => (document.visibilityState === 'hidden' ? this.#pause() : this.#resume(0));

  /** The wait before the next run: the interval, longer after each failure in a row. */
  #delay(): number {
    const { interval, backoff = 2, maxInterval } = this.#options;
    const base = interval();
    const max = maxInterval?.() ?? base * 8;
    return Math.min(base * backoff ** this.#failures, Math.max(base, max));
  }

  #resume(delay: number): void {
    if (!this.#on || this.#timer !== undefined || this.#run || !this.#host.isConnected) return;
    if (document.visibilityState === 'hidden') return;
    this.#activeSince ??= Date.now();
    this.#timer = setTimeout(() => void this.#tick(), delay);
  }

  #pause(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#run?.abort();
    this.#run = null;
    if (this.#activeSince !== null) this.#activeMs += Date.now() - this.#activeSince;
    this.#activeSince = null;
  }

  async #tick(): Promise<void> {
    this.#timer = undefined;
    const run = (this.#run = new AbortController());
    if (this.#options.repeat === false) this.#on = false;
    let outcome: unknown = false;
    try {
      outcome = await this.#options.run(run.signal);
    } finally {
      // A run that throws counts as a failure, and its error still surfaces. Paused, stopped or restarted meanwhile:
      // that path decides what comes next.
      if (this.#run === run) {
        this.#run = null;
        this.#failures = outcome === false ? this.#failures + 1 : 0;
        this.#resume(this.#delay());
      }
    }
  }
}
