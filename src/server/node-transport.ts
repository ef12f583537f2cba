/**
 * The backend's upstream transport on Node: undici's pooled keep-alive connections, driven through its low-level
 * `dispatch` so an answer is collected chunk by chunk (no body stream, no `Response`), with one timer for its
 * deadline (no `AbortController`). `nodeFetch` wraps it in `fetch`'s signature for everything else.
 */
import { Agent, type Dispatcher } from 'undici';
import {
  AnswerTooLargeError,
  BodyReadError,
  checkDeclaredLength,
  joinChunks,
  RAW_SEND,
  timeoutError,
  type ExchangeInit,
  type RawAnswer,
  type RawSend,
  type UpstreamTarget,
} from './transport.js';

/** Keep-alive connection pools per upstream origin (Leap's two services). */
const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 64 });

type AnswerHeaders = Record<string, string | string[] | undefined>;
/** What the pools answer: the raw answer, and every header for `nodeFetch`'s `Response`. */
type PooledAnswer = RawAnswer & { headers: AnswerHeaders };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** One exchange's answer as it arrives; settles once, on the answer's end, the deadline, the cap or a failure. */
class Exchange implements Dispatcher.DispatchHandler {
  #controller: Dispatcher.DispatchController | null = null;
  #settled = false;
  #failure: Error | null = null;
  #status = 0;
  #headers: AnswerHeaders = {};
  readonly #chunks: Buffer[] = [];
  #received = 0;
  readonly #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #abort: (() => void) | undefined;
  readonly #maxBytes: number;
  readonly #signal: AbortSignal | null | undefined;
  readonly #resolve: (answer: PooledAnswer) => void;
  readonly #reject: (error: unknown) => void;

  constructor(
    maxBytes: number,
    timeoutMs: number,
    signal: AbortSignal | null | undefined,
    resolve: (answer: PooledAnswer) => void,
    reject: (error: unknown) => void,
  ) {
    this.#maxBytes = maxBytes;
    this.#signal = signal;
    this.#resolve = resolve;
    this.#reject = reject;
    if (Number.isFinite(timeoutMs)) this.#timer = setTimeout(() => this.fail(timeoutError()), timeoutMs);
    if (signal) {
      this.#abort = () => this.fail(signal.reason as Error);
      signal.addEventListener('abort', this.#abort, { once: true });
    }
  }

  /** Gives up: the caller gets `error` now, and the request is aborted (when it has started) or as soon as it starts. */
  fail(error: Error): void {
    if (!this.#settle()) return;
    this.#failure = error;
    this.#reject(error);
    this.#controller?.abort(error);
  }

  /** False when already settled; otherwise stops the deadline and the signal's listener. */
  #settle(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    clearTimeout(this.#timer);
    if (this.#abort) this.#signal!.removeEventListener('abort', this.#abort);
    return true;
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#failure) controller.abort(this.#failure);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    status: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    if (status < 200) return;
    try {
      checkDeclaredLength(first(headers['content-length']), this.#maxBytes);
    } catch (error) {
      return this.fail(error as Error);
    }
    this.#status = status;
    this.#headers = headers;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#settled) return;
    this.#received += chunk.byteLength;
    if (this.#received > this.#maxBytes) return this.fail(new AnswerTooLargeError(`more than ${this.#maxBytes} bytes`));
    this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (!this.#settle()) return;
    this.#resolve({
      status: this.#status,
      retryAfter: first(this.#headers['retry-after']),
      bytes: joinChunks(this.#chunks, this.#received),
      headers: this.#headers,
    });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    // Failing the way fetch does: the body broke, or the request never got an answer.
    this.fail(
      this.#status ? new BodyReadError('body', { cause: error }) : new TypeError('fetch failed', { cause: error }),
    );
  }
}

/** One exchange over the pools; `signal` (for `nodeFetch`) fails it with the signal's reason. */
function dispatchExchange(
  target: UpstreamTarget,
  init: ExchangeInit,
  signal?: AbortSignal | null,
): Promise<PooledAnswer> {
  return new Promise<PooledAnswer>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const exchange = new Exchange(init.maxBytes, init.timeoutMs, signal, resolve, reject);
    try {
      dispatcher.dispatch(
        {
          origin: target.origin,
          path: target.path,
          method: init.method as Dispatcher.HttpMethod,
          headers: init.headers,
          body: init.body ?? null,
        },
        exchange,
      );
    } catch (error) {
      exchange.fail(new TypeError('fetch failed', { cause: error }));
    }
  });
}

const send: RawSend = (target, init) => dispatchExchange(target, init);

/** The headers of a `RequestInit` as a plain object with lower-case names, without building a `Headers`. */
function plainHeaders(headers: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  if (headers instanceof Headers) headers.forEach((value, name) => (out[name] = value));
  else if (Array.isArray(headers)) for (const [name, value] of headers) out[name!.toLowerCase()] = value!;
  else for (const name of Object.keys(headers)) out[name.toLowerCase()] = (headers as Record<string, string>)[name]!;
  return out;
}

/**
 * A `fetch` over undici's pooled keep-alive connections: several times less overhead per call than the built-in
 * fetch. `listen` and `toNodeListener` give it to a backend created without a `fetch` option; pass it yourself to
 * `createLeapClient({ fetch: nodeFetch })` for your jobs. It supports what the backend uses: method, headers, a string
 * body and `signal`; redirects are answered as they are, never followed. The backend and the client read answers
 * through the raw sender it carries, without building a `Response`.
 */
export const nodeFetch = Object.assign(
  async function nodeFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const answer = await dispatchExchange(
      { origin: url.origin, path: url.pathname + url.search },
      {
        method: init.method ?? 'GET',
        headers: plainHeaders(init.headers),
        body: init.body === undefined || init.body === null ? undefined : String(init.body),
        timeoutMs: Number.POSITIVE_INFINITY,
        maxBytes: Number.POSITIVE_INFINITY,
      },
      init.signal,
    );
    const headers: Array<[string, string]> = [];
    for (const [name, value] of Object.entries(answer.headers)) {
      if (Array.isArray(value)) for (const each of value) headers.push([name, each]);
      else if (value !== undefined) headers.push([name, value]);
    }
    const noBody = answer.status === 204 || answer.status === 304;
    return new Response(noBody ? null : answer.bytes, { status: answer.status, headers });
  },
  { [RAW_SEND]: send },
);
