/**
 * One error shape for everything that talks to Leap or to the partner backend: the envelope Leap's grid platform
 * uses, `{title, status, details}`.
 */
export interface LeapErrorBody {
  title: string;
  status: number;
  details?: unknown;
}

export class LeapApiError extends Error implements LeapErrorBody {
  override name = 'LeapApiError';
  readonly status: number;
  readonly title: string;
  readonly details: unknown;

  constructor(body: LeapErrorBody) {
    super(`${body.status} ${body.title}`);
    this.status = body.status;
    this.title = body.title;
    this.details = body.details ?? {};
  }

  toJSON(): LeapErrorBody {
    return { title: this.title, status: this.status, details: this.details };
  }
}

/**
 * @deprecated Nothing is marked with status 0 any more: a request without an answer is the `network` failure (or
 * `origin-refused`) of `LeapFailure` (failure.ts), and a `LeapApiError` is always an HTTP answer.
 */
export const NETWORK_ERROR_STATUS = 0;

/** Reads whatever error body a server sent and returns the one envelope, never throwing. */
export function toLeapError(status: number, body: unknown, fallbackTitle = 'Request failed'): LeapApiError {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const title =
      typeof record.title === 'string'
        ? record.title
        : typeof record.message === 'string'
          ? record.message
          : typeof record.error === 'string'
            ? record.error
            : fallbackTitle;
    const details = 'details' in record ? record.details : record;
    return new LeapApiError({ title, status, details });
  }
  if (typeof body === 'string' && body.trim() !== '') {
    return new LeapApiError({ title: body.trim().slice(0, 200), status, details: {} });
  }
  return new LeapApiError({ title: fallbackTitle, status, details: {} });
}
