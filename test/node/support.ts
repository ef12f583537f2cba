/** Real sockets for server-side tests: the mock Leap and the partner backend each listen on a loopback port. */
import { after } from 'node:test';
import { createMockLeap, MOCK_API_KEY, type MockLeapOptions } from '../../src/mock/index.js';
import { createLeapHandler, type LeapHandlerOptions } from '../../src/server/index.js';
import { listen } from '../../src/server/node.js';

export const TEST_SECRET = 'zC0rKj2zIn+rPOgUuxiiAojS7WjJ7UcZF8LzIloE1t+ADY2O';
export const TEST_API_KEY = 'leap_live_TESTKEY_9f8e7d6c5b4a3210';

/** Starts a mock Leap over HTTP; counts the requests it receives. Closed after the test file. */
export async function startMock(options: MockLeapOptions = {}) {
  const mock = createMockLeap({ apiKeys: [TEST_API_KEY, MOCK_API_KEY], ...options });
  const seen: Array<{ method: string; path: string; headers: Headers }> = [];
  const server = await listen(async (request) => {
    const url = new URL(request.url);
    seen.push({ method: request.method, path: url.pathname + url.search, headers: request.headers });
    return mock(request);
  });
  after(() => server.close());
  return { url: server.url, mock, seen };
}

export interface BackendHandle {
  url: string;
  logs: string[];
  session(headers?: Record<string, string>): Promise<{ token: string; expires_at: string; reference_id: string }>;
  call(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
}

/** Starts the partner backend over HTTP in front of `mockUrl`. `customers` maps an `x-test-user` header to a reference id. */
export async function startBackend(
  mockUrl: string,
  options: Partial<LeapHandlerOptions> & { customers?: Record<string, string> } = {},
): Promise<BackendHandle> {
  const logs: string[] = [];
  const { customers, ...rest } = options;
  const handler = createLeapHandler({
    apiKey: TEST_API_KEY,
    incentivesBaseUrl: `${mockUrl}/alpha`,
    platformBaseUrl: mockUrl,
    sessionSecret: TEST_SECRET,
    rateLimit: false,
    upstreamBackoffMs: 10,
    logger: (level, message, fields) => logs.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`),
    ...(customers
      ? {
          authenticate: async (request: Request) => {
            const user = request.headers.get('x-test-user');
            return user && customers[user] ? { referenceId: customers[user] } : null;
          },
        }
      : {}),
    ...rest,
  });
  const server = await listen(handler);
  after(() => server.close());
  const base = `${server.url}${options.basePath ?? '/api/leap'}`;
  return {
    url: base,
    logs,
    async session(headers = {}) {
      const response = await fetch(`${base}/session`, { method: 'POST', headers });
      if (response.status !== 200) throw new Error(`session: ${response.status} ${await response.text()}`);
      return (await response.json()) as { token: string; expires_at: string; reference_id: string };
    },
    call(path, init = {}) {
      const { token, headers, ...rest } = init;
      return fetch(`${base}${path}`, {
        ...rest,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(headers as Record<string, string>) },
      });
    },
  };
}

export const BEND = {
  street_1: '456 Main St',
  street_2: 'Apt 2B',
  city: 'Bend',
  state_or_province_code: 'OR',
  postal_code: '97701',
  country_code: 'US',
};

export function json(body: unknown): RequestInit {
  return { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
}
