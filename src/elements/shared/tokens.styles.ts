import { css } from '@lit/reactive-element';

/**
 * The theming contract shared by every element. Hosts override these custom properties; anything the elements' JSDoc
 * (and so docs/) does not list is not API. Fonts inherit from the host page unless `--leap-font-family` is set.
 */
export const tokens = css`
  :host {
    --_primary: var(--leap-color-primary, #0b6e4f);
    --_on-primary: var(--leap-color-on-primary, #ffffff);
    --_radius: var(--leap-radius, 0.5rem);
    --_danger: var(--leap-color-danger, #b3261e);
    --_focus: var(--leap-color-focus, #1a5fb4);
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
`;
