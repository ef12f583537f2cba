/**
 * Leap incentives answers of a chosen size for the peer benchmark: the mock's lookup answer for the Bend address (one
 * EV-charger program, non-ASCII text included), with more programs of the same shape until the answer reaches the
 * size. Every answer matches the backend's `IncentivesResponse` schema. The customer's `reference_id` is filled in
 * per request, as Leap echoes it.
 */

/** The three answer sizes the peers are compared at. */
export const ANSWER_SIZES = { '1k': 1024, '50k': 50 * 1024, '500k': 500 * 1024 } as const;
export type AnswerSize = keyof typeof ANSWER_SIZES;

const PLACEHOLDER = '\u0000reference\u0000';

function program(index: number) {
  return {
    program_id: 838 + index,
    program_name: `Pacific Power – Oregon "Charge at Home" EV Charger Rebate${index ? ` (${index + 1})` : ''}`,
    total_incentive: 750,
    eligible_combinations: 1,
    device_tier_results: [
      {
        device_id: 123,
        device_name: 'Level 2 EV Charger',
        tier_id: 456 + index,
        tier_name: 'Standard Rebate',
        eligible: true,
        incentive_amount: 750,
        calculation_details: { base_amount: 750, calculation_method: 'Fixed rebate per device' },
        failed_requirements: [],
        ignored_requirements: ['Installation must be within 90 days of application', 'Must use licensed contractor'],
      },
    ],
  };
}

function answer(programs: number) {
  const byProgram = Array.from({ length: programs }, (_, i) => program(i));
  return {
    utility: { eiaid: 14354, name: 'PacifiCorp (Oregon)' },
    address: {
      street_1: '456 Main St',
      street_2: '',
      city: 'Bend',
      state_or_province_code: 'OR',
      postal_code: '97701',
      country_code: 'US',
    },
    building_type: 'RESIDENTIAL',
    customer_id: 453,
    reference_id: PLACEHOLDER,
    programs_evaluated: programs + 1,
    incentives: {
      total_incentive_amount: 750 * programs,
      total_eligible_combinations: programs,
      by_program: byProgram,
    },
  };
}

/** The answer's bytes before and after the echoed `reference_id` string; at least `bytes` long once it is filled in. */
export function sizedAnswer(bytes: number): { head: Buffer; tail: Buffer } {
  let programs = 1;
  let text = JSON.stringify(answer(programs));
  while (Buffer.byteLength(text) < bytes) {
    const perProgram = Buffer.byteLength(JSON.stringify(program(programs)));
    programs += Math.max(1, Math.floor((bytes - Buffer.byteLength(text)) / perProgram));
    text = JSON.stringify(answer(programs));
  }
  const [head, tail] = text.split(JSON.stringify(PLACEHOLDER)) as [string, string];
  return { head: Buffer.from(head), tail: Buffer.from(tail) };
}
