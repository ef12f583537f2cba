/**
 * Every `LEAP_*` variable a command of leap-elements reads, so that a typo (`LEAP_APIKEY`) is reported at start with
 * the name it was probably meant to be, instead of being silently ignored.
 */

/** Read by `serve`. */
export const SERVE_VARIABLES = [
  'PORT',
  'HOST',
  'LEAP_API_KEY',
  'LEAP_MOCK',
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
  'LEAP_REDIS_TIMEOUT_MS',
  'LEAP_RATE_LIMIT_IP',
  'LEAP_RATE_LIMIT_TOKEN',
  'LEAP_TRUST_PROXY',
  'LEAP_INCENTIVES_BASE_URL',
  'LEAP_PLATFORM_BASE_URL',
  'LEAP_ENVIRONMENT',
  'LEAP_WEBHOOK_SECRET',
  'LEAP_WEBHOOK_FORWARD_URL',
] as const;

/** Read by the job commands (`sync`, `create-meters`, `applications`, `webhooks`). */
export const JOB_VARIABLES = [
  'LEAP_API_KEY',
  'LEAP_ENVIRONMENT',
  'LEAP_INCENTIVES_BASE_URL',
  'LEAP_PLATFORM_BASE_URL',
] as const;

const KNOWN = new Set<string>([...SERVE_VARIABLES, ...JOB_VARIABLES]);

/** One warning line per `LEAP_*` variable no command reads, naming the nearest known one. */
export function unknownVariables(env: Record<string, string | undefined>, known = KNOWN): string[] {
  return Object.keys(env)
    .filter((name) => name.startsWith('LEAP_') && !known.has(name))
    .sort()
    .map((name) => `${name} is not a variable leap-elements reads: did you mean ${nearest(name, known)}?`);
}

function nearest(name: string, known: ReadonlySet<string>): string {
  let best = '';
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** Levenshtein distance: insertions, deletions and substitutions of one character each. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
