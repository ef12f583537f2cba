/**
 * The customer's reference id: the `reference_id` of a session, the `refId` of a connect URL, the `partner_reference`
 * of every meter Leap creates for it. Checked once, where it enters (a partner server, an authenticator, a sign-in
 * token's claim), against the strictest of Leap's rules, so it is accepted everywhere it travels afterwards.
 */

import { CONTROL_CHARACTER_CLASS } from './control-characters.js';

/** Leap's rule for `partner_reference` in its meters and enrollments OpenAPI files. */
export const PARTNER_REFERENCE_PATTERN = /^[^/\\?\][{}!#$%^&*()<>|]{3,256}$/;
/** Leap's connect URLs take a `refId` of at most 255 characters, one fewer than `partner_reference`. */
export const REFERENCE_ID_MAX_LENGTH = 255;
export const REFERENCE_ID_MIN_LENGTH = 3;

const FORBIDDEN = /[/\\?\][{}!#$%^&*()<>|]/;
const CONTROL = new RegExp(CONTROL_CHARACTER_CLASS);
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `id` cannot be a customer's reference id, in one sentence; null when it can. */
export function referenceIdProblem(id: unknown): string | null {
  if (typeof id !== 'string') return 'must be a string';
  if (id.length < REFERENCE_ID_MIN_LENGTH || id.length > REFERENCE_ID_MAX_LENGTH) {
    return `must be ${REFERENCE_ID_MIN_LENGTH} to ${REFERENCE_ID_MAX_LENGTH} characters long (it has ${id.length})`;
  }
  if (id.trim() !== id) return 'must not start or end with a space';
  if (CONTROL.test(id)) return 'must not contain control or invisible formatting characters';
  if (UNPAIRED_SURROGATE.test(id)) return 'must be valid Unicode text';
  if (FORBIDDEN.test(id)) return 'must not contain any of / \\ ? [ ] { } ! # $ % ^ & * ( ) < > |';
  return null;
}
