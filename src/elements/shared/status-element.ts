import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { classifyError } from '../../core/error-kinds.js';
import { LeapApiClient } from './api-client.js';
import { leapEvent, type LeapErrorDetail } from './events.js';
import { LeapElement, describeError, errorDetail } from './leap-element.js';
import type { CommonStrings } from './strings.js';

/**
 * What the account-page status elements share: load one thing from the partner backend through a session, show a
 * skeleton, then the value or an error with a retry, announce the outcome, and report it with one event.
 * Subclasses say what to load and how to show it.
 */
export abstract class LeapStatusElement<T, S extends CommonStrings> extends LeapElement<S> {
  static override properties: PropertyDeclarations = {
    sessionEndpoint: { attribute: 'session-endpoint' },
    apiBase: { attribute: 'api-base' },
    announcement: { state: true, attribute: false },
    reloads: { state: true, attribute: false },
  };

  /** URL of your backend's `POST .../session`. */
  declare sessionEndpoint?: string;

  /** Base URL of the backend routes. Default: the parent of `session-endpoint`. */
  declare apiBase?: string;

  protected announcement = '';
  private reloads = 0;

  private reported: unknown = null;
  private pendingEvents: Event[] = [];

  protected readonly task = new Task(this, {
    task: async ([endpoint, base, key], { signal }): Promise<T | null> =>
      endpoint && key !== null ? this.load(new LeapApiClient(endpoint, base), key, signal) : null,
    args: () => [this.sessionEndpoint, this.apiBase, this.loadKey(), this.reloads] as const,
  });

  /** What identifies the thing to load (a meter id, an application id or `''` for all); null when not set. */
  protected abstract loadKey(): string | null;
  protected abstract load(client: LeapApiClient, key: string, signal: AbortSignal): Promise<T>;
  /** Called once per new value, before it renders: set `announcement`, return the event to fire after rendering. */
  protected abstract loaded(value: T): Event;
  protected abstract configError(): string | null;
  protected abstract heading(s: S): string;
  /** The text when the backend answers 404. */
  protected abstract notFound(s: S): string;
  protected abstract renderValue(value: T, s: S): unknown;
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

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const task = this.task;
    if (task.status === TaskStatus.COMPLETE && task.value && task.value !== this.reported) {
      this.reported = task.value;
      this.pendingEvents.push(this.loaded(task.value));
    } else if (task.status === TaskStatus.ERROR && task.error !== this.reported) {
      this.reported = task.error;
      this.announcement = this.errorText(task.error);
      this.pendingEvents.push(
        leapEvent<LeapErrorDetail>('leap-error', errorDetail(classifyError(task.error), this.strings)),
      );
    }
  }

  protected override updated(): void {
    this.reportConfigProblem(this.configError());
    for (const event of this.pendingEvents.splice(0)) this.dispatchEvent(event);
  }

  private errorText(error: unknown): string {
    const classified = classifyError(error);
    return classified.kind === 'not-found' ? this.notFound(this.strings) : describeError(classified, this.strings);
  }

  protected override render() {
    const s = this.strings;
    const config = this.configError();
    if (config)
      return html`<p part="error" class="error"><span aria-hidden="true">⚠</span> ${s.misconfigured(config)}</p>`;
    const task = this.task;
    return html`<section class="card" aria-labelledby="heading" aria-busy=${task.status === TaskStatus.PENDING}>
      <slot name="heading"><h2 id="heading">${this.heading(s)}</h2></slot>
      ${task.render({
        initial: () => this.renderSkeleton(s),
        pending: () => (task.value ? this.renderValue(task.value, s) : this.renderSkeleton(s)),
        complete: (value) => (value ? this.renderValue(value, s) : nothing),
        error: (error) => this.renderError(error, s),
      })}
      <div role="status" class="visually-hidden">${this.announcement}</div>
    </section>`;
  }

  private renderSkeleton(s: S): TemplateResult {
    const lines = Array.from({ length: this.skeletonLines }, (_, i) =>
      i === 0 ? html`<div class="skeleton line short"></div>` : html`<div class="skeleton line"></div>`,
    );
    return html`<div class="skeleton-block" aria-hidden="true">
        ${lines}
        <div class="skeleton box"></div>
      </div>
      <span class="visually-hidden">${s.loading}</span>`;
  }

  private renderError(error: unknown, s: S): TemplateResult {
    return html`<div part="error" class="error">
      <p><span aria-hidden="true">⚠</span> ${this.errorText(error)}</p>
      ${
        classifyError(error).retryable
          ? html`<button part="retry" type="button" @click=${this.refresh}>${s.retry}</button>`
          : nothing
      }
    </div>`;
  }
}
