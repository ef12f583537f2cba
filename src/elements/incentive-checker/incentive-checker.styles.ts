import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
    overflow-wrap: break-word;
  }
  :host([hidden]) {
    display: none;
  }
  .checker {
    display: grid;
    gap: var(--_space);
  }
  h2,
  h3,
  h4,
  p {
    margin: 0;
  }
  h2 {
    font-size: 1.25em;
  }
  /* Each field spans three rows of the form's grid (label, control, message), so a label that wraps in one column
     never pushes its control below its neighbours'. */
  .grid {
    display: grid;
    grid-template-columns: 1fr;
    gap: 0 0.75rem;
  }
  @container (min-width: 34rem) {
    .grid {
      grid-template-columns: repeat(6, minmax(0, 1fr));
    }
    .wide {
      grid-column: span 6;
    }
    .half {
      grid-column: span 3;
    }
    .third {
      grid-column: span 2;
    }
    .small {
      grid-column: span 1;
    }
  }
  .field {
    display: grid;
    grid-row: span 3;
    grid-template-rows: subgrid;
    row-gap: 0.25rem;
    align-content: start;
    min-width: 0;
    margin-bottom: 0.75rem;
  }
  .field > label {
    align-self: end;
  }
  label,
  .label {
    font-weight: 600;
    font-size: 0.9375em;
  }
  .country {
    margin-bottom: 0.75rem;
    color: var(--_muted);
  }
  .country .label {
    font-weight: 400;
  }
  input,
  select {
    box-sizing: border-box;
    width: 100%;
    min-height: 44px;
    padding: 0.5rem 0.625rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_bg);
    color: var(--_text);
    font: inherit;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border: 2px solid var(--_danger);
  }
  input:focus-visible,
  select:focus-visible,
  button:focus-visible,
  a:focus-visible,
  [tabindex='-1']:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .field-error {
    color: var(--_danger);
    font-size: 0.875em;
  }
  .muted {
    color: var(--_muted);
    font-weight: 400;
  }
  button,
  .claim {
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: 44px;
    padding: 0.625rem 1.25rem;
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_on-primary);
    font: inherit;
    font-weight: 600;
    text-decoration: none;
    cursor: pointer;
  }
  button:hover,
  .claim:hover {
    background: color-mix(in srgb, var(--_primary) 85%, black);
  }
  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.8;
  }
  .submit {
    margin-top: 0.25rem;
    justify-self: start;
  }
  button.secondary,
  .toggle {
    background: var(--_bg);
    color: var(--_primary);
  }
  /* A light tint, so the primary-coloured text keeps its contrast while hovered. */
  button.secondary:hover,
  .toggle:hover {
    background: color-mix(in srgb, var(--_primary) 10%, var(--_bg));
  }

  .result {
    display: grid;
    gap: 0.75rem;
    align-content: start;
  }
  /* Space is reserved for what comes (the hint, then the skeleton), not left empty under a short answer. */
  .idle,
  .pending {
    min-height: var(--leap-checker-result-min-height, 11rem);
  }
  .reserved {
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  .reserved > .result {
    min-height: 100%;
  }
  .outcome:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .toggle {
    justify-self: start;
    min-height: 44px;
    padding: 0.5rem 0.75rem;
  }
  .result-heading {
    font-size: 1.125em;
  }
  .utility {
    color: var(--_muted);
    margin-top: -0.5rem;
  }
  .programs,
  .tiers {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  .program {
    padding: 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    display: grid;
    gap: 0.5rem;
  }
  .program-name {
    font-size: 1em;
  }
  .program-total {
    color: var(--_muted);
  }
  .tier {
    padding: 0.75rem;
    border-inline-start: 4px solid var(--_success);
    background: color-mix(in srgb, var(--_success) 6%, transparent);
    display: grid;
    gap: 0.375rem;
  }
  .tier.ineligible {
    border-inline-start-style: dashed;
    border-inline-start-color: var(--_danger);
    background: color-mix(in srgb, var(--_danger) 5%, transparent);
  }
  .tier-head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    align-items: baseline;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.375em;
    font-weight: 700;
    color: var(--_success);
  }
  .ineligible .badge {
    color: var(--_danger);
  }
  .tier-name {
    font-weight: 600;
  }
  .amount {
    margin-inline-start: auto;
    font-weight: 600;
  }
  .list-title {
    font-weight: 600;
    font-size: 0.9375em;
  }
  .reqs ul {
    margin: 0.25rem 0 0;
    padding-inline-start: 1.25rem;
  }
  .claim {
    justify-self: start;
    font-size: 1.0625em;
  }
  .error {
    padding: 0.75rem 1rem;
    background: var(--_bg);
    border: 2px solid var(--_danger);
    border-radius: var(--_radius);
    color: var(--_danger);
    display: grid;
    gap: 0.5rem;
    justify-items: start;
  }
  .error.config {
    display: block;
  }
  .stale {
    padding: 0.5rem 0.75rem;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    color: var(--_muted);
  }
  .result[data-stale='true'] .programs {
    border-inline-start: 3px dashed var(--_border);
    padding-inline-start: 0.75rem;
  }
  .empty {
    padding: 1rem;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    display: grid;
    gap: 0.5rem;
  }
  .picker fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
    margin: 0 0 0.5rem;
    display: grid;
    gap: 0.5rem;
  }
  .picker legend {
    font-weight: 600;
  }
  .choice {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    font-weight: 400;
  }
  .choice input {
    width: 1.25rem;
    min-height: 1.25rem;
  }
  @container (max-width: 20rem) {
    .program,
    .empty {
      padding: 0.75rem;
    }
    .tier {
      padding: 0.5rem;
    }
  }
  @media (forced-colors: active) {
    .tier,
    .tier.ineligible {
      border-inline-start-color: CanvasText;
    }
  }
`;
