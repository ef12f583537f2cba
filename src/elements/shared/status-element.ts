import { html, LitElement, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { failureCode, isRetryable, toFailure, type LeapFailure } from '../../core/failure.js';
import { apiBaseProblem, LeapApiClient } from './api-client.js';
import { OutcomeAnnouncer } from './controllers/announcer.js';
import { LocaleController } from './controllers/locale.js';
import { configProblem, ProblemReporter } from './controllers/problem-reporter.js';
import { HasSlotController } from './controllers/slots.js';
import { ThemeController } from './controllers/theme.js';
import { icon, WARNING } from './icons.js';
import { describeFailure, errorDetail, logDefect } from './describe-error.js';
import { leapEvent } from './events.js';
import { misconfiguredTemplate } from './misconfigured.js';
import type { CommonStrings, StringTables } from './strings.js';

/**
 * What the account-page status elements share: load one thing from the partner backend through a session, show a
 * skeleton, then the value or an error with a retry, announce the outcome, and report it with one event.
 * Subclasses say what to load and how to show it; the shared behaviour itself lives in controllers.
 */
export abstract class LeapStatusElement<T, S extends CommonStrings> extends LitElement {
  static override properties: PropertyDeclarations = {
    lang: { reflect: true },
    sessionEndpoint: { attribute: 'session-endpoint' },
    apiBase: { attribute: 'api-base' },
    theme: { reflect: true },
    appearance: { reflect: true },
    reloads: { state: true },
  };

  /** Language of the built-in text (`en`, `es`); defaults to the nearest `[lang]` ancestor. */
  declare lang: string;
  /** URL of your backend's `POST .../session`. */
  declare sessionEndpoint?: string;
  /** Base URL of the backend routes, on the origin of `session-endpoint`. Default: the parent of `session-endpoint`. */
  declare apiBase?: string;
  /**
   * `light`, `dark` or `auto` (default): the page's, from the text colour it gives the element and its
   * `color-scheme`.
   */
  declare theme?: 'light' | 'dark' | 'auto';
  /** `card` (default): a bordered card; `plain`: no border, padding or background, for inside your own card. */
  declare appearance?: 'card' | 'plain';

  private reloads = 0;
  /** The latest answer came from a mock Leap. */
  #sample = false;
  protected readonly locale: LocaleController<S>;
  protected readonly announcer = new OutcomeAnnouncer(this);
  readonly #slots = new HasSlotController(this, 'heading');

  protected readonly task = new Task(this, {
    task: async ([endpoint, base, key], { signal }): Promise<T | null> => {
      const ready = endpoint && key !== null && !this.#misconfiguration();
      const client = ready ? new LeapApiClient(endpoint, base) : null;
      // The skeleton stands in for what loads: said once, politely (a reload under a value already shown is not).
      if (client && !this.task.value) this.announcer.announce(this.locale.strings.loading);
      const value = client ? await this.load(client, key!, signal) : null;
      this.#sample = client?.session?.mock === true;
      await this.locale.ready();
      return value;
    },
    args: () => [this.sessionEndpoint, this.apiBase, this.loadKey(), this.reloads] as const,
    onComplete: (value) => {
      if (value !== null) this.announcer.emit(this.loaded(value));
    },
    onError: (error) => {
      const failure = toFailure(error);
      this.announcer.announce(this.#errorText(failure));
      logDefect(this, failure);
      const detail = errorDetail(failure, this.locale.strings);
      if (detail) this.announcer.emit(leapEvent('leap-error', detail));
    },
  });

  constructor(tables: StringTables<S>, warmUp?: (locale: string) => Array<() => unknown>) {
    super();
    this.locale = new LocaleController(this, tables, warmUp);
    new ThemeController(this);
    new ProblemReporter(this, () => {
      const problem = this.#misconfiguration();
      return problem ? configProblem(problem) : null;
    });
  }

  /** The element's own settings first, then where its token may go. */
  #misconfiguration(): string | null {
    return this.configError() ?? apiBaseProblem(this.sessionEndpoint, this.apiBase);
  }

  /** What identifies the thing to load (a meter id, an application id or `''` for all); null when not set. */
  protected abstract loadKey(): string | null;
  protected abstract load(client: LeapApiClient, key: string, signal: AbortSignal): Promise<T>;
  /** Called once per new value, after it rendered: announce what changed, return the event to fire. */
  protected abstract loaded(value: T): Event;
  protected abstract configError(): string | null;
  protected abstract heading(strings: S): string;
  /** The text when the backend answers 404. */
  protected abstract notFound(strings: S): string;
  protected abstract renderValue(value: T, strings: S): unknown;
  /** Skeleton lines standing in for the value while it loads. */
  protected abstract readonly skeletonLines: number;

  /** The latest value, or null before the first load and after an error. */
  protected get value(): T | null {
    return this.task.status === TaskStatus.COMPLETE ? (this.task.value ?? null) : null;
  }

  /** Loads again now. */
  refresh(): void {
    this.reloads += 1;
  }

  #errorText(failure: LeapFailure): string {
    return failureCode(failure) === 'NOT_FOUND'
      ? this.notFound(this.locale.strings)
      : describeFailure(failure, this.locale.strings);
  }

  /** Retry: the button goes away while loading, so focus first moves to the card (never to `<body>`). */
  readonly #onRetry = () => {
    this.renderRoot.querySelector<HTMLElement>('.card')?.focus();
    this.refresh();
  };

  protected override render() {
    const strings = this.locale.strings;
    const config = this.#misconfiguration();
    if (config) return misconfiguredTemplate(strings.misconfigured);
    const task = this.task;
    // A heading the page slots in names the region; shadow DOM cannot point aria-labelledby at it.
    const slotted = this.#slots.has('heading') ? this.#slots.text('heading') : '';
    return html`<section
      class="card"
      tabindex="-1"
      aria-labelledby=${slotted ? nothing : 'heading'}
      aria-label=${slotted || nothing}
      aria-busy=${task.status === TaskStatus.PENDING}
    >
      <slot name="heading"><h2 id="heading">${this.heading(strings)}</h2></slot>
      ${this.#sample ? html`<p part="sample" class="sample">${strings.sampleData}</p>` : nothing}
      ${task.render({
        initial: () => this.#renderSkeleton(strings),
        pending: () => (task.value ? this.renderValue(task.value, strings) : this.#renderSkeleton(strings)),
        complete: (value) => (value ? this.renderValue(value, strings) : nothing),
        error: (error) => this.#renderError(error, strings),
      })}
      ${this.announcer.render()}
    </section>`;
  }

  #renderSkeleton(strings: S): TemplateResult {
    const lines = Array.from({ length: this.skeletonLines }, (_, i) =>
      i === 0 ? html`<div class="skeleton line short"></div>` : html`<div class="skeleton line"></div>`,
    );
    return html`<div class="skeleton-block" aria-hidden="true">
        ${lines}
        <div class="skeleton box"></div>
      </div>
      <span class="visually-hidden">${strings.loading}</span>`;
  }

  #renderError(error: unknown, strings: S): TemplateResult {
    const failure = toFailure(error);
    return html`<div part="error" class="error">
      <p>${icon(WARNING)} ${this.#errorText(failure)}</p>
      ${
        isRetryable(failure)
          ? html`<button part="retry" type="button" @click=${this.#onRetry}>${strings.retry}</button>`
          : nothing
      }
    </div>`;
  }
}
