/**
 * One HTTP exchange with Leap, read in full but never more than a cap, within a deadline: over `fetch`, or over the raw
 * sender a fetch may carry (`nodeFetch` does, to skip building a `Response`). Redirects are never followed. The answer
 * is kept as the bytes that arrived, so a route that changes nothing can pass them on as they are.
 */

/** An upstream answer, read in full. */
export interface RawAnswer {
  status: number;
  /** Leap's `Retry-After` header, when it sent one. */
  retryAfter?: string;
  /** The body as it arrived. */
  bytes: Uint8Array<ArrayBuffer>;
}

/** Where an exchange goes: `https://host[:port]` and the path with its query. */
export interface UpstreamTarget {
  origin: string;
  path: string;
}

export interface ExchangeInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** Give up after this long: the exchange then fails with a `TimeoutError` `DOMException`. */
  timeoutMs: number;
  /** Read at most this many bytes of the answer; more is an `AnswerTooLargeError`. */
  maxBytes: number;
}

export type RawSend = (target: UpstreamTarget, init: ExchangeInit) => Promise<RawAnswer>;

/**
 * A `fetch` may carry a lower-level sender under this key (`nodeFetch` does): the backend then reads answers without
 * wrapping them in a `Response` first, and keeps its own deadline without an `AbortController`. It must fail the way
 * the exchange over `fetch` does: a `TimeoutError` `DOMException` past `timeoutMs`, an `AnswerTooLargeError` past
 * `maxBytes`, a `BodyReadError` when the connection breaks during the body, a `TypeError` when it cannot connect.
 */
export const RAW_SEND = Symbol.for('leap-elements.raw-send');

/**
 * Where a fetch handler takes a better default transport: a backend created without a `fetch` option has a function
 * under this key that swaps the runtime's fetch for the one given (`listen` and `toNodeListener` give `nodeFetch`).
 */
export const DEFAULT_TRANSPORT = Symbol.for('leap-elements.default-transport');
export interface DefaultTransportSlot {
  [DEFAULT_TRANSPORT](transport: typeof fetch): void;
}

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

export const timeoutError = () => new DOMException('Leap did not answer in time', 'TimeoutError');

/** Throws when a declared `Content-Length` is over the cap, before anything is read. */
export function checkDeclaredLength(length: string | null | undefined, maxBytes: number): void {
  if (length !== undefined && length !== null && Number(length) > maxBytes) {
    throw new AnswerTooLargeError(`declared ${length} bytes`);
  }
}

/** The chunks of one body as a single array (the chunk itself when there is only one). */
export function joinChunks(chunks: readonly Uint8Array[], total: number): Uint8Array<ArrayBuffer> {
  // Chunks from sockets and streams sit on plain ArrayBuffers.
  if (chunks.length === 1) return chunks[0] as Uint8Array<ArrayBuffer>;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Reads a body stream to its bytes, stopping (and cancelling the stream) as soon as it passes `maxBytes`. */
async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      throw new BodyReadError('body', { cause: error });
    }
    if (chunk.done) return joinChunks(chunks, received);
    received += chunk.value.byteLength;
    if (received > maxBytes) {
      void reader.cancel().catch(() => {});
      throw new AnswerTooLargeError(`more than ${maxBytes} bytes`);
    }
    chunks.push(chunk.value);
  }
}

/** One exchange over `fetch`, or over its raw sender when it has one. */
export async function exchange(fetcher: typeof fetch, target: UpstreamTarget, init: ExchangeInit): Promise<RawAnswer> {
  const raw = (fetcher as typeof fetch & { [RAW_SEND]?: RawSend })[RAW_SEND];
  if (raw) return raw(target, init);
  const { maxBytes, timeoutMs, ...fetchInit } = init;
  // A controller and a timer cost a fraction of AbortSignal.timeout(), which Node builds as a transferable signal.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(timeoutError()), timeoutMs);
  try {
    // 'manual', not 'error': Workers refuse 'error'. A 3xx answer is then refused like any other unexpected status.
    const response = await fetcher(target.origin + target.path, {
      ...fetchInit,
      signal: deadline.signal,
      redirect: 'manual',
    });
    try {
      checkDeclaredLength(response.headers.get('content-length'), maxBytes);
    } catch (error) {
      void response.body?.cancel().catch(() => {});
      throw error;
    }
    const bytes = await readCapped(response.body, maxBytes);
    return { status: response.status, retryAfter: response.headers.get('retry-after') ?? undefined, bytes };
  } finally {
    clearTimeout(timer);
  }
}
