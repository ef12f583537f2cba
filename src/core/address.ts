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

/** One address field, everything every layer needs to know about it. */
export interface AddressFieldSpec {
  /** The API's name (`IncentivesAddress`). */
  name: AddressField;
  /** The element property that prefills it; its attribute is the kebab-case form (`street1` → `street-1`). */
  property: 'street1' | 'street2' | 'city' | 'state' | 'postalCode' | 'country';
  attribute: string;
  /** The HTML `autocomplete` tokens a form uses for it (the first is ours). */
  autocomplete: readonly string[];
  /** Field names page forms commonly give it, for forms without `autocomplete` (lower-case). */
  pageNames: readonly string[];
  /** After trimming. */
  maxLength: number;
  required: boolean;
}

/** The address fields, in form order: the one table the rules, the form, the prefill and the page binding read. */
export const ADDRESS_FIELDS: readonly AddressFieldSpec[] = [
  {
    name: 'street_1',
    property: 'street1',
    attribute: 'street-1',
    autocomplete: ['address-line1', 'street-address'],
    pageNames: [
      'address1',
      'address_1',
      'address-1',
      'address_line1',
      'address_line_1',
      'line1',
      'street',
      'street1',
      'street_1',
      'address',
    ],
    maxLength: 200,
    required: true,
  },
  {
    name: 'street_2',
    property: 'street2',
    attribute: 'street-2',
    autocomplete: ['address-line2'],
    pageNames: [
      'address2',
      'address_2',
      'address-2',
      'address_line2',
      'address_line_2',
      'line2',
      'street2',
      'street_2',
      'apartment',
      'unit',
    ],
    maxLength: 200,
    required: false,
  },
  {
    name: 'city',
    property: 'city',
    attribute: 'city',
    autocomplete: ['address-level2'],
    pageNames: ['city', 'town', 'locality'],
    maxLength: 100,
    required: true,
  },
  {
    name: 'state_or_province_code',
    property: 'state',
    attribute: 'state',
    autocomplete: ['address-level1'],
    pageNames: ['state', 'state_code', 'province', 'province_code', 'region', 'zone', 'state_or_province_code'],
    maxLength: 3,
    required: true,
  },
  {
    name: 'postal_code',
    property: 'postalCode',
    attribute: 'postal-code',
    autocomplete: ['postal-code'],
    pageNames: ['zip', 'zipcode', 'zip_code', 'postal', 'postcode', 'postal_code', 'postalcode'],
    maxLength: 10,
    required: true,
  },
  {
    name: 'country_code',
    property: 'country',
    attribute: 'country',
    autocomplete: ['country', 'country-name'],
    pageNames: ['country', 'country_code', 'countrycode'],
    maxLength: 2,
    required: true,
  },
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
  for (const { name, maxLength, required } of ADDRESS_FIELDS) {
    const value = address[name];
    // The country code has its own rule below; a US state that is too long is a wrong code, said as such below.
    if (value === undefined || name === 'country_code') continue;
    if (required && value === '') issues[name] = ADDRESS_ISSUES.required;
    else if (value.length > maxLength && !(name === 'state_or_province_code' && address.country_code === 'US')) {
      issues[name] = ADDRESS_ISSUES.tooLong;
    }
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
