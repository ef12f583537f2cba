/** Routes that act for one customer: a valid session token, then the per-customer rate limit. */
import type { MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import type { BackendEnv } from '../context.js';
import type { BackendConfig } from '../options.js';
import { rateLimit } from './rate-limit.js';
import { requireToken } from './session-token.js';

export function customerOnly(config: BackendConfig): MiddlewareHandler<BackendEnv> {
  return every(
    requireToken(config),
    rateLimit(config.store, config.tokenRule, (c) => `token:${c.get('referenceId')}`),
  ) as MiddlewareHandler<BackendEnv>;
}
