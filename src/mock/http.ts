/** Request and paging helpers the mock's routes share. */
import type { Context } from 'hono';

export async function readJson(c: Context): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: await c.req.json() };
  } catch {
    return { ok: false };
  }
}

/** Leap's page tokens are opaque; the mock's encode an offset. */
export function encodePageToken(offset: number): string {
  return btoa(JSON.stringify({ o: offset })).replace(/=+$/, '');
}

export function decodePageToken(token: string | undefined): number | null {
  if (!token) return 0;
  try {
    const offset = (JSON.parse(atob(token)) as { o?: unknown }).o;
    return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : null;
  } catch {
    return null;
  }
}
