/**
 * `jwksAuthenticator`: trust the partner's own login (Auth0, Clerk, Supabase, Cognito, Keycloak…) by verifying the
 * JWT it issues against its published JSON Web Key Set. Runtime-neutral: jose on Web Crypto and global `fetch`.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { LeapApiError } from '../core/errors.js';
import type { Logger } from './upstream.js';

/** Asymmetric only: with a JWKS, `HS*` would mean verifying with a key anyone can download. */
const DEFAULT_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const ALLOWED_ALGORITHMS = new Set([...DEFAULT_ALGORITHMS, 'Ed25519']);
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** RFC 6265 cookie-name token: no separators, whitespace or control characters. */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export interface JwksAuthenticatorOptions {
  /** The identity provider's JWKS, e.g. `https://YOUR_TENANT.us.auth0.com/.well-known/jwks.json`. https, except on localhost. */
  jwksUrl: string | URL;
  /** Expected `iss`, compared exactly (Auth0's ends with `/`). Several are accepted as an array. */
  issuer: string | string[];
  /** Expected `aud`: the token must name at least one of these. */
  audience: string | string[];
  /**
   * Also read the token from this cookie when there is no `Authorization: Bearer` header. The elements call
   * `POST {base}/session` with cookies only, so they need this mode (or a proxy that adds the header).
   */
  cookie?: string;
  /**
   * Claim holding the customer's reference id. Default `sub`. A string is a dotted path into objects
   * (`app_metadata.customer_id`), and reads nested claims only: never a top-level claim whose own name has dots, which
   * a user may be able to set. For a claim whose name has dots (Auth0's `https://example.com/customer_id`), give the
   * path as a list of names: `['https://example.com/customer_id']`. Numbers become strings; the id must follow Leap's
   * reference id rule, or the session is refused (400).
   */
  claim?: string | readonly string[];
  /** Signature algorithms accepted. Default: the asymmetric ones (RS*, PS*, ES*, EdDSA); `none` and `HS*` never. */
  algorithms?: string[];
  /** Leeway for `exp` and `nbf`, for clocks that disagree a little. Default 5. */
  clockToleranceSeconds?: number;
  /** Deadline for one JWKS download. Default 5000. */
  timeoutMs?: number;
  /** Receives why a token was refused (`info`) and JWKS outages (`warn`); never the token. Default: warnings to the console. */
  logger?: Logger;
}

/** A failure to get the key set at all, as opposed to a token the key set does not vouch for. */
class JwksUnavailable extends Error {}

const defaultLogger: Logger = (level, message, fields) => {
  if (level === 'info') return;
  console.error(`[leap-elements] ${level}: ${message}`, fields ?? '');
};

/**
 * An `authenticate` for `createLeapHandler` that accepts a JWT from the partner's identity provider, verified against
 * its JWKS, and names the customer by its `sub` (or `claim`).
 *
 * - The token is read from `Authorization: Bearer <jwt>`, else from the `cookie` named in the options.
 * - Signature (keys cached; an unknown `kid` refetches the set, at most once per 30 s), `iss`, `aud`, `exp` (required)
 *   and `nbf` are checked. Any failure, or no token, is `null` (401), with an `info` log line naming jose's error code.
 * - When the JWKS cannot be fetched (down, timeout, non-200, not a key set) it throws a `LeapApiError` 503
 *   "Sign-in service unavailable" and logs a `warn` line, so an outage is not mistaken for a signed-out customer.
 *
 * Options are checked here, so a misconfigured backend fails at startup. Create it once and reuse it: the key cache
 * lives in the returned function.
 *
 * @example Auth0, with the access token sent by your own code as `Authorization: Bearer …`:
 * ```ts
 * const handler = createLeapHandler({
 *   apiKey: process.env.LEAP_API_KEY,
 *   sessionSecret: process.env.LEAP_SESSION_SECRET,
 *   authenticate: jwksAuthenticator({
 *     jwksUrl: 'https://YOUR_TENANT.us.auth0.com/.well-known/jwks.json',
 *     issuer: 'https://YOUR_TENANT.us.auth0.com/',
 *     audience: 'https://api.your-shop.example', // the identifier of your Auth0 API
 *     claim: 'https://your-shop.example/customer_id', // optional: a custom claim set by an Auth0 Action
 *   }),
 * });
 * ```
 *
 * @example Supabase (asymmetric JWT signing keys), the access token in a cookie your app sets:
 * ```ts
 * const handler = createLeapHandler({
 *   apiKey: process.env.LEAP_API_KEY,
 *   sessionSecret: process.env.LEAP_SESSION_SECRET,
 *   authenticate: jwksAuthenticator({
 *     jwksUrl: 'https://YOUR_PROJECT.supabase.co/auth/v1/.well-known/jwks.json',
 *     issuer: 'https://YOUR_PROJECT.supabase.co/auth/v1',
 *     audience: 'authenticated',
 *     cookie: 'sb-access-token',
 *   }),
 * });
 * ```
 */
