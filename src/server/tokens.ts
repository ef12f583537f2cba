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
}

export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string | Uint8Array,
    private readonly ttlSeconds: number,
  ) {
    this.key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
    if (this.key.byteLength < MIN_SECRET_BYTES) {
      throw new Error(
        `sessionSecret must be at least ${MIN_SECRET_BYTES} bytes; generate one with: openssl rand -base64 48`,
      );
    }
  }

  async issue(referenceId: string, now = Date.now()): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(now / 1000);
    const expiresAt = new Date((issuedAt + this.ttlSeconds) * 1000);
    const token = await new SignJWT({ scope: 'leap:customer' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(referenceId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .setJti(crypto.randomUUID())
      .sign(this.key);
    return { token, expiresAt };
  }

  /** The claims of a valid token, or null for anything expired, tampered, wrongly signed or malformed. */
  async verify(token: string): Promise<SessionClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        requiredClaims: ['sub', 'exp'],
      });
      if (typeof payload.sub !== 'string' || payload.sub === '' || payload.scope !== 'leap:customer') return null;
      return { referenceId: payload.sub, expiresAt: new Date(payload.exp! * 1000) };
    } catch (error) {
      if (error instanceof errors.JOSEError || error instanceof TypeError) return null;
      throw error;
    }
  }
}
