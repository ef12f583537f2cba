/** What the CDN loader loads: read by the loader itself and by the build (scripts/cdn-loader.ts), which checks it. */

/** Each tag and the file in `elements/` that defines it (the two account-page elements share one). */
export const FILES: Readonly<Record<string, string>> = {
  'leap-connect-button': 'leap-connect-button',
  'leap-incentive-checker': 'leap-incentive-checker',
  'leap-enrollment-status': 'leap-status',
  'leap-application-status': 'leap-status',
  'leap-connect-return': 'leap-connect-return',
};

/**
 * The shared chunks each file imports (in `chunks/`): fetched beside the element's file, not after it, so a page waits
 * for one round trip instead of two. The build fails when a file's own imports differ from this list.
 */
export const CHUNKS: Readonly<Record<string, readonly string[]>> = {
  'leap-connect-button': ['reactive-element'],
  'leap-incentive-checker': ['lit', 'reactive-element'],
  'leap-status': ['lit', 'reactive-element'],
  'leap-connect-return': ['lit', 'reactive-element'],
};
