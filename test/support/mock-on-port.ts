/**
 * The mock Leap on a loopback port for the `createLeapClient()` suites: every request recorded byte for byte, faults
 * injected into the requests a test picks, and a client whose attempts time out only when the mock hangs.
 */
import { after } from 'node:test';
import { createMockLeap, type MockFault, type MockLeapOptions } from '../../src/mock/index.js';
import { createLeapClient, type LeapClientOptions } from '../../src/server/index.js';
import { listen } from '../../src/server/node.js';
import { TEST_API_KEY } from '../node/support.js';

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType: string | null;
  body: string;
}

/** The mock Leap on a port, recording every request, with a fault for the requests `faultFor` picks. */
export async function mockOnPort(options: MockLeapOptions = {}) {
  const mock = createMockLeap(options);
  const seen: SeenRequest[] = [];
  let faultFor: (request: SeenRequest, index: number) => MockFault | null = () => null;
  const server = await listen(async (request) => {
    const url = new URL(request.url);
    // Kept byte for byte: a plain text() would drop a CSV's byte order mark.
    const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await request.arrayBuffer());
    const entry = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      contentType: request.headers.get('content-type'),
      body,
    };
    seen.push(entry);
    const fault = faultFor(entry, seen.length - 1);
    const headers = new Headers(request.headers);
    if (fault) headers.set('x-mock-fault', fault);
    const answer = mock(new Request(request.url, { method: request.method, headers, body: body || undefined }));
    // The request hangs on the mock (whose clock the test holds): the client's deadline for it has come.
    if (fault === 'timeout') for (const expire of inFlight) expire();
    return answer;
  });
  /** Attempts the client has sent and not yet had answered: each can be made to time out, as its deadline would. */
  const inFlight = new Set<() => void>();
  const deadlines: typeof fetch = (input, init) => {
    const attempt = new AbortController();
    const expire = () => attempt.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    init?.signal?.addEventListener('abort', () => attempt.abort(init.signal!.reason), { once: true });
    inFlight.add(expire);
    return fetch(input, { ...init, signal: attempt.signal }).finally(() => inFlight.delete(expire));
  };
  after(async () => {
    mock.dispose();
    await server.close();
  });
  return {
    url: server.url,
    mock,
    seen,
    /** Injects a fault into the requests `pick` chooses (by the request and its index among all requests). */
    fault(pick: typeof faultFor) {
      faultFor = pick;
    },
    client(overrides: Partial<LeapClientOptions> = {}) {
      return createLeapClient({
        apiKey: TEST_API_KEY,
        platformBaseUrl: server.url,
        incentivesBaseUrl: `${server.url}/alpha`,
        retries: 2,
        backoffMs: 5,
        // No deadline a busy machine could reach: an attempt times out only when the mock hangs (fault `timeout`).
        fetch: deadlines,
        logger: () => {},
        ...overrides,
      });
    },
  };
}

/** Everything an async iterable yields, in order. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
