/**
 * `jwksAuthenticator` behind a real backend: a JWKS served over a loopback socket, tokens signed with jose, sessions
 * asked for in-process.
 */
import { after, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import {
  createLeapHandler,
  jwksAuthenticator,
  type JwksAuthenticatorOptions,
  type Logger,
} from '../../src/server/index.js';
import { listen } from '../../src/server/node.js';
import { TEST_SECRET } from './support.js';

const ISSUER = 'https://login.shop.test/';
const AUDIENCE = 'https://api.shop.test';
/** jose refetches a JWKS for an unknown `kid` only when the last fetch is older than this. */
const JOSE_COOLDOWN_MS = 30_000;

/** Every token signed here and every log line written, for the last test. */
const issued: string[] = [];
const allLogs: string[] = [];

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

const keyA = await signingKey('key-a');
const keyB = await signingKey('key-b');

/** Signs a token that the default backend accepts; `claims` override or (as `undefined`) remove claims. */
async function sign(key: SigningKey, claims: JWTPayload = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({
    sub: 'customer-42',
    iss: ISSUER,
    aud: AUDIENCE,
    iat: now,
    exp: now + 600,
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .sign(key.privateKey);
  issued.push(token);
  return token;
}

/** A JWKS endpoint whose keys can be changed while it runs; counts the requests it answers. */
async function startJwks(keys: JWK[]) {
  const state = { keys, requests: 0 };
  const server = await listen(() => {
    state.requests += 1;
    return Response.json({ keys: state.keys });
  });
  after(() => server.close());
  return { url: `${server.url}/.well-known/jwks.json`, host: new URL(server.url).host, state, server };
}

interface LogEntry {
  level: string;
  message: string;
  fields: Record<string, unknown>;
}

/** A backend whose `authenticate` is a `jwksAuthenticator`; `session()` asks it for a session in-process. */
function startBackend(options: Partial<JwksAuthenticatorOptions> & Pick<JwksAuthenticatorOptions, 'jwksUrl'>) {
  const logs: LogEntry[] = [];
  const logger: Logger = (level, message, fields = {}) => {
    logs.push({ level, message, fields });
    allLogs.push(`${level} ${message} ${JSON.stringify(fields)}`);
  };
  const handler = createLeapHandler({
    mock: true,
    sessionSecret: TEST_SECRET,
    rateLimit: false,
    // The backend's own lines (such as "answering from the embedded mock") are checked for tokens, not counted.
    logger: (level, message, fields = {}) => allLogs.push(`${level} ${message} ${JSON.stringify(fields)}`),
    authenticate: jwksAuthenticator({ issuer: ISSUER, audience: AUDIENCE, logger, ...options }),
  });
  return {
    logs,
    async session(headers: Record<string, string> = {}) {
      const response = await handler(new Request('http://shop.test/api/leap/session', { method: 'POST', headers }));
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    refusals: () => logs.filter((l) => l.level === 'info').map((l) => l.fields),
  };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Moves `Date.now` (what jose's JWKS cache reads) forward for the rest of the test. */
function advanceClock(t: TestContext, ms: number): void {
  const realNow = Date.now.bind(Date);
  t.mock.method(Date, 'now', () => realNow() + ms);
}

describe('jwksAuthenticator', () => {
  it('accepts a valid token in Authorization: Bearer and names the customer by sub', async () => {
    const jwks = await startJwks([keyA.jwk]);
    const backend = startBackend({ jwksUrl: jwks.url });
    const { status, body } = await backend.session(bearer(await sign(keyA)));
    assert.equal(status, 200);
    assert.equal(body.reference_id, 'customer-42');
    assert.equal(typeof body.token, 'string');
    assert.equal(jwks.state.requests, 1);
    // Keys are cached: a second sign-in does not download the set again.
    assert.equal(
      (await backend.session(bearer(await sign(keyA, { sub: 'customer-43' })))).body.reference_id,
      'customer-43',
    );
    assert.equal(jwks.state.requests, 1);
  });

  it('reads the token from the named cookie, URL-encoded and among other cookies', async () => {
    const jwks = await startJwks([keyA.jwk]);
    const backend = startBackend({ jwksUrl: jwks.url, cookie: 'sb-access-token' });
    const plain = await sign(keyA, { sub: 'cookie-customer' });
    const plainAnswer = await backend.session({ cookie: `theme=dark; sb-access-token=${plain}; lang=en` });
    assert.equal(plainAnswer.status, 200);
    assert.equal(plainAnswer.body.reference_id, 'cookie-customer');

    const encoded = (await sign(keyA, { sub: 'encoded-customer' })).replaceAll('.', '%2E');
    const cookie = `sb-access-token.0=not-this-one; theme=dark; sb-access-token=${encoded}; other=a%3Db`;
    const encodedAnswer = await backend.session({ cookie });
    assert.equal(encodedAnswer.status, 200);
    assert.equal(encodedAnswer.body.reference_id, 'encoded-customer');

    // Without `cookie` in the options, cookies are not read.
    const bearerOnly = startBackend({ jwksUrl: jwks.url });
    assert.equal((await bearerOnly.session({ cookie: `sb-access-token=${plain}` })).status, 401);
  });

  it('reads a nested claim, turning a number into a string', async () => {
    const jwks = await startJwks([keyA.jwk]);
    const backend = startBackend({ jwksUrl: jwks.url, claim: 'app_metadata.customer_id' });
    const token = await sign(keyA, { app_metadata: { customer_id: 90210, plan: 'pro' } });
    const { status, body } = await backend.session(bearer(token));
    assert.equal(status, 200);
    assert.equal(body.reference_id, '90210');
  });

  it('reads a dotted path as nested claims only, never a top-level claim named with dots', async () => {
    const jwks = await startJwks([keyA.jwk]);
    const backend = startBackend({ jwksUrl: jwks.url, claim: 'app_metadata.customer_id' });
    const both = await sign(keyA, {
      'app_metadata.customer_id': 'chosen-by-user',
      app_metadata: { customer_id: 'cus_real' },
    });
    assert.equal((await backend.session(bearer(both))).body.reference_id, 'cus_real');
    const topLevelOnly = await sign(keyA, { 'app_metadata.customer_id': 'chosen-by-user' });
    assert.equal((await backend.session(bearer(topLevelOnly))).status, 401);
  });

  it('reads a namespaced claim named with dots when given as a list of names; refuses missing and invalid ids', async () => {
    const jwks = await startJwks([keyA.jwk]);
    const claim = 'https://shop.test/customer_id';
    const backend = startBackend({ jwksUrl: jwks.url, claim: [claim] });
    assert.equal((await backend.session(bearer(await sign(keyA, { [claim]: 'cus_7' })))).body.reference_id, 'cus_7');
    for (const value of [undefined, '', { id: 1 }]) {
      assert.equal((await backend.session(bearer(await sign(keyA, { [claim]: value })))).status, 401, String(value));
    }
    assert.ok(backend.refusals().every((fields) => fields.claim === claim));
    // An id Leap would refuse is a 400 that says why, not a session.
    for (const value of ['x'.repeat(256), 'ab', 'a/b?c#d', ' cus_8', 'cus\u00079']) {
      const answer = await backend.session(bearer(await sign(keyA, { [claim]: value })));
      assert.equal(answer.status, 400, JSON.stringify(value));
      assert.match(JSON.stringify(answer.body), /reference id must/);
    }
    assert.throws(
      () => jwksAuthenticator({ jwksUrl: jwks.url, issuer: 'i', audience: 'a', claim: [] }),
      /claim must be/,
    );
  });

  it('refuses an expired token and one not valid yet, beyond the clock tolerance', async () => {
    const jwks = await startJwks([keyA.jwk]);
    const backend = startBackend({ jwksUrl: jwks.url });
    const now = Math.floor(Date.now() / 1000);
    const expired = await backend.session(bearer(await sign(keyA, { iat: now - 700, exp: now - 60 })));
    assert.equal(expired.status, 401);
    assert.equal(expired.body.title, 'Not signed in');
    assert.equal((await backend.session(bearer(await sign(keyA, { nbf: now + 60 })))).status, 401);
    assert.deepEqual(
      backend.refusals().map((f) => [f.code, f.claim]),
      [
        ['ERR_JWT_EXPIRED', 'exp'],
        ['ERR_JWT_CLAIM_VALIDATION_FAILED', 'nbf'],
      ],
    );
    // Within the default 5 s tolerance both are still accepted.
    assert.equal((await backend.session(bearer(await sign(keyA, { exp: now - 2 })))).status, 200);
    assert.equal((await backend.session(bearer(await sign(keyA, { nbf: now + 2 })))).status, 200);
  });

  it('refuses a token without an expiry', async () => {
    const jwks = await startJwks([keyA.jwk]);
    const backend = startBackend({ jwksUrl: jwks.url });
    assert.equal((await backend.session(bearer(await sign(keyA, { exp: undefined })))).status, 401);
    assert.deepEqual(backend.refusals()[0], {
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'exp',
      reason: 'missing',
    });
  });

  it('refuses a wrong issuer and a wrong audience', async () => {
    const jwks = await startJwks([keyA.jwk]);
    const backend = startBackend({ jwksUrl: jwks.url });
    assert.equal((await backend.session(bearer(await sign(keyA, { iss: 'https://evil.test/' })))).status, 401);
    assert.equal((await backend.session(bearer(await sign(keyA, { aud: 'https://other-api.test' })))).status, 401);
    assert.deepEqual(
      backend.refusals().map((f) => f.claim),
      ['iss', 'aud'],
    );
    // Either of several configured audiences will do.
    const several = startBackend({ jwksUrl: jwks.url, audience: ['https://other-api.test', AUDIENCE] });
    assert.equal((await several.session(bearer(await sign(keyA, { aud: 'https://other-api.test' })))).status, 200);
  });

  it('refuses a key the JWKS does not have, refetching the set at most once per jose cooldown', async (t) => {
    const jwks = await startJwks([keyA.jwk]);
    const backend = startBackend({ jwksUrl: jwks.url });
    assert.equal((await backend.session(bearer(await sign(keyA)))).status, 200);
    assert.equal(jwks.state.requests, 1);

    advanceClock(t, JOSE_COOLDOWN_MS + 1000);
    const stranger = await sign(keyB);
    const first = await backend.session(bearer(stranger));
    assert.equal(first.status, 401);
    assert.equal(jwks.state.requests, 2, 'an unknown kid makes jose look at the JWKS again');

    const hammer = await Promise.all(Array.from({ length: 20 }, () => backend.session(bearer(stranger))));
    assert.ok(hammer.every((answer) => answer.status === 401));
    assert.equal(jwks.state.requests, 2, 'no more fetches within the cooldown');
    assert.ok(backend.refusals().every((f) => f.code === 'ERR_JWKS_NO_MATCHING_KEY'));
    assert.equal(backend.logs.filter((l) => l.level === 'warn').length, 0, 'an unknown kid is not an outage');
  });

  it('accepts a new key once the JWKS publishes it (key rotation)', async (t) => {
    const jwks = await startJwks([keyA.jwk]);
    const backend = startBackend({ jwksUrl: jwks.url });
    assert.equal((await backend.session(bearer(await sign(keyA)))).status, 200);

    jwks.state.keys = [keyB.jwk, keyA.jwk];
    advanceClock(t, JOSE_COOLDOWN_MS + 1000);
    const rotated = await backend.session(bearer(await sign(keyB, { sub: 'after-rotation' })));
    assert.equal(rotated.status, 200);
    assert.equal(rotated.body.reference_id, 'after-rotation');
    assert.equal(jwks.state.requests, 2);
    assert.equal((await backend.session(bearer(await sign(keyA)))).status, 200, 'the old key still works');
  });

  it('refuses HS256 and unsigned tokens without looking up a key', async () => {
    const jwks = await startJwks([keyA.jwk]);
    const backend = startBackend({ jwksUrl: jwks.url });
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: 'customer-42', iss: ISSUER, aud: AUDIENCE, exp: now + 600 };
    const hs256 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: keyA.kid })
      .sign(new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!!'));
    const unsigned = new UnsecuredJWT(claims).encode();
    issued.push(hs256, unsigned);
    assert.equal((await backend.session(bearer(hs256))).status, 401);
    assert.equal((await backend.session(bearer(unsigned))).status, 401);
    assert.deepEqual(
      backend.refusals().map((f) => f.code),
      ['ERR_JOSE_ALG_NOT_ALLOWED', 'ERR_JOSE_ALG_NOT_ALLOWED'],
    );
    assert.equal(jwks.state.requests, 0);
  });

  it('refuses a tampered signature and a malformed token', async () => {
    const jwks = await startJwks([keyA.jwk]);
    const backend = startBackend({ jwksUrl: jwks.url });
    const [header, , signature] = (await sign(keyA)).split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: 'someone-else', iss: ISSUER, aud: AUDIENCE, exp: 2e9 })).toString('base64url')}.${signature}`;
    issued.push(forged);
    assert.equal((await backend.session(bearer(forged))).status, 401);
    assert.equal((await backend.session(bearer('not.a-jwt'))).status, 401);
    assert.deepEqual(
      backend.refusals().map((f) => f.code),
      ['ERR_JWS_SIGNATURE_VERIFICATION_FAILED', 'ERR_JWS_INVALID'],
    );
  });

  it('answers 503 with one warn line when the JWKS host is down, without hanging', async () => {
    const jwks = await startJwks([keyA.jwk]);
    await jwks.server.close();
    const backend = startBackend({ jwksUrl: jwks.url });
    const { status, body } = await backend.session(bearer(await sign(keyA)));
    assert.equal(status, 503);
    assert.equal(body.title, 'Sign-in service unavailable');
    const warnings = backend.logs.filter((l) => l.level === 'warn');
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]!.fields.host, jwks.host);
    assert.equal(backend.refusals().length, 0);
  });

  it('answers 503 once timeoutMs has passed when the JWKS host never answers', async () => {
    const silent = await listen(() => new Promise<Response>(() => {}));
    after(() => silent.close());
    const backend = startBackend({ jwksUrl: `${silent.url}/jwks.json`, timeoutMs: 300 });
    const started = Date.now();
    const { status, body } = await backend.session(bearer(await sign(keyA)));
    const elapsed = Date.now() - started;
    assert.equal(status, 503);
    assert.equal(body.title, 'Sign-in service unavailable');
    assert.ok(elapsed >= 250, `answered after ${elapsed} ms, not before the timeout`);
    const warnings = backend.logs.filter((l) => l.level === 'warn');
    assert.equal(warnings.length, 1);
    assert.match(String(warnings[0]!.fields.error), /ERR_JWKS_TIMEOUT/);
  });

  it('answers 503 when the JWKS answers an error status or garbage', async () => {
    for (const answer of [
      () => new Response('upstream broke', { status: 500 }),
      () => new Response('<html>login</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
      () => Response.json({ keys: 'none today' }),
    ]) {
      const broken = await listen(answer);
      after(() => broken.close());
      const backend = startBackend({ jwksUrl: `${broken.url}/jwks.json` });
      const { status } = await backend.session(bearer(await sign(keyA)));
      assert.equal(status, 503);
      assert.equal(backend.logs.filter((l) => l.level === 'warn').length, 1);
    }
  });

  it('answers 401 when there is no token at all', async () => {
    const jwks = await startJwks([keyA.jwk]);
    const backend = startBackend({ jwksUrl: jwks.url, cookie: 'sb-access-token' });
    const requests: Array<Record<string, string>> = [
      {},
      { authorization: 'Basic dXNlcjpwYXNz' },
      { cookie: 'theme=dark; sb-access-token=' },
    ];
    for (const headers of requests) {
      const { status, body } = await backend.session(headers);
      assert.equal(status, 401, JSON.stringify(headers));
      assert.equal(body.title, 'Not signed in');
    }
    assert.equal(jwks.state.requests, 0);
  });

  it('refuses bad options when it is created, naming the option', () => {
    const base = { jwksUrl: 'https://login.shop.test/.well-known/jwks.json', issuer: ISSUER, audience: AUDIENCE };
    assert.throws(() => jwksAuthenticator({ ...base, jwksUrl: 'http://example.com/jwks' }), /jwksUrl must be https/);
    assert.throws(() => jwksAuthenticator({ ...base, jwksUrl: 'not a url' }), /jwksUrl/);
    assert.throws(
      () => jwksAuthenticator({ ...base, issuer: undefined } as unknown as JwksAuthenticatorOptions),
      /issuer/,
    );
    assert.throws(() => jwksAuthenticator({ ...base, audience: [] }), /audience/);
    assert.throws(() => jwksAuthenticator({ ...base, algorithms: ['RS256', 'HS256'] }), /algorithms/);
    assert.throws(() => jwksAuthenticator({ ...base, cookie: 'a b' }), /cookie/);
    assert.throws(() => jwksAuthenticator({ ...base, timeoutMs: 0 }), /timeoutMs/);
    assert.throws(() => jwksAuthenticator({ ...base, clockToleranceSeconds: -1 }), /clockToleranceSeconds/);
    for (const local of ['http://localhost:8080/jwks', 'http://127.0.0.1:9/jwks', 'http://[::1]:9/jwks']) {
      assert.equal(typeof jwksAuthenticator({ ...base, jwksUrl: local }), 'function', local);
    }
  });

  it('never writes a token into a log line', () => {
    assert.ok(allLogs.length > 10, `only ${allLogs.length} log lines were written`);
    assert.ok(issued.length > 10);
    for (const token of issued) {
      const [, payload, signature] = token.split('.');
      for (const line of allLogs) {
        assert.ok(!line.includes(token), line);
        assert.ok(!line.includes(payload!), line);
        if (signature) assert.ok(!line.includes(signature), line);
      }
    }
  });
});
