/**
 * `leap-elements serve` is configured only by environment variables. This reads and checks all of them at once, so a
 * misconfigured server stops at start with one line per problem, and never repeats a secret's value.
 */
import type { RateLimitRule } from '../server/rate-limit.js';
import { SERVE_VARIABLES, unknownVariables } from './env-names.js';
import {
  envText,
  readApiKey,
  readEnvironment,
  readFlag,
  readHttpsUrl,
  readHttpUrl,
  readInteger,
  readSecret,
  type EnvText,
} from './env-values.js';

export { SERVE_VARIABLES };
export { isHttpUrl, readEnvironment, readHttpsUrl } from './env-values.js';

export interface ServeConfig {
  port: number;
  host: string;
  basePath: string;
  /** Absent: a mock answers (see `mock`). */
  apiKey?: string;
  /**
   * Where answers come from when there is no key: `explicit` (LEAP_MOCK=1) or `local` (no key and no LEAP_MOCK outside
   * production: the mock, on 127.0.0.1 only). False: the real Leap API.
   */
  mock: 'explicit' | 'local' | false;
  sessionSecret?: string;
  allowedOrigins: string[];
  partnerSecret?: string;
  jwks?: { jwksUrl: string; issuer: string; audience: string; cookie?: string; claim?: string | string[] };
  guestSessions?: boolean;
  redisUrl?: string;
  /** How long a rate-limit check waits for Redis before counting on this instance alone. */
  redisTimeoutMs?: number;
  ipRule: RateLimitRule | false;
  tokenRule: RateLimitRule | false;
  trustProxy?: boolean | number;
  incentivesBaseUrl?: string;
  platformBaseUrl?: string;
  environment?: 'production' | 'staging';
  webhookSecret?: string;
  /** Where verified webhooks go; absent: they are logged. */
  webhookForwardUrl?: string;
}

export interface EnvReading {
  config: ServeConfig | null;
  /** One line each; the server must not start when there is any. */
  problems: string[];
  /** One line each; printed at start. */
  warnings: string[];
  /** One line per `LEAP_*` variable no command reads, with the name it was probably meant to be: printed in any case. */
  unknown: string[];
}

const DEFAULT_IP_RULE: RateLimitRule = { limit: 120, windowSeconds: 60 };
const DEFAULT_TOKEN_RULE: RateLimitRule = { limit: 60, windowSeconds: 60 };
const LOOPBACK = '127.0.0.1';

