/** `GET {base}/openapi.json`: the backend's contract, for partners who implement or proxy it on another stack. */
import { Hono } from 'hono';
import type { BackendEnv } from '../context.js';
import type { BackendConfig } from '../options.js';
import { OPENAPI_DOCUMENT } from '../openapi.generated.js';
import { allowOnly } from '../responses.js';

export function openApiRoutes(config: BackendConfig): Hono<BackendEnv> {
  const app = new Hono<BackendEnv>();
  // The document names where this backend's routes are.
  const body = JSON.stringify({ ...OPENAPI_DOCUMENT, servers: [{ url: config.basePath || '/' }] });
  app.get('/openapi.json', (c) => c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' }));
  allowOnly(app, '/openapi.json', 'GET');
  return app;
}
