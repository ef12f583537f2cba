/** The two error bodies Leap's services answer with. */
import type { Context } from 'hono';

function requestId(): string {
  return `req_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

/** Incentives API errors: `error` and `message`, plus a `requestId`. */
export function incentivesError(c: Context, status: number, message: string, details?: unknown): Response {
  const body: Record<string, unknown> = { error: statusText(status), message, requestId: requestId() };
  if (details !== undefined) body.details = details;
  return c.json(body, status as 400);
}

/** Grid platform errors: `{title, status, details}`. */
export function gridError(c: Context, status: number, title: string, details: unknown = {}): Response {
  return c.json({ title, status, details }, status as 400);
}

function statusText(status: number): string {
  return (
    { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' } as Record<number, string>
  )[status] ?? 'Error'; // prettier-ignore
}
