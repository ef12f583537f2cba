/**
 * Where an upstream call goes, without a `URL` object per call: each base URL is parsed once, and a path made only of
 * characters the URL parser keeps as they are (every path the backend and the client build) is appended as text.
 * Anything else takes the parser's way, so the result is always what `new URL` would give.
 */
import type { UpstreamTarget } from './transport.js';

interface Base {
  origin: string;
  /** The base's path without trailing slashes. */
  prefix: string;
  /** Whether the base has a query of its own, which the parser merges with the call's. */
  hasQuery: boolean;
}

const bases = new Map<string, Base>();
/** A base URL per service and a few per test: more means bases are made up per call, not worth keeping. */
const MAX_BASES = 64;

/** Characters a URL path keeps as they are, with no `.` or `..` segment (`%2e` spelled or not) for the parser to resolve. */
const PLAIN_PATH = /^(?:\/(?!(?:\.|%2e){1,2}(?:\/|$))[\w\-.~%!$&'()*+,;=:@]*)+$/i;

function parseBase(base: string): Base {
  let parsed = bases.get(base);
  if (!parsed) {
    const url = new URL(base);
    parsed = { origin: url.origin, prefix: url.pathname.replace(/\/+$/, ''), hasQuery: url.search !== '' };
    if (bases.size >= MAX_BASES) bases.clear();
    bases.set(base, parsed);
  }
  return parsed;
}

/** The URL parser's way: the base's path, then `path`, then each defined query value set on the base's query. */
function parsed(base: string, path: string, query?: Record<string, string | undefined>): UpstreamTarget {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
  return { origin: url.origin, path: url.pathname + url.search };
}

export function upstreamTarget(base: string, path: string, query?: Record<string, string | undefined>): UpstreamTarget {
  const { origin, prefix, hasQuery } = parseBase(base);
  if (hasQuery || !PLAIN_PATH.test(path)) return parsed(base, path, query);
  let search = '';
  if (query) {
    const params = new URLSearchParams();
    for (const key in query) {
      const value = query[key];
      if (value !== undefined) params.set(key, value);
    }
    search = params.size ? `?${params}` : '';
  }
  return { origin, path: prefix + path + search };
}
