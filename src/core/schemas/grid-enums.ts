/**
 * Enum values of Leap's grid platform (meters v2, meter enrollments, create meters), copied from Leap's OpenAPI files.
 * The same component enums appear in several of those files with identical values, so they live here once and every
 * grid schema imports them. Responses pass them to `openEnum` (Leap adds values without a version change); requests
 * pass them to `closedEnum`.
 */

/** `transmission_region`: the ISO or geographic region of the meter. */
export const TRANSMISSION_REGIONS = ['CAISO', 'ERCOT', 'NYISO', 'ISONE', 'PJM', 'SERC', 'WECC_SW', 'WECC_PC'] as const;
export type TransmissionRegion = (typeof TRANSMISSION_REGIONS)[number];

/** `customer_classification`: home or business asset. */
export const CUSTOMER_CLASSIFICATIONS = ['RESIDENTIAL', 'COMMERCIAL'] as const;
export type CustomerClassification = (typeof CUSTOMER_CLASSIFICATIONS)[number];

/** `meter_type`: where performance is measured (the utility meter, a submeter, or the device itself). */
export const METER_TYPES = ['UTILITY_METER', 'SUBMETER', 'DEVICE'] as const;
export type MeterType = (typeof METER_TYPES)[number];

/** `load_types[]`: the curtailable loads behind the meter. */
export const LOAD_TYPES = [
  'HVAC',
  'EV_CHARGING',
  'BATTERY_STORAGE',
  'COLD_STORAGE',
  'PUMPING',
  'WATER_HEATING',
  'BUILDING_AUTOMATION',
  'GENERATION',
  'MANUFACTURING',
  'LIGHTING',
  'OTHER',
] as const;
export type LoadType = (typeof LOAD_TYPES)[number];

