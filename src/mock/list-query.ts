/**
 * The query of Leap's two create-meters listings (`GET /v1.1/jobs/meters`, `GET /v1.1/provisional-assets`):
 * `filter=key:value1,value2` (repeatable; values of one key are OR-ed, keys AND-ed), a free-text `search_query`
 * (comma-separated values) looked for in `search_fields`, and `page_size` (default 100) with `page_token`.
 */
import type { Context } from 'hono';
import { decodePageToken, encodePageToken } from './http.js';

export interface ListQuery {
  filters: Map<string, string[]>;
  search: { values: string[]; fields: string[] } | null;
  pageSize: number;
  offset: number;
}

export type ListQueryReading = { ok: true; query: ListQuery } | { ok: false; message: string; field: string };

const listOf = (values: string[]) =>
  values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);

export function readListQuery(
  c: Context,
  filterKeys: readonly string[],
  searchFields: readonly string[],
): ListQueryReading {
  const filters = new Map<string, string[]>();
  for (const raw of c.req.queries('filter') ?? []) {
    const colon = raw.indexOf(':');
    const key = raw.slice(0, colon).trim();
    const values = listOf([raw.slice(colon + 1)]);
    if (colon < 1 || !values.length) {
      return { ok: false, field: 'filter', message: `filter must be key:value1,value2 (got "${raw}")` };
    }
    if (!filterKeys.includes(key)) {
      return { ok: false, field: 'filter', message: `Unknown filter "${key}"; filters: ${filterKeys.join(', ')}` };
    }
    filters.set(key, [...(filters.get(key) ?? []), ...values]);
  }
  const query = c.req.query('search_query');
  const fields = listOf(c.req.queries('search_fields') ?? []);
  const unknown = fields.filter((field) => !searchFields.includes(field));
  if (unknown.length) {
    return {
      ok: false,
      field: 'search_fields',
      message: `Unknown search fields ${unknown.join(', ')}; fields: ${searchFields.join(', ')}`,
    };
  }
  if (query !== undefined && !fields.length) {
    return { ok: false, field: 'search_fields', message: 'search_fields is required with search_query' };
  }
  const sizeText = c.req.query('page_size');
  const pageSize = sizeText === undefined ? 100 : Number(sizeText);
  if (!/^\d+$/.test(sizeText ?? '100') || !Number.isSafeInteger(pageSize) || pageSize < 1) {
    return { ok: false, field: 'page_size', message: 'page_size must be a whole number from 1' };
  }
  const offset = decodePageToken(c.req.query('page_token'));
  if (offset === null) return { ok: false, field: 'page_token', message: 'Invalid page_token' };
  const values = query === undefined ? [] : listOf([query]).map((value) => value.toLowerCase());
  return {
    ok: true,
    query: { filters, search: values.length ? { values, fields } : null, pageSize, offset },
  };
}

/**
 * The page of `items` the query asks for. `filterValues` and `searchValues` give an item's values for a filter key or a
 * search field; the last page has no `next_page_token`.
 */
export function listPage<T>(
  items: readonly T[],
  query: ListQuery,
  filterValues: (item: T, key: string) => readonly string[],
  searchValues: (item: T, field: string) => readonly string[],
): { page: T[]; next: { next_page_token?: string } } {
  const matching = items.filter(
    (item) =>
      [...query.filters].every(([key, wanted]) => filterValues(item, key).some((value) => wanted.includes(value))) &&
      (!query.search ||
        query.search.fields.some((field) =>
          searchValues(item, field).some((value) =>
            query.search!.values.some((wanted) => value.toLowerCase().includes(wanted)),
          ),
        )),
  );
  const end = query.offset + query.pageSize;
  return {
    page: matching.slice(query.offset, end),
    next: end < matching.length ? { next_page_token: encodePageToken(end) } : {},
  };
}
