import { css } from 'lit';

/** Cards, badges, skeletons and messages shared by the status elements. */
export const statusStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    overflow-wrap: break-word;
  }
  :host([hidden]) {
    display: none;
  }
  h2,
  h3,
  h4,
  p {
    margin: 0;
  }
  h2 {
    font-size: 1.125em;
  }
  h3,
  h4 {
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
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    align-content: start;
  }
  .card[aria-busy='true'] {
    min-height: var(--leap-status-min-height, 10rem);
  }
  :host([appearance='plain']) .card {
    padding: 0;
    border: 0;
    background: none;
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
  .badge[data-status='rejected'],
  .badge[data-status='withdrawn'] {
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
    background: var(--_bg);
    color: var(--_primary);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  button:hover {
    background: color-mix(in srgb, var(--_primary) 10%, var(--_bg));
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
  @container (max-width: 20rem) {
    .card {
      padding: 0.75rem;
    }
    .error {
      padding: 0.5rem 0.75rem;
    }
  }
`;
