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
    c.set('referenceId', claims.referenceId);
    return next();
  };
}
