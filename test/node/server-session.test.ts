/** The partner backend's POST /session and its tokens: who gets one, and which tokens are refused. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { TokenService } from '../../src/server/index.js';
import { assertEnvelope, body, customers, startShop } from '../support/shop-backend.js';
import { json, startBackend, TEST_SECRET } from './support.js';

const { upstream, backend, alice, demo } = await startShop();

describe('POST /session', () => {
  it('returns a token, its expiry and the reference id from authenticate()', async () => {
    assert.equal(alice.reference_id, 'customer-alice');
    assert.ok(alice.token.split('.').length === 3);
    const ttl = Date.parse(alice.expires_at) - Date.now();
    assert.ok(ttl > 800_000 && ttl <= 900_000, `ttl ${ttl}`);
  });

  it('401 when the partner says no', async () => {
    const response = await backend.call('/session', { method: 'POST', headers: { 'x-test-user': 'mallory' } });
    assert.equal(response.status, 401);
    assertEnvelope(await body(response), 401);
  });

  it('defaults to anonymous guest sessions with a fresh random reference id', async () => {
    const guests = await startBackend(upstream.url);
    const a = await guests.session();
    const b = await guests.session();
    assert.match(a.reference_id, /^guest_[0-9a-f]{32}$/);
    assert.notEqual(a.reference_id, b.reference_id);
  });
});

describe('tokens', () => {
  const lookupBody = json({ operation_type: 'refresh' });

  it('missing token → 401 with WWW-Authenticate', async () => {
    const response = await backend.call('/incentives', lookupBody);
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'Bearer');
    assertEnvelope(await body(response), 401);
  });

  it('expired, tampered, wrongly signed and unsigned tokens → 401', async () => {
    const service = new TokenService(TEST_SECRET, 60);
    const expired = (await service.issue('customer-alice', Date.now() - 3_600_000)).token;
    const [head, payload, signature] = alice.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: 'customer-b' })).toString('base64url')}.${signature}`;
    const wrongKey = (await new TokenService('another-secret-that-is-also-long-enough-!!', 60).issue('customer-b'))
      .token;
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, sub: 'customer-b' })).toString('base64url')}.`;
    const wrongAudience = await new SignJWT({ scope: 'leap:customer' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('customer-b')
      .setIssuer('leap-elements')
      .setAudience('someone-else')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(TEST_SECRET));
    for (const [name, token] of Object.entries({
      expired,
      tampered,
      wrongKey,
      unsigned,
      wrongAudience,
      garbage: 'abc.def.ghi',
    })) {
      const response = await backend.call('/incentives', { ...lookupBody, token });
      assert.equal(response.status, 401, name);
      assertEnvelope(await body(response), 401);
    }
  });

  it('a token verified once stops working when it expires, and a lookalike is never taken from the cache', async () => {
    const service = new TokenService(TEST_SECRET, 60);
    const { token, expiresAt } = await service.issue('customer-alice');
    const claims = await service.verify(token);
    assert.equal(claims?.referenceId, 'customer-alice');
    // The same string again: answered from memory, still the same customer.
    assert.deepEqual(await service.verify(token), claims);
    // After its expiry, the remembered token is refused like any expired one.
    assert.equal(await service.verify(token, expiresAt.getTime() + 1), null);
    assert.equal(await service.verify(token, expiresAt.getTime() + 1), null);
    // One character off in the middle of the signature (the last one may only carry padding bits): a different
    // string, checked in full, refused.
    const at = token.lastIndexOf('.') + 10;
    const flipped = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
    assert.equal(await service.verify(flipped), null);
  });

  it('are stateless: a token from one instance works on another with the same secret', async () => {
    const other = await startBackend(upstream.url, { customers });
    const response = await other.call('/applications', { token: demo.token });
    assert.equal(response.status, 200);
  });
});
