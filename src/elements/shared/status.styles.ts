import { css } from 'lit';

/** Cards, badges, skeletons and messages shared by the status elements. */
export const statusStyles = css`
  :host {
    --_success: var(--leap-color-success, #146c2e);
    --_warning: var(--leap-color-warning, #8a5300);
    --_border: var(--leap-color-border, #767f89);
    --_muted: var(--leap-color-muted, #4a5560);
    --_surface: var(--leap-color-surface, #ffffff);
    display: block;
    container-type: inline-size;
    color: var(--leap-color-text, inherit);
    line-height: 1.45;
  }
  :host([hidden]) {
    display: none;
  }
  h2,
  h3,
  p {
    margin: 0;
  }
  h2 {
    font-size: 1.125em;
  }
  h3 {
    font-size: 1em;
  }
  ul,
  ol {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .card {
    box-sizing: border-box;
    height: 100%;
    display: grid;
    gap: 0.75rem;
    padding: 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    min-height: var(--leap-status-min-height, 10rem);
    align-content: start;
  }
  .muted {
    color: var(--_muted);
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.375em;
    padding: 0.125em 0.625em;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-weight: 700;
    width: fit-content;
  }
  .badge[data-status='ACTIVE'],
  .badge[data-status='approved'],
  .badge[data-status='completed'] {
    color: var(--_success);
  }
  .badge[data-status='PENDING'],
  .badge[data-status='ELIGIBLE'],
  .badge[data-status='awaiting_customer'],
  .badge[data-status='awaiting_partner'] {
    color: var(--_warning);
  }
  .badge[data-status='INELIGIBLE'],
  .badge[data-status='rejected'] {
    color: var(--_danger);
  }
  .badge[data-status='NOT_PARTICIPATING'],
  .badge[data-status='UNKNOWN'] {
    color: var(--_muted);
    border-style: dashed;
  }
  .error {
    display: grid;
    gap: 0.5rem;
    justify-items: start;
    padding: 0.75rem 1rem;
    border: 2px solid var(--_danger);
    border-radius: var(--_radius);
    color: var(--_danger);
  }
  button {
    min-height: 44px;
    padding: 0.5rem 1rem;
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    background: transparent;
    color: var(--_primary);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  button:focus-visible,
  a:focus-visible,
  .card:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .skeleton-block {
    display: grid;
    gap: 0.75rem;
  }
`;
