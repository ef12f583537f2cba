/**
 * Every code a `leap-error` event can carry, with what it means and how to fix it: the one table docs/errors.md is
 * generated from (`npm run docs`). Elements import only the `LeapErrorCode` type, so the words stay out of the
 * browser bundles (nothing else may live here: an app's bundler keeps this module whole once anything of it is
 * imported); a test holds every code an element can fire to this table.
 */
export interface ErrorCodeEntry {
  /** The tags that can fire it. */
  elements: readonly string[];
  /** What happened, for the page's developer. */
  meaning: string;
  /** What to change (or `—` when it is the customer's situation, not a mistake). */
  fix: string;
}

// Written out, not spread from each other: a spread is a side effect to a bundler, which would then keep this table in
// every app that imports the package's index.
const CHECKER = ['leap-incentive-checker'] as const;
const STATUS = ['leap-enrollment-status', 'leap-application-status'] as const;
const BACKEND = ['leap-incentive-checker', 'leap-enrollment-status', 'leap-application-status'] as const;
const SESSION_USERS = [
  'leap-incentive-checker',
  'leap-enrollment-status',
  'leap-application-status',
  'leap-connect-button',
  'leap-connect-return',
] as const;
const CONFIGURED = [
  'leap-incentive-checker',
  'leap-enrollment-status',
  'leap-application-status',
  'leap-connect-return',
] as const;
const BUTTON = ['leap-connect-button'] as const;

