/**
 * Leap connect URLs: the link a customer follows to authorize utility data sharing.
 *
 * Two documented flows:
 * - Direct to Utility (California ShareMyData):
 *   `https://addleap.com/<org>/<utility>/getting-started?refId=...`
 * - Leap Connect (configured per partner):
 *   `https://onboarding.leap.energy/<org>/<flow>?requestedUtilities=...&refId=...`
 *
 * Pure: no DOM and no Node APIs, so the same code builds links in the browser, on a server and in e-mail jobs.
 */

export type ConnectFlow = 'direct' | 'connect';
export type CustomerType = 'residential' | 'commercial';
export type LeapEnvironment = 'production' | 'staging';
export type ConnectMode = 'auto' | ConnectFlow;
export type RedirectParamsInput = Record<string, string> | URLSearchParams | string;

export interface ConnectUrlOptions {
  /** Leap-generated organization name (first path segment). */
  org: string;
  /** Leap Connect url-title; needed whenever the Leap Connect flow is chosen. */
  flow?: string;
  /** Utility id, e.g. `pge`, `sce`, `sdge`. */
  utility?: string;
  /** Transmission region, e.g. `CAISO`. Only used to choose the flow. */
  region?: string;
  /** Default `residential`. */
  customerType?: CustomerType;
  /** The partner's own id for this customer; becomes `partner_reference` on the meter. */
  refId?: string;
  /** Parameters Leap restores on the final redirect. A string is an un-encoded query string (`a=1&b=2`). */
  redirectParams?: RedirectParamsInput;
  /** Utilities to offer in Leap Connect. Defaults to `[utility]` when a utility is given. */
  requestedUtilities?: string[];
  /** Default `production`. */
  environment?: LeapEnvironment;
  /** Default `auto`. */
  mode?: ConnectMode;
  /** Override the Direct to Utility host (https only). */
  directBase?: string;
  /** Override the Leap Connect host (https only). */
  connectBase?: string;
}

export interface ConnectUrlResult {
  url: string;
  flow: ConnectFlow;
  reason: string;
}

export interface ConnectFlowChoice {
  flow: ConnectFlow;
  reason: string;
}

export interface ConnectReturn {
  refId: string | null;
  params: Record<string, string>;
}

export type ConnectUrlErrorCode =
  | 'MISSING_ORG'
  | 'MISSING_FLOW'
  | 'MISSING_UTILITY'
  | 'INVALID_SEGMENT'
  | 'INVALID_OPTION'
  | 'INVALID_CHARACTERS'
  | 'INVALID_PARAM'
  | 'REF_ID_TOO_LONG'
  | 'DIRECT_NOT_ALLOWED'
  | 'RESERVED_PARAM'
  | 'INVALID_BASE'
  | 'INSECURE_BASE';

/** Invalid connect-URL input. `code` is stable; `field` names the option at fault. */
export class ConnectUrlError extends Error {
  override name = 'ConnectUrlError';
  readonly code: ConnectUrlErrorCode;
  readonly field: string;

  constructor(code: ConnectUrlErrorCode, field: string, message: string) {
    super(message);
    this.code = code;
    this.field = field;
  }
}

/** Utilities reachable through Direct to Utility (California ShareMyData). */
export const DIRECT_UTILITIES: Readonly<Record<string, string>> = Object.freeze({
  pge: 'Pacific Gas & Electric (PG&E)',
  sce: 'Southern California Edison (SCE)',
  sdge: 'San Diego Gas & Electric (SDG&E)',
});

export const LEAP_HOSTS = Object.freeze({
  direct: { production: 'https://addleap.com', staging: 'https://staging.addleap.com' },
  // Leap documents no staging host for Leap Connect; this follows the api.staging.leap.energy pattern.
  // Pass `connectBase` when Leap gives you a different one.
  connect: { production: 'https://onboarding.leap.energy', staging: 'https://onboarding.staging.leap.energy' },
});

export const REF_ID_MAX_LENGTH = 255;
export const RESERVED_REDIRECT_PARAMS: readonly string[] = ['refId', 'additional_redirect_params'];
/** Query parameters Leap itself reads on the start URL; `parseConnectReturn` does not report them as custom. */
const LEAP_START_PARAMS = new Set(['requestedUtilities', 'transmissionRegion', 'variant', 'account']);

const CALIFORNIA_REGION = 'CAISO';

/**
 * Percent-encodes everything outside Leap's safe set `0-9 A-Z a-z - . _ *` (UTF-8; a space is `%20`).
 * Throws on unpaired surrogates, which have no UTF-8 form.
 */
export function encodeLeapComponent(value: string, field = 'value'): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch {
    throw new ConnectUrlError(
      'INVALID_CHARACTERS',
      field,
      `${field} contains an unpaired UTF-16 surrogate, which cannot be sent in a URL.`,
    );
  }
  // encodeURIComponent leaves ! ' ( ) ~ alone; Leap's safe set does not include them.
  return encoded.replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Decides between Direct to Utility and Leap Connect, and says why. Throws when `mode: 'direct'` is impossible. */
