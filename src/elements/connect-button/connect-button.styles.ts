import { css } from '@lit/reactive-element';

export const styles = css`
  :host {
    display: inline-block;
    vertical-align: middle;
  }
  :host([hidden]) {
    display: none;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    box-sizing: border-box;
    min-height: 44px;
    padding: 0.625em 1.25em;
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_on-primary);
    font: inherit;
    font-weight: 600;
    line-height: 1.2;
    text-decoration: none;
    cursor: pointer;
    transition:
      background-color 120ms ease,
      box-shadow 120ms ease;
  }
  .button:hover {
    background: color-mix(in srgb, var(--_primary) 85%, black);
    box-shadow: 0 2px 6px rgb(0 0 0 / 0.2);
  }
  .button:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 3px;
  }
  .button[aria-disabled='true'] {
    border-style: dashed;
    background: transparent;
    color: inherit;
    cursor: not-allowed;
    box-shadow: none;
  }
  .button[aria-busy='true'] {
    cursor: progress;
  }
  .sample {
    margin: 0 0 0 0.5em;
    vertical-align: middle;
  }
  .message {
    display: block;
    margin-top: 0.375em;
    font-size: 0.875em;
  }
  .message[part~='error'] {
    color: var(--_danger);
  }
  @media (forced-colors: active) {
    .button {
      border-color: LinkText;
    }
    .button[aria-disabled='true'] {
      border-color: GrayText;
      color: GrayText;
    }
  }
`;
