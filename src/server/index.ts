/** The partner backend: `createLeapHandler` (a fetch handler) and its building blocks. */
export {
  createLeapHandler,
  DEFAULT_INCENTIVES_BASE_URL,
  DEFAULT_PLATFORM_BASE_URL,
  MAX_BODY_BYTES,
  type LeapHandler,
  type LeapHandlerOptions,
} from './handler.js';
export { MemoryRateLimitStore, type RateLimitHit, type RateLimitRule, type RateLimitStore } from './rate-limit.js';
export { TokenService, type SessionClaims } from './tokens.js';
export type { Logger, LogLevel } from './upstream.js';
export { listen, nodeFetch, toNodeListener, type ListeningServer, type NodeListener } from './node.js';
