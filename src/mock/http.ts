/** Request and paging helpers the mock's routes share. */
import type { Context } from 'hono';

/** The request's JSON body; an empty body reads as `empty` when one is given (a search without filters). */
export async function readJson(c: Context, empty?: unknown): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    const text = await c.req.text();
    if (empty !== undefined && text.trim() === '') return { ok: true, value: empty };
    return { ok: true, value: JSON.parse(text) as unknown };
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

/** An absolute http or https URL (a webhook receiver). */
export function isHttpUrl(value: unknown): value is string {
  return typeof value === 'string' && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}
