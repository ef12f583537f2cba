import { css } from 'lit';

export const styles = css`
  .applications {
    list-style: none;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  .application {
    display: grid;
    gap: 0.5rem;
    padding-top: 0.75rem;
    border-top: 1px solid var(--_border);
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: baseline;
    justify-content: space-between;
  }
  .steps {
    list-style: none;
    padding: 0;
    display: grid;
    grid-template-columns: 1fr;
    gap: 0.25rem;
    counter-reset: step;
  }
  @container (min-width: 36rem) {
    .steps {
      grid-template-columns: repeat(6, minmax(0, 1fr));
    }
  }
  .step {
    display: flex;
    gap: 0.375rem;
    align-items: baseline;
    padding: 0.25rem 0.5rem;
    border-top: 4px solid var(--_border);
    font-size: 0.875em;
    color: var(--_muted);
  }
  .step[data-state='done'] {
    border-top-color: var(--_success);
    color: inherit;
  }
  .step[aria-current='step'] {
    border-top-color: var(--_primary);
    color: inherit;
    font-weight: 700;
  }
`;
