/**
 * Whether a secret looks random enough to sign tokens or authenticate a server. A secret anyone could guess
 * (`aaaa…`, `password` four times, `abcd` eight times, a sentence with "secret" in it) would let them forge sessions
 * for any customer, so it is refused at start rather than trusted. `openssl rand -base64 48` always passes.
 */
export const MIN_SECRET_BYTES = 32;
export const GENERATE_SECRET = 'openssl rand -base64 48';

/** Below this many different characters a 32-byte secret is a pattern, not random (hex has 16, base64 about 40). */
const MIN_DISTINCT_CHARACTERS = 8;
/** Entropy of the character frequencies over the whole secret, in bits: 32 random hex digits give about 113. */
const MIN_ESTIMATED_BITS = 85;
/** Runs such as `abcdefgh` or `87654321` of this length or more (random hex has one in about two million secrets). */
const MAX_SEQUENCE_RUN = 8;
/** Stretches of a keyboard row such as `qwerty` of this length or more. */
const MAX_KEYBOARD_STRETCH = 6;
/**
 * Words people put in secrets they make up, as they type them (lower case, a capital first, or all capitals): matched
 * with case, so that random text meets one by chance about once in ten million secrets, not once in a hundred thousand.
 */
const GUESSABLE_WORDS =
  /[Pp]assw(or)?d|[Pp][a@]ssw[o0]rd|PASSWORD|[Ss]ecret|SECRET|[Cc]hange[-_]?me|[Ll]etmein|[Ee]xample|[Dd]efault|[Aa]dmin|[Ww]elcome|[Ss]unshine|[Ii]loveyou/;
const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/**
 * Why `secret` is too weak to use, in words for a configuration message ("has only 4 different characters"), or
 * null when it is strong enough. Never repeats the secret.
 */
export function secretWeakness(secret: string): string | null {
  const bytes = new TextEncoder().encode(secret).byteLength;
  if (bytes < MIN_SECRET_BYTES) return `is ${bytes} bytes long; it must be at least ${MIN_SECRET_BYTES}`;
  const characters = Array.from(secret);
  const distinct = new Set(characters).size;
  if (distinct < MIN_DISTINCT_CHARACTERS) return `has only ${distinct} different characters`;
  if (repeatsItself(secret)) return 'repeats the same part over and over';
  if (GUESSABLE_WORDS.test(secret)) return 'contains a common word';
  if (longestRun(secret.toLowerCase()) >= MAX_SEQUENCE_RUN || followsKeyboard(secret)) {
    return 'contains a run of consecutive characters';
  }
  if (estimatedBits(characters) < MIN_ESTIMATED_BITS) return 'is too predictable';
  return null;
}

/** The configuration problem for a named secret, or null: `LEAP_SESSION_SECRET has only 4 different characters: …`. */
export function secretProblem(name: string, secret: string): string | null {
  const weakness = secretWeakness(secret);
  return weakness && `${name} ${weakness}: use a random secret, such as the output of ${GENERATE_SECRET}`;
}

/**
 * True when the secret is mostly the same few pieces: fewer than 3 in 4 of its 3-character windows are different
 * (random text of 32 characters or more has almost no repeats; `abcd` × 8 has 4 different windows in 30).
 */
function repeatsItself(secret: string): boolean {
  const windows = new Set<string>();
  const total = secret.length - 2;
  for (let i = 0; i < total; i += 1) windows.add(secret.slice(i, i + 3));
  return windows.size < total * 0.75;
}

/** The longest run of characters that step by one in the same direction (abcde, 54321). */
function longestRun(text: string): number {
  let longest = 1;
  let run = 1;
  let direction = 0;
  for (let i = 1; i < text.length; i += 1) {
    const step = text.charCodeAt(i) - text.charCodeAt(i - 1);
    run = Math.abs(step) === 1 && (run === 1 || step === direction) ? run + 1 : 1;
    direction = step;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** A stretch of a keyboard row typed in order or backwards, in lower case (qwerty, lkjhgf). */
function followsKeyboard(text: string): boolean {
  for (const row of KEYBOARD_ROWS) {
    for (const line of [row, [...row].reverse().join('')]) {
      for (let i = 0; i + MAX_KEYBOARD_STRETCH <= line.length; i += 1) {
        if (text.includes(line.slice(i, i + MAX_KEYBOARD_STRETCH))) return true;
      }
    }
  }
  return false;
}

/** Entropy of the character frequencies times the length: a cheap estimate that punishes skewed text. */
function estimatedBits(characters: string[]): number {
  const counts = new Map<string, number>();
  for (const character of characters) counts.set(character, (counts.get(character) ?? 0) + 1);
  let perCharacter = 0;
  for (const count of counts.values()) {
    const p = count / characters.length;
    perCharacter -= p * Math.log2(p);
  }
  return perCharacter * characters.length;
}