export function jwksAuthenticator(
  options: JwksAuthenticatorOptions,
): (request: Request) => Promise<{ referenceId: string } | null> {
  const jwksUrl = checkJwksUrl(options.jwksUrl);
  const issuer = checkStrings('issuer', options.issuer);
  const audience = checkStrings('audience', options.audience);
  const algorithms = checkAlgorithms(options.algorithms);
  const cookie = options.cookie;
  if (cookie !== undefined && !(typeof cookie === 'string' && COOKIE_NAME.test(cookie))) {
    throw new Error("jwksAuthenticator: cookie must be a cookie name (letters, digits and !#$%&'*+-.^_`|~).");
  }
  const claimPath = claimPathOf(options.claim ?? 'sub');
  const clockTolerance = options.clockToleranceSeconds ?? 5;
  if (typeof clockTolerance !== 'number' || !Number.isFinite(clockTolerance) || clockTolerance < 0) {
    throw new Error('jwksAuthenticator: clockToleranceSeconds must be a number of seconds, 0 or more.');
  }
  const timeoutMs = options.timeoutMs ?? 5000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
    throw new Error('jwksAuthenticator: timeoutMs must be a whole number of milliseconds, 1 or more.');
  }
  const log = options.logger ?? defaultLogger;

  const keySet = createRemoteJWKSet(jwksUrl, { timeoutDuration: timeoutMs });
  // Errors raised while getting the key set are sorted here, where it is still known that they came from the JWKS.
  const getKey: JWTVerifyGetKey = async (header, token) => {
    try {
      return await keySet(header, token);
    } catch (error) {
      throw isOutage(error) ? new JwksUnavailable('JWKS unavailable', { cause: error }) : error;
    }
  };

  return async (request) => {
    const token = bearerToken(request) ?? (cookie ? cookieValue(request.headers.get('cookie'), cookie) : undefined);
    if (!token) return null;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, getKey, {
        issuer,
        audience,
        algorithms,
        clockTolerance,
        // A token without an expiry would be good forever once stolen.
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      if (error instanceof JwksUnavailable) {
        log('warn', 'Could not get the sign-in keys (JWKS)', { host: jwksUrl.host, error: describe(error.cause) });
        throw new LeapApiError({ status: 503, title: 'Sign-in service unavailable', details: {} });
      }
      // Anything that is not jose's verdict on the token is a bug or a broken key, not a signed-out customer.
      if (!(error instanceof errors.JOSEError)) throw error;
      const because = error as errors.JOSEError & { claim?: string; reason?: string };
      log('info', 'Refused a sign-in token', {
        code: because.code,
        ...(because.claim ? { claim: because.claim, reason: because.reason } : {}),
      });
      return null;
    }
    const referenceId = referenceIdFrom(readClaim(payload, claimPath));
    if (referenceId === null) {
      log('info', 'Refused a sign-in token: no usable reference id in its claims', { claim: claimPath.join('.') });
      return null;
    }
    return { referenceId };
  };
}

/**
 * Whether a failure while getting the key set means the JWKS could not be had (an outage) rather than that it has no
 * key for this token. jose throws a plain `JOSEError` only for a non-200 answer or a body that is not JSON; a
 * non-jose error is `fetch` failing (connection refused, DNS) or key material the runtime cannot import.
 */
function isOutage(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) return true;
  return (
    error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error.code === 'ERR_JOSE_GENERIC'
  );
}

function bearerToken(request: Request): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1];
}

/** The first cookie called `name` in a `Cookie` header (`a=1; b=2`), URL-decoded when it is encoded. */
function cookieValue(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    let value = pair.slice(eq + 1).trim();
    // RFC 6265 allows a value in double quotes.
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      value = decodeURIComponent(value);
    } catch {
      // Not valid percent-encoding: keep it as sent, jose will refuse it as malformed.
    }
    return value === '' ? undefined : value;
  }
  return undefined;
}

/** `'a.b'` → `['a', 'b']`; a list is taken as it is (names that contain dots). */
function claimPathOf(claim: unknown): readonly string[] {
  const path = typeof claim === 'string' ? claim.split('.') : claim;
  if (!Array.isArray(path) || path.length === 0 || !path.every((name) => typeof name === 'string' && name !== '')) {
    throw new Error(
      "jwksAuthenticator: claim must be a dotted path such as 'app_metadata.customer_id', or a list of claim names such as ['https://example.com/customer_id'].",
    );
  }
  return [...(path as string[])];
}

/** The value at `path` in the claims, one own property per step. */
function readClaim(claims: unknown, path: readonly string[]): unknown {
  let value = claims;
  for (const name of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    if (!Object.hasOwn(value, name)) return undefined;
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}

/** A string or a number as text; anything else is no id. Leap's rule is checked where every session is made. */
function referenceIdFrom(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return typeof value === 'string' && value !== '' ? value : null;
}

function checkJwksUrl(value: unknown): URL {
  if (value === undefined || value === null || value === '') throw new Error('jwksAuthenticator: jwksUrl is required.');
  let url: URL;
  try {
    url = new URL(value instanceof URL ? value.href : String(value));
  } catch {
    throw new Error(
      'jwksAuthenticator: jwksUrl must be an absolute URL, such as https://YOUR_TENANT/.well-known/jwks.json.',
    );
  }
  const local = url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !local) {
    throw new Error(
      `jwksAuthenticator: jwksUrl must be https (http only for localhost), got ${url.protocol}//${url.host}.`,
    );
  }
  if (url.username || url.password) throw new Error('jwksAuthenticator: jwksUrl must not carry credentials.');
  return url;
}

function checkStrings(option: 'issuer' | 'audience', value: unknown): string | string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((item) => typeof item === 'string' && item !== '')) {
    throw new Error(`jwksAuthenticator: ${option} is required: a non-empty string or an array of them.`);
  }
  return value as string | string[];
}

function checkAlgorithms(value: unknown): string[] {
  if (value === undefined) return DEFAULT_ALGORITHMS;
  if (!Array.isArray(value) || value.length === 0 || !value.every((alg) => ALLOWED_ALGORITHMS.has(alg))) {
    throw new Error(
      `jwksAuthenticator: algorithms must be a non-empty list drawn from ${[...ALLOWED_ALGORITHMS].join(', ')} (never none or HS*).`,
    );
  }
  return [...value];
}

function describe(error: unknown): string {
  if (error instanceof errors.JOSEError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) {
    const code = (error.cause as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
