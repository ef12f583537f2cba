/**
 * `leap-elements/server`: the partner backend as a WHATWG fetch handler, and its building blocks. Runtime-neutral:
 * no Node modules, so it bundles for Cloudflare Workers, Deno and Bun as it is. Node's adapters are in
 * `leap-elements/server/node`.
 */
export { createLeapHandler, type LeapHandler, type UpstreamCheck } from './handler.js';
export {
  createLeapClient,
  MAX_SERVER_ANSWER_BYTES,
  type LeapClient,
  type LeapClientOptions,
} from './client/create-client.js';
export type { ApplicationFilter } from './client/applications.js';
export type {
  CreateMetersOptions,
  MeterJob,
  MeterRowOutcome,
  RowProblem,
  WaitOptions,
} from './client/create-meters.js';
export type { EnrollmentSync, SyncCheckpoint, SyncOptions } from './client/enrollment-sync.js';
export type { MeterSearchFilter } from './client/meters.js';
export { DEFAULT_BASE_PATH, MAX_BODY_BYTES, type LeapHandlerOptions, type RevocationQuery } from './options.js';
export {
  DEFAULT_INCENTIVES_BASE_URL,
  DEFAULT_PLATFORM_BASE_URL,
  STAGING_PLATFORM_BASE_URL,
} from './upstream-config.js';
export { jwksAuthenticator, type JwksAuthenticatorOptions } from './jwks.js';
export { MemoryRateLimitStore, type RateLimitHit, type RateLimitRule, type RateLimitStore } from './rate-limit.js';
export { RedisRateLimitStore, type RedisRateLimitStoreOptions } from './redis-store.js';
export { TokenService, type SessionClaims } from './tokens.js';
export type { Logger, LogLevel } from './upstream.js';
export { LeapApiError, type LeapErrorBody } from '../core/errors.js';
