/**
 * The headers every answer carries (no-store, nosniff, the CORS grant), decided once per request by the first
 * middleware step. They wait as a plain object: an answer built by `answer()` takes them as they are, and the Node
 * adapter writes a plain object without building a WHATWG `Headers` (hono's `c.header()` builds one per request).
 * The first `c.header()` call of a route moves them into hono's own list before it runs, so a route that removes one
 * (the webhook route drops the CORS grant) still removes it; an answer a route builds some other way (`c.json()`)
 * gets those still waiting added by `withAnswerHeaders`, under its own.
 */
import type { Context } from 'hono';
import type { BackendEnv } from './context.js';

/** The headers still waiting on this request, or undefined once they joined an answer or hono's list. */
const waiting = (c: Context): Record<string, string> | undefined => (c as Context<BackendEnv>).get('answerHeaders');
const done = (c: Context) => (c as Context<BackendEnv>).set('answerHeaders', undefined);

export function setAnswerHeaders(c: Context<BackendEnv>, headers: Record<string, string>): void {
  c.set('answerHeaders', headers);
  const header = c.header;
  c.header = ((...args: Parameters<typeof header>) => {
    c.header = header;
    if (waiting(c)) {
      done(c);
      for (const name in headers) header(name, headers[name]);
    }
    return header(...args);
  }) as typeof header;
}

/** An answer with the headers every answer carries, and its own (which win). */
export function answer(
  c: Context,
  body: string | Uint8Array<ArrayBuffer>,
  status: number,
  own: Record<string, string>,
): Response {
  const headers = waiting(c);
  if (!headers) return c.body(body, status as 200, own);
  done(c);
  return new Response(body, { status, headers: { ...headers, ...own } });
}

/** After the route: the headers still waiting, added to an answer built without them (its own headers win). */
export function withAnswerHeaders(c: Context, response: Response | undefined): void {
  const headers = waiting(c);
  if (!headers || !response) return;
  done(c);
  for (const name in headers) if (!response.headers.has(name)) response.headers.set(name, headers[name]!);
}
