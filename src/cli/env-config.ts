/**
 * `leap-elements serve` is configured only by environment variables. This reads and checks all of them at once, so a
 * misconfigured server stops at start with one line per problem, and never repeats a secret's value.
 */
import type { RateLimitRule } from '../server/rate-limit.js';

export interface ServeConfig {
  port: number;
  host: string;
  basePath: string;
  /** Absent: the embedded mock. */
  apiKey?: string;
  sessionSecret?: string;
  allowedOrigins: string[];
  partnerSecret?: string;
  jwks?: { jwksUrl: string; issuer: string; audience: string; cookie?: string; claim?: string };
  guestSessions?: boolean;
  redisUrl?: string;
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
}

/** Every variable `serve` reads, for the docs' table and for telling a typo from an unknown variable. */
export const SERVE_VARIABLES = [
  'PORT',
  'HOST',
  'LEAP_API_KEY',
  'LEAP_SESSION_SECRET',
  'LEAP_ALLOWED_ORIGINS',
  'LEAP_BASE_PATH',
  'LEAP_PARTNER_SECRET',
  'LEAP_AUTH_JWKS_URL',
  'LEAP_AUTH_ISSUER',
  'LEAP_AUTH_AUDIENCE',
  'LEAP_AUTH_COOKIE',
  'LEAP_AUTH_CLAIM',
  'LEAP_GUEST_SESSIONS',
  'LEAP_REDIS_URL',
  'LEAP_RATE_LIMIT_IP',
  'LEAP_RATE_LIMIT_TOKEN',
  'LEAP_TRUST_PROXY',
  'LEAP_INCENTIVES_BASE_URL',
  'LEAP_PLATFORM_BASE_URL',
  'LEAP_ENVIRONMENT',
  'LEAP_WEBHOOK_SECRET',
  'LEAP_WEBHOOK_FORWARD_URL',
] as const;

const MIN_SECRET_BYTES = 32;
/** The webhook secret is typed into Leap's subscription form, so it may be shorter than the signing secrets. */
const MIN_WEBHOOK_SECRET_BYTES = 16;
const DEFAULT_IP_RULE: RateLimitRule = { limit: 120, windowSeconds: 60 };
const DEFAULT_TOKEN_RULE: RateLimitRule = { limit: 60, windowSeconds: 60 };

export function readServeEnv(env: Record<string, string | undefined>): EnvReading {
  const problems: string[] = [];
  const warnings: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

  const port = readPort(text('PORT'), problems);
  const host = text('HOST') ?? '0.0.0.0';

  const basePath = text('LEAP_BASE_PATH') ?? '/api/leap';
  if (!/^\/[A-Za-z0-9._~\-/]*$/.test(basePath)) {
    problems.push(`LEAP_BASE_PATH must be a URL path starting with /, such as /api/leap (got "${basePath}").`);
  }

  const apiKey = text('LEAP_API_KEY');
  if (apiKey !== undefined && !/^[\x21-\x7e]+$/.test(apiKey)) {
    problems.push('LEAP_API_KEY must be printable ASCII without spaces (check for a pasted line break or quote).');
  }
  const sessionSecret = text('LEAP_SESSION_SECRET');
  if (apiKey !== undefined && sessionSecret === undefined) {
    problems.push(
      'LEAP_SESSION_SECRET is required when LEAP_API_KEY is set (the same on every instance): openssl rand -base64 48',
    );
  }
  checkSecretLength('LEAP_SESSION_SECRET', sessionSecret, problems);
  const partnerSecret = text('LEAP_PARTNER_SECRET');
  checkSecretLength('LEAP_PARTNER_SECRET', partnerSecret, problems);
  const webhookSecret = text('LEAP_WEBHOOK_SECRET');
  checkSecretLength('LEAP_WEBHOOK_SECRET', webhookSecret, problems, MIN_WEBHOOK_SECRET_BYTES);
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

  const guestText = text('LEAP_GUEST_SESSIONS');
  let guestSessions: boolean | undefined;
  if (guestText !== undefined) {
    if (/^(1|true|yes|on)$/i.test(guestText)) guestSessions = true;
    else if (/^(0|false|no|off)$/i.test(guestText)) guestSessions = false;
    else problems.push(`LEAP_GUEST_SESSIONS must be 1 or 0 (got "${guestText}").`);
  }

  const redisUrl = text('LEAP_REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) {
    problems.push('LEAP_REDIS_URL must be a redis:// or rediss:// URL.');
  }

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

  if (apiKey === undefined) {
    warnings.push(
      'LEAP_API_KEY is not set: answering from the embedded mock Leap (no network, sample data). Set it for the real API.',
    );
  }
  if (guestSessions === undefined && !partnerSecret && !jwks) {
    warnings.push(
      'Guest sessions: anyone can get a session for a fresh anonymous customer. Set LEAP_PARTNER_SECRET or LEAP_AUTH_JWKS_URL to sign customers in, or LEAP_GUEST_SESSIONS=1 to keep this and silence the line.',
    );
  }
  if (redisUrl === undefined) {
    warnings.push('LEAP_REDIS_URL is not set: rate limits count per instance.');
  }
  if (webhookSecret !== undefined && webhookForwardUrl === undefined) {
    warnings.push('LEAP_WEBHOOK_FORWARD_URL is not set: webhooks are verified and logged, not passed on.');
  }

  if (problems.length) return { config: null, problems, warnings };
  return {
    config: {
      port: port!,
      host,
      basePath,
      apiKey,
      sessionSecret,
      allowedOrigins,
      partnerSecret,
      jwks,
      guestSessions,
      redisUrl,
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
  };
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

function checkSecretLength(name: string, value: string | undefined, problems: string[], min = MIN_SECRET_BYTES): void {
  if (value === undefined) return;
  const bytes = new TextEncoder().encode(value).byteLength;
  if (bytes < min) {
    problems.push(`${name} must be at least ${min} bytes (it has ${bytes}): openssl rand -base64 48`);
  }
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value.replace(/\/+$/, '');
  } catch {
    return false;
  }
}

function isLocalhost(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export function readHttpsUrl(name: string, value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || (url.protocol === 'http:' && isLocalhost(url))) return value;
  } catch {
    // reported below
  }
  problems.push(`${name} must be an https URL (http only for localhost); got "${value}".`);
  return undefined;
}

export function readEnvironment(value: string | undefined, problems: string[]): 'production' | 'staging' | undefined {
  if (value === undefined || value === 'production' || value === 'staging') return value;
  problems.push(`LEAP_ENVIRONMENT must be production or staging (got "${value}").`);
  return undefined;
}

export function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

/** The partner's own app, often on a private network (http://app:3000), so plain http is fine here. */
function readHttpUrl(name: string, value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (isHttpUrl(value)) return value;
  problems.push(`${name} must be an http or https URL, such as http://app:3000/leap/webhooks (got "${value}").`);
  return undefined;
}

function readJwks(text: (name: string) => string | undefined, problems: string[]): ServeConfig['jwks'] {
  const jwksUrl = readHttpsUrl('LEAP_AUTH_JWKS_URL', text('LEAP_AUTH_JWKS_URL'), problems);
  const issuer = text('LEAP_AUTH_ISSUER');
  const audience = text('LEAP_AUTH_AUDIENCE');
  const cookie = text('LEAP_AUTH_COOKIE');
  const claim = text('LEAP_AUTH_CLAIM');
  const set = { jwksUrl: text('LEAP_AUTH_JWKS_URL'), issuer, audience, cookie, claim };
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
