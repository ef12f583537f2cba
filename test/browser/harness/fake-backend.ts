/**
 * The one way these tests fake the network, for what the real test backend cannot give: an answer held until the
 * test releases it, a count of what was sent, a 401 then a success, a hand-written answer. `fakeBackend()` replaces
 * `window.fetch` (the HTTP boundary, never the element); each request it sees is a `FakeRequest` whose answer is a
 * controllable promise the test settles when it chooses (as in lit/lit `packages/task/src/test/task_test.ts`), or
 * that a route's policy settles at once. `restoreNetwork()` (in `afterEach`) puts the real `fetch` back.
 *
 * Like a real `fetch`, a request whose `AbortSignal` fires rejects with the signal's reason at once: an answer the test
 * releases afterwards is never delivered.
 */

/** The last segment of a request's path names its route: `session`, `incentives`. */
export type Route = string;

/** What a route does with each request: hold it for the test, pass it to the real backend, or answer at once. */
export type Policy = 'hold' | 'forward' | ((request: FakeRequest) => Response | Promise<Response>);

/** A session the element accepts, answered at once unless the test asks otherwise. */
export const FAKE_SESSION = { token: 'fake-token', reference_id: 'fake-customer' } as const;

export class FakeRequest {
  readonly url: URL;
  readonly route: Route;
  readonly method: string;
  readonly headers: Headers;
  /** The JSON body, parsed; null without one. */
  readonly body: Record<string, unknown> | null;
  readonly signal: AbortSignal | null;
  /** What `fetch` returned to the element. */
  readonly response: Promise<Response>;
  private settled = false;
  private resolve!: (response: Response) => void;
  private reject!: (error: unknown) => void;

  constructor(
    private readonly input: RequestInfo | URL,
    private readonly init: RequestInit | undefined,
    private readonly realFetch: typeof fetch,
  ) {
    this.url = new URL(input instanceof Request ? input.url : String(input), document.baseURI);
    this.route = this.url.pathname.split('/').pop() ?? '';
    this.method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    this.headers = new Headers(init?.headers);
    this.body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : null;
    this.signal = init?.signal ?? null;
    this.response = new Promise<Response>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // Nobody may be waiting yet (the element has moved on after an abort): never an unhandled rejection.
    this.response.catch(() => {});
    const signal = this.signal;
    if (signal?.aborted) this.settle(() => this.reject(signal.reason));
    signal?.addEventListener('abort', () => this.settle(() => this.reject(signal.reason)), { once: true });
  }

  /** The element gave up on this request (a newer check replaced it). */
  get aborted(): boolean {
    return this.signal?.aborted ?? false;
  }

  /** Whether an answer (or a failure) has been delivered. */
  get answered(): boolean {
    return this.settled;
  }

  /** Releases the answer. Does nothing once aborted, like a response that arrives after the page stopped waiting. */
  respond(response: Response): void {
    this.settle(() => this.resolve(response));
  }

  /** Releases a JSON answer. */
  json(body: unknown, init?: ResponseInit): void {
    this.respond(Response.json(body, init));
  }

  /** Fails like a dropped connection (`fetch` rejects with a `TypeError`). */
  fail(error: unknown = new TypeError('Failed to fetch')): void {
    this.settle(() => this.reject(error));
  }

  /** Releases what the real test backend answers to the same request. */
  async forward(): Promise<void> {
    try {
      this.respond(await this.realFetch(this.input, this.init));
    } catch (error) {
      this.fail(error);
    }
  }

  private settle(deliver: () => void): void {
    if (this.settled) return;
    this.settled = true;
    deliver();
  }
}

export class FakeBackend {
  private readonly seen: FakeRequest[] = [];
  private readonly taken = new Set<FakeRequest>();
  private readonly waiting: Array<{ route: Route; take: (request: FakeRequest) => void }> = [];

  constructor(
    private readonly policies: Record<Route, Policy>,
    private readonly realFetch: typeof fetch,
  ) {}

  /** Every request sent so far, optionally only those to `route`, in order. */
  requests(route?: Route): FakeRequest[] {
    return route === undefined ? [...this.seen] : this.seen.filter((r) => r.route === route);
  }

  /**
   * The next request to `route` that no earlier `next()` returned: at once if it was already sent, else as soon as it
   * is. Request by request, in the order the element sent them.
   */
  next(route: Route): Promise<FakeRequest> {
    const ready = this.seen.find((r) => r.route === route && !this.taken.has(r));
    if (ready) {
      this.taken.add(ready);
      return Promise.resolve(ready);
    }
    return new Promise((take) => this.waiting.push({ route, take }));
  }

  /** The `fetch` that replaces the page's. */
  readonly fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new FakeRequest(input, init, this.realFetch);
    this.seen.push(request);
    const waiter = this.waiting.findIndex((w) => w.route === request.route);
    if (waiter >= 0) {
      this.taken.add(request);
      this.waiting.splice(waiter, 1)[0]!.take(request);
    }
    const policy = this.policies[request.route] ?? 'hold';
    if (policy === 'forward') void request.forward();
    else if (policy !== 'hold') {
      Promise.resolve()
        .then(() => policy(request))
        .then(
          (response) => request.respond(response),
          (error: unknown) => request.fail(error),
        );
    }
    return request.response;
  };
}

let active: { backend: FakeBackend; realFetch: typeof fetch } | null = null;

/**
 * Replaces `window.fetch` until `restoreNetwork()`. By default a session is answered at once with `FAKE_SESSION`
 * and every other request is held for the test; `policies` changes that per route.
 */
export function fakeBackend(policies: Record<Route, Policy> = {}): FakeBackend {
  if (active) throw new Error('fakeBackend() is already installed: restoreNetwork() in afterEach.');
  const realFetch = window.fetch;
  const backend = new FakeBackend(
    { session: () => Response.json(FAKE_SESSION), ...policies },
    // `fetch` must be called on the window.
    realFetch.bind(window),
  );
  window.fetch = backend.fetch;
  active = { backend, realFetch };
  return backend;
}

/** Puts the real `fetch` back (requests still held stay unanswered). Safe to call when nothing is installed. */
export function restoreNetwork(): void {
  if (!active) return;
  window.fetch = active.realFetch;
  active = null;
}
