/**
 * Comparing a presented secret with the configured one without leaking, through timing, how much of it matched:
 * both are hashed first (equal-length digests, whatever the input lengths), then every byte is compared.
 */
const encoder = new TextEncoder();

export async function secretMatches(expected: Uint8Array, presented: string): Promise<boolean> {
  const [a, b] = await Promise.all([
    crypto.subtle.digest('SHA-256', expected as Uint8Array<ArrayBuffer>),
    crypto.subtle.digest('SHA-256', encoder.encode(presented)),
  ]);
  const left = new Uint8Array(a);
  const right = new Uint8Array(b);
  let difference = 0;
  for (let i = 0; i < left.length; i += 1) difference |= left[i]! ^ right[i]!;
  return difference === 0;
}
