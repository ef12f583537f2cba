import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { MeterEnrollment } from '../../src/core/schemas/enrollments.js';
import { ENROLLMENT_STATUSES, PARTICIPATION_PREFERENCES } from '../../src/core/schemas/grid-enums.js';
import type { LeapErrorDetail } from '../../src/elements/shared/events.js';
import { clearSessions } from '../../src/elements/shared/session.js';
import { sendKeys } from '@web/test-runner-commands';
import { captureWarnings, expectNoLitWarnings, stubFetch, trackFocusDrops } from './helpers.js';

const DEMO = '/api/leap/session?as=demo-customer';
const ACTIVE_METER = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const PENDING_METER = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const OTHER_CUSTOMERS_METER = '9b2f4c1e-8d3a-4e5b-9c6d-7e8f9a0b1c2d';

const text = (el: Element, selector: string) =>
  el.shadowRoot!.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const all = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

async function load(meterId: string, endpoint = DEMO, extra: Record<string, string> = {}) {
  const el = document.createElement('leap-enrollment-status');
  el.setAttribute('session-endpoint', endpoint);
  el.setAttribute('meter-id', meterId);
  for (const [k, v] of Object.entries(extra)) el.setAttribute(k, v);
  const loaded = Promise.race([oneEvent(el, 'leap-status'), oneEvent(el, 'leap-error')]);
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.append(el);
  const event = (await loaded) as CustomEvent;
  await el.updateComplete;
  return { el, event };
}

function enrollment(overrides: Partial<MeterEnrollment> = {}): MeterEnrollment {
  const day = 86_400_000;
  const iso = (offset: number) => new Date(Date.now() + offset * day).toISOString();
  return {
    meter_id: ACTIVE_METER,
    partner_reference: 'r',
    transmission_region: 'CAISO',
    load_types: ['HVAC'],
    is_archived: false,
    audit: { created_by: 'LEAP', created_at: iso(-10), updated_at: iso(-1) },
    global_enrollment_status: 'ACTIVE',
    program_enrollment: [
      {
        program_identifier: 'CCA',
        delivery_period: 'CAISO-CCA_NOW',
        delivery_period_start_date_time: iso(-5),
        delivery_period_end_date_time: iso(25),
        enrollment_status: 'ACTIVE',
        enrollment_deadlines: [{ enrollment_deadline_date_time: iso(12), activation_date_time: iso(14) }],
      },
    ],
    required_actions: { partner: [], leap: [] },
    participation_preferences: [],
    ...overrides,
  } as MeterEnrollment;
}

function serve(body: unknown) {
  return stubFetch((url) =>
    url.includes('/session') ? Response.json({ token: 't', reference_id: 'r' }) : Response.json(body),
  );
}

