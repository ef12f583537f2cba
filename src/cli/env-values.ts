/**
 * Readers for one environment variable each, shared by `serve` and the job commands: each returns the value, or
 * pushes one line naming the variable, what it must be and what it got (never a secret's value) and returns undefined.
 */
import { secretProblem } from '../server/secret-strength.js';

/** An environment variable, trimmed; unset and empty are the same. */
export type EnvText = (name: string) => string | undefined;

export function envText(env: Record<string, string | undefined>): EnvText {
  return (name) => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
}

/** `1`/`true`/`yes`/`on` or `0`/`false`/`no`/`off`. */
export function readFlag(name: string, value: string | undefined, problems: string[]): boolean | undefined {
  if (value === undefined) return undefined;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  problems.push(`${name} must be 1 or 0 (got "${value}").`);
  return undefined;
}

export function readApiKey(value: string | undefined, problems: string[]): string | undefined {
  if (value !== undefined && !/^[\x21-\x7e]+$/.test(value)) {
    problems.push('LEAP_API_KEY must be printable ASCII without spaces (check for a pasted line break or quote).');
    return undefined;
  }
  return value;
}

/** A signing or shared secret: random, 32 bytes or more. */
export function readSecret(name: string, value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  const problem = secretProblem(name, value);
  if (problem) problems.push(problem);
  return value;
}

/** A whole number from `min` to `max`. */
export function readInteger(
  name: string,
  value: string | undefined,
  { min, max, unit }: { min: number; max: number; unit: string },
  problems: string[],
): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    problems.push(`${name} must be ${unit} from ${min} to ${max} (got "${value}").`);
    return undefined;
  }
  return number;
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
export function readHttpUrl(name: string, value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (isHttpUrl(value)) return value;
  problems.push(`${name} must be an http or https URL, such as http://app:3000/leap/webhooks (got "${value}").`);
  return undefined;
}
