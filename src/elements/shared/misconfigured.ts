import { html, type TemplateResult } from 'lit';
import { icon, WARNING } from './icons.js';

/** What a misconfigured element shows instead of itself: the problem in words, for the page's developer and visitors. */
export const misconfiguredTemplate = (text: string): TemplateResult =>
  html`<p part="error" class="error config">${icon(WARNING)} ${text}</p>`;
