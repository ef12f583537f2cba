/**
 * Calls to Leap's two services with the partner's key, a hard deadline, and retries with jittered backoff for calls
 * that are safe to repeat. Every failure becomes a `LeapApiError` whose body is safe to show a browser: it never
 * carries the key, upstream headers or a stack trace.
 */
import { LeapApiError, toLeapError } from '../core/errors.js';

export type UpstreamService = 'incentives' | 'grid';

export type LogLevel = 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

export interface UpstreamConfig {
  apiKey: string;
  incentivesBaseUrl: string;
  platformBaseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  retries: number;
  /** First backoff step; each retry waits a random time up to base × 2^attempt ("full jitter"). */
  backoffMs: number;
  log: Logger;
}

export interface UpstreamRequest {
  service: UpstreamService;
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** Safe to send again after a 5xx or a lost connection. */
  idempotent: boolean;
}

export interface UpstreamAnswer {
  status: number;
  body: unknown;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** An upstream answer, read in full. */
export interface RawAnswer {
  status: number;
  /** Lower-case names. */
  headers: Readonly<Record<string, string>>;
  text: string;
}

export type RawSend = (
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
) => Promise<RawAnswer>;

/**
 * A `fetch` may carry a lower-level sender under this key (`nodeFetch` does): the backend then reads answers without
 * wrapping them in a `Response` first, which costs about a tenth of a millisecond per call on Node. It must fail the
 * way `fetch` does: `signal.reason` when aborted, a `TypeError` when the connection fails.
 */
export const RAW_SEND = Symbol.for('leap-elements.raw-send');

class BodyReadError extends Error {}

/** One exchange over `fetch`, or over its raw sender when it has one. */
async function exchange(
  fetcher: typeof fetch,
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
): Promise<RawAnswer> {
  const raw = (fetcher as typeof fetch & { [RAW_SEND]?: RawSend })[RAW_SEND];
  if (raw) return raw(url, init);
  // Redirects are never followed ('manual': Workers refuse 'error'); a 3xx is refused below like any other surprise.
  const response = await fetcher(url, { ...init, redirect: 'manual' });
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new BodyReadError('body', { cause: error });
  }
  return { status: response.status, headers: Object.fromEntries(response.headers), text };
}

function joinUrl(base: string, path: string, query?: Record<string, string | undefined>): URL {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
  return url;
}

/** Sends one logical request; answers 2xx bodies, throws `LeapApiError` for everything else. */
export async function callUpstream(config: UpstreamConfig, request: UpstreamRequest): Promise<UpstreamAnswer> {
  const base = request.service === 'incentives' ? config.incentivesBaseUrl : config.platformBaseUrl;
  const url = joinUrl(base, request.path, request.query);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (request.service === 'incentives') headers['x-api-key'] = config.apiKey;
  else headers.authorization = `Bearer ${config.apiKey}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';

  const deadline = Date.now() + config.timeoutMs;
  const attempts = request.idempotent ? config.retries + 1 : 1;
  let lastFailure: LeapApiError | null = null;

  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (attempt > 0) {
      const wait = Math.random() * config.backoffMs * 2 ** (attempt - 1);
      if (Date.now() + wait >= deadline) break;
      await sleep(wait);
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    let response: RawAnswer;
    // A controller and a timer cost a fraction of AbortSignal.timeout(), which Node builds as a transferable signal.
    const deadlineHit = new AbortController();
    const timer = setTimeout(
      () => deadlineHit.abort(new DOMException('Leap did not answer in time', 'TimeoutError')),
      remaining,
    );
    try {
      response = await exchange(config.fetch, url, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: deadlineHit.signal,
      });
    } catch (error) {
      const cause = error instanceof BodyReadError ? error.cause : error;
      const timedOut = cause instanceof DOMException && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
      if (timedOut) {
        config.log('warn', 'Leap did not answer before the deadline', {
          path: request.path,
          timeoutMs: config.timeoutMs,
        });
        throw new LeapApiError({
          status: 504,
          title: 'Leap did not answer in time',
          details: { timeout_ms: config.timeoutMs },
        });
      }
      if (error instanceof BodyReadError) {
        lastFailure = new LeapApiError({ status: 502, title: 'Leap closed the connection early', details: {} });
        continue;
      }
      config.log('warn', 'Could not reach Leap', { path: request.path, attempt, error: describe(error) });
      lastFailure = new LeapApiError({ status: 502, title: 'Could not reach Leap', details: {} });
      continue;
    } finally {
      clearTimeout(timer);
    }

    const text = response.text;
    const ok = response.status >= 200 && response.status < 300;
    let body: unknown = text;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      // Leap documents plain-string 500 bodies; a 2xx must be JSON.
      if (ok) {
        config.log('warn', 'Leap answered with malformed JSON', { path: request.path, status: response.status });
        throw new LeapApiError({ status: 502, title: 'Leap answered with malformed JSON', details: {} });
      }
    }

    if (ok) return { status: response.status, body };

    if (response.status >= 500) {
      config.log('warn', 'Leap answered with a server error', { path: request.path, status: response.status, attempt });
      lastFailure = new LeapApiError({
        status: 502,
        title: 'Leap is temporarily unavailable',
        details: { upstream_status: response.status },
      });
      continue;
    }
    if (response.status === 401 || response.status === 403) {
      // The partner's key was refused: a server configuration problem, not the browser's session.
      config.log('error', 'Leap refused the API key (check LEAP_API_KEY and its environment)', {
        path: request.path,
        status: response.status,
      });
      throw new LeapApiError({ status: 502, title: 'The partner backend is not authorized by Leap', details: {} });
    }
    if (response.status === 429) {
      const retryAfter = Number(response.headers['retry-after']);
      throw new LeapApiError({
        status: 429,
        title: 'Too many requests to Leap',
        details: { retry_after_seconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 30 },
      });
    }
    const error = toLeapError(response.status, body, 'Leap refused the request');
    throw new LeapApiError({ status: error.status, title: error.title, details: scrubDetails(error.details) });
  }

  throw (
    lastFailure ??
    new LeapApiError({ status: 504, title: 'Leap did not answer in time', details: { timeout_ms: config.timeoutMs } })
  );
}

/** Keeps an upstream error's useful parts (field messages, request id) and nothing that could echo headers. */
function scrubDetails(details: unknown): unknown {
  if (!details || typeof details !== 'object') return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (/key|token|authorization|secret/i.test(key)) continue;
    if (key === 'error' || key === 'message' || key === 'title' || key === 'status') continue;
    out[key] = value;
  }
  return out;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return cause ? `${error.message} (${cause})` : error.message;
  }
  return String(error);
}
