/** The error bodies Leap's services answer with, and which service a path belongs to. */
import type { Context } from 'hono';

/**
 * `incentives`: `/alpha/...`, `{error, message, requestId}`. `webhooks`: the webhook subscription API, `{error,
 * message}` (its own OpenAPI file). `grid`: meters, enrollments, create meters, `{title, status, details}` or a plain
 * string for a 500.
 */
export type Service = 'incentives' | 'grid' | 'webhooks';

export function serviceOf(path: string): Service {
  if (path.startsWith('/alpha/')) return 'incentives';
  if (path === '/v1.1/webhooks' || path.startsWith('/v1.1/webhooks/')) return 'webhooks';
  return 'grid';
}

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

/** Webhook subscription API errors: `{error, message}`, the messages of its OpenAPI examples by default. */
export function webhooksError(c: Context, status: number, message?: string): Response {
  return c.json(
    { error: statusText(status), message: message ?? WEBHOOK_MESSAGES[status] ?? statusText(status) },
    status as 400,
  );
}

const WEBHOOK_MESSAGES: Record<number, string> = {
  401: 'Auth token is invalid',
  403: 'You do not have permission to perform this action',
  404: 'The specified resource was not found',
  500: 'An unexpected error occurred',
};

/**
 * The body of a grid-platform 500: the files type it as `application/json` with a string schema, the example being
 * this sentence, so it goes as a JSON string.
 */
export const GRID_500_TEXT = 'An error happened whilst processing your request';

export function grid500(c: Context): Response {
  return c.json(GRID_500_TEXT, 500);
}

/** An error in the shape of the service the path belongs to. */
export function serviceError(c: Context, status: number, message: string, details?: unknown): Response {
  switch (serviceOf(c.req.path)) {
    case 'incentives':
      return incentivesError(c, status, message, details);
    case 'webhooks':
      return webhooksError(c, status, message);
    default:
      if (status === 500) return grid500(c);
      return gridError(c, status, message, details ?? {});
  }
}

export function statusText(status: number): string {
  return (
    { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 413: 'Payload Too Large', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' } as Record<number, string>
  )[status] ?? 'Error'; // prettier-ignore
}