export function chooseConnectFlow(
  options: Pick<ConnectUrlOptions, 'utility' | 'region' | 'customerType' | 'mode'>,
): ConnectFlowChoice {
  const mode = options.mode ?? 'auto';
  if (mode !== 'auto' && mode !== 'direct' && mode !== 'connect') {
    throw new ConnectUrlError(
      'INVALID_OPTION',
      'mode',
      `mode must be "auto", "direct" or "connect", not "${String(mode)}".`,
    );
  }
  const customerType = options.customerType ?? 'residential';
  if (customerType !== 'residential' && customerType !== 'commercial') {
    throw new ConnectUrlError(
      'INVALID_OPTION',
      'customerType',
      `customerType must be "residential" or "commercial", not "${String(customerType)}".`,
    );
  }
  const utility = options.utility?.trim().toLowerCase() ?? '';
  const region = options.region?.trim().toUpperCase() ?? '';
  const directUtility = utility ? DIRECT_UTILITIES[utility] : undefined;

  if (mode === 'connect') {
    return { flow: 'connect', reason: 'Leap Connect, as requested by mode "connect".' };
  }

  const refusal =
    customerType === 'commercial'
      ? 'California commercial customers must sign the Prohibited Resources Attestation, which only Leap Connect offers'
      : region && region !== CALIFORNIA_REGION
        ? `Direct to Utility covers only California (CAISO), not ${region}`
        : !utility
          ? 'no utility was given, so the customer picks it in Leap Connect'
          : !directUtility
            ? `utility "${utility}" has no Direct to Utility link (only ${Object.keys(DIRECT_UTILITIES).join(', ')})`
            : null;

  if (mode === 'direct') {
    if (!utility) {
      throw new ConnectUrlError('MISSING_UTILITY', 'utility', 'mode "direct" needs a utility: one of pge, sce, sdge.');
    }
    if (refusal) {
      throw new ConnectUrlError(
        'DIRECT_NOT_ALLOWED',
        customerType === 'commercial' ? 'customerType' : region && region !== CALIFORNIA_REGION ? 'region' : 'utility',
        `Direct to Utility is not allowed here: ${refusal}. Use mode "auto" or "connect".`,
      );
    }
    return { flow: 'direct', reason: `Direct to Utility, as requested by mode "direct" (${directUtility}).` };
  }

  if (refusal) return { flow: 'connect', reason: `Leap Connect: ${refusal}.` };
  return {
    flow: 'direct',
    reason: `Direct to Utility: residential customer of ${directUtility}, a California ShareMyData utility.`,
  };
}

/** Builds the URL that starts Leap's authorization flow. Throws `ConnectUrlError` on invalid input. */
export function buildConnectUrl(options: ConnectUrlOptions): ConnectUrlResult {
  if (!options || typeof options !== 'object') {
    throw new ConnectUrlError('INVALID_OPTION', 'options', 'buildConnectUrl needs an options object.');
  }
  if (options.org === undefined || options.org === null || String(options.org).trim() === '') {
    throw new ConnectUrlError('MISSING_ORG', 'org', 'org is required: the organization name Leap generated for you.');
  }
  const environment = options.environment ?? 'production';
  if (environment !== 'production' && environment !== 'staging') {
    throw new ConnectUrlError(
      'INVALID_OPTION',
      'environment',
      `environment must be "production" or "staging", not "${String(environment)}".`,
    );
  }

  const choice = chooseConnectFlow(options);
  const org = checkSegment(options.org, 'org');
  const segments = [org];
  const query: Array<[string, string]> = [];

  if (choice.flow === 'direct') {
    segments.push(checkSegment(options.utility!.trim().toLowerCase(), 'utility'), 'getting-started');
  } else {
    if (options.flow === undefined || options.flow === null || String(options.flow).trim() === '') {
      throw new ConnectUrlError(
        'MISSING_FLOW',
        'flow',
        `flow is required for Leap Connect: set it to your Leap Connect url-title. (${choice.reason})`,
      );
    }
    segments.push(checkSegment(options.flow, 'flow'));
    const requested = options.requestedUtilities?.length
      ? options.requestedUtilities
      : options.utility?.trim()
        ? [options.utility.trim()]
        : [];
    const cleaned = requested.map((u) => String(u).trim()).filter(Boolean);
    if (cleaned.length) query.push(['requestedUtilities', cleaned.join(',')]);
  }

  const refId = options.refId ?? '';
  if (refId !== '') {
    const encoded = encodeLeapComponent(String(refId), 'refId');
    if (encoded.length > REF_ID_MAX_LENGTH) {
      throw new ConnectUrlError(
        'REF_ID_TOO_LONG',
        'refId',
        `refId is ${encoded.length} characters once URL-encoded; Leap accepts at most ${REF_ID_MAX_LENGTH}. Use a shorter id (it is never truncated).`,
      );
    }
    query.push(['refId', String(refId)]);
  }

  const redirectPairs = normalizeRedirectParams(options.redirectParams);
  if (redirectPairs.length) {
    const inner = redirectPairs
      .map(([k, v]) => `${encodeLeapComponent(k, 'redirectParams')}=${encodeLeapComponent(v, 'redirectParams')}`)
      .join('&');
    query.push(['additional_redirect_params', inner]);
  }

  const base =
    choice.flow === 'direct'
      ? checkBase(options.directBase ?? LEAP_HOSTS.direct[environment], 'directBase')
      : checkBase(options.connectBase ?? LEAP_HOSTS.connect[environment], 'connectBase');

  const url = new URL(base.href);
  url.pathname = `${base.pathname.replace(/\/+$/, '')}/${segments.map((s) => encodeLeapComponent(s)).join('/')}`;
  // Encoded by hand: URLSearchParams writes spaces as "+" and leaves "~!'()" alone, which Leap's rules forbid.
  url.search = query.map(([k, v]) => `${k}=${encodeLeapComponent(v, k)}`).join('&');
  url.hash = '';

  const reason =
    refId === ''
      ? `${choice.reason} Warning: no refId, so the connection will not be traceable to a customer.`
      : choice.reason;
  return { url: url.href, flow: choice.flow, reason };
}

