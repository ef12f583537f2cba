/**
 * Names people know for Leap's utility codes (`utility.utility_name` of meter details, `utility_name` of
 * authorization webhooks), for sentences such as "Connected: 2 meters at Pacific Gas & Electric".
 */
const UTILITY_DISPLAY_NAMES: Readonly<Record<string, string>> = {
  PGE: 'Pacific Gas & Electric',
  SCE: 'Southern California Edison',
  SDGE: 'San Diego Gas & Electric',
  SMUD: 'Sacramento Municipal Utility District',
  LADWP: 'Los Angeles Department of Water and Power',
  SVP: 'Silicon Valley Power',
  CECONY: 'Con Edison',
  ORU: 'Orange & Rockland',
  PSEGLI: 'PSEG Long Island',
  NYS: 'NYSEG',
  RIE: 'Rhode Island Energy',
  EVERSOURCE: 'Eversource',
  NATGRID: 'National Grid',
  UNITIL: 'Unitil',
  PPL: 'PPL Electric Utilities',
  CAPELIGHT: 'Cape Light Compact',
  UNITED_ILLUMINATED: 'United Illuminating',
  AEP_CENTRAL: 'AEP Texas Central',
  AEP_NORTH: 'AEP Texas North',
  NUECES_ELECTRIC: 'Nueces Electric Cooperative',
  ONCOR: 'Oncor',
  CENTERPOINT: 'CenterPoint Energy',
  ENTERGY_GULF: 'Entergy Texas',
  SWEPCO: 'SWEPCO',
  TNMP: 'Texas-New Mexico Power',
  COMED: 'ComEd',
  BGE: 'BGE',
  PECO: 'PECO',
  METED: 'Met-Ed',
  PENELEC: 'Penelec',
  PSEG: 'PSE&G',
  DOMINION: 'Dominion Energy',
  WESTPENN: 'West Penn Power',
  PENNPOWER: 'Penn Power',
  PEPCO: 'Pepco',
  NES: 'Nashville Electric Service',
  MLGW: 'Memphis Light, Gas and Water',
  KUB: 'Knoxville Utilities Board',
  SRP: 'Salt River Project',
  PSE: 'Puget Sound Energy',
  TVA: 'Tennessee Valley Authority',
  LEAP_TEST_CAISO: 'Leap test utility (CAISO)',
  LEAP_TEST_NYISO: 'Leap test utility (NYISO)',
};

/** The name of a utility code; an unknown code reads as itself, words spaced (`AUSTIN_ENERGY` → "AUSTIN ENERGY"). */
export function utilityDisplayName(code: string): string {
  return UTILITY_DISPLAY_NAMES[code.toUpperCase()] ?? code.replace(/_/g, ' ');
}
