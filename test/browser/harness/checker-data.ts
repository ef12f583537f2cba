/**
 * What the checker's tests share: addresses the mock Leap knows (and one it does not), answers written by hand for
 * what the mock does not say, and the words said while a check is in flight.
 */
import type { IncentivesResult } from '../../../src/core/schemas/incentives.js';
import type { FakeBackend } from './fake-backend.js';

export const BEND = {
  street_1: '456 Main St',
  city: 'Bend',
  state_or_province_code: 'OR',
  postal_code: '97701',
  country_code: 'US',
};
export const PORTLAND = {
  street_1: '100 SW Main St',
  city: 'Portland',
  state_or_province_code: 'OR',
  postal_code: '97204',
  country_code: 'US',
};
export const SACRAMENTO = {
  street_1: '789 Oak Avenue',
  city: 'Sacramento',
  state_or_province_code: 'CA',
  postal_code: '95814',
  country_code: 'US',
};
export const SF = {
  street_1: '1 Market St',
  city: 'San Francisco',
  state_or_province_code: 'CA',
  postal_code: '94105',
  country_code: 'US',
};
export const DAVIS = {
  street_1: '23 Russell Blvd',
  city: 'Davis',
  state_or_province_code: 'CA',
  postal_code: '95616',
  country_code: 'US',
};
export const NOWHERE = {
  street_1: '1 Nowhere Rd',
  city: 'Bend',
  state_or_province_code: 'OR',
  postal_code: '00000',
  country_code: 'US',
};

export const CHECKING = 'Checking incentives for your address…';

/** An answer written by hand, for what the mock Leap does not say. */
export function answer(overrides: Partial<IncentivesResult> = {}): IncentivesResult {
  return {
    utility: { eiaid: 1, name: 'Test Utility' },
    incentives: { total_incentive_amount: 100, by_program: [] },
    ...overrides,
  };
}

/** Lets the next check through to the real test backend. */
export async function releaseNext(backend: FakeBackend): Promise<void> {
  await (await backend.next('incentives')).forward();
}
