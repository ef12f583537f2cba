/**
 * The mock's Incentives API: `POST /alpha/incentives` for the quickstart's addresses and devices, `lookup`, `refresh`
 * and `override`, several possible utilities, and an application per eligible program when asked.
 */
import type { Hono } from 'hono';
import { IncentivesRequest } from '../core/schemas/incentives.js';
import { issuesToFields } from '../core/schemas/common.js';
import { findAddressFixture } from './fixtures/incentives.js';
import { CUSTOMER_IDS } from './fixtures/applications.js';
import {
  DeviceResolutionError,
  evaluatePrograms,
  formatAddress,
  resolveDevices,
  type DeviceCounts,
  type MockCustomer,
} from './incentives-engine.js';
import { readJson } from './http.js';
import { MOCK_LIMITS } from './limits.js';
import type { MockLeapState } from './types.js';
import { incentivesError } from './responses.js';

export function registerIncentives(app: Hono, state: MockLeapState): void {
  app.post('/alpha/incentives', async (c) => {
    const json = await readJson(c);
    if (!json.ok) return incentivesError(c, 400, 'Request body must be JSON.');
    const parsed = IncentivesRequest.safeParse(json.value);
    if (!parsed.success) return incentivesError(c, 400, 'Invalid request', issuesToFields(parsed.error.issues));
    const body = parsed.data;
    const operation = body.operation_type ?? 'lookup';
    let customer = state.customers.get(body.reference_id);

    let devices: DeviceCounts | null;
    try {
      devices = resolveDevices(body);
    } catch (error) {
      if (error instanceof DeviceResolutionError)
        return incentivesError(c, 400, error.message, { [error.field]: error.message });
      throw error;
    }

    if (operation === 'refresh') {
      if (!customer) {
        return incentivesError(c, 404, `No earlier lookup for reference_id "${body.reference_id}": call lookup first.`);
      }
    } else if (operation === 'lookup' || (operation === 'override' && body.address)) {
      if (!customer && state.customers.size >= MOCK_LIMITS.customers) {
        return incentivesError(c, 429, `The mock keeps at most ${MOCK_LIMITS.customers} customers: restart it.`);
      }
      const address = body.address!;
      const fixture = findAddressFixture(address);
      if (!fixture) {
        return incentivesError(c, 400, 'Address could not be geocoded. Check the street, city, state and ZIP code.', {
          address: 'not_found',
        });
      }
      const sameAddress = customer && customer.fixture === fixture;
      customer = {
        reference_id: body.reference_id,
        customer_id: customer?.customer_id ?? fixture.customerId ?? CUSTOMER_IDS[body.reference_id] ?? state.nextId(),
        fixture,
        address: { ...address },
        building_type: body.building_type ?? customer?.building_type ?? 'RESIDENTIAL',
        devices: devices ?? customer?.devices ?? null,
        utility_eiaid: sameAddress ? customer!.utility_eiaid : null,
        connect_code: customer?.connect_code ?? crypto.randomUUID().slice(0, 8),
      };
      state.customers.set(body.reference_id, customer);
    } else {
      // override without an address: the customer must be known.
      if (!customer) {
        return incentivesError(c, 404, `No earlier lookup for reference_id "${body.reference_id}": call lookup first.`);
      }
      customer.devices = devices;
      if (body.building_type) customer.building_type = body.building_type;
    }

    if (body.utility_eiaid !== undefined) {
      const picked = customer.fixture.utilities.find((u) => String(u.eiaid) === String(body.utility_eiaid));
      if (!picked) {
        return incentivesError(c, 400, `utility_eiaid ${body.utility_eiaid} does not serve this address.`, {
          utility_eiaid: 'not_a_possible_utility',
        });
      }
      customer.utility_eiaid = String(picked.eiaid);
    }

    const fixture = customer.fixture;
    const utility =
      fixture.utilities.length === 1
        ? fixture.utilities[0]!
        : fixture.utilities.find((u) => String(u.eiaid) === customer.utility_eiaid);
    const evaluation = utility
      ? evaluatePrograms(utility, customer.devices ?? new Map(), customer.building_type)
      : {
          programs_evaluated: 0,
          incentives: { total_incentive_amount: 0, total_eligible_combinations: 0, by_program: [] },
        };

    const address = {
      street_1: customer.address.street_1,
      street_2: customer.address.street_2 ?? '',
      city: customer.address.city,
      state_or_province_code: customer.address.state_or_province_code,
      postal_code: customer.address.postal_code,
      country_code: customer.address.country_code,
    };
    const response: Record<string, unknown> = {
      utility: utility ? { eiaid: utility.eiaid, name: utility.name } : null,
      ...(fixture.utilities.length > 1
        ? { possible_utilities: fixture.utilities.map((u) => ({ eiaid: u.eiaid, name: u.name })) }
        : {}),
      address: fixture.addressAsString ? formatAddress(fixture, customer.address) : address,
      building_type: customer.building_type,
      customer_id: customer.customer_id,
      reference_id: customer.reference_id,
      ...evaluation,
    };
    if (body.create_application && evaluation.incentives.total_eligible_combinations > 0) {
      response.connect_url = fixture.connectUrl ?? `https://app.leap.energy/connect/${customer.connect_code}`;
      openApplications(state, customer, evaluation.incentives.by_program);
    }
    return c.json(response);
  });
}

function openApplications(
  state: MockLeapState,
  customer: MockCustomer,
  programs: Array<{ program_id: number; program_name: string; total_incentive: number; eligible_combinations: number }>,
): void {
  const at = state.now().toISOString();
  for (const program of programs) {
    if (!program.eligible_combinations) continue;
    const exists = state.applications.some(
      (a) => a.reference_id === customer.reference_id && a.program_id === program.program_id,
    );
    if (exists) continue;
    const deviceId = state.nextId();
    state.applications.push({
      id: state.nextId(),
      reference_id: customer.reference_id,
      program_id: program.program_id,
      program_name: program.program_name,
      customer_id: customer.customer_id,
      customer_device_id: [deviceId],
      status: 'not_started',
      rebate_type: 'post_purchase',
      payee_type: 'customer',
      total_requested_amount: program.total_incentive,
      created_at: at,
      updated_at: at,
      approval_date: null,
      customer: { id: customer.customer_id, address_line1: customer.address.street_1, city: customer.address.city },
      customer_devices: [{ id: deviceId, purchase_date: null, installation_date: null }],
    });
  }
}
