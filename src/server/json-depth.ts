/**
 * How deeply a JSON text nests, read without parsing it. `JSON.parse` copes with any depth, but what comes after it
 * (validation, logging, `JSON.stringify` when forwarding) recurses, and a body of 20,000 `[` would overflow the stack
 * on every delivery. Bodies nested deeper than `MAX_JSON_DEPTH` are refused before they are parsed.
 */
export const MAX_JSON_DEPTH = 64;

/** True when `text` opens more than `max` arrays or objects inside one another (brackets inside strings aside). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i += 1; // backslash: the next character is escaped
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (code === 0x5d || code === 0x7d) {
      depth -= 1;
    }
  }
  return false;
}
