/**
 * The account-page elements' card: the heading (or the page's), the "Sample data" badge, then a skeleton while the
 * first load runs, the value, or the error with a retry, and the polite live region.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { TaskStatus } from '@lit/task';
import { isRetryable, toFailure } from '../../core/failure.js';
import type { OutcomeAnnouncer } from './controllers/announcer.js';
import type { BackendResource } from './controllers/backend-resource.js';
import { icon, WARNING } from './icons.js';
import type { CommonStrings } from './strings.js';

export interface StatusCardView<T, S extends CommonStrings> {
  strings: S;
  heading: string;
  /** The text of the heading the page slotted in, or `''`. */
  slottedHeading: string;
  resource: BackendResource<T, S>;
  announcer: OutcomeAnnouncer;
  /** Skeleton lines standing in for the value while it loads. */
  skeletonLines: number;
  renderValue: (value: T) => unknown;
  onRetry: () => void;
}

export function statusCardTemplate<T, S extends CommonStrings>(view: StatusCardView<T, S>): TemplateResult {
  const { strings, resource, slottedHeading: slotted } = view;
  const task = resource.task;
  // A heading the page slots in names the region; shadow DOM cannot point aria-labelledby at it.
  return html`<section
    class="card"
    tabindex="-1"
    aria-labelledby=${slotted ? nothing : 'heading'}
    aria-label=${slotted || nothing}
    aria-busy=${task.status === TaskStatus.PENDING}
  >
    <slot name="heading"><h2 id="heading">${view.heading}</h2></slot>
    ${resource.sample ? html`<p part="sample" class="sample">${strings.sampleData}</p>` : nothing}
    ${task.render({
      initial: () => skeleton(view.skeletonLines, strings),
      pending: () => (task.value ? view.renderValue(task.value) : skeleton(view.skeletonLines, strings)),
      complete: (value) => (value ? view.renderValue(value) : nothing),
      error: (error) => errorBlock(error, view),
    })}
    ${view.announcer.render()}
  </section>`;
}

function skeleton(lineCount: number, strings: CommonStrings): TemplateResult {
  const lines = Array.from({ length: lineCount }, (_, i) =>
    i === 0 ? html`<div class="skeleton line short"></div>` : html`<div class="skeleton line"></div>`,
  );
  return html`<div class="skeleton-block" aria-hidden="true">
      ${lines}
      <div class="skeleton box"></div>
    </div>
    <span class="visually-hidden">${strings.loading}</span>`;
}

function errorBlock<T, S extends CommonStrings>(error: unknown, view: StatusCardView<T, S>): TemplateResult {
  // The button goes away while loading, so focus first moves to the card (never to `<body>`).
  const retry = (event: Event) => {
    (event.currentTarget as HTMLElement).closest<HTMLElement>('.card')?.focus();
    view.onRetry();
  };
  const failure = toFailure(error);
  return html`<div part="error" class="error">
    <p>${icon(WARNING)} ${view.resource.errorText(failure)}</p>
    ${
      isRetryable(failure)
        ? html`<button part="retry" type="button" @click=${retry}>${view.strings.retry}</button>`
        : nothing
    }
  </div>`;
}
