/** Routes behind a session token: `Authorization: Bearer <token>` from `POST /session` names the customer. */
import type { MiddlewareHandler } from 'hono';
import type { BackendEnv } from '../context.js';
import type { BackendConfig } from '../options.js';
import { problem } from '../responses.js';

export function requireToken(config: BackendConfig): MiddlewareHandler<BackendEnv> {
  return async (c, next) => {
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(c.req.header('authorization') ?? '');
    if (!match) {
      c.header('www-authenticate', 'Bearer');
      return problem(c, 401, 'Missing session token', {
        reason: 'Send Authorization: Bearer <token> from POST /session.',
      });
    }
    const claims = await config.tokens.verify(match[1]!);
    if (!claims) {
      c.header('www-authenticate', 'Bearer error="invalid_token"');
      return problem(c, 401, 'Invalid or expired session token', { reason: 'Fetch a new token from POST /session.' });
    }
    if (config.options.isRevoked) {
      let revoked: boolean;
      try {
        revoked = await config.options.isRevoked({
          jti: claims.jti,
          referenceId: claims.referenceId,
          issuedAt: claims.issuedAt,
        });
      } catch (error) {
        config.log('error', 'isRevoked() threw; the call is refused', {
          error: error instanceof Error ? error.message : String(error),
        });
        return problem(c, 503, 'Could not check the session', {});
      }
      if (revoked) {
        c.header('www-authenticate', 'Bearer error="invalid_token"');
        return problem(c, 401, 'Session ended', { reason: 'Fetch a new token from POST /session.' });
      }
    }
    c.set('referenceId', claims.referenceId);
    return next();
  };
}
