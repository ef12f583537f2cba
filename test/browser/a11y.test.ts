/**
 * Accessibility across every element in every state, including each control hovered and focused: axe-core with the
 * WCAG 2.0, 2.1 and 2.2 A/AA rules, 0 violations. Also holds the border contrast of inputs in the shipped themes, and
 * that every CSS part a state renders is documented.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import { clearSessions } from '../../src/elements/shared/session.js';
import type { LeapIncentiveChecker } from '../../src/elements/incentive-checker/incentive-checker.js';
import { stubFetch } from './helpers.js';
import { axeClean, everyInteraction } from './harness/axe.js';
import { contrast } from './harness/contrast.js';

const BEND = {
  street_1: '456 Main St',
  city: 'Bend',
  state_or_province_code: 'OR',
  postal_code: '97701',
  country_code: 'US',
};

async function checker(attributes = ''): Promise<LeapIncentiveChecker> {
  const el = document.createElement('leap-incentive-checker');
  el.innerHTML = '';
  for (const pair of `session-endpoint=/api/leap/session device-ids=123 create-application ${attributes}`.split(' ')) {
    if (!pair) continue;
    const [name, value = ''] = pair.split('=');
    el.setAttribute(name!, value);
  }
  return fixture<LeapIncentiveChecker>(el);
}

/**
 * Checks `address` and waits for the outcome the test names: `leap-result`, or `leap-error` with `code`. The other
 * outcome fails the test at once, so a broken lookup can never pass for the state under audit.
 */
async function reached(
  el: LeapIncentiveChecker,
  address: Record<string, string>,
  expected: 'leap-result' | { error: string },
): Promise<void> {
  el.address = address;
  const outcome = new Promise<Event>((resolve) => {
    el.addEventListener('leap-result', resolve, { once: true });
    el.addEventListener('leap-error', resolve, { once: true });
  });
  el.check().catch(() => {});
  const event = (await outcome) as CustomEvent<{ code?: string; message?: string }>;
  if (expected === 'leap-result') {
    expect(event.type, `expected a result, got ${event.detail.code}: ${event.detail.message}`).to.equal('leap-result');
  } else {
    expect(event.type).to.equal('leap-error');
    expect(event.detail.code).to.equal(expected.error);
  }
  do await el.updateComplete;
  while (el.isUpdatePending);
}

/** The text on screen at `selector` in the element (throws when nothing there is visible). */
function shown(el: Element, selector: string): string {
  const node = el.shadowRoot!.querySelector<HTMLElement>(selector);
  expect(node, `${selector} is shown`).to.exist;
  expect(node!.getClientRects().length, `${selector} is visible`).to.be.above(0);
  return node!.textContent!.replace(/\s+/g, ' ').trim();
}

/** Waits for `event` from `el` and the render that goes with it. */
async function settled<T = unknown>(el: Element, event: string): Promise<CustomEvent<T>> {
  const fired = (await oneEvent(el, event)) as CustomEvent<T>;
  const lit = el as LeapIncentiveChecker;
  do await lit.updateComplete;
  while (lit.isUpdatePending);
  return fired;
}