/** `global_enrollment_status` and per-program `enrollment_status`. */
export const ENROLLMENT_STATUSES = ['ACTIVE', 'ELIGIBLE', 'INELIGIBLE', 'NOT_PARTICIPATING', 'PENDING'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/** `participation_preferences[].participation_preference`: the partner-set participation schedule. */
export const PARTICIPATION_PREFERENCES = ['PARTICIPATE', 'IDLE', 'DISENROLL'] as const;
export type ParticipationPreference = (typeof PARTICIPATION_PREFERENCES)[number];

/** `program_identifier` of `program_enrollment[]` and `required_actions.*[]`. */
export const PROGRAM_IDENTIFIERS = [
  'CAISO-CCA-SC_ONLY',
  'CCA',
  'CEC-DSGS-OPTION4',
  'CEC-DSGS',
  'CONED-CSRP',
  'CONED-DLRP',
  'DRAM',
  'ELRP',
  'ENERGY-ONLY',
  'ERCOT-ERS',
  'EVERSOURCE-CS',
  'MA_DOER-CPS',
  'NATGRID-CS',
  'NRG-REALTIME',
  'NRG-RED',
  'NYISO-SCR',
  'ONCOR-CLM',
  'PGE-ART',
  'PGE-CBP',
  'PJM-CAPACITY',
  'PSEGLI-CSRP',
  'PSEGLI-DLRP',
  'RIE-CS',
  'UNITIL-CS',
  'PSE-RPO',
  'SRP-RPO',
  'TVA-RPO',
  'CAISO-ELRP-A4',
  'CEC-DSGS-OPTION2',
  'ENERGYHUB-CS',
  'CT_GB-ESS',
] as const;
export type ProgramIdentifier = (typeof PROGRAM_IDENTIFIERS)[number];

/** `required_actions.*[].action_type`, also the `action_type[]` search filter. */
export const ACTION_TYPES = [
  'IS_AUTHORIZED',
  'DOCUMENTS_SIGNED',
  'HAS_AMI',
  'NOT_ENROLLED_IN_CONFLICTING_PROGRAM',
  'PARTICIPATING',
  'HAS_MARKET_REGISTRATION',
  'NO_MISSING_FIELDS',
  'GENERATOR',
  'ADDRESS',
  'HAS_NOMINATIONS',
  'HAS_BIDDING_STRATEGY',
  'IS_ELIGIBLE',
  'IS_ASSIGNED_TO_A_RESOURCE',
  'MEETS_EXTRA_PROGRAM_REQUIREMENTS',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** `audit.created_by`: who created the meter. */
export const METER_CREATORS = ['PARTNER', 'LEAP', 'UTILITY'] as const;
export type MeterCreator = (typeof METER_CREATORS)[number];

/** `customer.dispatch_option`: ConnectedSolutions dispatch strategy. */
export const DISPATCH_OPTIONS = ['DAILY', 'TARGETED'] as const;
export type DispatchOption = (typeof DISPATCH_OPTIONS)[number];

/** `device.device_type` and `site.site_devices[].device_type`. */
export const DEVICE_TYPES = [
  'BATTERY',
  'GENERATOR',
  'EV',
  'EV_CHARGER',
  'BIDIRECTIONAL_EV_CHARGER',
  'SMART_THERMOSTAT',
  'AIR_CONDITIONER',
  'HEAT_PUMP',
] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

/** `site.site_devices[].voltage_level`. */
export const VOLTAGE_LEVELS = ['EVSE_LEVEL_1', 'EVSE_LEVEL_2'] as const;
export type VoltageLevel = (typeof VOLTAGE_LEVELS)[number];

/** `site.generator_fuel_type` and `site.site_devices[].fuel_type`. */
export const FUEL_TYPES = ['DIESEL', 'NATURAL_GAS', 'DUAL_FUEL', 'CO_GEN', 'ENERGY_STORAGE', 'OTHER'] as const;
export type FuelType = (typeof FUEL_TYPES)[number];

/** `caiso.nem_type`. */
export const NEM_TYPES = ['NEM2', 'NEM3'] as const;
export type NemType = (typeof NEM_TYPES)[number];

/** `nyiso.cbl_method`: Customer Baseline Load verification methodology. */
export const CBL_METHODS = ['AVERAGE_DAY', 'WEATHER_ADJUSTED'] as const;
export type CblMethod = (typeof CBL_METHODS)[number];

/** `nyiso.company_type` (PSEGLI CSRP/DLRP). */
export const COMPANY_TYPES = [
  'INDIVIDUAL_OR_SOLE_PROPRIETOR',
  'LIMITED_LIABILITY_COMPANY',
  'PARTNERSHIP',
  'CORPORATION',
  'OTHER',
  'EXEMPT_PAYEE',
] as const;
export type CompanyType = (typeof COMPANY_TYPES)[number];

/** `utility.utility_name`: the IOU or POU whose territory the customer is in. */
export const UTILITY_NAMES = [
  'PGE',
  'SCE',
  'SDGE',
  'SMUD',
  'LADWP',
  'SVP',
  'CECONY',
  'ORU',
  'PSEGLI',
  'NYS',
  'RIE',
  'EVERSOURCE',
  'NATGRID',
  'UNITIL',
  'PPL',
  'CAPELIGHT',
  'UPLIGHT',
  'UNITED_ILLUMINATED',
  'SMT',
  'AEP_CENTRAL',
  'AEP_NORTH',
  'NUECES_ELECTRIC',
  'ONCOR',
  'CENTERPOINT',
  'ENTERGY_GULF',
  'SWEPCO',
  'TNMP',
  'DEMO',
  'DEMO2',
  'LEAP_TEST_CAISO',
  'LEAP_TEST_NYISO',
  'COMED',
  'BGE',
  'PECO',
  'METED',
  'PENELEC',
  'PSEG',
  'DOMINION',
  'WESTPENN',
  'PENNPOWER',
  'PEPCO',
  'PJM_DEMO',
  'OTHER',
  'NES',
  'MLGW',
  'KUB',
  'NPU',
  'MTEMC',
  'PRECC',
  'HSVU',
  'SRP',
  'PSE',
  'TVA',
] as const;
export type UtilityName = (typeof UTILITY_NAMES)[number];

/** Create-meters job `status`. */
export const JOB_STATUSES = ['PROCESSING', 'FAILED', 'COMPLETED', 'COMPLETED_WITH_ERRORS'] as const;
export type JobStatusValue = (typeof JOB_STATUSES)[number];

/** Per-asset (per `partner_reference`) `status` inside a create-meters job. */
export const PROVISIONAL_ASSET_STATUSES = [
  'PROCESSING',
  'FAILED',
  'DUPLICATE',
  'COMPLETED',
  'MULTIPLE_PARTNER_REFERENCE',
] as const;
export type ProvisionalAssetStatusValue = (typeof PROVISIONAL_ASSET_STATUSES)[number];

/** Per-asset `status_detail.name`: why an asset was created, updated or rejected. */
export const ASSET_STATUS_DETAIL_NAMES = [
  'ACCOUNT_MISMATCH',
  'ADDRESS_INCOMPLETE',
  'ADDRESS_NOT_FOUND',
  'ADDRESS_NOT_REGISTERED_FOR_ESIID',
  'DUPLICATE_METER',
  'DUPLICATE_REF_ID',
  'METER_CREATED',
  'METER_UPDATED',
  'MULTIPLE_ACCOUNTS',
  'UNSUPPORTED_ADDRESS',
  'UNSUPPORTED_ZIP_CODE',
  'VALIDATION_ERROR',
  'PROCESSING_ERROR',
] as const;
export type AssetStatusDetailName = (typeof ASSET_STATUS_DETAIL_NAMES)[number];
