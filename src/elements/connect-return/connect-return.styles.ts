import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  .message {
    --_accent: var(--_success);
    display: flex;
    gap: 0.75rem;
    align-items: flex-start;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_bg);
    overflow-wrap: break-word;
  }
  :host([appearance='plain']) .message {
    padding: 0;
    border: 0;
    background: none;
  }
  /* Each state of the watch has its own colour and icon, as well as its words. */
  .message > .icon {
    font-size: 1.25em;
    color: var(--_accent);
  }
  [data-state='missing'],
  [data-state='linking'] {
    --_accent: var(--_muted);
  }
  [data-state='timed-out'] {
    --_accent: var(--_warning);
  }
  .body {
    display: grid;
    gap: 0.5rem;
    min-width: 0;
  }
  .progress {
    font-weight: 600;
  }
  p {
    margin: 0;
  }
`;
