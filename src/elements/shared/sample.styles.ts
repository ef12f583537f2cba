import { css } from '@lit/reactive-element';

/**
 * The "Sample data" badge an element shows when the backend answers from a mock Leap, so sample figures can never pass
 * for a quote. In the text colour it sits on, so it reads on light and dark pages alike.
 */
export const sampleStyles = css`
  .sample {
    display: inline-block;
    margin: 0 0 0.5em;
    padding: 0.0625em 0.5em;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.8125em;
    font-weight: 600;
    line-height: 1.5;
  }
`;