export function readServeEnv(env: Record<string, string | undefined>): EnvReading {
  const problems: string[] = [];
  const warnings: string[] = [];
  const unknown = unknownVariables(env);
  const text = envText(env);

  const port = readPort(text('PORT'), problems);
  const basePath = text('LEAP_BASE_PATH') ?? '/api/leap';
  if (!/^\/[A-Za-z0-9._~\-/]*$/.test(basePath)) {
    problems.push(`LEAP_BASE_PATH must be a URL path starting with /, such as /api/leap (got "${basePath}").`);
  }

  const apiKey = readApiKey(text('LEAP_API_KEY'), problems);
  const mock = readMockMode(text, env.NODE_ENV === 'production', problems);
  const host = readHost(text('HOST'), mock, problems);
  const sessionSecret = readSecret('LEAP_SESSION_SECRET', text('LEAP_SESSION_SECRET'), problems);
  if (apiKey !== undefined && sessionSecret === undefined) {
    problems.push(
      'LEAP_SESSION_SECRET is required when LEAP_API_KEY is set (the same on every instance): openssl rand -base64 48',
    );
  }
  const partnerSecret = readSecret('LEAP_PARTNER_SECRET', text('LEAP_PARTNER_SECRET'), problems);
  const webhookSecret = readSecret('LEAP_WEBHOOK_SECRET', text('LEAP_WEBHOOK_SECRET'), problems);
  const webhookForwardUrl = readHttpUrl('LEAP_WEBHOOK_FORWARD_URL', text('LEAP_WEBHOOK_FORWARD_URL'), problems);
  if (webhookForwardUrl !== undefined && webhookSecret === undefined) {
    problems.push('LEAP_WEBHOOK_FORWARD_URL needs LEAP_WEBHOOK_SECRET, which enables the webhook route.');
  }

  const allowedOrigins = (text('LEAP_ALLOWED_ORIGINS') ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of allowedOrigins) {
    if (!isOrigin(origin)) {
      problems.push(
        `LEAP_ALLOWED_ORIGINS: "${origin}" is not an origin; write scheme://host[:port], such as https://shop.example.com.`,
      );
    }
  }

  const jwks = readJwks(text, problems);
  const guestSessions = readFlag('LEAP_GUEST_SESSIONS', text('LEAP_GUEST_SESSIONS'), problems);

  const redisUrl = text('LEAP_REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) {
    problems.push('LEAP_REDIS_URL must be a redis:// or rediss:// URL.');
  }
  const redisTimeoutMs = readInteger(
    'LEAP_REDIS_TIMEOUT_MS',
    text('LEAP_REDIS_TIMEOUT_MS'),
    { min: 1, max: 10_000, unit: 'milliseconds' },
    problems,
  );

  const ipRule = readRule('LEAP_RATE_LIMIT_IP', text('LEAP_RATE_LIMIT_IP'), DEFAULT_IP_RULE, problems);
  const tokenRule = readRule('LEAP_RATE_LIMIT_TOKEN', text('LEAP_RATE_LIMIT_TOKEN'), DEFAULT_TOKEN_RULE, problems);

  const trustText = text('LEAP_TRUST_PROXY');
  let trustProxy: boolean | number | undefined;
  if (trustText !== undefined) {
    if (/^(1|true)$/i.test(trustText)) trustProxy = true;
    else if (/^(0|false)$/i.test(trustText)) trustProxy = false;
    else if (/^[1-9]\d?$/.test(trustText)) trustProxy = Number(trustText);
    else problems.push(`LEAP_TRUST_PROXY must be true, false or the number of proxies in front (got "${trustText}").`);
  }

  const incentivesBaseUrl = readHttpsUrl('LEAP_INCENTIVES_BASE_URL', text('LEAP_INCENTIVES_BASE_URL'), problems);
  const platformBaseUrl = readHttpsUrl('LEAP_PLATFORM_BASE_URL', text('LEAP_PLATFORM_BASE_URL'), problems);
  const environment = readEnvironment(text('LEAP_ENVIRONMENT'), problems);

  if (guestSessions === undefined && !partnerSecret && !jwks) {
    warnings.push(
      'Guest sessions: anyone can get a session for a fresh anonymous customer. Set LEAP_PARTNER_SECRET or LEAP_AUTH_JWKS_URL to sign customers in, or LEAP_GUEST_SESSIONS=1 to keep this and silence the line.',
    );
  }
  if (redisUrl === undefined) {
    warnings.push('LEAP_REDIS_URL is not set: rate limits count per instance.');
    if (redisTimeoutMs !== undefined) warnings.push('LEAP_REDIS_TIMEOUT_MS has no effect without LEAP_REDIS_URL.');
  }
  if (webhookSecret !== undefined && webhookForwardUrl === undefined) {
    warnings.push('LEAP_WEBHOOK_FORWARD_URL is not set: webhooks are verified and logged, not passed on.');
  }

  if (problems.length || mock === undefined) return { config: null, problems, warnings, unknown };
  return {
    config: {
      port: port!,
      host,
      basePath,
      apiKey,
      mock,
      sessionSecret,
      allowedOrigins,
      partnerSecret,
      jwks,
      guestSessions,
      redisUrl,
      redisTimeoutMs,
      ipRule,
      tokenRule,
      trustProxy,
      incentivesBaseUrl,
      platformBaseUrl,
      environment,
      webhookSecret,
      webhookForwardUrl,
    },
    problems,
    warnings,
    unknown,
  };
}

/**
 * Never a mock by omission where customers could see it: the mock answers when LEAP_MOCK=1 says so, or, with neither a
 * key nor LEAP_MOCK, only outside production (the README's first command), and then only on this machine.
 */
