/**
 * Secrets out of everything that leaves the server or is logged: Leap may echo the API key in an error or an answer,
 * and a malformed value can end up in an exception message. Every occurrence is replaced, however deep.
 */
const MASK = '[redacted]';

export type Redact = <T>(value: T) => T;

/** A function that masks every occurrence of `secrets` in strings, arrays and plain objects (copies, never mutates). */
export function redactor(secrets: ReadonlyArray<string | undefined>): Redact {
  // Short values would mask ordinary words; the shortest real secret is far longer.
  const needles = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8))];
  if (needles.length === 0) return (value) => value;
  const maskText = (text: string) =>
    needles.some((n) => text.includes(n)) ? needles.reduce((t, n) => t.replaceAll(n, MASK), text) : text;
  const walk = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return maskText(value);
    if (depth > 20 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1));
    if (value instanceof Error) return maskText(value.message);
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[maskText(key)] = walk(inner, depth + 1);
    return out;
  };
  return <T>(value: T) => walk(value, 0) as T;
}

/**
 * The JSON text of `value` with every secret masked. A secret inside a JSON string is written escaped, so the escaped
 * form is what is looked for; checking the text once costs far less than walking the answer.
 */
export function redactedJson(value: unknown, secrets: ReadonlyArray<string>): string {
  return redactedText(JSON.stringify(value), secrets);
}

/** JSON text with every secret masked (as written inside a JSON string). */
export function redactedText(json: string, secrets: ReadonlyArray<string>): string {
  let text = json;
  for (const secret of secrets) {
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (text.includes(escaped)) text = text.replaceAll(escaped, MASK);
  }
  return text;
}

/** How to tell, in one pass per secret, whether a JSON text may spell one of them. */
interface SecretScan {
  /** Each secret as JSON writes it inside a string. */
  written: string[];
  /** Every UTF-16 code unit of every secret: a `\uXXXX` escape of one of them could spell a secret another way. */
  units: Set<number>;
  /** `\/` is another way to write a slash. */
  slash: boolean;
}

const scans = new WeakMap<readonly string[], SecretScan>();

function scanFor(secrets: readonly string[]): SecretScan {
  let scan = scans.get(secrets);
  if (!scan) {
    const units = new Set<number>();
    for (const secret of secrets) for (let i = 0; i < secret.length; i += 1) units.add(secret.charCodeAt(i));
    scan = {
      written: secrets.map((secret) => JSON.stringify(secret).slice(1, -1)),
      units,
      slash: secrets.some((secret) => secret.includes('/')),
    };
    scans.set(secrets, scan);
  }
  return scan;
}

/**
 * Whether a JSON text could read as a secret once parsed: it holds a secret as JSON writes it, or an escape that could
 * write part of one differently (`\uXXXX` of a character a secret has, or `\/` when one has a slash). False means the
 * text can be passed on exactly as it is; true, that it must be parsed and written again with the secrets masked
 * (`redactedJson`). A false alarm only costs that rewrite.
 */
export function mayHoldSecret(json: string, secrets: readonly string[]): boolean {
  if (secrets.length === 0) return false;
  const { written, units, slash } = scanFor(secrets);
  for (const needle of written) if (json.includes(needle)) return true;
  if (slash && json.includes('\\/')) return true;
  for (let at = json.indexOf('\\u'); at !== -1; at = json.indexOf('\\u', at + 2)) {
    if (units.has(parseInt(json.slice(at + 2, at + 6), 16))) return true;
  }
  return false;
}
