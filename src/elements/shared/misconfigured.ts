import { html, type TemplateResult } from 'lit';

/** What a misconfigured element shows instead of itself: the problem in words, for the page's developer and visitors. */
export const misconfiguredTemplate = (text: string): TemplateResult =>
  html`<p part="error" class="error config"><span class="icon" aria-hidden="true">⚠</span> ${text}</p>`;
