import { css } from '@lit/reactive-element';

/**
 * The theming contract shared by every element: the `--leap-*` custom properties, each with a light and a dark default
 * (the dark ones apply under `:state(dark)`, see controllers/theme.ts). Colours come in pairs: every text colour is
 * read against `--_bg`, which the elements paint behind it, so a page's own colours never meet ours half-way.
 * `--leap-color-surface` is the former name of `--leap-color-background` and still works. Anything the elements'
 * JSDoc (and so docs/) does not list is not API. Fonts inherit from the host page unless `--leap-font-family` is set.
 */
export const tokens = css`
  :host {
    color-scheme: light;
    --_primary: var(--leap-color-primary, #0b6e4f);
    --_on-primary: var(--leap-color-on-primary, #ffffff);
    --_bg: var(--leap-color-background, var(--leap-color-surface, #ffffff));
    --_text: var(--leap-color-text, #1f2328);
    --_muted: var(--leap-color-muted, #4a5560);
    --_border: var(--leap-color-border, #767f89);
    --_success: var(--leap-color-success, #146c2e);
    --_warning: var(--leap-color-warning, #8a5300);
    --_danger: var(--leap-color-danger, #b3261e);
    --_focus: var(--leap-color-focus, #1a5fb4);
    --_radius: var(--leap-radius, 0.5rem);
    --_space: var(--leap-spacing, 1rem);
    color: var(--_text);
    font-family: var(--leap-font-family, inherit);
    /* Text styles the host page sets on an ancestor would otherwise reach the elements' layout. */
    text-align: start;
    text-indent: 0;
    text-transform: none;
    letter-spacing: normal;
    word-spacing: normal;
    white-space: normal;
    line-height: 1.45;
  }
  :host(:state(dark)) {
    color-scheme: dark;
    --_primary: var(--leap-color-primary, #7fd1ae);
    --_on-primary: var(--leap-color-on-primary, #0b1f17);
    --_bg: var(--leap-color-background, var(--leap-color-surface, #1e2329));
    --_text: var(--leap-color-text, #e8eaed);
    --_muted: var(--leap-color-muted, #b4bdc7);
    --_border: var(--leap-color-border, #7a8591);
    --_success: var(--leap-color-success, #7fd1ae);
    --_warning: var(--leap-color-warning, #ffd08a);
    --_danger: var(--leap-color-danger, #ffb4ab);
    --_focus: var(--leap-color-focus, #9ecaff);
  }
  /* A theme chosen by the page need not match what is behind the element: it brings its own background. */
  :host([theme='light']),
  :host([theme='dark']) {
    background: var(--_bg);
  }
  .icon {
    width: 1em;
    height: 1em;
    flex: none;
    vertical-align: -0.125em;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
`;
