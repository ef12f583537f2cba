/**
 * Request bodies, read once: nesting checked before parsing, JSON parsed, then checked against the route's schema. A
 * failure at any step is one `400` in the backend's error envelope, naming the fields at fault; the checked value is
 * handed to the route through hono's validated data (`c.req.valid('json')`).
 */
import type { Context, MiddlewareHandler } from 'hono';
import type * as z from 'zod/mini';
import { issuesToFields } from '../../core/schemas/common.js';
import type { BackendEnv } from '../context.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../json-depth.js';
import { problem } from '../responses.js';

/** What checks a body: a zod schema, or a function with the same result. */
export interface BodyParser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: z.core.$ZodIssue[] } };
}

export interface JsonBodyOptions {
  /** Shown with "Request body must be JSON", such as `{"reference_id": "<your customer id>"}`. */
  expected?: string;
  /** Rewrites the field messages before they are answered (say why a field is not allowed here). */
  fields?: (fields: Record<string, string>) => Record<string, string>;
  /** The title of the 400 for a body that does not match. Default "Invalid request". */
  title?: string;
  /** Told each time a body is refused, with the title answered (for a log line). */
  onRefused?: (title: string) => void;
}

/** The checked body of this request, or the `400` that refuses it. */
export async function readJsonBody<T>(
  c: Context,
  parser: BodyParser<T>,
  options: JsonBodyOptions = {},
): Promise<{ data: T } | Response> {
  const refuse = (title: string, details: Record<string, unknown>) => {
    options.onRefused?.(title);
    return problem(c, 400, title, details);
  };
  const text = await c.req.text();
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    return refuse('Request body is nested too deeply', { max_depth: MAX_JSON_DEPTH });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return refuse('Request body must be JSON', options.expected ? { expected: options.expected } : {});
  }
  const parsed = parser.safeParse(raw);
  if (!parsed.success) {
    const fields = issuesToFields(parsed.error.issues);
    return refuse(options.title ?? 'Invalid request', { fields: options.fields?.(fields) ?? fields });
  }
  return { data: parsed.data };
}

/** The same as a middleware: the route reads the checked body with `c.req.valid('json')`. */
export function jsonBody<T>(
  parser: BodyParser<T>,
  options?: JsonBodyOptions,
): MiddlewareHandler<BackendEnv, string, { out: { json: T } }> {
  return async (c, next) => {
    const body = await readJsonBody(c, parser, options);
    if (body instanceof Response) return body;
    c.req.addValidatedData('json', body.data as object);
    await next();
  };
}
