/**
 * Calls to Leap's two services with the partner's key, a hard deadline, and retries with jittered backoff for calls
 * that are safe to repeat. Every failure becomes a `LeapApiError` whose body is safe to show a browser: it never
 * carries the key, upstream headers, Leap's own messages or a stack trace.
 */
import { LeapApiError } from '../core/errors.js';
import type { Redact } from './redact.js';
import { AnswerTooLargeError, BodyReadError, exchange, MAX_ANSWER_BYTES, type RawAnswer } from './transport.js';
import { upstreamTarget } from './upstream-url.js';
import { FORWARDED_TITLES, forwardedError, leapError } from './upstream-errors.js';

export { RAW_SEND, type RawAnswer, type RawSend } from './transport.js';

export type UpstreamService = 'incentives' | 'grid';

export type LogLevel = 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

export interface UpstreamConfig {
  apiKey: string;
  incentivesBaseUrl: string;
  platformBaseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  /**
   * At most this long per attempt (within `timeoutMs`): an attempt that hangs is then given up and, when the call is
   * safe to repeat, tried again. Without it one attempt may take the whole deadline.
   */
  attemptTimeoutMs?: number;
  retries: number;
  /** First backoff step; each retry waits a random time up to base × 2^attempt ("full jitter"). */
  backoffMs: number;
  /** Already masks the secrets. */
  log: Logger;
  /** Masks the secrets in what is forwarded. */
  redact: Redact;
  /**
   * Who reads the errors. `browser` (the backend): Leap's refusals are retold with fixed titles and the few fields a
   * page can use, and a refused key is the server's problem (502). `server` (the client for your jobs): Leap's own
   * title and details, masked, with Leap's status.
   */
  audience: 'browser' | 'server';
  /** Told when Leap accepts or refuses the key (the backend's `/healthz`). */
  health?: { answered(): void; keyRefused(status: number): void };
  /** Answers are read to at most this many bytes. Default `MAX_ANSWER_BYTES` (1 MiB, for the browser's routes). */
  maxAnswerBytes?: number;
}

export interface UpstreamRequest {
  service: UpstreamService;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is instead (CSV for create-meters). */
  text?: { contentType: string; content: string };
  /** Safe to send again after a 5xx or a lost connection. */
  idempotent: boolean;
  /**
   * One customer's resource (an application, a meter): Leap's 403 for it means "not yours", and is answered exactly
   * like a missing one (404), so ids of other customers' resources cannot be probed. Elsewhere 403 means the key.
   */
  ownedResource?: boolean;
}

export interface UpstreamAnswer {
  status: number;
  body: unknown;
  /** The answer as Leap sent it: passed on as it is when nothing in it had to change. */
  sent: SentAnswer;
}

/** An answer's bytes as they arrived and their text (what was parsed). */
export interface SentAnswer {
  bytes: Uint8Array<ArrayBuffer>;
  text: string;
}

/** UTF-8, as JSON is sent; a byte-order mark is dropped, as `Response.json()` drops it. */
const utf8 = new TextDecoder();

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const timedOut = (timeoutMs: number) =>
  new LeapApiError({ status: 504, title: 'Leap did not answer in time', details: { timeout_ms: timeoutMs } });

