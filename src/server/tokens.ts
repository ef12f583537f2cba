/**
 * Session tokens: short-lived HS256 JWTs (jose) that name one customer. Stateless, so any number of backend
 * instances sharing `sessionSecret` can verify them.
 */
import { SignJWT, jwtVerify, errors } from 'jose';

const ISSUER = 'leap-elements';
const AUDIENCE = 'leap-elements:browser';
export const MIN_SECRET_BYTES = 32;

export interface SessionClaims {
  /** The customer: becomes `reference_id` / `refId` on every upstream call. */
  referenceId: string;
  expiresAt: Date;
  issuedAt: Date;
  /** The token's own id (for revocation). */
  jti: string;
}

/** Verified tokens kept in memory (a token's claims cannot change), at most this many. */
const VERIFIED_CACHE_SIZE = 10_000;

export class TokenService {
  readonly #key: Uint8Array<ArrayBuffer>;
  readonly #ttlSeconds: number;
  /** The secret imported once for Web Crypto, instead of on every sign and verify. */
  #cryptoKey?: Promise<CryptoKey>;
  /** Claims of tokens already verified, until they expire: the signature of the same string need not be checked twice. */
  readonly #verified = new Map<string, SessionClaims>();

  constructor(secret: string | Uint8Array, ttlSeconds: number) {
    this.#key = typeof secret === 'string' ? new TextEncoder().encode(secret) : new Uint8Array(secret);
    this.#ttlSeconds = ttlSeconds;
    if (this.#key.byteLength < MIN_SECRET_BYTES) {
      throw new Error(
        `sessionSecret must be at least ${MIN_SECRET_BYTES} bytes; generate one with: openssl rand -base64 48`,
      );
    }
  }

  #hmacKey(): Promise<CryptoKey> {
    this.#cryptoKey ??= crypto.subtle.importKey('raw', this.#key, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    return this.#cryptoKey;
  }

  async issue(referenceId: string, now = Date.now()): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(now / 1000);
    const expiresAt = new Date((issuedAt + this.#ttlSeconds) * 1000);
    const token = await new SignJWT({ scope: 'leap:customer' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(referenceId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.#ttlSeconds)
      .setJti(crypto.randomUUID())
      .sign(await this.#hmacKey());
    return { token, expiresAt };
  }

  /** The claims of a valid token, or null for anything expired, tampered, wrongly signed or malformed. */
  async verify(token: string, now = Date.now()): Promise<SessionClaims | null> {
    const known = this.#verified.get(token);
    if (known) {
      if (known.expiresAt.getTime() > now) return known;
      this.#verified.delete(token);
      return null;
    }
    const claims = await this.#verifySignature(token, now);
    if (claims) {
      if (this.#verified.size >= VERIFIED_CACHE_SIZE) this.#verified.delete(this.#verified.keys().next().value!);
      this.#verified.set(token, claims);
    }
    return claims;
  }

  async #verifySignature(token: string, now: number): Promise<SessionClaims | null> {
    try {
      const { payload } = await jwtVerify(token, await this.#hmacKey(), {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        requiredClaims: ['sub', 'exp', 'iat', 'jti'],
        currentDate: new Date(now),
      });
      if (typeof payload.sub !== 'string' || payload.sub === '' || payload.scope !== 'leap:customer') return null;
      return {
        referenceId: payload.sub,
        expiresAt: new Date(payload.exp! * 1000),
        issuedAt: new Date((payload.iat ?? 0) * 1000),
        jti: typeof payload.jti === 'string' ? payload.jti : '',
      };
    } catch (error) {
      if (error instanceof errors.JOSEError || error instanceof TypeError) return null;
      throw error;
    }
  }
}
