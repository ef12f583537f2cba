/** What stops `<leap-incentive-checker>` from working, in the words its `leap-error` and its explanation use. */
import { BUILDING_TYPES, type BuildingType } from '../../core/address.js';
import type { LeapErrorCode } from '../../core/error-codes.js';
import { apiBaseProblem } from '../shared/api-client.js';
import type { PageFormState } from './page-address-form.js';

export const isBuildingType = (value: string): value is BuildingType =>
  (BUILDING_TYPES as readonly string[]).includes(value);

export interface CheckerSettings {
  sessionEndpoint?: string;
  apiBase?: string;
  deviceIds?: number[];
  deviceNames?: string[];
  buildingType: string;
  resultHeight?: string;
  addressForm?: string;
}

export interface CheckerProblem {
  code: Extract<LeapErrorCode, 'INVALID_CONFIG' | 'ADDRESS_FORM_UNREADABLE'>;
  message: string;
}

/**
 * The first problem with the settings, or null. `pageForm` is where the `address-form` binding stands, and
 * `unreadable()` what the console says when the form it names holds no address the checker can read.
 */
export function checkerMisconfiguration(
  settings: CheckerSettings,
  pageForm: PageFormState,
  unreadable: () => string,
): CheckerProblem | null {
  const message = settingsProblem(settings, pageForm);
  if (message) return { code: 'INVALID_CONFIG', message };
  return pageForm === 'unreadable' ? { code: 'ADDRESS_FORM_UNREADABLE', message: unreadable() } : null;
}

function settingsProblem(settings: CheckerSettings, pageForm: PageFormState): string | null {
  if (!settings.sessionEndpoint) return 'the session-endpoint attribute is required.';
  const apiBase = apiBaseProblem(settings.sessionEndpoint, settings.apiBase);
  if (apiBase) return apiBase;
  if (settings.deviceIds?.some((id) => !Number.isInteger(id) || id <= 0)) {
    return 'device-ids must be a comma-separated list of positive integers.';
  }
  if (!settings.deviceIds?.length && !settings.deviceNames?.length) return 'set device-ids or device-names.';
  if (!isBuildingType(settings.buildingType)) return `building-type must be one of ${BUILDING_TYPES.join(', ')}.`;
  if (settings.resultHeight && !CSS.supports('height', settings.resultHeight)) {
    return `result-height must be a CSS length such as 26rem, not "${settings.resultHeight}".`;
  }
  if (pageForm === 'missing')
    return `address-form names "${settings.addressForm}", but no element on the page has that id.`;
  return null;
}
