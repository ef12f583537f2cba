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
  .period {
    display: grid;
    gap: 0.25rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .period[aria-current='true'] {
    border-width: 2px;
    border-color: var(--_primary);
  }
  .period-dates {
    font-size: 0.875em;
  }
  .period .badge {
    white-space: nowrap;
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
    gap: 1rem;
  }
  .meter {
    display: grid;
    gap: 0.75rem;
    padding: 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .meter h3 {
    font-size: 1.0625em;
    margin: 0;
  }
  .meter h4 {
    font-size: 1em;
    margin: 0;
  }
  .empty {
    display: grid;
    gap: 0.5rem;
    justify-items: start;
  }
  .empty-title {
    font-weight: 600;
  }
`;