/**
 * Reads the Final Redirect URL Leap sends the customer back to: `refId` and the custom parameters
 * (`additional_redirect_params` is unwrapped if still present; Leap's own start parameters are left out).
 * The URL is not proof of anything: confirm the connection server-side.
 */
export function parseConnectReturn(url: string | URL): ConnectReturn {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url, 'https://return.invalid/') : new URL(url.href);
  } catch {
    return { refId: null, params: {} };
  }
  // Collected as entries so a parameter named "__proto__" stays an ordinary key.
  const entries: Array<[string, string]> = [];
  let refId: string | null = null;
  for (const [key, value] of parsed.searchParams) {
    if (key === 'refId') {
      refId = value === '' ? null : value;
    } else if (key === 'additional_redirect_params') {
      entries.push(...new URLSearchParams(value));
    } else if (!LEAP_START_PARAMS.has(key)) {
      entries.push([key, value]);
    }
  }
  return { refId, params: Object.fromEntries(entries) };
}

/** Turns any accepted `redirectParams` form into ordered pairs and rejects reserved or empty keys. */
export function normalizeRedirectParams(input: RedirectParamsInput | undefined | null): Array<[string, string]> {
  if (input === undefined || input === null || input === '') return [];
  let pairs: Array<[string, string]>;
  if (typeof input === 'string') {
    // Un-encoded query string: split on "&" and the first "="; nothing is decoded.
    pairs = input
      .replace(/^\?/, '')
      .split('&')
      .filter((part) => part !== '')
      .map((part) => {
        const eq = part.indexOf('=');
        return eq === -1 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
      });
  } else if (input instanceof URLSearchParams) {
    pairs = [...input];
  } else if (typeof input === 'object') {
    pairs = Object.entries(input).map(([k, v]) => [k, v === undefined || v === null ? '' : String(v)]);
  } else {
    throw new ConnectUrlError(
      'INVALID_PARAM',
      'redirectParams',
      'redirectParams must be an object, URLSearchParams or a query string.',
    );
  }
  for (const [key] of pairs) {
    if (key === '') {
      throw new ConnectUrlError(
        'INVALID_PARAM',
        'redirectParams',
        'redirectParams has a parameter with an empty name.',
      );
    }
    if (RESERVED_REDIRECT_PARAMS.includes(key)) {
      throw new ConnectUrlError(
        'RESERVED_PARAM',
        'redirectParams',
        `redirectParams cannot contain "${key}": Leap sets it itself. Pass the customer id as refId instead.`,
      );
    }
  }
  return pairs;
}

// Control characters (C0, DEL, C1) and any Unicode whitespace.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_SEGMENT = /[\u0000-\u001f\u007f-\u009f\s/\\?#%]/u;

function checkSegment(value: unknown, field: string): string {
  const text = String(value ?? '');
  if (text === '') {
    throw new ConnectUrlError('INVALID_SEGMENT', field, `${field} must not be empty.`);
  }
  if (FORBIDDEN_IN_SEGMENT.test(text) || text === '.' || text.includes('..')) {
    throw new ConnectUrlError(
      'INVALID_SEGMENT',
      field,
      `${field} "${text}" is used as a URL path segment and must not contain "/", "\\", "?", "#", "%", "..", whitespace or control characters.`,
    );
  }
  return text;
}

function checkBase(value: string, field: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConnectUrlError('INVALID_BASE', field, `${field} "${value}" is not an absolute URL.`);
  }
  if (url.protocol !== 'https:') {
    throw new ConnectUrlError('INSECURE_BASE', field, `${field} must use https, not ${url.protocol.replace(':', '')}.`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConnectUrlError(
      'INVALID_BASE',
      field,
      `${field} must be a plain https origin or path, without credentials, query or fragment.`,
    );
  }
  return url;
}
