/** Formatting shared by elements and servers: money and dates through Intl, never by hand. */

const formatters = new Map<
  string,
  Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.DisplayNames
>();

/** Intl formatters are costly to build and a result can format hundreds of amounts: keep one per options set. */
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.DisplayNames>(
  key: string,
  make: () => T,
): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

export function formatMoney(amount: number, currency: string, locale: string): string {
  const whole = Number.isInteger(amount);
  try {
    const digits = whole ? 0 : 2;
    return cached(
      `money|${locale}|${currency}|${digits}`,
      () =>
        new Intl.NumberFormat(locale, {
          style: 'currency',
          currency,
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        }),
    ).format(amount);
  } catch {
    // An unknown currency code or locale must not break rendering.
    return `${currency} ${amount.toFixed(whole ? 0 : 2)}`;
  }
}

/** US state and territory names as browsers autofill them, mapped to USPS codes. */
const US_STATE_NAMES: Record<string, string> = {
  alabama: 'AL', alaska: 'AK', arizona: 'AZ', arkansas: 'AR', california: 'CA', colorado: 'CO', connecticut: 'CT',
  delaware: 'DE', 'district of columbia': 'DC', florida: 'FL', georgia: 'GA', hawaii: 'HI', idaho: 'ID',
  illinois: 'IL', indiana: 'IN', iowa: 'IA', kansas: 'KS', kentucky: 'KY', louisiana: 'LA', maine: 'ME',
  maryland: 'MD', massachusetts: 'MA', michigan: 'MI', minnesota: 'MN', mississippi: 'MS', missouri: 'MO',
  montana: 'MT', nebraska: 'NE', nevada: 'NV', 'new hampshire': 'NH', 'new jersey': 'NJ', 'new mexico': 'NM',
  'new york': 'NY', 'north carolina': 'NC', 'north dakota': 'ND', ohio: 'OH', oklahoma: 'OK', oregon: 'OR',
  pennsylvania: 'PA', 'rhode island': 'RI', 'south carolina': 'SC', 'south dakota': 'SD', tennessee: 'TN',
  texas: 'TX', utah: 'UT', vermont: 'VT', virginia: 'VA', washington: 'WA', 'west virginia': 'WV',
  wisconsin: 'WI', wyoming: 'WY', 'puerto rico': 'PR', guam: 'GU', 'u.s. virgin islands': 'VI',
  'virgin islands': 'VI', 'american samoa': 'AS', 'northern mariana islands': 'MP',
}; // prettier-ignore

/** "Oregon", "or", " OR " → "OR"; anything else is returned trimmed and upper-cased for validation to judge. */
export function normalizeStateCode(value: string): string {
  const trimmed = value.trim();
  return US_STATE_NAMES[trimmed.toLowerCase()] ?? trimmed.toUpperCase();
}

/** Leap marks open-ended periods with a date in the year 9000 (`9000-01-01T00:00:00Z`). */
export function isOpenEnded(iso: string | null | undefined): boolean {
  if (!iso) return true;
  const year = new Date(iso).getUTCFullYear();
  return Number.isNaN(year) || year >= 9000;
}

/** A country's name in the viewer's language (`US` → "United States", "Estados Unidos"); the code if unknown. */
export function countryName(code: string, locale: string): string {
  const upper = code.toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper)) return code;
  try {
    return cached(`region|${locale}`, () => new Intl.DisplayNames([locale], { type: 'region' })).of(upper) ?? upper;
  } catch {
    return upper;
  }
}

export function formatDate(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return cached(`date|${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })).format(date);
}

/** "in 12 days", "tomorrow", "3 days ago": whole days between `now` and `iso`, in the viewer's language. */
export function formatRelativeDays(iso: string, locale: string, now: Date = new Date()): string {
  const target = new Date(iso).getTime();
  if (Number.isNaN(target)) return '';
  const days = Math.round((target - now.getTime()) / 86_400_000);
  return cached(`relative|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })).format(
    days,
    'day',
  );
}