describe('accessibility of every state (axe, WCAG 2.2 AA), hovered and focused', () => {
  afterEach(() => clearSessions());

  describe('<leap-incentive-checker>', () => {
    it('idle, with its own form', async () => everyInteraction(await checker(), 'checker idle'));

    it('idle, reading the page’s address form', async () => {
      const form = await fixture(html`<form id="a11y-shipping"><input autocomplete="shipping postal-code" /></form>`);
      const el = await checker('address-form=a11y-shipping');
      await everyInteraction(el, 'checker bound to a page form');
      form.remove();
    });

    it('pending', async () => {
      const stub = stubFetch((url) =>
        url.endsWith('/session') ? Response.json({ token: 't', reference_id: 'r' }) : new Promise<Response>(() => {}),
      );
      try {
        const el = await checker();
        el.address = BEND;
        void el.check().catch(() => {});
        await el.updateComplete;
        shown(el, '.result.pending .skeleton');
        await everyInteraction(el, 'checker pending');
      } finally {
        stub.restore();
      }
    });

    for (const [name, address, expected, visible] of [
      ['a result with a claim link (Bend)', BEND, 'leap-result', '[part="claim"]'],
      [
        'eligible and not-eligible tiers (San Francisco)',
        { ...BEND, street_1: '1 Market St', city: 'San Francisco', state_or_province_code: 'CA', postal_code: '94105' },
        'leap-result',
        '[part="tier"].ineligible',
      ],
      [
        'zero incentives (Portland)',
        { ...BEND, street_1: '100 SW Main St', city: 'Portland', postal_code: '97204' },
        'leap-result',
        '[part="empty"]',
      ],
      [
        'several utilities to pick from (Davis)',
        { ...BEND, street_1: '23 Russell Blvd', city: 'Davis', state_or_province_code: 'CA', postal_code: '95616' },
        'leap-result',
        '.picker input[type="radio"]',
      ],
      ['address not found', { ...BEND, postal_code: '00000' }, { error: 'ADDRESS_NOT_FOUND' }, '[part="error"]'],
    ] as const) {
      it(name, async () => {
        const el = await checker();
        await reached(el, address, expected);
        shown(el, visible);
        await everyInteraction(el, `checker: ${name}`);
      });
    }

    it('a long answer, programs collapsed behind toggles', async () => {
      const tier = (i: number) => ({
        device_id: 123,
        tier_name: `Tier ${i}`,
        eligible: i % 2 === 0,
        incentive_amount: 100,
        failed_requirements: i % 2 ? ['Needs a smart meter'] : [],
      });
      const programs = Array.from({ length: 4 }, (_, p) => ({
        program_id: p + 1,
        program_name: `Program ${p + 1}`,
        total_incentive: 200,
        device_tier_results: Array.from({ length: 4 }, (_, i) => tier(i)),
      }));
      const stub = stubFetch((url) =>
        url.endsWith('/session')
          ? Response.json({ token: 't', reference_id: 'r' })
          : Response.json({
              utility: { eiaid: 1, name: 'Utility' },
              incentives: { total_incentive_amount: 800, by_program: programs },
            }),
      );
      try {
        const el = await checker();
        await reached(el, BEND, 'leap-result');
        expect(el.shadowRoot!.querySelectorAll('[part="program-toggle"]')).to.have.length(4);
        await everyInteraction(el, 'checker long answer');
        el.shadowRoot!.querySelector<HTMLButtonElement>('[part="program-toggle"]')!.click();
        await el.updateComplete;
        await everyInteraction(el, 'checker long answer, one program open');
      } finally {
        stub.restore();
      }
    });

    it('an upstream failure with its retry, and field errors', async () => {
      const el = await checker('session-endpoint=/api/fault/500/leap/session');
      await reached(el, BEND, { error: 'UPSTREAM_DOWN' });
      expect(shown(el, '[part="retry"]')).to.equal('Try again');
      await everyInteraction(el, 'checker upstream failure');
      const invalid = await checker();
      invalid.address = { ...BEND, postal_code: '977', state_or_province_code: 'Orgeon' };
      await invalid.check().catch(() => {});
      await invalid.updateComplete;
      expect(invalid.shadowRoot!.querySelectorAll('[aria-invalid="true"]')).to.have.length(2);
      shown(invalid, '[part="field-error"]');
      await everyInteraction(invalid, 'checker field errors');
    });

    it('an outdated result, in Spanish', async () => {
      const el = await checker('lang=es');
      await reached(el, BEND, 'leap-result');
      el.address = { ...BEND, postal_code: '97702' };
      await el.updateComplete;
      shown(el, '[part="stale"]');
      await everyInteraction(el, 'checker outdated result (es)');
    });

    it('misconfigured', async () => {
      const el = await fixture(html`<leap-incentive-checker></leap-incentive-checker>`);
      await axeClean(el, 'checker misconfigured');
    });
  });

  describe('<leap-connect-button>', () => {
    it('ready, pending, unavailable and misconfigured', async () => {
      const ready = await fixture(
        html`<leap-connect-button org="acme" utility="pge" ref-id="c-1"></leap-connect-button>`,
      );
      await everyInteraction(ready, 'button ready');
      const stub = stubFetch(() => new Promise<Response>(() => {}));
      try {
        const pending = await fixture(
          html`<leap-connect-button org="acme" utility="pge" session-endpoint="/pending"></leap-connect-button>`,
        );
        expect(pending.shadowRoot!.querySelector('[aria-busy="true"]'), 'preparing its link').to.exist;
        await everyInteraction(pending, 'button pending');
      } finally {
        stub.restore();
      }
      const broken = await fixture(html`<leap-connect-button utility="pge" ref-id="c-1"></leap-connect-button>`);
      expect(broken.shadowRoot!.querySelector('[aria-disabled="true"]'), 'unavailable').to.exist;
      await everyInteraction(broken, 'button misconfigured');
    });
  });

  describe('the status elements', () => {
    it('<leap-enrollment-status>: loaded, not found, failing with retry, misconfigured', async () => {
      for (const [state, endpoint, meter, event, visible] of [
        [
          'loaded',
          '/api/leap/session?as=demo-customer',
          '3fa85f64-5717-4562-b3fc-2c963f66afa6',
          'leap-status',
          '[part="badge"]',
        ],
        [
          'not found',
          '/api/leap/session?as=demo-customer',
          '00000000-0000-4000-8000-000000000000',
          'leap-error',
          '[part="error"]',
        ],
        [
          'failing',
          '/api/fault/500/leap/session?as=demo-customer',
          '3fa85f64-5717-4562-b3fc-2c963f66afa6',
          'leap-error',
          '[part="retry"]',
        ],
      ] as const) {
        const el = document.createElement('leap-enrollment-status');
        el.setAttribute('session-endpoint', endpoint);
        el.setAttribute('meter-id', meter);
        const outcome = settled<{ code?: string }>(el, event);
        (await fixture(html`<div></div>`)).append(el);
        const { detail } = await outcome;
        if (state === 'not found') expect(detail.code).to.equal('NOT_FOUND');
        shown(el, visible);
        await everyInteraction(el, `enrollment ${state}`);
        clearSessions();
      }
      await axeClean(
        await fixture(html`<leap-enrollment-status></leap-enrollment-status>`),
        'enrollment misconfigured',
      );
    });

    it('<leap-enrollment-status> without meter-id: every meter, and none yet', async () => {
      for (const [state, endpoint] of [
        ['a list of meters', '/api/leap/session?as=demo-customer'],
        ['no meters yet', '/api/leap/session?as=no-meters-yet'],
      ] as const) {
        const el = await fixture(
          html`<leap-enrollment-status session-endpoint=${endpoint}
            ><leap-connect-button slot="empty" org="acme" utility="pge" ref-id="c-1"></leap-connect-button
          ></leap-enrollment-status>`,
        );
        await settled(el, 'leap-meters');
        shown(el, state === 'no meters yet' ? '[part="empty"]' : '[part="meter"]');
        await everyInteraction(el, `meters: ${state}`);
        clearSessions();
      }
    });

    it('<leap-application-status>: a list, none, failing with retry', async () => {
      for (const [state, endpoint, event, visible] of [
        ['a list', '/api/leap/session?as=demo-customer', 'leap-applications', '[part="steps"]'],
        ['none', '/api/leap/session?as=nobody-has-applications', 'leap-applications', '[part="empty"]'],
        ['failing', '/api/fault/500/leap/session?as=demo-customer', 'leap-error', '[part="retry"]'],
      ] as const) {
        const el = document.createElement('leap-application-status');
        el.setAttribute('session-endpoint', endpoint);
        const outcome = settled(el, event);
        (await fixture(html`<div></div>`)).append(el);
        await outcome;
        shown(el, visible);
        await everyInteraction(el, `applications ${state}`);
        clearSessions();
      }
    });

    it('<leap-connect-return> watching for new meters: linking, then connected', async () => {
      let answer!: (response: Response) => void;
      const meters = new Promise<Response>((resolve) => (answer = resolve));
      const stub = stubFetch((url) =>
        url.endsWith('/session') ? Response.json({ token: 't', reference_id: 'r' }) : meters,
      );
      try {
        const el = await fixture<LeapIncentiveChecker>(
          html`<leap-connect-return
            url="https://shop.test/thanks?refId=r"
            session-endpoint="/s/session"
          ></leap-connect-return>`,
        );
        await el.updateComplete;
        const progress = () => el.shadowRoot!.querySelector('[part="progress"]')!.textContent!;
        expect(progress()).to.contain('linking');
        await axeClean(el, 'return linking');
        const connected = settled(el, 'leap-connected');
        answer(
          Response.json({
            meters: [
              {
                meter_id: 'm-1',
                utility_name: 'Pacific Gas & Electric',
                created_at: new Date().toISOString(),
                global_enrollment_status: 'PENDING',
                program_enrollment: [],
                required_actions: { partner: [], leap: [] },
              },
            ],
          }),
        );
        await connected;
        expect(progress()).to.contain('Connected');
        await axeClean(el, 'return connected');
      } finally {
        stub.restore();
      }
    });

    it('<leap-connect-return>: found and missing', async () => {
      await axeClean(
        await fixture(html`<leap-connect-return url="https://shop.test/thanks?refId=c-1"></leap-connect-return>`),
        'return found',
      );
      await axeClean(
        await fixture(html`<leap-connect-return url="https://shop.test/thanks"></leap-connect-return>`),
        'return missing',
      );
    });
  });

  describe('input borders in every shipped theme', () => {
    it('reach 3:1 against the surface: the default, and the demo’s dark and brand themes', async () => {
      const css = await (await fetch('/demo/gallery.css')).text();
      const style = document.createElement('style');
      style.textContent = css;
      document.head.append(style);
      try {
        for (const theme of ['', 'theme-dark', 'theme-brand']) {
          const wrapper = await fixture(
            html`<div class=${theme}>
              <leap-incentive-checker session-endpoint="/api/leap/session" device-ids="123"></leap-incentive-checker>
            </div>`,
          );
          const el = wrapper.querySelector('leap-incentive-checker')!;
          await el.updateComplete;
          const input = el.shadowRoot!.querySelector('input')!;
          const border = getComputedStyle(input).borderTopColor;
          const surface = getComputedStyle(input).backgroundColor;
          expect(contrast(border, surface), `${theme || 'default'}: ${border} on ${surface}`).to.be.at.least(3);
        }
      } finally {
        style.remove();
      }
    });
  });
});
