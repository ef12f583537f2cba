/** Leap's paged listings (`next_page_token`), read one page at a time. */
import { LeapApiError } from '../../core/errors.js';

export interface Page<T> {
  items: T[];
  /** The token of the next page; absent on the last one. */
  next: string | null | undefined;
}

/**
 * Every item of a paged listing, in order. The next page is fetched only when the caller has taken every item of the
 * previous one, so a listing of any size holds one page in memory. `afterPage` runs once a page is fully taken, with
 * the token of the next one (none after the last).
 */
export async function* eachItem<T>(
  fetchPage: (token: string | undefined) => Promise<Page<T>>,
  options: { first?: string; afterPage?: (next: string | undefined) => void | Promise<void> } = {},
): AsyncGenerator<T, void, undefined> {
  let token = options.first;
  for (;;) {
    const page = await fetchPage(token);
    yield* page.items;
    const next = page.next || undefined;
    // A listing that hands back the token it was asked with would never end.
    if (next !== undefined && next === token) {
      throw new LeapApiError({ status: 502, title: 'Leap repeated a page token', details: { page_token: next } });
    }
    await options.afterPage?.(next);
    if (next === undefined) return;
    token = next;
  }
}
