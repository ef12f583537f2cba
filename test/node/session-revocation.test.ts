/** The isRevoked hook: a partner ends sessions before their tokens expire, and a failing hook never lets a call through. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backend, withToken } from '../support/hostile-backend.js';

describe('isRevoked: ending sessions before they expire', () => {
  it('is asked on every call, even when the token’s signature check is remembered', async () => {
    const revoked = new Set<string>();
    const asked: string[] = [];
    const { call, session } = backend({
      mock: true,
      apiKey: undefined,
      isRevoked: async ({ jti, referenceId, issuedAt }) => {
        asked.push(referenceId);
        assert.ok(issuedAt instanceof Date && issuedAt.getTime() <= Date.now());
        return revoked.has(jti);
      },
    });
    const token = await session();
    assert.equal((await call('/applications', withToken(token))).status, 200);
    assert.equal((await call('/applications', withToken(token))).status, 200);
    const jti = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { jti: string }).jti;
    revoked.add(jti);
    const after = await call('/applications', withToken(token));
    assert.equal(after.status, 401);
    assert.equal(((await after.json()) as { title: string }).title, 'Session ended');
    assert.equal(asked.length, 3);
  });

  it('a hook that throws refuses the call (503), it does not let it through', async () => {
    const { call, session } = backend({
      mock: true,
      apiKey: undefined,
      isRevoked: () => {
        throw new Error('revocation store down');
      },
    });
    assert.equal((await call('/applications', withToken(await session()))).status, 503);
  });
});
