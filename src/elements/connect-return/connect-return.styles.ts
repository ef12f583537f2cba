import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  .message {
    display: flex;
    gap: 0.75rem;
    align-items: flex-start;
    padding: 1rem;
    border: 1px solid var(--leap-color-border, #767f89);
    border-inline-start: 4px solid var(--leap-color-success, #146c2e);
    border-radius: var(--_radius);
  }
  .message[data-found='false'] {
    border-inline-start-color: var(--leap-color-border, #767f89);
  }
  .icon {
    font-size: 1.25em;
    line-height: 1.2;
  }
  p {
    margin: 0;
  }
`;
