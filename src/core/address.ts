/**
 * The rules an incentives address must meet, written once. The zod schema `IncentivesAddress` (backend, mock) applies
 * them through `checkAddress`, and the checker element calls `checkAddress` directly so its form errors match the
 * backend's without shipping zod to the browser.
 */

export const BUILDING_TYPES = ['RESIDENTIAL', 'MULTIFAMILY', 'MANUFACTURED_HOME', 'COMMERCIAL'] as const;
export type BuildingType = (typeof BUILDING_TYPES)[number];

/** US states, DC and territories with USPS codes. */
export const US_STATE_CODES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA',
  'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR',
  'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'PR', 'VI', 'GU', 'AS', 'MP',
] as const; // prettier-ignore

export const US_ZIP = /^\d{5}(-\d{4})?$/;

/** Messages are stable codes; elements turn them into words in the customer's language. */
export const ADDRESS_ISSUES = {
  required: 'required',
  tooLong: 'too_long',
  state: 'invalid_state',
  zip: 'invalid_postal_code',
  country: 'invalid_country',
} as const;
export type AddressIssue = (typeof ADDRESS_ISSUES)[keyof typeof ADDRESS_ISSUES];

export interface AddressFields {
  street_1: string;
  street_2?: string | undefined;
  city: string;
  state_or_province_code: string;
  postal_code: string;
  country_code: string;
}
export type AddressField = keyof AddressFields;

/** Each checked field: its maximum length after trimming, and whether it is required. */
const FIELD_RULES: ReadonlyArray<readonly [AddressField, number, boolean]> = [
  ['street_1', 200, true],
  ['street_2', 200, false],
  ['city', 100, true],
  ['state_or_province_code', 3, true],
  ['postal_code', 10, true],
];

export type AddressCheck =
  { ok: true; address: AddressFields } | { ok: false; issues: Partial<Record<AddressField, AddressIssue>> };

/**
 * Trims every field, upper-cases the state and country codes and checks lengths, the country code and, for US
 * addresses, the USPS state code and the ZIP or ZIP+4. Every failing field is reported at once.
 */
export function checkAddress(input: AddressFields): AddressCheck {
  const address: AddressFields = {
    street_1: input.street_1.trim(),
    city: input.city.trim(),
    state_or_province_code: input.state_or_province_code.trim().toUpperCase(),
    postal_code: input.postal_code.trim(),
    country_code: input.country_code.trim().toUpperCase(),
  };
  if (input.street_2 !== undefined) address.street_2 = input.street_2.trim();
  const issues: Partial<Record<AddressField, AddressIssue>> = {};
  for (const [field, max, required] of FIELD_RULES) {
    const value = address[field];
    if (value === undefined) continue;
    if (required && value === '') issues[field] = ADDRESS_ISSUES.required;
    else if (value.length > max) issues[field] = ADDRESS_ISSUES.tooLong;
  }
  if (!/^[A-Z]{2}$/.test(address.country_code)) issues.country_code = ADDRESS_ISSUES.country;
  else if (address.country_code === 'US') {
    if (
      !issues.state_or_province_code &&
      !(US_STATE_CODES as readonly string[]).includes(address.state_or_province_code)
    )
      issues.state_or_province_code = ADDRESS_ISSUES.state;
    if (!issues.postal_code && !US_ZIP.test(address.postal_code)) issues.postal_code = ADDRESS_ISSUES.zip;
  }
  return Object.keys(issues).length ? { ok: false, issues } : { ok: true, address };
}
