/**
 * Requests to the mock Leap as the mock suites send them: the quickstart's examples, each service's headers, and a
 * lookup for any address the mock knows.
 */
import { readFileSync } from 'node:fs';
import type { MOCK_ADDRESSES } from '../../src/mock/index.js';
import { TEST_API_KEY } from '../node/support.js';

export const quickstart = JSON.parse(
  readFileSync(new URL('../node/fixtures/quickstart.json', import.meta.url), 'utf8'),
) as {
  request: Record<string, unknown>;
  responses: Array<Record<string, unknown> & { address: Record<string, string>; reference_id: string }>;
  applicationList: unknown;
  applicationPatch: unknown;
};

export const incentivesHeaders = { 'x-api-key': TEST_API_KEY, 'content-type': 'application/json' };
export const gridHeaders = { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' };

/** Posts to the incentives service of the mock at `url`; the answer's status and JSON body (null when not JSON). */
export function incentivesAt(url: string) {
  return async function incentives(body: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${url}/alpha/incentives`, {
      method: 'POST',
      headers: { ...incentivesHeaders, ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> };
  };
}

/** A lookup body with a fresh reference id that opens applications; `extra` overrides any field. */
export function lookup(address: Record<string, string>, extra: Record<string, unknown> = {}) {
  return {
    operation_type: 'lookup',
    reference_id: `ref-${Math.random().toString(36).slice(2)}`,
    address,
    building_type: 'RESIDENTIAL',
    device_id: 123,
    create_application: true,
    ...extra,
  };
}

/** One of the mock's addresses in the request's address shape. */
export function addressOf(fixture: (typeof MOCK_ADDRESSES)[number]) {
  return {
    street_1: fixture.street_1,
    city: fixture.city,
    state_or_province_code: fixture.state,
    postal_code: fixture.postal_code,
    country_code: 'US',
  };
}
