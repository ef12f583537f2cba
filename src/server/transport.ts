/**
 * One HTTP exchange with Leap, read in full but never more than a cap: over `fetch`, or over the raw sender a fetch
 * may carry (`nodeFetch` does, to skip building a `Response`). Redirects are never followed.
 */

/** An upstream answer, read in full. */
export interface RawAnswer {
  status: number;
  /** Lower-case names. */
  headers: Readonly<Record<string, string>>;
  text: string;
}

export interface ExchangeInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** Read at most this many bytes of the answer; more is an `AnswerTooLargeError`. */
  maxBytes?: number;
}

export type RawSend = (url: URL, init: ExchangeInit) => Promise<RawAnswer>;

/**
 * A `fetch` may carry a lower-level sender under this key (`nodeFetch` does): the backend then reads answers without
 * wrapping them in a `Response` first, which costs about a tenth of a millisecond per call on Node. It must fail the
 * way `fetch` does (`signal.reason` when aborted, a `TypeError` when the connection fails) and honour `maxBytes`.
 */
export const RAW_SEND = Symbol.for('leap-elements.raw-send');

/** The most of one answer the backend reads: Leap's answers are a few kilobytes; a flood is refused, not buffered. */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/** The answer declared or streamed more than the cap; nothing past the cap was read. */
export class AnswerTooLargeError extends Error {
  override name = 'AnswerTooLargeError';
}

/** The connection broke while the answer's body was being read. */
export class BodyReadError extends Error {
  override name = 'BodyReadError';
}

/** Throws when a declared `Content-Length` is over the cap, before anything is read. */
export function checkDeclaredLength(length: string | null | undefined, maxBytes: number): void {
  if (length !== undefined && length !== null && Number(length) > maxBytes) {
    throw new AnswerTooLargeError(`declared ${length} bytes`);
  }
}

/** Reads a body stream to text, stopping (and cancelling the stream) as soon as it passes `maxBytes`. */
async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      throw new BodyReadError('body', { cause: error });
    }
    if (chunk.done) return text + decoder.decode();
    received += chunk.value.byteLength;
    if (received > maxBytes) {
      void reader.cancel().catch(() => {});
      throw new AnswerTooLargeError(`more than ${maxBytes} bytes`);
    }
    text += decoder.decode(chunk.value, { stream: true });
  }
}

/** One exchange over `fetch`, or over its raw sender when it has one. */
export async function exchange(fetcher: typeof fetch, url: URL, init: ExchangeInit): Promise<RawAnswer> {
  const raw = (fetcher as typeof fetch & { [RAW_SEND]?: RawSend })[RAW_SEND];
  if (raw) return raw(url, init);
  const { maxBytes = Number.POSITIVE_INFINITY, ...fetchInit } = init;
  // 'manual', not 'error': Workers refuse 'error'. A 3xx answer is then refused like any other unexpected status.
  const response = await fetcher(url, { ...fetchInit, redirect: 'manual' });
  try {
    checkDeclaredLength(response.headers.get('content-length'), maxBytes);
  } catch (error) {
    void response.body?.cancel().catch(() => {});
    throw error;
  }
  const text = await readCapped(response.body, maxBytes);
  return { status: response.status, headers: Object.fromEntries(response.headers), text };
}
