/** The one error shape every route answers with, `{title, status, details}`, never cached. */
import type { Context } from 'hono';
import type { LeapApiError } from '../core/errors.js';
import { redactedJson, redactedText } from './redact.js';

export function problem(c: Context, status: number, title: string, details: unknown = {}): Response {
  c.header('cache-control', 'no-store');
  return c.json({ title, status, details }, status as 400);
}

export function fromError(c: Context, error: LeapApiError): Response {
  if (error.status === 429) {
    const seconds = (error.details as { retry_after_seconds?: number } | null)?.retry_after_seconds ?? 30;
    c.header('retry-after', String(seconds));
  }
  return problem(c, error.status, error.title, error.details);
}

/** `405` with `Allow` for every other method on `path`; register after the path's own routes. */
export function allowOnly(
  app: { all(path: string, handler: (c: Context) => Response): unknown },
  path: string,
  method: string,
) {
  app.all(path, (c) => {
    c.header('allow', `${method}, OPTIONS`);
    return problem(c, 405, 'Method not allowed', { allow: [method] });
  });
}

/** Leap's answer, passed on with any secret it echoes masked. */
export function leapAnswer(c: Context, data: unknown, secrets: readonly string[]): Response {
  return c.body(redactedJson(data, secrets), 200, { 'content-type': 'application/json' });
}

/** Leap's answer passed on as it came (it matched its schema and nothing in it had to change), secrets masked. */
export function leapAnswerText(c: Context, text: string, secrets: readonly string[]): Response {
  return c.body(redactedText(text, secrets), 200, { 'content-type': 'application/json' });
}
