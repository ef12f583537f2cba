/**
 * The space to reserve for each element while its file loads, as docs/embedding.md gives it (a test keeps the two
 * the same): on the element's own selector, so the box keeps its size when the element is defined.
 */
export const RESERVED_SPACE: Record<string, string> = {
  'leap-incentive-checker': 'display: block; min-height: 40rem;',
  'leap-enrollment-status': 'display: block; min-height: 13.5rem;',
  'leap-application-status': 'display: block; min-height: 11.5rem;',
  'leap-connect-button': 'display: inline-block; vertical-align: middle; min-height: 2.75rem;',
};
