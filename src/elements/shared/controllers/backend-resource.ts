/**
 * One thing an account-page element loads from the partner backend through the customer's session (a meter's
 * enrollment, the list of meters, the applications): a `Task` keyed by the endpoint, the base and what to load, which
 * says "Loading…" once, keeps the "Sample data" flag, and handles every failure the same way (as a `LeapFailure`):
 * said in plain words and reported with one `leap-error` after the render that shows it; a defect also goes to the
 * console, a stopped load is not reported.
 */
import type { ReactiveControllerHost } from '@lit/reactive-element';
import { Task, TaskStatus } from '@lit/task';
import { failureCode, toFailure, type LeapFailure } from '../../../core/failure.js';
import { apiBaseProblem, LeapApiClient } from '../api-client.js';
import { describeFailure, errorDetail, logDefect } from '../describe-error.js';
import type { CommonStrings } from '../strings.js';
import type { OutcomeAnnouncer } from './announcer.js';
import type { LocaleController } from './locale.js';

export interface ResourceHost extends ReactiveControllerHost, HTMLElement {
  sessionEndpoint?: string;
  apiBase?: string;
}

export interface ResourceOptions<T, S extends CommonStrings> {
  locale: LocaleController<S>;
  announcer: OutcomeAnnouncer;
  /** The first problem with the element's own settings, or null. */
  configError: () => string | null;
  /** What identifies the thing to load (a meter id, an application id, `''` for all): a new key loads again. */
  key: () => string;
  load: (client: LeapApiClient, key: string, signal: AbortSignal) => Promise<T>;
  /** Each new value, once: say what changed, fire the element's event. */
  loaded: (value: T) => void;
  /** The words when the backend answers 404. */
  notFound: (strings: S) => string;
}

export class BackendResource<T, S extends CommonStrings> {
  readonly task: Task<readonly [string | undefined, string | undefined, string], T | null>;
  /** The latest answer came from a mock Leap. */
  #sample = false;
  readonly #host: ResourceHost;
  readonly #options: ResourceOptions<T, S>;

  constructor(host: ResourceHost, options: ResourceOptions<T, S>) {
    this.#host = host;
    this.#options = options;
    const { locale, announcer } = options;
    this.task = new Task(host, {
      task: async ([endpoint, base, key], { signal }): Promise<T | null> => {
        const client = endpoint && !this.misconfiguration ? new LeapApiClient(endpoint, base) : null;
        // The skeleton stands in for what loads: said once, politely (a reload under a value already shown is not).
        if (client && !this.task.value) announcer.announce(locale.strings.loading);
        const value = client ? await options.load(client, key, signal) : null;
        this.#sample = client?.session?.mock === true;
        await locale.ready();
        return value;
      },
      args: () => [host.sessionEndpoint, host.apiBase, options.key()] as const,
      onComplete: (value) => {
        if (value !== null) options.loaded(value);
      },
      onError: (error) => {
        const failure = toFailure(error);
        // A load the element stopped (or a newer one replaced) is nobody's failure.
        if (failure.kind === 'aborted') return;
        announcer.announce(this.errorText(failure));
        logDefect(host, failure);
        const detail = errorDetail(failure, locale.strings);
        if (detail) announcer.emit('leap-error', detail);
      },
    });
  }

  /** The element's own settings first, then where its token may go; null when it can load. */
  get misconfiguration(): string | null {
    return this.#options.configError() ?? apiBaseProblem(this.#host.sessionEndpoint, this.#host.apiBase);
  }

  /** The latest value, or null before the first load and after an error. */
  get value(): T | null {
    return this.task.status === TaskStatus.COMPLETE ? (this.task.value ?? null) : null;
  }

  get sample(): boolean {
    return this.#sample;
  }

  /** Loads again now; resolves false when that failed (the failure is already said and reported). */
  async reload(): Promise<boolean> {
    await this.task.run();
    return this.task.status !== TaskStatus.ERROR;
  }

  /** A failure in the customer's words. */
  errorText(failure: LeapFailure): string {
    const strings = this.#options.locale.strings;
    return failureCode(failure) === 'NOT_FOUND' ? this.#options.notFound(strings) : describeFailure(failure, strings);
  }
}