describe('<leap-enrollment-status>', () => {
  afterEach(() => {
    clearSessions();
    expectNoLitWarnings();
  });

  it('an active meter: badge with text and icon, reflected status, three periods, deadline, schedule, no raw ids', async () => {
    const { el, event } = await load(ACTIVE_METER);
    expect((event as CustomEvent<{ enrollment: MeterEnrollment }>).detail.enrollment.meter_id).to.equal(ACTIVE_METER);
    expect(el.getAttribute('status')).to.equal('ACTIVE');
    expect(text(el, '[part="badge"]')).to.equal('Active');
    expect(el.shadowRoot!.querySelector('[part="badge"] svg.icon[aria-hidden="true"]'), 'an icon beside the words').to
      .exist;
    const periods = all(el, '[part="period"]');
    expect(periods).to.have.length(3);
    expect(periods.filter((p) => p.getAttribute('aria-current') === 'true')).to.have.length(1);
    expect(periods[0]!.textContent).to.match(/\w{3} \d{1,2}, \d{4} – \w{3} \d{1,2}, \d{4}/);
    expect(text(el, '[part="deadline"]')).to.match(/Next enrollment deadline: .* \((in \d+ days|tomorrow)\)/);
    // Leap's internal market group is not for customers.
    expect(text(el, '[part="program"]')).not.to.contain('PGEB_2_PDRP96');
    const schedule = text(el, '[part="schedule"]');
    expect(schedule)
      .to.contain('Participating')
      .and.contain('Paused')
      .and.contain('(Idle Time)')
      .and.contain('ongoing');
    await expect(el).to.be.accessible();
  });

  it('a pending meter: the action the customer can take with its deadline, and Leap-side work summarized', async () => {
    const { el } = await load(PENDING_METER);
    expect(el.getAttribute('status')).to.equal('PENDING');
    const actions = text(el, '[part="actions"]');
    // In the customer's words: Leap's description ("…Learn more in our partner guide.") is written for the partner.
    expect(actions).to.contain('Leave that program to take part.');
    expect(actions).not.to.contain('partner guide');
    expect(actions).to.match(/Due .* \(in 12 days\)/);
    expect(actions).to.contain('Leap is working on 1 item.');
    expect(actions).not.to.contain('LEAP_0001');
    await expect(el).to.be.accessible();
  });

  it("another customer's meter is not found, without a retry", async () => {
    const { el, event } = await load(OTHER_CUSTOMERS_METER);
    const detail = (event as CustomEvent<LeapErrorDetail>).detail;
    expect(detail.code).to.equal('NOT_FOUND');
    expect(detail.status).to.equal(404);
    expect(text(el, '[part="error"]')).to.contain('could not find this device');
    expect(el.shadowRoot!.querySelector('[part="retry"]')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('an upstream failure offers a retry', async () => {
    const { el, event } = await load(ACTIVE_METER, '/api/fault/500/leap/session?as=demo-customer');
    expect((event as CustomEvent<LeapErrorDetail>).detail.code).to.equal('UPSTREAM_DOWN');
    expect(el.shadowRoot!.querySelector('[part="retry"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('an exception it does not expect is not called offline: no retry, INTERNAL_ERROR, on the console', async () => {
    // A page script's fetch wrapper that answers the enrollment with something that is not a Response.
    const stub = stubFetch((url) =>
      url.includes('/session')
        ? Response.json({ token: 't', reference_id: 'r' })
        : ({ ok: true, status: 200 } as unknown as Response),
    );
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const { el, event } = await load(ACTIVE_METER, '/api/defect/session');
      const detail = (event as CustomEvent<LeapErrorDetail>).detail;
      expect(detail.code).to.equal('INTERNAL_ERROR');
      expect(detail.kind).to.equal('internal');
      expect(detail.status, 'no HTTP answer, so no status').to.be.undefined;
      expect(text(el, '[part="error"]')).to.equal('This feature is not available right now.');
      expect(el.shadowRoot!.querySelector('[part="retry"]'), 'a defect is not worth a retry').to.be.null;
      expect(errors, 'one console line, with the error').to.have.length(1);
      expect(String(errors[0]![0])).to.match(/^<leap-enrollment-status>: The element failed: /);
      expect(errors[0]![1]).to.be.instanceOf(TypeError);
      await expect(el).to.be.accessible();
    } finally {
      console.error = original;
      stub.restore();
    }
  });

  it('retried from the keyboard, focus moves to the card and never falls to <body>', async () => {
    const { el } = await load(ACTIVE_METER, '/api/fault/500/leap/session?as=demo-customer');
    const drops = trackFocusDrops();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry"]')!.focus();
    const again = oneEvent(el, 'leap-error');
    await sendKeys({ press: 'Enter' });
    await again;
    await el.updateComplete;
    expect(drops.stop()).to.equal(0);
    expect(el.shadowRoot!.activeElement?.classList.contains('card')).to.be.true;
  });

  it('a heading the page slots in names the region', async () => {
    const { el } = await load(ACTIVE_METER, DEMO);
    el.innerHTML = '<h3 slot="heading">Your Voltwise charger</h3>';
    await el.updateComplete;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('section')!.getAttribute('aria-label')).to.equal('Your Voltwise charger');
  });

  for (const status of ENROLLMENT_STATUSES) {
    it(`renders the ${status} status with words and an icon`, async () => {
      const stub = serve(enrollment({ global_enrollment_status: status }));
      try {
        const { el } = await load(ACTIVE_METER, '/stub/session');
        expect(el.getAttribute('status')).to.equal(status);
        const badge = text(el, '[part="badge"]');
        expect(badge).to.match(/^\S/);
        expect(badge).not.to.contain('_');
        expect(el.shadowRoot!.querySelector('[part="badge"] svg.icon path')!.getAttribute('d')).to.match(/\d/);
        await expect(el).to.be.accessible();
      } finally {
        stub.restore();
      }
    });
  }

  it('names an unknown future status in words, never by its code, and keeps going with extra fields', async () => {
    const stub = serve({ ...enrollment({ global_enrollment_status: 'QUANTUM_ENTANGLED' }), brand_new_field: { a: 1 } });
    try {
      const { el } = await load(ACTIVE_METER, '/stub/session');
      expect(el.getAttribute('status')).to.equal('QUANTUM_ENTANGLED');
      expect(text(el, '[part="badge"]')).to.equal('Other status');
      expect(el.shadowRoot!.textContent).not.to.contain('QUANTUM_ENTANGLED');
      expect(text(el, '.summary')).to.contain('does not know yet');
    } finally {
      stub.restore();
    }
  });

  it('every participation preference reads in words', async () => {
    const iso = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
    const stub = serve(
      enrollment({
        participation_preferences: PARTICIPATION_PREFERENCES.map((p, i) => ({
          participation_preference: p,
          start_time: iso(i * 10),
          end_time: i === 2 ? '9000-01-01T00:00:00Z' : iso(i * 10 + 10),
        })),
      }),
    );
    try {
      const { el } = await load(ACTIVE_METER, '/stub/session');
      const items = all(el, '[part="schedule"] li').map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
      expect(items[0]).to.match(/^Participating: /);
      expect(items[1]).to.match(/^Paused: /);
      expect(items[2]).to.match(/^Leaving the program: From .*, ongoing$/);
    } finally {
      stub.restore();
    }
  });

  it('reserves space while loading', async () => {
    const el = document.createElement('leap-enrollment-status');
    el.setAttribute('session-endpoint', DEMO);
    el.setAttribute('meter-id', ACTIVE_METER);
    const loaded = oneEvent(el, 'leap-status');
    document.body.append(el);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.skeleton')).to.exist;
    expect(el.getBoundingClientRect().height).to.be.at.least(160);
    await expect(el).to.be.accessible();
    await loaded;
    el.remove();
  });

  it('speaks Spanish', async () => {
    const wrapper = await fixture(html`<div lang="es"></div>`);
    const el = document.createElement('leap-enrollment-status');
    el.setAttribute('session-endpoint', DEMO);
    el.setAttribute('meter-id', ACTIVE_METER);
    const loaded = oneEvent(el, 'leap-status');
    wrapper.append(el);
    await loaded;
    await el.updateComplete;
    expect(text(el, 'h2')).to.equal('Inscripción en el programa');
    expect(text(el, '[part="badge"]')).to.contain('Activo');
    expect(text(el, '[part="deadline"]')).to.match(/dentro de \d+ días|mañana/);
  });

  describe('without meter-id: every meter of the signed-in customer', () => {
    async function list(endpoint: string, extra = '') {
      const el = document.createElement('leap-enrollment-status');
      el.setAttribute('session-endpoint', endpoint);
      if (extra) el.setAttribute('meter-type', extra);
      el.innerHTML =
        '<leap-connect-button slot="empty" org="acme" utility="pge" session-endpoint="/api/leap/session">Connect your utility</leap-connect-button>';
      const loaded = Promise.race([oneEvent(el, 'leap-meters'), oneEvent(el, 'leap-error')]);
      (await fixture<HTMLDivElement>(html`<div></div>`)).append(el);
      const event = (await loaded) as CustomEvent;
      await el.updateComplete;
      return { el, event };
    }

    it('one card per meter, each named by its type and utility, with its status', async () => {
      const { el, event } = await list(DEMO);
      const ids = (event as CustomEvent<{ meters: Array<{ meter_id: string }> }>).detail.meters.map((m) => m.meter_id);
      const cards = all(el, '[part="meter"]');
      expect(cards).to.have.length(ids.length).and.to.have.length.above(1);
      expect(cards.map((card) => card.dataset.meterId)).to.deep.equal(ids);
      const title = cards
        .find((c) => c.dataset.meterId === ACTIVE_METER)!
        .querySelector('h3')!
        .textContent!.trim();
      expect(title).to.equal('Utility meter · Pacific Gas & Electric');
      expect(cards.every((card) => card.querySelector('[part="badge"]'))).to.be.true;
      expect(text(el, 'h2')).to.equal('Your connected devices');
      expect(el.hasAttribute('status')).to.be.false;
      expect(text(el, '[role="status"]')).to.match(/^\d+ connected devices\.$/);
      await expect(el).to.be.accessible();
    });

    it('meter-type filters the list', async () => {
      const { el } = await list(DEMO, 'DEVICE');
      const cards = all(el, '[part="meter"]');
      expect(cards.length).to.be.above(0);
      expect(cards.every((card) => card.querySelector('h3')!.textContent!.trim().startsWith('Device'))).to.be.true;
    });

    it('a customer without meters sees "No connected devices yet" and the partner’s connect button', async () => {
      const { el } = await list('/api/leap/session?as=no-meters-yet');
      expect(text(el, '[part="empty"]')).to.contain('No connected devices yet');
      const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="empty"]')!;
      expect(slot.assignedElements().map((e) => e.localName)).to.deep.equal(['leap-connect-button']);
      await expect(el).to.be.accessible();
    });

    it('an upstream failure offers the same retry', async () => {
      const { el, event } = await list('/api/fault/500/leap/session?as=demo-customer');
      expect((event as CustomEvent<LeapErrorDetail>).detail.code).to.equal('UPSTREAM_DOWN');
      expect(el.shadowRoot!.querySelector('[part="retry"]')).to.exist;
    });

    it('a wrong meter-type is a configuration error', async () => {
      const warnings = captureWarnings();
      const el = await fixture(
        html`<leap-enrollment-status session-endpoint=${DEMO} meter-type="TOASTER"></leap-enrollment-status>`,
      );
      // The customer reads plain words; the console names the attribute and its values.
      expect(text(el, '[part="error"]')).to.equal('This section is not set up correctly.');
      expect(warnings.restore().filter((w) => w.includes('meter-type must be one of'))).to.have.length(1);
    });
  });

  it('misconfigured: explanation, INVALID_CONFIG and one warning', async () => {
    const warnings = captureWarnings();
    const el = document.createElement('leap-enrollment-status');
    el.setAttribute('meter-id', ACTIVE_METER);
    const failed = oneEvent(el, 'leap-error');
    document.body.append(el);
    const event = (await failed) as CustomEvent<LeapErrorDetail>;
    expect(event.detail.code).to.equal('INVALID_CONFIG');
    expect(text(el, '[part="error"]')).to.equal('This section is not set up correctly.');
    expect(warnings.restore()).to.have.length(1);
    await expect(el).to.be.accessible();
    el.remove();
  });
});
