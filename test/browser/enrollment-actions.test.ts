import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import type { MeterEnrollmentView } from '../../src/core/types.generated.js';
import { enrollmentTemplate } from '../../src/elements/enrollment-status/enrollment-card.js';
import { ENROLLMENT_STRINGS } from '../../src/elements/enrollment-status/enrollment-status.strings.js';
import { withCommonStrings } from '../../src/elements/shared/strings.js';

const TABLES = withCommonStrings(ENROLLMENT_STRINGS);

/** An enrollment with Leap's partner-facing descriptions, as its Grid API returns them. */
function enrollment(types: string[]): MeterEnrollmentView {
  const action = (action_type: string, i: number) => ({
    program_identifier: 'NYISO-SCR',
    delivery_period: 'NYISO-SCR_2024_MAY_OCT',
    enrollment_deadline_date_time: '2030-05-01T04:00:00Z',
    action_type,
    action_description: `Partner needs configuration for fields: Voltage Group (${i}). Learn more in our partner guide`,
    action_code: `SERV_000${i}`,
  });
  return {
    global_enrollment_status: 'PENDING',
    program_enrollment: [],
    required_actions: { partner: types.map(action), leap: [] },
  } as unknown as MeterEnrollmentView;
}

async function shown(types: string[], lang: 'en' | 'es' = 'en'): Promise<string> {
  const host = await fixture<HTMLElement>(html`<div></div>`);
  render(enrollmentTemplate(enrollment(types), { strings: TABLES[lang], locale: `${lang}-US`, level: 3 }), host);
  return host.textContent!.replace(/\s+/g, ' ');
}

describe('required actions, in the customer’s words', () => {
  it('an action the customer can take is said in plain words; Leap’s partner-facing text and codes are not shown', async () => {
    const text = await shown(['IS_AUTHORIZED', 'HAS_AMI']);
    expect(text).to.contain('Reconnect your utility account so this device can stay enrolled.');
    expect(text).to.contain('Ask your utility to install one.');
    expect(text).to.match(/Due .*2030/);
    expect(text).not.to.contain('partner guide');
    expect(text).not.to.contain('SERV_');
  });

  it('steps only the partner can take are counted, not listed', async () => {
    const text = await shown(['NO_MISSING_FIELDS', 'HAS_MARKET_REGISTRATION', 'DOCUMENTS_SIGNED']);
    expect(text).to.contain('We are taking care of 2 steps.');
    expect(text).to.contain('Sign the program documents we sent you.');
    expect(text).not.to.contain('Voltage Group');
  });

  it('in Spanish too', async () => {
    const text = await shown(['IS_AUTHORIZED', 'NO_MISSING_FIELDS'], 'es');
    expect(text).to.contain('Vuelva a conectar su cuenta de la compañía eléctrica');
    expect(text).to.contain('Nos estamos ocupando de 1 paso.');
  });
});