function readMockMode(text: EnvText, production: boolean, problems: string[]): ServeConfig['mock'] | undefined {
  const hasKey = text('LEAP_API_KEY') !== undefined;
  const flag = readFlag('LEAP_MOCK', text('LEAP_MOCK'), problems);
  if (hasKey && flag === true) {
    problems.push(
      'LEAP_MOCK=1 and LEAP_API_KEY are both set: unset LEAP_MOCK to call the real Leap API, or LEAP_API_KEY to answer from the mock.',
    );
    return undefined;
  }
  if (hasKey) return false;
  if (flag === true) return 'explicit';
  if (flag === false || production) {
    problems.push(
      `LEAP_API_KEY is not set${flag === false ? ' and LEAP_MOCK=0' : ' and NODE_ENV is production'}: set LEAP_API_KEY for the real Leap API, or LEAP_MOCK=1 to answer from the embedded mock (sample data).`,
    );
    return undefined;
  }
  return 'local';
}

/** Every interface, except for the mock nobody asked for: that one only answers this machine. */
function readHost(value: string | undefined, mock: ServeConfig['mock'] | undefined, problems: string[]): string {
  if (mock !== 'local') return value ?? '0.0.0.0';
  if (value !== undefined && !['127.0.0.1', 'localhost', '::1'].includes(value)) {
    problems.push(
      `HOST=${value} would show the mock's sample data to other machines: set LEAP_API_KEY for the real Leap API, or LEAP_MOCK=1 to serve the mock there on purpose.`,
    );
  }
  return value ?? LOOPBACK;
}

function readPort(value: string | undefined, problems: string[]): number | undefined {
  if (value === undefined) return 8787;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    problems.push(`PORT must be a port number from 0 to 65535 (got "${value}").`);
    return undefined;
  }
  return port;
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value.replace(/\/+$/, '');
  } catch {
    return false;
  }
}

function readJwks(text: EnvText, problems: string[]): ServeConfig['jwks'] {
  const jwksUrl = readHttpsUrl('LEAP_AUTH_JWKS_URL', text('LEAP_AUTH_JWKS_URL'), problems);
  const issuer = text('LEAP_AUTH_ISSUER');
  const audience = text('LEAP_AUTH_AUDIENCE');
  const cookie = text('LEAP_AUTH_COOKIE');
  const claimText = text('LEAP_AUTH_CLAIM');
  const claim = readClaim(claimText, problems);
  const set = { jwksUrl: text('LEAP_AUTH_JWKS_URL'), issuer, audience, cookie, claimText };
  if (Object.values(set).every((value) => value === undefined)) return undefined;
  if (set.jwksUrl === undefined) {
    problems.push('LEAP_AUTH_JWKS_URL is required when any other LEAP_AUTH_* variable is set.');
  }
  if (issuer === undefined) problems.push("LEAP_AUTH_ISSUER is required with LEAP_AUTH_JWKS_URL (your tokens' iss).");
  if (audience === undefined) {
    problems.push("LEAP_AUTH_AUDIENCE is required with LEAP_AUTH_JWKS_URL (your tokens' aud).");
  }
  if (cookie !== undefined && !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(cookie)) {
    problems.push(`LEAP_AUTH_COOKIE must be a cookie name (got "${cookie}").`);
  }
  if (!jwksUrl || !issuer || !audience) return undefined;
  return { jwksUrl, issuer, audience, cookie, claim };
}

/**
 * A dotted path into the token's claims (`app_metadata.customer_id`), or, for a claim whose own name has dots, a JSON
 * list of names: `["https://shop.example/customer_id"]`.
 */
function readClaim(value: string | undefined, problems: string[]): string | string[] | undefined {
  if (value === undefined || !value.startsWith('[')) return value;
  let names: unknown;
  try {
    names = JSON.parse(value);
  } catch {
    names = null;
  }
  if (Array.isArray(names) && names.length > 0 && names.every((name) => typeof name === 'string' && name !== '')) {
    return names as string[];
  }
  problems.push(
    `LEAP_AUTH_CLAIM must be a dotted path such as app_metadata.customer_id, or a JSON list of claim names such as ["https://shop.example/customer_id"] (got "${value}").`,
  );
  return undefined;
}

function readRule(
  name: string,
  value: string | undefined,
  fallback: RateLimitRule,
  problems: string[],
): RateLimitRule | false {
  if (value === undefined) return fallback;
  if (/^off$/i.test(value)) return false;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
    problems.push(`${name} must be limit/windowSeconds, such as 120/60, or off (got "${value}").`);
    return fallback;
  }
  return { limit: Number(match[1]), windowSeconds: Number(match[2]) };
}
