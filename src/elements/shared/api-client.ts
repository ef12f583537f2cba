/**
 * How every element talks to the partner backend: a session token from `session-endpoint`, `Authorization: Bearer`,
 * one transparent retry with a fresh session after a 401. An answer that is not a success is a `LeapApiError`; no
 * answer, a refused origin or a setup problem is a `LeapFailureError` saying so.
 */
import { LeapApiError, toLeapError } from '../../core/errors.js';
import { LeapFailureError } from '../../core/failure.js';
import { warnIfOriginRefused } from './origin-warning.js';
import { sessionClientFor, type LeapSession } from './session.js';

export interface ApiAnswer<T> {
  body: T;
  /** The session the successful request used (its `reference_id` names the customer). */
  session: LeapSession;
}

/** `api-base` if given, else the parent of the session endpoint (`/api/leap/session` → `/api/leap/`). */
export function resolveApiBase(sessionEndpoint: string, apiBase?: string | null): URL {
  const base = apiBase ? new URL(apiBase, document.baseURI) : new URL('.', new URL(sessionEndpoint, document.baseURI));
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return base;
}

/**
 * The session's token is sent only to the origin that issued it: an `api-base` elsewhere (markup injected into a CMS
 * page, say) would receive the customer's token and address. The problem in words, or null.
 */
export function apiBaseProblem(sessionEndpoint: string | undefined, apiBase: string | undefined | null): string | null {
  if (!sessionEndpoint || !apiBase) return null;
  const origin = (url: string) => {
    try {
      return new URL(url, document.baseURI).origin;
    } catch {
      return url;
    }
  };
  const session = origin(sessionEndpoint);
  return origin(apiBase) === session
    ? null
    : `api-base must be on the origin of session-endpoint (${session}), where the token may go; not ${origin(apiBase)}.`;
}

export class LeapApiClient {
  readonly #sessionEndpoint: string;
  readonly #apiBase: string | null;
  #session: LeapSession | null = null;

  constructor(sessionEndpoint: string, apiBase?: string | null) {
    this.#sessionEndpoint = sessionEndpoint;
    this.#apiBase = apiBase ?? null;
  }

  /** The session of the latest answer (`mock: true`: the backend answers from a mock Leap). */
  get session(): LeapSession | null {
    return this.#session;
  }

  async request<T>(
    path: string,
    init: { method?: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal } = {},
  ): Promise<ApiAnswer<T>> {
    const problem = apiBaseProblem(this.#sessionEndpoint, this.#apiBase);
    if (problem) throw new LeapFailureError({ kind: 'setup', code: 'INVALID_CONFIG', message: problem });
    const sessions = sessionClientFor(this.#sessionEndpoint);
    const url = new URL(path.replace(/^\/+/, ''), resolveApiBase(this.#sessionEndpoint, this.#apiBase));
    for (let attempt = 0; ; attempt += 1) {
      const session = await sessions.get(init.signal);
      let response: Response;
      try {
        response = await fetch(url, {
          method: init.method ?? 'GET',
          headers: {
            accept: 'application/json',
            ...(session.token ? { authorization: `Bearer ${session.token}` } : {}),
            ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          signal: init.signal,
        });
      } catch (error) {
        if (init.signal?.aborted) throw init.signal.reason;
        throw new LeapFailureError({
          kind: 'network',
          message: error instanceof Error ? error.message : String(error),
        });
      }
      if (response.status === 401 && attempt === 0) {
        // The token expired or the server's secret rotated: one fresh session, then give up.
        sessions.invalidate(session);
        continue;
      }
      const text = await response.text();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        if (response.ok)
          throw new LeapApiError({ status: 502, title: 'Malformed answer from the server', details: {} });
      }
      if (!response.ok) {
        const error = toLeapError(response.status, body, response.statusText || 'Request failed');
        warnIfOriginRefused(error);
        if (response.status === 429 && !(error.details as { retry_after_seconds?: number })?.retry_after_seconds) {
          const seconds = Number(response.headers.get('retry-after'));
          throw new LeapApiError({
            status: 429,
            title: error.title,
            details: { retry_after_seconds: seconds > 0 ? seconds : 30 },
          });
        }
        throw error;
      }
      this.#session = session;
      return { body: body as T, session };
    }
  }
}