export const LEAP_ERROR_CODES = {
  INVALID_CONFIG: {
    elements: CONFIGURED,
    meaning:
      'An attribute is missing or invalid (a required `session-endpoint`, a list that is not numbers, an `api-base` on another origin than `session-endpoint`, …). Nothing is sent.',
    fix: 'Read the console line: it names the attribute and the value expected.',
  },
  ORIGIN_REFUSED: {
    elements: SESSION_USERS,
    meaning:
      "The backend answered, but refused this page's origin (CORS): the browser hides that answer, so the element probes the session endpoint to tell it from an outage. The customer reads that the feature is not available on this page.",
    fix: "Add the page's origin (printed in the console, e.g. `https://shop.example.com`) to `LEAP_ALLOWED_ORIGINS` (`leap-elements serve`) or the `allowedOrigins` option. Behind a dev proxy, keep the browser's `Origin` (no `changeOrigin: true`). If the origin is listed, something in front of the backend (a proxy's error page) answered without CORS headers: run `npx leap-elements doctor`.",
  },
  SESSION_ENDPOINT_INVALID: {
    elements: SESSION_USERS,
    meaning:
      '`session-endpoint` answered something that is not a session: a 404 or 405, an HTML page (a single-page app fallback, a login page), or JSON without `reference_id`.',
    fix: "Point `session-endpoint` at the backend's `POST {base}/session` (or your own route that forwards its answer). The console line says what answered (status, content type) and what was expected.",
  },
  SESSION_REFUSED: {
    elements: BACKEND,
    meaning: 'The backend refused the session or its token (401, or a 403 that is not an origin refusal).',
    fix: 'The customer is not signed in, or `authenticate()` returned null. For anonymous pages turn guest sessions on (`LEAP_GUEST_SESSIONS=1`).',
  },
  SESSION_FAILED: {
    elements: BUTTON,
    meaning:
      'The connect button could not get a session (refused, offline or the backend failed), so it offers no link.',
    fix: "Check the backend's log and `npx leap-elements doctor`; `detail.status` and `detail.title` say what answered.",
  },
  RATE_LIMITED: {
    elements: BACKEND,
    meaning: 'Too many requests from this customer or IP address (429); the customer is told how long to wait.',
    fix: 'Usually nothing. If real customers hit it, raise `LEAP_RATE_LIMIT_IP` / `LEAP_RATE_LIMIT_TOKEN`.',
  },
  OFFLINE: {
    elements: BACKEND,
    meaning: 'No answer at all: the customer is offline, or the backend cannot be reached (DNS, refused connection).',
    fix: 'If the customer is online, the backend is down or its URL is wrong: `npx leap-elements doctor --backend <url>`.',
  },
  UPSTREAM_DOWN: {
    elements: BACKEND,
    meaning: 'The backend answered 5xx: Leap did not answer in time, answered malformed data, or refused the API key.',
    fix: "The backend's log names the cause; `GET {base}/healthz` says whether Leap accepted the key.",
  },
  UNEXPECTED: {
    elements: BACKEND,
    meaning: 'An answer the element does not know how to read (an unexpected status).',
    fix: "Check the backend's log; `detail.status` and `detail.title` say what answered.",
  },
  INTERNAL_ERROR: {
    elements: CONFIGURED,
    meaning:
      'The element itself failed: a defect, or a script on the page broke something it relies on. The customer reads that the feature is not available right now; `detail.details.message` and the console (with the stack) say what failed.',
    fix: 'Report it with the console output. Nothing is retried by itself.',
  },
  NOT_FOUND: {
    elements: STATUS,
    meaning: '`meter-id` or `application-id` is not one of the signed-in customer’s (or does not exist).',
    fix: 'Pass the id Leap gave for this customer, or leave it out to list all of theirs.',
  },
  INVALID_INPUT: {
    elements: BACKEND,
    meaning: 'The backend or Leap refused what was sent (400 or 422); the checker shows the message beside each field.',
    fix: 'Usually the customer corrects a field. For a field the form does not show, `detail.details.fields` names it.',
  },
  ADDRESS_NOT_FOUND: {
    elements: CHECKER,
    meaning: 'Leap could not find (geocode) the address.',
    fix: '— (the customer checks the address)',
  },
  ADDRESS_NOT_SUPPORTED: {
    elements: CHECKER,
    meaning:
      'The address is outside the United States: nothing is sent, and the customer reads that incentives are checked for US addresses only.',
    fix: '— (the customer’s situation; hide the checker for other countries if you prefer)',
  },
  ADDRESS_FORM_UNREADABLE: {
    elements: CHECKER,
    meaning:
      '`address-form` names an element, but no address field can be found in it (no `autocomplete` token, marker or name the checker knows).',
    fix: 'Mark your inputs: `data-leap-address="street-1"`, `street-2`, `city`, `state`, `postal-code`, `country` (or use `autocomplete="shipping address-line1"` …). The console line lists the fields it saw.',
  },
  UNSAFE_CONNECT_URL: {
    elements: CHECKER,
    meaning: 'The answer carried a claim link that is not https on an allowed host, so the link is not shown.',
    fix: "Add the link's host to `claim-hosts` if it is yours; otherwise report it.",
  },
  CONNECTION_NOT_CONFIRMED: {
    elements: ['leap-connect-return'],
    meaning: 'No new meter appeared within `wait-seconds` after Leap sent the customer back. It may still come.',
    fix: 'Usually nothing: confirm with the `meter.created` webhook on your server.',
  },
  INVALID_TARGET: {
    elements: BUTTON,
    meaning: '`target` is neither `_self` nor `_blank`.',
    fix: 'Use `_self` (default) or `_blank`.',
  },
  MISSING_ORG: {
    elements: BUTTON,
    meaning: '`org` is missing.',
    fix: 'Set `org` to the organization name Leap generated for you.',
  },
  MISSING_FLOW: {
    elements: BUTTON,
    meaning: 'Leap Connect was chosen but `flow` is missing.',
    fix: 'Set `flow` to your Leap Connect url-title.',
  },
  MISSING_UTILITY: {
    elements: BUTTON,
    meaning: '`mode="direct"` without a `utility`.',
    fix: 'Set `utility` (`pge`, `sce` or `sdge`), or use `mode="auto"`.',
  },
  DIRECT_NOT_ALLOWED: {
    elements: BUTTON,
    meaning: '`mode="direct"` for a utility or customer type Direct to Utility does not serve.',
    fix: 'Use `mode="auto"` (Leap Connect for everything else) with a `flow`.',
  },
  INVALID_SEGMENT: {
    elements: BUTTON,
    meaning:
      '`org`, `flow` or `utility` is empty or holds `/`, `\\`, `?`, `#`, `%`, `..`, spaces or control characters.',
    fix: 'Use the values Leap gave you, unchanged.',
  },
  INVALID_OPTION: {
    elements: BUTTON,
    meaning: '`mode`, `customer-type` or `environment` has a value the button does not know.',
    fix: 'The console line lists the accepted values.',
  },
  INVALID_CHARACTERS: {
    elements: BUTTON,
    meaning: 'A value holds characters that cannot be sent in a URL (an unpaired UTF-16 surrogate).',
    fix: 'Pass the value as plain text, not a cut string.',
  },
  REF_ID_TOO_LONG: {
    elements: BUTTON,
    meaning: 'The reference id is longer than Leap accepts once URL-encoded (it is never truncated).',
    fix: 'Use a shorter customer id.',
  },
  INVALID_PARAM: {
    elements: BUTTON,
    meaning: '`redirect-params` cannot be read (a parameter without a name).',
    fix: 'Write `redirect-params` as an un-encoded query string (`campaign=spring&plan=ev`).',
  },
  RESERVED_PARAM: {
    elements: BUTTON,
    meaning: '`redirect-params` uses a name Leap reserves (`refId`).',
    fix: 'Rename the parameter.',
  },
  INVALID_BASE: {
    elements: BUTTON,
    meaning: '`direct-base` or `connect-base` is not an absolute URL, or carries credentials, a query or a fragment.',
    fix: 'Use a plain https origin or path, or leave it out.',
  },
  INSECURE_BASE: {
    elements: BUTTON,
    meaning: '`direct-base` or `connect-base` is not https.',
    fix: 'Use https.',
  },
} as const satisfies Record<string, ErrorCodeEntry>;

/** Every code a `leap-error` can carry. */
export type LeapErrorCode = keyof typeof LEAP_ERROR_CODES;
