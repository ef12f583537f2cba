/**
 * What every backend of the peer benchmark shares: the upstream key, the session secret (tokens come from the
 * leap-elements backend's `POST /session`; the hand-written peers verify the same HS256 JWT), the page origin they all
 * allow, a rate limit high enough never to refuse, and the request body they all validate.
 */
import { MOCK_API_KEY } from '../../../src/mock/index.js';

export const UPSTREAM_KEY = MOCK_API_KEY;
export const SESSION_SECRET = 'Q3npVhCkUiLhwpkkZdIehtT0IxSaxTWKyqCUDZbPKzvgpjxorV3eQyrjp7GXn7U4';
export const PAGE_ORIGIN = 'https://shop.example.com';
/** Requests per minute per client: every request is counted, none refused. */
export const RATE_LIMIT = 1_000_000_000;
/** The claims leap-elements' session tokens carry. */
export const TOKEN_ISSUER = 'leap-elements';
export const TOKEN_AUDIENCE = 'leap-elements:browser';
export const BUILDING_TYPES = ['RESIDENTIAL', 'MULTIFAMILY', 'MANUFACTURED_HOME', 'COMMERCIAL'] as const;
export const OPERATION_TYPES = ['lookup', 'refresh', 'override'] as const;
