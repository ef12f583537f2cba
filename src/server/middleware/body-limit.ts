/** Request bodies over `maxBytes` get `413` before anything reads them. */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { problem } from '../responses.js';

export function limitBody(maxBytes: number): MiddlewareHandler {
  const tooLarge = (c: Context) => problem(c, 413, 'Request body too large', { max_bytes: maxBytes });
  const streamed = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  // A declared length is checked from the header alone, leaving the body to the adapter's fast path (touching the
  // body stream would make it build a full Request for every call); a chunked body is counted as it streams.
  return (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streamed(c, next);
    return Number(length) > maxBytes ? Promise.resolve(tooLarge(c)) : next();
  };
}
