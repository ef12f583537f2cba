import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkAddress, type AddressFields } from '../../src/core/address.js';
import { IncentivesAddress } from '../../src/core/schemas/incentives.js';

const BEND: AddressFields = {
  street_1: '456 Main St',
  city: 'Bend',
  state_or_province_code: 'OR',
  postal_code: '97701',
  country_code: 'US',
};

describe('checkAddress (the checker form and the backend share it)', () => {
  const cases: Array<[string, Partial<AddressFields>, Record<string, string> | null]> = [
    ['a complete US address', {}, null],
    [
      'ZIP+4 and lower-case codes with spaces',
      { postal_code: ' 97701-1234 ', state_or_province_code: ' or ', country_code: 'us' },
      null,
    ],
    ['an empty street and city', { street_1: '  ', city: '' }, { street_1: 'required', city: 'required' }],
    [
      'an unknown state and a short ZIP',
      { state_or_province_code: 'ZZ', postal_code: '123' },
      { state_or_province_code: 'invalid_state', postal_code: 'invalid_postal_code' },
    ],
    ['a country that is not two letters', { country_code: 'USA' }, { country_code: 'invalid_country' }],
    [
      'a Canadian address (no US rules)',
      { country_code: 'CA', state_or_province_code: 'BC', postal_code: 'V5K 0A1' },
      null,
    ],
    ['a street over 200 characters', { street_1: 'x'.repeat(201) }, { street_1: 'too_long' }],
    ['an optional second line over 200 characters', { street_2: 'x'.repeat(201) }, { street_2: 'too_long' }],
    // A mistyped state name is a wrong code, not "too long": the customer gets the two-letter hint.
    [
      'a US state longer than two letters',
      { state_or_province_code: 'Orgeon' },
      { state_or_province_code: 'invalid_state' },
    ],
    [
      'a province over 3 characters outside the US',
      { country_code: 'CA', state_or_province_code: 'Britsh' },
      { state_or_province_code: 'too_long' },
    ],
  ];
  for (const [name, change, issues] of cases) {
    it(name, () => {
      const checked = checkAddress({ ...BEND, ...change });
      if (issues === null) {
        assert.ok(checked.ok, JSON.stringify(checked));
        assert.equal(
          checked.address.state_or_province_code,
          checked.address.state_or_province_code.trim().toUpperCase(),
        );
      } else {
        assert.ok(!checked.ok);
        assert.deepEqual(checked.issues, issues);
      }
    });
  }

  it('the zod schema decides and normalizes exactly like checkAddress, on any input', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('OR', 'or ', '97701', '97701-1234', 'US', 'ca', ''),
    );
    fc.assert(
      fc.property(
        fc.record(
          {
            street_1: text,
            street_2: text,
            city: text,
            state_or_province_code: text,
            postal_code: text,
            country_code: text,
          },
          { requiredKeys: ['street_1', 'city', 'state_or_province_code', 'postal_code', 'country_code'] },
        ),
        (address) => {
          const checked = checkAddress(address);
          const parsed = IncentivesAddress.safeParse(address);
          assert.equal(parsed.success, checked.ok);
          if (checked.ok && parsed.success) assert.deepEqual(parsed.data, checked.address);
          if (!checked.ok && !parsed.success) {
            const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
            assert.deepEqual(fields, checked.issues);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
