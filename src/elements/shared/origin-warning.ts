/**
 * What the page's developer reads in the console when the backend cannot serve this page: one line per problem and
 * page, however many elements meet it. A backend that refuses the page's origin either says so in a 403 the page can
 * read (a dev proxy that rewrites `Origin`), or, across origins, the browser hides its answer behind a CORS error,
 * which `probeRefusedOrigin` tells from an outage.
 */
import type { LeapApiError } from '../../core/errors.js';
import { LeapFailureError } from '../../core/failure.js';
import { pageShared } from './page-registry.js';

/** Logs `line` unless this page already did. */
export function warnOnce(line: string): void {
  const warned = pageShared('setup-warnings', () => new Set<string>());
  if (warned.has(line)) return;
  warned.add(line);
  console.warn(`leap-elements: ${line}`);
}

const allowIt = (origin: string) => `add ${origin} to LEAP_ALLOWED_ORIGINS (or the allowedOrigins option)`;

export function warnIfOriginRefused(error: LeapApiError): void {
  const details = error.details as { origin?: unknown } | null;
  if (error.status !== 403 || typeof details?.origin !== 'string') return;
  warnOnce(`the backend refuses ${details.origin}: ${allowIt(details.origin)}; a dev proxy must keep Origin.`);
}

/**
 * A request to another origin failed without an answer. The browser hides the reason; an opaque `no-cors` request
 * (a GET: it changes nothing, and sends no credentials) reaches the same server: if that is answered, the server is
 * up and the first request was refused by CORS, so the page's origin is not allowed.
 */
export async function networkError(url: string, error: unknown): Promise<LeapFailureError> {
  const target = new URL(url);
  const origin = location.origin;
  if (target.origin !== origin && navigator.onLine !== false) {
    const answered = await fetch(target, { mode: 'no-cors', credentials: 'omit', cache: 'no-store' }).then(
      () => true,
      () => false,
    );
    if (answered) {
      warnOnce(
        `${target.origin} refuses this page's origin, ${origin}: ${allowIt(origin)}. Check: npx leap-elements doctor`,
      );
      return new LeapFailureError({ kind: 'origin-refused', origin });
    }
  }
  return new LeapFailureError({ kind: 'network', message: error instanceof Error ? error.message : String(error) });
}
