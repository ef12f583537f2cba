/** Routes that act for one customer: a valid session token, then the per-customer rate limit. */
import type { MiddlewareHandler } from 'hono';
import type { BackendEnv } from '../context.js';
import type { BackendConfig } from '../options.js';
import { chain } from './chain.js';
import { rateLimit } from './rate-limit.js';
import { requireToken } from './session-token.js';

/** `before` (a body limit, say) runs first, in the same step. */
export function customerOnly(
  config: BackendConfig,
  ...before: MiddlewareHandler<BackendEnv>[]
): MiddlewareHandler<BackendEnv> {
  return chain(
    ...before,
    requireToken(config),
    rateLimit(config.store, config.tokenRule, (c) => `token:${c.get('referenceId')}`),
  );
}
