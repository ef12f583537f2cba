/** The partner backend's CORS allow-list: credentials for allowed origins only, preflights included. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertEnvelope, body, startShop } from '../support/shop-backend.js';

const { backend } = await startShop();

describe('CORS', () => {
  it('grants an allowed origin, with credentials', async () => {
    const response = await backend.call('/session', {
      method: 'POST',
      headers: { origin: 'https://shop.example.com', 'x-test-user': 'alice' },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://shop.example.com');
    assert.equal(response.headers.get('access-control-allow-credentials'), 'true');
    assert.equal(response.headers.get('access-control-expose-headers'), 'retry-after, x-leap-mock');
    assert.match(response.headers.get('vary') ?? '', /Origin/);
  });

  it('an answer to a request without Origin grants nothing and still varies on Origin', async () => {
    const response = await backend.call('/session', { method: 'POST', headers: { 'x-test-user': 'alice' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    assert.equal(response.headers.get('access-control-allow-credentials'), null);
    assert.match(response.headers.get('vary') ?? '', /Origin/);
  });

  it('refuses any other origin with 403 and no CORS grant', async () => {
    const response = await backend.call('/session', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'x-test-user': 'alice' },
    });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    assertEnvelope(await body(response), 403);
  });

  it('answers preflight for allowed origins only', async () => {
    const preflight = (origin: string) =>
      backend.call('/incentives', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const ok = await preflight('https://shop.example.com');
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), 'https://shop.example.com');
    assert.match(ok.headers.get('access-control-allow-headers') ?? '', /authorization/i);
    const refused = await preflight('https://evil.example');
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
  });
});
