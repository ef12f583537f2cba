/** Fixed-window limits over the configured store: `429` with `Retry-After` past the rule. */
import type { Context, MiddlewareHandler } from 'hono';
import type { RateLimitRule, RateLimitStore } from '../rate-limit.js';
import type { BackendEnv } from '../context.js';
import { problem } from '../responses.js';

/** `keyOf` may return null to skip the rule for this request. */
export function rateLimit(
  store: RateLimitStore | null,
  rule: RateLimitRule | null,
  keyOf: (c: Context<BackendEnv>) => string | null,
): MiddlewareHandler<BackendEnv> {
  return async (c, next) => {
    if (!rule || !store) return next();
    const key = keyOf(c);
    if (key === null) return next();
    const hit = await store.hit(key, rule.windowSeconds * 1000);
    if (hit.count > rule.limit) {
      const seconds = Math.max(1, Math.ceil((hit.resetAt - Date.now()) / 1000));
      c.header('retry-after', String(seconds));
      return problem(c, 429, 'Too many requests', { retry_after_seconds: seconds });
    }
    return next();
  };
}