/** Sends one logical request; answers 2xx bodies, throws `LeapApiError` for everything else. */
export async function callUpstream(config: UpstreamConfig, request: UpstreamRequest): Promise<UpstreamAnswer> {
  const base = request.service === 'incentives' ? config.incentivesBaseUrl : config.platformBaseUrl;
  const target = upstreamTarget(base, request.path, request.query);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (request.service === 'incentives') headers['x-api-key'] = config.apiKey;
  else headers.authorization = `Bearer ${config.apiKey}`;
  if (request.text) headers['content-type'] = request.text.contentType;
  else if (request.body !== undefined) headers['content-type'] = 'application/json';
  const payload = request.text
    ? request.text.content
    : request.body === undefined
      ? undefined
      : JSON.stringify(request.body);

  const maxBytes = config.maxAnswerBytes ?? MAX_ANSWER_BYTES;
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
    const allowed = Math.min(remaining, config.attemptTimeoutMs ?? remaining);
    let response: RawAnswer;
    try {
      response = await exchange(config.fetch, target, {
        method: request.method,
        headers,
        body: payload,
        timeoutMs: allowed,
        maxBytes,
      });
    } catch (error) {
      const cause = error instanceof BodyReadError ? error.cause : error;
      if (cause instanceof DOMException && (cause.name === 'TimeoutError' || cause.name === 'AbortError')) {
        config.log('warn', 'Leap did not answer before the deadline', { path: request.path, timeoutMs: allowed });
        // An attempt that hung before the call's own deadline may be tried again.
        if (allowed < remaining && attempt + 1 < attempts) {
          lastFailure = timedOut(allowed);
          continue;
        }
        throw timedOut(allowed);
      }
      if (error instanceof AnswerTooLargeError) {
        // Asking again would only bring the same flood.
        config.log('warn', 'Leap answered with more than the backend reads; refused', {
          path: request.path,
          max_bytes: maxBytes,
          seen: error.message,
        });
        throw new LeapApiError({
          status: 502,
          title:
            config.audience === 'server'
              ? `Leap answered with more than ${maxBytes / 1024 / 1024} MiB: ask for smaller pages (pageSize)`
              : 'Leap answered with too much data',
          details: {},
        });
      }
      if (error instanceof BodyReadError) {
        lastFailure = new LeapApiError({ status: 502, title: 'Leap closed the connection early', details: {} });
        continue;
      }
      config.log('warn', 'Could not reach Leap', { path: request.path, attempt, error: describe(error) });
      lastFailure = new LeapApiError({ status: 502, title: 'Could not reach Leap', details: {} });
      continue;
    }

    const { status, bytes } = response;
    const text = utf8.decode(bytes);
    const ok = status >= 200 && status < 300;
    let body: unknown = text;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      // Leap documents plain-string 500 bodies; a 2xx must be JSON.
      if (ok) {
        config.log('warn', 'Leap answered with malformed JSON', { path: request.path, status });
        throw new LeapApiError({ status: 502, title: 'Leap answered with malformed JSON', details: {} });
      }
    }

    // Any answer but a refusal of the key shows that Leap accepts it.
    if (status < 500 && status !== 401 && status !== 403) config.health?.answered();
    if (ok) return { status, body, sent: { bytes, text } };
    if (status >= 500) {
      config.log('warn', 'Leap answered with a server error', { path: request.path, status, attempt });
      lastFailure = new LeapApiError({
        status: 502,
        title: 'Leap is temporarily unavailable',
        details: { upstream_status: status },
      });
      continue;
    }
    if (config.audience === 'server') throw leapError(status, body, response.retryAfter, config.redact);
    if (status === 403 && request.ownedResource) {
      throw new LeapApiError({ status: 404, title: 'Not found at Leap', details: {} });
    }
    if (status === 401 || status === 403) {
      config.health?.keyRefused(status);
      // The partner's key was refused: a server configuration problem, not the browser's session.
      config.log('error', 'Leap refused the API key (check LEAP_API_KEY and its environment)', {
        path: request.path,
        status,
      });
      throw new LeapApiError({ status: 502, title: 'The partner backend is not authorized by Leap', details: {} });
    }
    if (status !== 429 && !(status in FORWARDED_TITLES)) {
      config.log('warn', 'Leap answered with an unexpected status', { path: request.path, status });
    }
    throw forwardedError(status, body, response.retryAfter, config.redact);
  }

  throw lastFailure ?? timedOut(config.timeoutMs);
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return cause ? `${error.message} (${cause})` : error.message;
  }
  return String(error);
}
