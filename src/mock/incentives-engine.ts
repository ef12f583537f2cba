/** How the mock Leap evaluates a customer's devices against the programs of their utility. */
import type { MockAddressFixture, MockDevice, MockUtility } from './fixtures/incentives.js';
import { MOCK_DEVICES } from './fixtures/incentives.js';

export type DeviceCounts = Map<number, number>;

/** One customer of the partner, as Leap remembers them between a lookup and a refresh. */
export interface MockCustomer {
  reference_id: string;
  customer_id: number;
  fixture: MockAddressFixture;
  address: Record<string, string | undefined>;
  building_type: string;
  devices: DeviceCounts | null;
  utility_eiaid: string | null;
  connect_code: string;
}

export class DeviceResolutionError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Turns the three documented device styles into counts per device id (repeats mean quantity). */
export function resolveDevices(body: {
  device_id?: number | undefined;
  device_ids?: number[] | undefined;
  device_names?: string[] | undefined;
}): DeviceCounts | null {
  const ids: number[] = [];
  if (body.device_id !== undefined) ids.push(body.device_id);
  if (body.device_ids) ids.push(...body.device_ids);
  for (const name of body.device_names ?? []) {
    const device = MOCK_DEVICES.find((d) => d.name.toLowerCase() === name.trim().toLowerCase());
    if (!device) {
      throw new DeviceResolutionError(
        'device_names',
        `Device name "${name}" is not in your equipment map. Known names: ${MOCK_DEVICES.map((d) => d.name).join(', ')}.`,
      );
    }
    ids.push(device.id);
  }
  if (!ids.length) return null;
  const counts: DeviceCounts = new Map();
  for (const id of ids) {
    if (!MOCK_DEVICES.some((d) => d.id === id)) {
      throw new DeviceResolutionError(
        'device_ids',
        `Unknown device_id ${id}. Known ids: ${MOCK_DEVICES.map((d) => d.id).join(', ')}.`,
      );
    }
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

function deviceName(id: number): string {
  return MOCK_DEVICES.find((d) => d.id === id)?.name ?? `Device ${id}`;
}

export function evaluatePrograms(utility: MockUtility, devices: DeviceCounts, buildingType: string) {
  const byProgram = [];
  for (const program of utility.programs) {
    const results = [];
    for (const tier of program.tiers) {
      if (tier.buildingTypes && !tier.buildingTypes.includes(buildingType)) continue;
      const matched = [...devices].filter(([id]) => tier.devices.includes(id));
      if (!matched.length) continue;
      const targets: Array<[MockDevice, number]> = tier.report
        ? [[tier.report, 1]]
        : matched.map(([id, quantity]) => [{ id, name: deviceName(id) }, quantity]);
      for (const [device, quantity] of targets) {
        results.push({
          device_id: device.id,
          device_name: device.name,
          tier_id: tier.tier_id,
          tier_name: tier.tier_name,
          eligible: tier.eligible,
          incentive_amount: tier.eligible ? tier.amount * quantity : 0,
          calculation_details: tier.calculation_details,
          failed_requirements: tier.failed_requirements ?? [],
          ignored_requirements: tier.ignored_requirements ?? [],
          ...(tier.completed_requirements ? { completed_requirements: tier.completed_requirements } : {}),
        });
      }
    }
    if (!results.length) continue;
    const eligible = results.filter((r) => r.eligible);
    byProgram.push({
      program_id: program.program_id,
      program_name: program.program_name,
      total_incentive: eligible.reduce((sum, r) => sum + r.incentive_amount, 0),
      eligible_combinations: eligible.length,
      device_tier_results: results,
    });
  }
  return {
    programs_evaluated: utility.programs.length,
    incentives: {
      total_incentive_amount: byProgram.reduce((sum, p) => sum + p.total_incentive, 0),
      total_eligible_combinations: byProgram.reduce((sum, p) => sum + p.eligible_combinations, 0),
      by_program: byProgram,
    },
  };
}

export function formatAddress(fixture: MockAddressFixture, address: Record<string, string | undefined>): string {
  const street = [address.street_1, address.street_2].filter(Boolean).join(' ');
  return `${street}, ${address.city ?? fixture.city}, ${address.state_or_province_code ?? fixture.state} ${address.postal_code ?? fixture.postal_code}`;
}
