/**
 * The elements' icons: small inline SVGs drawn with strokes in the text colour (`.icon` in tokens.styles.ts), the same
 * on every platform and in forced-colours mode, where text glyphs (✓ ✕ ⚠ ℹ) differed or vanished. Always beside
 * words, so they are hidden from screen readers. Path data is exported one by one so a bundle keeps only the icons it
 * draws (the connect button draws only the warning, without lit-html).
 */
import { html, type TemplateResult } from 'lit';

export * from './icon-paths.js';

/** An icon beside words (hidden from screen readers). */
export const icon = (path: string): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d=${path}></path></svg>`;
