/**
 * URLs that arrive from the network become links only after this check: https, no credentials, and a host on the
 * allow-list (Leap's documented hosts plus any the partner adds).
 */

/** Hosts Leap's documentation uses for connect and claim links. */
export const LEAP_LINK_HOSTS: readonly string[] = [
  'app.leap.energy',
  'connect.leap.energy',
  'connect.incentives.leap.energy',
  'onboarding.leap.energy',
  'onboarding.staging.leap.energy',
  'addleap.com',
  'staging.addleap.com',
];

export type UnsafeUrlReason = 'missing' | 'unparseable' | 'not_https' | 'credentials' | 'host_not_allowed';

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: UnsafeUrlReason };

/** `extraHosts` entries are exact host names (`rebates.example.com`) or a leading-dot suffix (`.example.com`). */
export function checkLinkUrl(value: unknown, extraHosts: readonly string[] = []): UrlCheck {
  if (typeof value !== 'string' || value.trim() === '') return { ok: false, reason: 'missing' };
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { ok: false, reason: 'unparseable' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'not_https' };
  if (url.username || url.password) return { ok: false, reason: 'credentials' };
  const host = url.hostname.toLowerCase();
  const allowed = [...LEAP_LINK_HOSTS, ...extraHosts.map((h) => h.trim().toLowerCase()).filter(Boolean)];
  const ok = allowed.some((entry) =>
    entry.startsWith('.') ? host.endsWith(entry) && host !== entry.slice(1) : host === entry,
  );
  return ok ? { ok: true, url } : { ok: false, reason: 'host_not_allowed' };
}
