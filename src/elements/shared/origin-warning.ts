/**
 * A backend that refuses the page's origin answers 403 with the origin and the option that allows it. The customer
 * sees the usual "could not connect" state; the developer gets the reason in the console, once per page: the usual
 * cause is a dev proxy that rewrites `Origin` (`changeOrigin: true`) or a missing `allowedOrigins` entry.
 */
import type { LeapApiError } from '../../core/errors.js';
import { pageShared } from './page-registry.js';

export function warnIfOriginRefused(error: LeapApiError): void {
  if (error.status !== 403) return;
  const warned = pageShared('refused-origins', () => new Set<string>());
  const details = error.details as { origin?: unknown; reason?: unknown } | null;
  if (typeof details?.origin !== 'string' || warned.has(details.origin)) return;
  warned.add(details.origin);
  console.warn(
    `leap-elements: the backend refused requests from ${details.origin}. ${typeof details.reason === 'string' ? details.reason : 'Add it to allowedOrigins.'}`,
  );
}
