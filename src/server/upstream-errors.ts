/**
 * What the browser may learn from Leap's refusal of a request: a fixed title per status, and only the fields a page
 * can use (`fields` to mark the form, `address` to say the address was not found, Leap's `requestId` for support).
 * Leap's own messages never pass: they can echo the request, headers included. Any other status is a 502.
 */
import { LeapApiError } from '../core/errors.js';
import type { Redact } from './redact.js';

/** The statuses of Leap's that mean something to the page, with the title the browser gets for each. */
export const FORWARDED_TITLES: Readonly<Record<number, string>> = {
  400: 'Leap refused the request',
  404: 'Not found at Leap',
  409: 'Leap reports a conflict with an earlier request',
  422: 'Leap could not process the request',
};

const MAX_FIELDS = 50;
const GEOCODING_FAILURE = /geocod|address (was )?not found|could not find the address/i;

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

const shortText = (value: unknown, max: number) =>
  typeof value === 'string' && value.length > 0 ? value.slice(0, max) : undefined;

/** `{field: message}` from `details.fields`, or from `details` itself when it is such a map (the incentives API). */
function fieldsOf(details: Record<string, unknown>): Record<string, string> | undefined {
  const source = details.fields !== undefined ? record(details.fields) : details;
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'address' && source === details) continue;
    const message = shortText(value, 200);
    if (message === undefined || key.length > 100) continue;
    fields[key] = message;
    if (Object.keys(fields).length >= MAX_FIELDS) break;
  }
  return Object.keys(fields).length ? fields : undefined;
}

/** The browser-safe details of an upstream 4xx body (incentives `{error, message, requestId, details}` or grid `{title, status, details}`). */
export function safeDetails(body: unknown, redact: Redact): Record<string, unknown> {
  const top = record(body);
  const details = record(top.details);
  const out: Record<string, unknown> = {};
  const requestId = shortText(top.requestId ?? top.request_id ?? details.requestId, 128);
  if (requestId) out.requestId = requestId;
  const fields = fieldsOf(details);
  if (fields) out.fields = fields;
  // Whether the address was found is what the page needs; Leap's sentence about it stays here.
  const said = [top.message, top.title, top.error, typeof body === 'string' ? body : undefined].filter(
    (v): v is string => typeof v === 'string',
  );
  const address =
    shortText(details.address, 64) ?? (said.some((s) => GEOCODING_FAILURE.test(s)) ? 'not_found' : undefined);
  if (address) out.address = address;
  return redact(out);
}

/** The error the browser gets for an upstream status that is not 2xx, 5xx, 401 or 403 (those are handled apart). */
export function forwardedError(
  status: number,
  body: unknown,
  retryAfter: string | undefined,
  redact: Redact,
): LeapApiError {
  if (status === 429) {
    const seconds = Number(retryAfter);
    return new LeapApiError({
      status: 429,
      title: 'Too many requests to Leap',
      details: { retry_after_seconds: Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 3600) : 30 },
    });
  }
  const title = FORWARDED_TITLES[status];
  if (!title) {
    return new LeapApiError({
      status: 502,
      title: 'Unexpected answer from Leap',
      details: { upstream_status: status },
    });
  }
  return new LeapApiError({ status, title, details: safeDetails(body, redact) });
}

/**
 * Leap's refusal as your own server code sees it (`createLeapClient`): Leap's status, its title or message, and its
 * details (which fields, which rows), with every secret masked. Never handed to a browser.
 */
export function leapError(status: number, body: unknown, retryAfter: string | undefined, redact: Redact): LeapApiError {
  const top = record(body);
  const said = [top.title, top.message, top.error, typeof body === 'string' ? body : undefined].find(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );
  const details: Record<string, unknown> =
    top.details === undefined ? {} : Array.isArray(top.details) ? { problems: top.details } : record(top.details);
  if (status === 429) {
    const seconds = Number(retryAfter);
    details.retry_after_seconds = Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 3600) : 30;
  }
  const requestId = shortText(top.requestId ?? top.request_id, 128);
  if (requestId) details.requestId = requestId;
  const title =
    status === 401 || status === 403
      ? `Leap refused the API key or this request (${said ?? status}): check LEAP_API_KEY, its environment and IP restrictions`
      : (said?.slice(0, 300) ?? `Leap answered ${status}`);
  return new LeapApiError({ status, title: redact(title), details: redact(details) });
}
