/**
 * `leap-elements serve` on the mock Leap: the mock's connect flow answered under the backend's own base path, so a page
 * or an integration test plays a customer connecting their utility against one server, with no second process, key or
 * base URL: `POST {base}/mock/connect-sessions` `{reference_id, utility?, meters?, delay_ms?}` starts it (the
 * customer's meters then appear at `GET {base}/meters`), `GET {base}/mock/connect-sessions/:id` says where it is. With
 * a webhook secret, the mock delivers its webhooks to the backend's own `POST {base}/webhooks/leap`. Never with a key.
 */
import { createMockLeap, MOCK_API_KEY, type MockLeap } from '../mock/index.js';
import type { LeapHandler } from '../server/index.js';

export interface ServeMock {
  /** The upstream for the backend (in-process). */
  upstream: MockLeap;
  /** The backend with the connect flow answered under its base path. */
  wrap(handler: LeapHandler): LeapHandler;
}

export function serveMock(options: { basePath: string; webhookSecret?: string | undefined }): ServeMock {
  const base = options.basePath.replace(/\/+$/, '');
  let backend: LeapHandler | undefined;
  const upstream = createMockLeap({
    ...(options.webhookSecret
      ? {
          webhooks: {
            url: `http://127.0.0.1${base}/webhooks/leap`,
            headers: { 'x-leap-webhook-secret': options.webhookSecret },
            // Delivered in-process to the backend itself, as Leap would deliver them over the network.
            fetch: (input, init) => backend!(new Request(input, init)),
          },
        }
      : {}),
  });
  const flow = `${base}/mock/connect-sessions`;
  return {
    upstream,
    wrap(handler) {
      backend = handler;
      const wrapped = async (request: Request, env?: unknown) => {
        const url = new URL(request.url);
        if (url.pathname !== flow && !url.pathname.startsWith(`${flow}/`)) return handler(request, env);
        const target = new URL(url.pathname.slice(base.length) + url.search, 'http://leap-mock.invalid');
        const headers = new Headers({ authorization: `Bearer ${MOCK_API_KEY}` });
        const type = request.headers.get('content-type');
        if (type) headers.set('content-type', type);
        const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
        if (body !== undefined && body.length > 16_384)
          return Response.json({ title: 'Body too large' }, { status: 413 });
        const answer = await upstream(target, { method: request.method, headers, body });
        const out = new Headers(answer.headers);
        out.set('x-leap-mock', '1');
        out.set('cache-control', 'no-store');
        return new Response(answer.body, { status: answer.status, headers: out });
      };
      return Object.assign(wrapped, { checkUpstream: () => handler.checkUpstream() });
    },
  };
}
