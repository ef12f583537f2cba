/** The one error shape every route answers with, `{title, status, details}`, never cached. */
import type { Context } from 'hono';
import type { LeapApiError } from '../core/errors.js';
import { answer } from './answer-headers.js';
import { mayHoldSecret, redactedJson } from './redact.js';
import type { SentAnswer } from './upstream.js';

const JSON_TYPE = 'application/json';

export function problem(
  c: Context,
  status: number,
  title: string,
  details: unknown = {},
  headers: Record<string, string> = {},
): Response {
  return answer(c, JSON.stringify({ title, status, details }), status, {
    ...headers,
    'content-type': JSON_TYPE,
    'cache-control': 'no-store',
  });
}

export function fromError(c: Context, error: LeapApiError): Response {
  if (error.status === 429) {
    const seconds = (error.details as { retry_after_seconds?: number } | null)?.retry_after_seconds ?? 30;
    return problem(c, error.status, error.title, error.details, { 'retry-after': String(seconds) });
  }
  return problem(c, error.status, error.title, error.details);
}

/** `405` with `Allow` for every other method on `path`; register after the path's own routes. */
export function allowOnly(
  app: { all(path: string, handler: (c: Context) => Response): unknown },
  path: string,
  method: string,
) {
  app.all(path, (c) => problem(c, 405, 'Method not allowed', { allow: [method] }, { allow: `${method}, OPTIONS` }));
}

/** Leap's answer, passed on with any secret it echoes masked. */
export function leapAnswer(c: Context, data: unknown, secrets: readonly string[]): Response {
  return answer(c, redactedJson(data, secrets), 200, { 'content-type': JSON_TYPE });
}

/**
 * Leap's answer passed on as the bytes that arrived: it matched its schema and nothing in it had to change. When it
 * could hold a secret (Leap echoing the key, plainly or escaped), it is written again from `data` with every secret
 * masked instead.
 */
export function leapAnswerAsSent(c: Context, sent: SentAnswer, data: unknown, secrets: readonly string[]): Response {
  if (mayHoldSecret(sent.text, secrets)) return leapAnswer(c, data, secrets);
  return answer(c, sent.bytes, 200, { 'content-type': JSON_TYPE });
}
