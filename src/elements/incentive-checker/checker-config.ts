/** What stops `<leap-incentive-checker>` from working, in the words its `leap-error` and its explanation use. */
import { BUILDING_TYPES, type BuildingType } from '../../core/address.js';

export const isBuildingType = (value: string): value is BuildingType =>
  (BUILDING_TYPES as readonly string[]).includes(value);

export interface CheckerSettings {
  sessionEndpoint?: string;
  deviceIds?: number[];
  deviceNames?: string[];
  buildingType: string;
  resultHeight?: string;
  addressForm?: string;
}

/** The first problem with the settings, or null. `pageFormFound` is false once the `address-form` id is given up on. */
export function checkerMisconfiguration(settings: CheckerSettings, pageFormFound: boolean): string | null {
  if (!settings.sessionEndpoint) return 'the session-endpoint attribute is required.';
  if (settings.deviceIds?.some((id) => !Number.isInteger(id) || id <= 0)) {
    return 'device-ids must be a comma-separated list of positive integers.';
  }
  if (!settings.deviceIds?.length && !settings.deviceNames?.length) return 'set device-ids or device-names.';
  if (!isBuildingType(settings.buildingType)) return `building-type must be one of ${BUILDING_TYPES.join(', ')}.`;
  if (settings.resultHeight && !CSS.supports('height', settings.resultHeight)) {
    return `result-height must be a CSS length such as 26rem, not "${settings.resultHeight}".`;
  }
  if (!pageFormFound) return `address-form names "${settings.addressForm}", but no element on the page has that id.`;
  return null;
}
