import { css } from 'lit';

export const styles = css`
  .applications {
    list-style: none;
    padding: 0;
    display: grid;
    gap: var(--_space);
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
  .amount {
    font-weight: 600;
  }
  /* One step per line until each of the six columns has room for its words (labels wrap, never spill). */
  .steps {
    list-style: none;
    padding: 0;
    display: grid;
    gap: 0.25rem;
  }
  .step {
    display: flex;
    gap: 0.375rem;
    align-items: start;
    min-width: 0;
    padding: 0.125rem 0.5rem;
    border: 0 solid var(--_border);
    border-inline-start-width: 4px;
    font-size: 0.875em;
    color: var(--_muted);
    hyphens: auto;
  }
  @container (min-width: 44rem) {
    .steps {
      grid-template-columns: repeat(6, minmax(0, 1fr));
    }
    .step {
      flex-direction: column;
      padding: 0.375rem 0.5rem 0.25rem;
      border-width: 4px 0 0;
    }
  }
  .step .icon {
    margin-top: 0.15em;
  }
  .label {
    min-width: 0;
  }
  .step[data-state='done'] {
    border-color: var(--_success);
    color: var(--_text);
  }
  .step[aria-current='step'] {
    border-color: var(--_primary);
    color: var(--_text);
    font-weight: 700;
  }
  /* Not approved, withdrawn: the way there is no longer green, and the end is the danger colour. */
  [data-ended='true'] .step[data-state='done'] {
    border-color: var(--_muted);
  }
  .step[data-state='ended'] {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  @media (forced-colors: active) {
    .step[aria-current='step'] {
      font-size: 1em;
    }
  }
`;
