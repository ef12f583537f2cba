/**
 * The mock's clock. Everything the mock does later (a job's outcome, a connect session's next step, a webhook retry, a
 * delayed answer) is scheduled here, in the mock's own time:
 * - `real`: work runs when its time comes, and earlier when `tick()` moves the clock past it;
 * - `manual`: the clock stands still; work runs only when `tick()` moves it, so a test never waits on the wall clock.
 */

interface Task {
  due: number;
  order: number;
  work: () => void;
  timer?: ReturnType<typeof setTimeout>;
}

export class MockClock {
  readonly mode: 'real' | 'manual';
  #skewMs = 0;
  #order = 0;
  readonly #base: () => number;
  readonly #tasks = new Set<Task>();
  readonly #waiters = new Set<{ count: number; resolve: () => void }>();

  constructor(options: { mode?: 'real' | 'manual'; now?: () => Date } = {}) {
    this.mode = options.mode ?? 'real';
    if (options.now) {
      const now = options.now;
      this.#base = () => now().getTime();
    } else if (this.mode === 'manual') {
      const frozen = Date.now();
      this.#base = () => frozen;
    } else {
      this.#base = () => Date.now();
    }
  }

  /** The mock's current time. */
  now(): Date {
    return new Date(this.#base() + this.#skewMs);
  }

  /** Work not yet run. */
  get pending(): number {
    return this.#tasks.size;
  }

  /** Runs `work` once `ms` of the mock's time has passed; answers a function that cancels it. */
  later(ms: number, work: () => void): () => void {
    const task: Task = { due: this.now().getTime() + Math.max(0, ms), order: (this.#order += 1), work };
    this.#tasks.add(task);
    if (this.mode === 'real') task.timer = setTimeout(() => this.#run(task), Math.max(0, ms));
    for (const waiter of this.#waiters) {
      if (this.#tasks.size >= waiter.count) {
        this.#waiters.delete(waiter);
        waiter.resolve();
      }
    }
    return () => this.#cancel(task);
  }

  /** Resolves after `ms` of the mock's time, or as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const cancel = this.later(ms, resolve);
      signal?.addEventListener(
        'abort',
        () => {
          cancel();
          resolve();
        },
        { once: true },
      );
    });
  }

  /** Moves the clock forward; the work that comes due runs now, in the order it was due. */
  tick(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('tick(ms) needs 0 or more milliseconds');
    this.#skewMs += ms;
    const now = this.now().getTime();
    const due = [...this.#tasks].filter((task) => task.due <= now).sort((a, b) => a.due - b.due || a.order - b.order);
    for (const task of due) this.#run(task);
  }

  /** Resolves once at least `count` pieces of work are scheduled (a request waiting on latency, a pending job, …). */
  untilPending(count = 1): Promise<void> {
    if (this.#tasks.size >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.add({ count, resolve }));
  }

  /** Drops every scheduled piece of work. */
  dispose(): void {
    for (const task of this.#tasks) this.#cancel(task);
  }

  #run(task: Task): void {
    if (!this.#cancel(task)) return;
    task.work();
  }

  #cancel(task: Task): boolean {
    if (!this.#tasks.delete(task)) return false;
    if (task.timer !== undefined) clearTimeout(task.timer);
    return true;
  }
}
