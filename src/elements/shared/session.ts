import { pageShared } from './page-registry.js';
import { toLeapError } from '../../core/errors.js';
import { LeapFailureError } from '../../core/failure.js';
import { networkError, warnIfOriginRefused, warnOnce } from './origin-warning.js';

/** What the partner backend's `POST .../session` answers. */
export interface LeapSession {
  token?: string;
  /** ISO date-time or epoch seconds. */
  expires_at?: string | number;
  reference_id: string;
  /** The backend answers from a mock Leap: the elements show a "Sample data" badge. */
  mock?: boolean;
}

/** Renew this long before `expires_at` so a request never leaves with a token about to lapse. */
const EXPIRY_MARGIN_MS = 30_000;

/**
 * Fetches a session from the partner backend lazily and keeps it in memory (never in storage) until shortly before
 * it expires. One client per endpoint URL, so every element on a page shares the same customer session.
 */
export class SessionClient {
  readonly endpoint: string;
  #current: { session: LeapSession; expiresAtMs: number } | null = null;
  #pending: Promise<LeapSession> | null = null;

  constructor(endpoint: string) {
    this.endpoint = endpoint;
  }

  /** A valid session, fetched only when none is cached or the cached one is about to expire. */
  get(signal?: AbortSignal): Promise<LeapSession> {
    if (this.#current && this.#current.expiresAtMs - EXPIRY_MARGIN_MS > Date.now()) {
      return Promise.resolve(this.#current.session);
    }
    // Callers share one request; a caller's abort only stops its own wait.
    this.#pending ??= this.#fetchSession().finally(() => {
      this.#pending = null;
    });
    return signal ? raceAbort(this.#pending, signal) : this.#pending;
  }

  /** Forget the cached session (after the backend answered 401 to it). */
  invalidate(session?: LeapSession): void {
    if (!session || this.#current?.session === session) this.#current = null;
  }

  async #fetchSession(): Promise<LeapSession> {
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        credentials: 'include',
        headers: { accept: 'application/json' },
      });
    } catch (error) {
      throw await networkError(this.endpoint, error);
    }
    const type = response.headers.get('content-type') ?? '';
    const body: unknown = /json/i.test(type) ? await response.json().catch(() => null) : null;
    const session = body as Partial<LeapSession> | null;
    // Not a session route at all: a wrong URL (404, 405), or a page (an app's HTML fallback, a login redirect).
    const wrongRoute = response.status === 404 || response.status === 405 || (response.ok && !/json/i.test(type));
    if (!wrongRoute && !response.ok) {
      const error = toLeapError(response.status, body, 'Session refused');
      warnIfOriginRefused(error);
      throw error;
    }
    if (wrongRoute || typeof session?.reference_id !== 'string' || session.reference_id === '') {
      warnOnce(
        `session-endpoint ${this.endpoint} answered ${response.status} ${type.split(';')[0] || '(no type)'}${wrongRoute ? '' : ' without reference_id'}; expected 200 JSON {token, expires_at, reference_id} from the backend's POST {base}/session.`,
      );
      throw new LeapFailureError({
        kind: 'session-endpoint-invalid',
        answer: { status: response.status, title: 'Not a session endpoint', details: { content_type: type } },
      });
    }
    this.#current = { session: session as LeapSession, expiresAtMs: parseExpiry(session.expires_at) };
    return session as LeapSession;
  }
}

function parseExpiry(value: string | number | undefined): number {
  if (typeof value === 'number') return value < 1e12 ? value * 1000 : value;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms;
  }
  // No expiry given: keep it for the page's lifetime; a 401 will invalidate it.
  return Number.POSITIVE_INFINITY;
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

const sessionClients = () => pageShared('sessions', () => new Map<string, SessionClient>());

/** The shared client for an endpoint (resolved against the page URL): one session per endpoint for the whole page. */
export function sessionClientFor(endpoint: string): SessionClient {
  const clients = sessionClients();
  const key = new URL(endpoint, document.baseURI).href;
  let client = clients.get(key);
  if (!client) {
    client = new SessionClient(key);
    clients.set(key, client);
  }
  return client;
}

/** Drops every cached session; for tests and for a host page that signs the user out. */
export function clearSessions(): void {
  sessionClients().clear();
}
