/**
 * Accessibility across every element in every state, including each control hovered and focused: axe-core with the
 * WCAG 2.0, 2.1 and 2.2 A/AA rules, 0 violations. Also holds the border contrast of inputs in the shipped themes, and
 * that every CSS part a state renders is documented.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import '../../src/define.js';
import { clearSessions } from '../../src/elements/shared/session.js';
import type { LeapIncentiveChecker } from '../../src/elements/incentive-checker/incentive-checker.js';
import { stubFetch } from './helpers.js';
import { expectPartsDocumented } from './manifest.js';

interface AxeResult {
  violations: Array<{
    id: string;
    help: string;
    nodes: Array<{ target: unknown; html: string; failureSummary?: string }>;
  }>;
}
/** axe-core's browser build, registered on `window` when imported. */
const axe = () => (window as unknown as { axe?: { run(context: Element, options: object): Promise<AxeResult> } }).axe;

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BEND = {
  street_1: '456 Main St',
  city: 'Bend',
  state_or_province_code: 'OR',
  postal_code: '97701',
  country_code: 'US',
};

async function axeClean(el: Element, state: string): Promise<void> {
  if (!axe()) await import('axe-core/axe.min.js');
  const { violations } = await axe()!.run(el, { runOnly: { type: 'tag', values: WCAG_22_AA } });
  const described = violations.map(
    (v) =>
      `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${String(n.target)} ${n.html}\n  ${n.failureSummary ?? ''}`).join('\n')}`,
  );
  expect(described, `axe violations in ${state}`).to.deep.equal([]);
}

/** The element's own interactive controls (in its shadow root). */
function controls(el: Element): HTMLElement[] {
  return [
    ...el.shadowRoot!.querySelectorAll<HTMLElement>('a[href], button, input, select, [tabindex]:not([tabindex="-1"])'),
  ].filter((control) => control.getClientRects().length > 0);
}

/** The state as it is, then with each control hovered (a real mouse) and focused (the keyboard's ring). */
async function everyInteraction(el: Element, state: string): Promise<void> {
  expectPartsDocumented(el, state);
  await axeClean(el, state);
  for (const control of controls(el)) {
    const name = `${state}, ${control.localName}${control.id ? `#${control.id}` : ''}`;
    control.scrollIntoView({ block: 'center' });
    const box = control.getBoundingClientRect();
    await sendMouse({
      type: 'move',
      position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
    });
    await axeClean(el, `${name} hovered`);
    await resetMouse();
    control.focus();
    await axeClean(el, `${name} focused`);
    control.blur();
  }
}

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

async function checked(el: LeapIncentiveChecker, address: Record<string, string>): Promise<void> {
  el.address = address;
  const done = Promise.race([oneEvent(el, 'leap-result'), oneEvent(el, 'leap-error')]);
  el.check().catch(() => {});
  await done;
  await el.updateComplete;
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
        await everyInteraction(el, 'checker pending');
      } finally {
        stub.restore();
      }
    });

    for (const [name, address] of [
      ['a result with a claim link (Bend)', BEND],
      [
        'eligible and not-eligible tiers (San Francisco)',
        { ...BEND, street_1: '1 Market St', city: 'San Francisco', state_or_province_code: 'CA', postal_code: '94105' },
      ],
      ['zero incentives (Portland)', { ...BEND, street_1: '100 SW Main St', city: 'Portland', postal_code: '97204' }],
      [
        'several utilities to pick from (Davis)',
        { ...BEND, street_1: '23 Russell Blvd', city: 'Davis', state_or_province_code: 'CA', postal_code: '95616' },
      ],
      ['address not found', { ...BEND, postal_code: '00000' }],
    ] as const) {
      it(name, async () => {
        const el = await checker();
        await checked(el, address);
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
        await checked(el, BEND);
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
      await checked(el, BEND);
      await everyInteraction(el, 'checker upstream failure');
      const invalid = await checker();
      invalid.address = { ...BEND, postal_code: '977', state_or_province_code: 'Orgeon' };
      await invalid.check().catch(() => {});
      await invalid.updateComplete;
      await everyInteraction(invalid, 'checker field errors');
    });

    it('an outdated result, in Spanish', async () => {
      const el = await checker('lang=es');
      await checked(el, BEND);
      el.address = { ...BEND, postal_code: '97702' };
      await el.updateComplete;
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
        await everyInteraction(pending, 'button pending');
      } finally {
        stub.restore();
      }
      const broken = await fixture(html`<leap-connect-button utility="pge" ref-id="c-1"></leap-connect-button>`);
      await everyInteraction(broken, 'button misconfigured');
    });
  });

  describe('the status elements', () => {
    it('<leap-enrollment-status>: loaded, not found, failing with retry, misconfigured', async () => {
      for (const [state, endpoint, meter] of [
        ['loaded', '/api/leap/session?as=demo-customer', '3fa85f64-5717-4562-b3fc-2c963f66afa6'],
        ['not found', '/api/leap/session?as=demo-customer', '00000000-0000-4000-8000-000000000000'],
        ['failing', '/api/fault/500/leap/session?as=demo-customer', '3fa85f64-5717-4562-b3fc-2c963f66afa6'],
      ] as const) {
        const el = await fixture(
          html`<leap-enrollment-status session-endpoint=${endpoint} meter-id=${meter}></leap-enrollment-status>`,
        );
        await Promise.race([oneEvent(el, 'leap-status'), oneEvent(el, 'leap-error')]);
        await (el as LeapIncentiveChecker).updateComplete;
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
        await oneEvent(el, 'leap-meters');
        await (el as LeapIncentiveChecker).updateComplete;
        await everyInteraction(el, `meters: ${state}`);
        clearSessions();
      }
    });

    it('<leap-application-status>: a list, none, failing with retry', async () => {
      for (const [state, endpoint] of [
        ['a list', '/api/leap/session?as=demo-customer'],
        ['none', '/api/leap/session?as=nobody-has-applications'],
        ['failing', '/api/fault/500/leap/session?as=demo-customer'],
      ] as const) {
        const el = await fixture(
          html`<leap-application-status session-endpoint=${endpoint}></leap-application-status>`,
        );
        await Promise.race([oneEvent(el, 'leap-applications'), oneEvent(el, 'leap-error')]);
        await (el as LeapIncentiveChecker).updateComplete;
        await everyInteraction(el, `applications ${state}`);
        clearSessions();
      }
    });

    it('<leap-connect-return> watching for new meters: linking, then connected', async () => {
      const stub = stubFetch((url) =>
        url.endsWith('/session')
          ? Response.json({ token: 't', reference_id: 'r' })
          : Response.json({
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
      try {
        // Listened for first: the stubbed meters may answer before axe has looked at the linking state.
        const connected = oneEvent(document, 'leap-connected');
        const el = await fixture(
          html`<leap-connect-return
            url="https://shop.test/thanks?refId=r"
            session-endpoint="/s/session"
          ></leap-connect-return>`,
        );
        await axeClean(el, 'return linking');
        await connected;
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
    const luminance = (color: string) => {
      const [r, g, b] = color
        .match(/[\d.]+/g)!
        .slice(0, 3)
        .map((v) => Number(v) / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };

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
