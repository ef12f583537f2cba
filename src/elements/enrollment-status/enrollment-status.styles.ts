import { css } from 'lit';

export const styles = css`
  .summary,
  .block {
    display: grid;
    gap: 0.375rem;
  }
  .block {
    padding-top: 0.75rem;
    border-top: 1px solid var(--_border);
  }
  .timeline {
    list-style: none;
    padding: 0;
    display: grid;
    gap: 0.5rem;
    grid-template-columns: 1fr;
  }
  @container (min-width: 44rem) {
    .timeline {
      grid-template-columns: repeat(3, minmax(0, 1fr));
    }
  }
  /* Periods are tinted, not boxed: a card inside a meter inside the page's own card is one border too many. */
  .period {
    display: grid;
    gap: 0.25rem;
    justify-items: start;
    padding: 0.5rem 0.75rem;
    border-inline-start: 3px solid transparent;
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_text) 5%, var(--_bg));
  }
  .period[aria-current='true'] {
    border-inline-start-color: var(--_primary);
  }
  .period-dates {
    font-size: 0.875em;
  }
  .deadline {
    font-weight: 600;
  }
  .action p:first-child {
    font-weight: 600;
  }
  .meters {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  .meter {
    display: grid;
    gap: 0.75rem;
    padding-top: var(--_space);
    border-top: 2px solid var(--_border);
  }
  .meter h3 {
    font-size: 1.0625em;
  }
  .empty {
    display: grid;
    gap: 0.5rem;
    justify-items: start;
  }
  .empty-title {
    font-weight: 600;
  }
  @media (forced-colors: active) {
    .period {
      border: 1px solid CanvasText;
    }
    .period[aria-current='true'] {
      border-width: 3px;
    }
  }
`;
