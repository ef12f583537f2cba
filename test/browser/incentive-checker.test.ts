import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { LeapIncentiveChecker } from '../../src/elements/incentive-checker/incentive-checker.js';
import type { IncentivesResult } from '../../src/core/schemas/incentives.js';
import type { LeapErrorDetail } from '../../src/elements/shared/events.js';
import { clearSessions } from '../../src/elements/shared/session.js';
import { captureWarnings, expectNoLitWarnings, stubFetch } from './helpers.js';

const BEND = {
  street_1: '456 Main St',
  city: 'Bend',
  state_or_province_code: 'OR',
  postal_code: '97701',
  country_code: 'US',
};
const PORTLAND = {
  street_1: '100 SW Main St',
  city: 'Portland',
  state_or_province_code: 'OR',
  postal_code: '97204',
  country_code: 'US',
};
const SF = {
  street_1: '1 Market St',
  city: 'San Francisco',
  state_or_province_code: 'CA',
  postal_code: '94105',
  country_code: 'US',
};
const DAVIS = {
  street_1: '23 Russell Blvd',
  city: 'Davis',
  state_or_province_code: 'CA',
  postal_code: '95616',
  country_code: 'US',
};
const NOWHERE = {
  street_1: '1 Nowhere Rd',
  city: 'Bend',
  state_or_province_code: 'OR',
  postal_code: '00000',
  country_code: 'US',
};

const $ = <T extends Element = HTMLElement>(el: LeapIncentiveChecker, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
const $$ = (el: LeapIncentiveChecker, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const text = (el: LeapIncentiveChecker, selector: string) =>
  $(el, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function checker(endpoint = '/api/leap/session', extra = ''): Promise<LeapIncentiveChecker> {
  const el = document.createElement('leap-incentive-checker');
  el.setAttribute('session-endpoint', endpoint);
  el.setAttribute('device-ids', '123');
  el.setAttribute('create-application', '');
  for (const pair of extra.split(' ').filter(Boolean)) {
    const [name, value = ''] = pair.split('=');
    el.setAttribute(name!, value);
  }
  return fixture<LeapIncentiveChecker>(el);
}

function fill(el: LeapIncentiveChecker, address: Record<string, string>): void {
  for (const [name, value] of Object.entries(address)) {
    // The United States is shown as text, not a field.
    if (name === 'country_code' && value === 'US' && !$(el, '#country_code')) continue;
    const input = $<HTMLInputElement | HTMLSelectElement>(el, `#${name}`)!;
    input.value = value;
    input.dispatchEvent(
      new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }),
    );
  }
}

function submit(el: LeapIncentiveChecker): void {
  $<HTMLButtonElement>(el, '[part="submit"]')!.click();
}

async function until(condition: () => boolean, timeout = 6000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeout) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function checkAndWait(el: LeapIncentiveChecker, address: Record<string, string>): Promise<IncentivesResult> {
  fill(el, address);
  const done = oneEvent(el, 'leap-result');
  submit(el);
  const event = (await done) as CustomEvent<{ result: IncentivesResult }>;
  await el.updateComplete;
  return event.detail.result;
}

async function errorOf(el: LeapIncentiveChecker, address: Record<string, string>): Promise<LeapErrorDetail> {
  fill(el, address);
  const failed = oneEvent(el, 'leap-error');
  submit(el);
  const event = (await failed) as CustomEvent<LeapErrorDetail>;
  await el.updateComplete;
  return event.detail;
}

/** A session at once, then every incentives answer held until the test releases it. */
function holdAnswers(): { stub: ReturnType<typeof stubFetch>; release: (answer: Response) => void } {
  let held: (answer: Response) => void = () => {};
  const stub = stubFetch((url) =>
    url.endsWith('/session')
      ? Response.json({ token: 't', reference_id: 'r' })
      : new Promise<Response>((resolve) => (held = resolve)),
  );
  return { stub, release: (answer) => held(answer) };
}

/** Records request bodies sent to the backend while letting them through. */
function spyOnIncentives(): { bodies: Array<Record<string, unknown>>; restore(): void } {
  const original = window.fetch;
  const bodies: Array<Record<string, unknown>> = [];
  window.fetch = (input, init) => {
    if (
      String(input instanceof Request ? input.url : input).endsWith('/incentives') &&
      typeof init?.body === 'string'
    ) {
      bodies.push(JSON.parse(init.body) as Record<string, unknown>);
    }
    return original(input, init);
  };
  return { bodies, restore: () => (window.fetch = original) };
}

function expectValuesKept(el: LeapIncentiveChecker, address: Record<string, string>): void {
  for (const [name, value] of Object.entries(address)) {
    expect($<HTMLInputElement>(el, `#${name}`)!.value, name).to.equal(value);
  }
}

describe('<leap-incentive-checker>', () => {
  afterEach(() => {
    clearSessions();
    expectNoLitWarnings();
  });

  describe('form', () => {
    it('is a native form with labelled inputs and the right autocomplete tokens', async () => {
      const el = await checker();
      expect($(el, 'form[part="form"]')).to.exist;
      const tokens: Record<string, string> = {
        street_1: 'address-line1',
        street_2: 'address-line2',
        city: 'address-level2',
        state_or_province_code: 'address-level1',
        postal_code: 'postal-code',
        country_code: 'country',
      };
      for (const [id, token] of Object.entries(tokens)) {
        const input = $(el, `#${id}`)!;
        expect(input.getAttribute('autocomplete'), id).to.equal(token);
        expect($(el, `label[for="${id}"]`), `label for ${id}`).to.exist;
      }
      expect($(el, 'select#building_type')).to.exist;
      expect(text(el, '[part="result"]')).to.contain('Enter your address');
      await expect(el).to.be.accessible();
    });

    it('validates like the schema, links messages with aria-describedby, focuses the first error and keeps the input', async () => {
      const el = await checker();
      const typed = { street_1: '456 Main St', city: 'Bend', state_or_province_code: 'ZZ', postal_code: '9770' };
      fill(el, typed);
      let requests = 0;
      const stub = stubFetch(() => {
        requests += 1;
        return Response.json({});
      });
      try {
        let rejected: unknown = null;
        await el.check().catch((error: unknown) => (rejected = error));
        expect((rejected as { status?: number } | null)?.status).to.equal(400);
        submit(el);
        await el.updateComplete;
        await new Promise((r) => setTimeout(r, 50));
      } finally {
        stub.restore();
      }
      expect(requests, 'nothing is sent while the form is invalid').to.equal(0);
      for (const id of ['state_or_province_code', 'postal_code']) {
        const input = $(el, `#${id}`)!;
        expect(input.getAttribute('aria-invalid')).to.equal('true');
        const message = $(el, `#${input.getAttribute('aria-describedby')}`)!;
        expect(message.textContent).to.match(id === 'postal_code' ? /ZIP/ : /two-letter state/);
      }
      expect($(el, '#city')!.getAttribute('aria-invalid')).to.equal('false');
      expect(el.shadowRoot!.activeElement?.id).to.equal('state_or_province_code');
      expectValuesKept(el, typed);
      await expect(el).to.be.accessible();
      // Fixing a field clears its message without waiting for the next submit.
      fill(el, { postal_code: '97701-1234' });
      await el.updateComplete;
      expect($(el, '#postal_code')!.getAttribute('aria-invalid')).to.equal('false');
    });

    it('accepts a state name as browsers autofill it', async () => {
      const el = await checker();
      fill(el, { ...BEND, state_or_province_code: 'Oregon' });
      expect(el.address.state_or_province_code).to.equal('OR');
    });

    it('the building type can be changed unless locked', async () => {
      const el = await checker('/api/leap/session', 'building-type=MULTIFAMILY');
      expect($<HTMLSelectElement>(el, '#building_type')!.value).to.equal('MULTIFAMILY');
      const locked = await checker('/api/leap/session', 'building-type=COMMERCIAL lock-building-type');
      expect($(locked, '#building_type')).to.be.null;
    });
  });

  describe('results', () => {
    it('Bend: eligible tier, utility, total in currency, calculation method, claim link', async () => {
      const el = await checker();
      const result = await checkAndWait(el, BEND);
      expect(result.incentives.total_incentive_amount).to.equal(750);
      expect(text(el, '[part="utility"]')).to.equal('Your utility: PacifiCorp (Oregon)');
      expect(text(el, '[part="total"]')).to.equal('Up to $750 in incentives');
      const tier = $(el, '[part="tier"]')!;
      expect(tier.dataset.eligible).to.equal('true');
      expect(tier.textContent).to.contain('Eligible').and.contain('✓').and.contain('Fixed rebate per device');
      expect(tier.textContent).to.contain('You will also need to').and.contain('Must use licensed contractor');
      const claim = $<HTMLAnchorElement>(el, '[part="claim"]')!;
      expect(claim.href).to.equal('https://app.leap.energy/connect/abc123');
      expect(claim.textContent).to.contain('Claim $750');
      expect(claim.rel).to.equal('noopener noreferrer');
      expect(el.result?.incentives.total_incentive_amount).to.equal(750);
      expect(el.shadowRoot!.activeElement?.id).to.equal('result-heading');
      expect(text(el, '[role="status"]')).to.contain('$750');
      await expect(el).to.be.accessible();
    });

    it('San Francisco: eligible and not-eligible tiers side by side, with why-not and already-met', async () => {
      const el = await checker();
      await checkAndWait(el, SF);
      const tiers = $$(el, '[part="tier"]');
      const ineligible = tiers.find((t) => t.dataset.eligible === 'false')!;
      const eligible = tiers.find((t) => t.dataset.eligible === 'true')!;
      expect(ineligible.textContent).to.contain('Not eligible').and.contain('✕').and.contain('Why not');
      expect(ineligible.textContent).to.contain('400% of the federal poverty level');
      expect(ineligible.textContent).to.contain('Already met');
      expect(eligible.textContent).to.contain('Up to $500 for a Level 2 charger', 'string calculation_details shown');
      await expect(el).to.be.accessible();
    });

    it('Sacramento: one card per program with its own total', async () => {
      const el = await checker();
      await checkAndWait(el, {
        ...BEND,
        street_1: '789 Oak Avenue',
        city: 'Sacramento',
        state_or_province_code: 'CA',
        postal_code: '95814',
      });
      const programs = $$(el, '[part="program"]');
      expect(programs).to.have.length(2);
      expect(programs[0]!.textContent).to.contain('SMUD Charge@Home EV Rebates').and.contain('$500');
      expect(programs[1]!.textContent).to.contain('$750');
      expect(text(el, '[part="total"]')).to.contain('$1,250');
    });

    it('Portland: zero incentives is a state with reasons, no claim link', async () => {
      const el = await checker();
      await checkAndWait(el, PORTLAND);
      const empty = $(el, '[part="empty"]')!;
      expect(empty.textContent).to.contain('No incentives for this device at this address');
      expect(empty.textContent)
        .to.contain('Device not OCPP compliant')
        .and.contain('Charger level must be at least LEVEL_2');
      expect($(el, '[part="claim"]')).to.be.null;
      expect(text(el, '[role="status"]')).to.contain('No incentives');
      await expect(el).to.be.accessible();
    });

    it('Davis: several possible utilities; picking one reruns the check', async () => {
      const el = await checker();
      const first = await checkAndWait(el, DAVIS);
      expect(first.utility).to.be.null;
      const radios = $$(el, '.picker input[type="radio"]') as HTMLInputElement[];
      expect(radios).to.have.length(2);
      await expect(el).to.be.accessible();
      radios[1]!.click();
      const rerun = oneEvent(el, 'leap-result');
      $<HTMLButtonElement>(el, '.picker button')!.click();
      const event = (await rerun) as CustomEvent<{ result: IncentivesResult }>;
      expect(event.detail.result.utility?.name).to.equal('Valley Clean Energy Alliance');
      await el.updateComplete;
      expect(text(el, '[part="total"]')).to.contain('$300');
    });

    it('renders program names and requirements as text, never as HTML', async () => {
      const hostile: IncentivesResult = {
        utility: { eiaid: 1, name: '<img src=x onerror="window.__pwned=1">Utility' },
        incentives: {
          total_incentive_amount: 10,
          by_program: [
            {
              program_id: 1,
              program_name: '<b>Bold</b><script>window.__pwned=1</script>',
              total_incentive: 10,
              device_tier_results: [{ eligible: true, incentive_amount: 10, failed_requirements: ['<i>x</i>'] }],
            },
          ],
        },
      };
      const stub = stubFetch((url) =>
        url.endsWith('/session') ? Response.json({ token: 't', reference_id: 'r' }) : Response.json(hostile),
      );
      try {
        const el = await checker('/stub/session');
        await checkAndWait(el, BEND);
        expect($(el, '[part="program"] b')).to.be.null;
        expect($(el, '[part="result"] img')).to.be.null;
        expect(text(el, '.program-name')).to.equal('<b>Bold</b><script>window.__pwned=1</script>');
        expect((window as unknown as { __pwned?: number }).__pwned).to.be.undefined;
      } finally {
        stub.restore();
      }
    });
  });

  describe('long answers', () => {
    /** `programs` programs of `tiers` tiers each; every other tier eligible. */
    function longAnswer(programs: number, tiers: number) {
      return {
        utility: { eiaid: 1, name: 'Big Utility' },
        incentives: {
          total_incentive_amount: programs * 100,
          by_program: Array.from({ length: programs }, (_, p) => ({
            program_id: 100 + p,
            program_name: `Program ${p + 1}`,
            total_incentive: 100,
            device_tier_results: Array.from({ length: tiers }, (_, t) => ({
              tier_name: `Tier ${t + 1}`,
              eligible: t % 2 === 0,
              incentive_amount: t % 2 === 0 ? 50 : null,
              failed_requirements: t % 2 === 0 ? [] : ['Licensed installer'],
            })),
          })),
        },
      };
    }

    async function withAnswer(answer: unknown, extra = '') {
      const stub = stubFetch((url) =>
        url.endsWith('/session') ? Response.json({ token: 't', reference_id: 'r' }) : Response.json(answer),
      );
      const el = await checker('/stub/session', extra);
      await checkAndWait(el, BEND);
      return { el, stub };
    }

    it('more than 12 tiers: each program shows its total and a button that reveals its options', async () => {
      const { el, stub } = await withAnswer(longAnswer(5, 4));
      try {
        expect($$(el, '[part="program"]')).to.have.length(5);
        expect($$(el, '[part="tier"]')).to.have.length(0);
        const toggles = $$(el, '[part="program-toggle"]');
        expect(toggles).to.have.length(5);
        expect(toggles[1]!.getAttribute('aria-expanded')).to.equal('false');
        expect(toggles[1]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Show the 4 options (2 eligible)');
        await expect(el).to.be.accessible();

        toggles[1]!.click();
        await el.updateComplete;
        const open = $$(el, '[part="program-toggle"]')[1]!;
        expect(open.getAttribute('aria-expanded')).to.equal('true');
        expect(open.textContent!.trim()).to.equal('Hide the options');
        const list = $(el, `#${open.getAttribute('aria-controls')}`)!;
        expect(list.querySelectorAll('[part~="tier"]')).to.have.length(4);
        expect($$(el, '[part="tier"]')).to.have.length(4);
        await expect(el).to.be.accessible();

        open.click();
        await el.updateComplete;
        expect($$(el, '[part="tier"]')).to.have.length(0);
      } finally {
        stub.restore();
      }
    });

    it('up to 12 tiers: every option is shown, without toggles', async () => {
      const { el, stub } = await withAnswer(longAnswer(3, 4));
      try {
        expect($$(el, '[part="tier"]')).to.have.length(12);
        expect($$(el, '[part="program-toggle"]')).to.have.length(0);
      } finally {
        stub.restore();
      }
    });

    it('a new answer starts collapsed again', async () => {
      const { el, stub } = await withAnswer(longAnswer(5, 4));
      try {
        $$(el, '[part="program-toggle"]')[0]!.click();
        await el.updateComplete;
        expect($$(el, '[part="tier"]')).to.have.length(4);
        const done = oneEvent(el, 'leap-result');
        submit(el);
        await done;
        await el.updateComplete;
        expect($$(el, '[part="tier"]')).to.have.length(0);
      } finally {
        stub.restore();
      }
    });
  });

  describe('reserved-space layout (result-height)', () => {
    it('keeps the same height from the idle hint through loading to a long answer, which scrolls inside', async () => {
      const { stub, release } = holdAnswers();
      try {
        const el = await checker('/stub/session', 'result-height=12rem');
        const region = () => $(el, '[role="region"]')!;
        const height = () => region().getBoundingClientRect().height;
        const expected = 12 * parseFloat(getComputedStyle(document.documentElement).fontSize);
        expect(height()).to.be.closeTo(expected, 1);
        expect(region().getAttribute('aria-label')).to.equal('Your incentives');
        const below = document.createElement('p');
        below.textContent = 'Below the checker';
        el.after(below);
        const top = below.getBoundingClientRect().top;

        fill(el, BEND);
        submit(el);
        await until(() => !!$(el, '.result.pending'));
        expect(height()).to.be.closeTo(expected, 1);
        const done = oneEvent(el, 'leap-result');
        release(
          Response.json({
            utility: { eiaid: 1, name: 'U' },
            incentives: {
              total_incentive_amount: 400,
              by_program: Array.from({ length: 4 }, (_, p) => ({
                program_id: p,
                program_name: `Program ${p}`,
                total_incentive: 100,
                device_tier_results: [{ tier_name: 'Standard', eligible: true, incentive_amount: 100 }],
              })),
            },
          }),
        );
        await done;
        await el.updateComplete;
        expect(height()).to.be.closeTo(expected, 1);
        expect(region().scrollHeight).to.be.greaterThan(region().clientHeight);
        expect(below.getBoundingClientRect().top).to.equal(top);
        expect(region().tabIndex).to.equal(0);
        await expect(el).to.be.accessible();
        below.remove();
      } finally {
        stub.restore();
      }
    });

    it('an invalid length is a configuration error', async () => {
      const warnings = captureWarnings();
      const el = document.createElement('leap-incentive-checker');
      el.setAttribute('session-endpoint', '/api/leap/session');
      el.setAttribute('device-ids', '123');
      el.setAttribute('result-height', 'tall');
      const failed = oneEvent(el, 'leap-error');
      document.body.append(el);
      const event = (await failed) as CustomEvent<LeapErrorDetail>;
      expect(event.detail.code).to.equal('INVALID_CONFIG');
      expect(event.detail.message).to.contain('result-height');
      expect(warnings.restore()).to.have.length(1);
      el.remove();
    });
  });

  describe('pending', () => {
    it('shows a skeleton in the reserved space, marks the form busy, and stays accessible', async () => {
      const { stub, release } = holdAnswers();
      try {
        const el = await checker('/stub/session');
        fill(el, BEND);
        submit(el);
        await until(() => !!$(el, '.result.pending'));
        expect($(el, 'form')!.getAttribute('aria-busy')).to.equal('true');
        expect(text(el, '[part="submit"]')).to.equal('Checking…');
        await expect(el).to.be.accessible();
        const done = oneEvent(el, 'leap-result');
        release(
          Response.json({
            utility: { eiaid: 1, name: 'U' },
            incentives: { total_incentive_amount: 0, by_program: [] },
          }),
        );
        await done;
      } finally {
        stub.restore();
      }
    });
  });

  describe('edits after a result', () => {
    it('marks the result as outdated and hides the claim link until the next check', async () => {
      const el = await checker();
      await checkAndWait(el, BEND);
      expect($(el, '[part="claim"]')).to.exist;
      fill(el, { postal_code: '97204' });
      await el.updateComplete;
      expect(text(el, '[part="stale"]')).to.contain('Check again');
      expect($(el, '[part="claim"]')).to.be.null;
      await expect(el).to.be.accessible();
      await checkAndWait(el, PORTLAND);
      expect($(el, '[part="stale"]')).to.be.null;
    });

    it('setting the address clears the messages of fields it fixed', async () => {
      const el = await checker();
      submit(el);
      await el.updateComplete;
      expect(Object.keys(el.shadowRoot!.querySelectorAll('[aria-invalid="true"]')).length).to.equal(4);
      el.address = { ...BEND, postal_code: '977' };
      await el.updateComplete;
      const invalid = [...el.shadowRoot!.querySelectorAll('[aria-invalid="true"]')].map((i) => i.id);
      expect(invalid).to.deep.equal(['postal_code']);
    });
  });

  describe('operations', () => {
    it('first check is a lookup, the same address again is a refresh, new devices are an override', async () => {
      const spy = spyOnIncentives();
      try {
        const el = await checker();
        await checkAndWait(el, BEND);
        await checkAndWait(el, BEND);
        el.deviceIds = [123, 456];
        await el.updateComplete;
        await checkAndWait(el, BEND);
        await checkAndWait(el, SF);
        expect(spy.bodies.map((b) => b.operation_type)).to.deep.equal(['lookup', 'refresh', 'override', 'lookup']);
        expect(spy.bodies[1]).to.deep.equal({ operation_type: 'refresh' });
        expect(spy.bodies[2]!.device_ids).to.deep.equal([123, 456]);
        expect(spy.bodies.every((b) => !('reference_id' in b))).to.be.true;
      } finally {
        spy.restore();
      }
    });

    it('a new submission aborts the one in flight; the stale answer is never shown', async () => {
      const signals: AbortSignal[] = [];
      const original = window.fetch;
      window.fetch = (input, init) => {
        if (String(input).endsWith('/incentives') && init?.signal) signals.push(init.signal);
        return original(input, init);
      };
      try {
        const el = await checker();
        fill(el, PORTLAND);
        submit(el);
        await until(() => signals.length === 1);
        const done = oneEvent(el, 'leap-result');
        fill(el, BEND);
        submit(el);
        const event = (await done) as CustomEvent<{ result: IncentivesResult }>;
        expect(signals[0]!.aborted).to.be.true;
        expect(event.detail.result.utility?.name).to.equal('PacifiCorp (Oregon)');
        await new Promise((r) => setTimeout(r, 200));
        expect(text(el, '[part="utility"]')).to.contain('PacifiCorp');
      } finally {
        window.fetch = original;
      }
    });

    it('refreshes the session once, transparently, after a 401', async () => {
      let sessions = 0;
      let incentiveCalls = 0;
      const original = window.fetch;
      const stub = stubFetch((url, init) => {
        if (url.endsWith('/session')) {
          sessions += 1;
          return Response.json({
            token: `t${sessions}`,
            expires_at: new Date(Date.now() + 600_000).toISOString(),
            reference_id: 'r',
          });
        }
        incentiveCalls += 1;
        const auth = new Headers(init?.headers).get('authorization');
        if (auth === 'Bearer t1')
          return Response.json(
            { title: 'Invalid or expired session token', status: 401, details: {} },
            { status: 401 },
          );
        return original('/api/leap/session?as=stub-401', { method: 'POST' })
          .then((r) => r.json())
          .then(() =>
            Response.json({
              utility: { eiaid: 1, name: 'Stub Utility' },
              incentives: { total_incentive_amount: 5, by_program: [] },
            }),
          );
      });
      try {
        const el = await checker('/stub/session');
        const result = await checkAndWait(el, BEND);
        expect(result.utility?.name).to.equal('Stub Utility');
        expect(sessions).to.equal(2);
        expect(incentiveCalls).to.equal(2);
      } finally {
        stub.restore();
      }
    });

    it('never stores the session in localStorage or sessionStorage', async () => {
      localStorage.clear();
      sessionStorage.clear();
      const el = await checker();
      await checkAndWait(el, BEND);
      expect(localStorage.length + sessionStorage.length).to.equal(0);
    });
  });

  describe('errors keep what the customer typed', () => {
    it('address not found', async () => {
      const el = await checker();
      const detail = await errorOf(el, NOWHERE);
      expect(detail.code).to.equal('ADDRESS_NOT_FOUND');
      expect(detail.status).to.equal(400);
      expect(text(el, '[part="error"]')).to.contain('could not find that address');
      expect($(el, '[part="retry"]')).to.be.null;
      expect(el.shadowRoot!.activeElement?.id).to.equal('error');
      expectValuesKept(el, NOWHERE);
      await expect(el).to.be.accessible();
    });

    it('session refused', async () => {
      const el = await checker('/api/leap/session?as=nobody');
      const detail = await errorOf(el, BEND);
      expect(detail.code).to.equal('SESSION_REFUSED');
      expect(detail.status).to.equal(401);
      expect(text(el, '[part="error"]')).to.contain('secure session');
      expectValuesKept(el, BEND);
      await expect(el).to.be.accessible();
    });

    it('rate limited, with the retry time', async () => {
      const el = await checker('/api/limited/leap/session');
      await checkAndWait(el, BEND);
      const detail = await errorOf(el, PORTLAND);
      expect(detail.code).to.equal('RATE_LIMITED');
      expect(detail.status).to.equal(429);
      expect(text(el, '[part="error"]')).to.match(/try again in \d+ seconds/);
      expectValuesKept(el, PORTLAND);
      await expect(el).to.be.accessible();
    });

    it('upstream down: a retry button that recovers', async () => {
      const el = await checker('/api/fault/500/leap/session');
      const detail = await errorOf(el, BEND);
      expect(detail.code).to.equal('UPSTREAM_DOWN');
      expect(detail.status).to.equal(502);
      expect(text(el, '[part="error"]')).to.contain('not responding');
      expectValuesKept(el, BEND);
      await expect(el).to.be.accessible();
      // Point the element at the healthy backend and retry: the same input goes through.
      el.sessionEndpoint = '/api/leap/session';
      await el.updateComplete;
      const recovered = oneEvent(el, 'leap-result');
      $<HTMLButtonElement>(el, '[part="retry"]')!.click();
      await recovered;
      await el.updateComplete;
      expect(text(el, '[part="total"]')).to.contain('$750');
    });

    it('an upstream timeout becomes a retryable error', async () => {
      const el = await checker('/api/fault/timeout/leap/session');
      const detail = await errorOf(el, BEND);
      expect(detail.status).to.equal(504);
      expect($(el, '[part="retry"]')).to.exist;
    });

    it('invalid input reported by the server marks the fields', async () => {
      const stub = stubFetch((url) =>
        url.endsWith('/session')
          ? Response.json({ token: 't', reference_id: 'r' })
          : Response.json(
              {
                title: 'Invalid request',
                status: 400,
                details: { fields: { 'address.postal_code': 'invalid_postal_code' } },
              },
              { status: 400 },
            ),
      );
      try {
        const el = await checker('/stub/session');
        const detail = await errorOf(el, BEND);
        expect(detail.code).to.equal('INVALID_INPUT');
        expect($(el, '#postal_code')!.getAttribute('aria-invalid')).to.equal('true');
        expect(el.shadowRoot!.activeElement?.id).to.equal('postal_code');
      } finally {
        stub.restore();
      }
    });
  });

  describe('network trouble', () => {
    it('offline: says so, keeps the input, and recovers on retry once back online', async () => {
      const el = await checker();
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      const stub = stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
      try {
        const detail = await errorOf(el, BEND);
        expect(detail.code).to.equal('OFFLINE');
        expect(text(el, '[part="error"]')).to.contain('offline');
        expectValuesKept(el, BEND);
        await expect(el).to.be.accessible();
      } finally {
        stub.restore();
        // The own property shadows Navigator.prototype's getter; removing it restores the real one.
        delete (navigator as unknown as Record<string, unknown>).onLine;
      }
      const recovered = oneEvent(el, 'leap-result');
      $<HTMLButtonElement>(el, '[part="retry"]')!.click();
      await recovered;
      await el.updateComplete;
      expect(text(el, '[part="total"]')).to.contain('$750');
    });

    it('a double submit sends one request that counts and shows one answer', async () => {
      const spy = spyOnIncentives();
      const results: unknown[] = [];
      try {
        const el = await checker();
        el.addEventListener('leap-result', (e) => results.push(e.detail.result));
        fill(el, BEND);
        submit(el);
        submit(el);
        await until(() => results.length === 1);
        await new Promise((r) => setTimeout(r, 300));
        expect(results).to.have.length(1);
        expect(text(el, '[part="total"]')).to.contain('$750');
        expect(spy.bodies.length).to.be.at.most(2);
      } finally {
        spy.restore();
      }
    });
  });

  describe('claim link safety', () => {
    const answer = (connect_url: string): IncentivesResult => ({
      utility: { eiaid: 1, name: 'U' },
      incentives: { total_incentive_amount: 100, by_program: [] },
      connect_url,
    });
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'http://app.leap.energy/connect/x',
      'https://evil.example/connect',
    ]) {
      it(`does not link ${bad.slice(0, 30)} and fires leap-error`, async () => {
        const stub = stubFetch((url) =>
          url.endsWith('/session') ? Response.json({ token: 't', reference_id: 'r' }) : Response.json(answer(bad)),
        );
        try {
          const el = await checker('/stub/session');
          const errors: LeapErrorDetail[] = [];
          el.addEventListener('leap-error', (e) => errors.push(e.detail));
          await checkAndWait(el, BEND);
          expect($(el, '[part="claim"]')).to.be.null;
          expect($(el, 'a')).to.be.null;
          expect(errors.map((e) => e.code)).to.deep.equal(['UNSAFE_CONNECT_URL']);
          expect(text(el, '[part="total"]')).to.contain('$100');
        } finally {
          stub.restore();
        }
      });
    }

    it('claim-hosts adds hosts; leap-claim is cancelable', async () => {
      const stub = stubFetch((url) =>
        url.endsWith('/session')
          ? Response.json({ token: 't', reference_id: 'r' })
          : Response.json(answer('https://rebates.partner.example/claim/1')),
      );
      try {
        const el = await checker('/stub/session', 'claim-hosts=rebates.partner.example');
        await checkAndWait(el, BEND);
        const claim = $<HTMLAnchorElement>(el, '[part="claim"]')!;
        expect(claim.href).to.equal('https://rebates.partner.example/claim/1');
        el.addEventListener('leap-claim', (e) => e.preventDefault());
        const fired = oneEvent(el, 'leap-claim');
        const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
        claim.dispatchEvent(click);
        const event = (await fired) as CustomEvent<{ url: string; totalAmount: number }>;
        expect(event.detail).to.deep.equal({ url: 'https://rebates.partner.example/claim/1', totalAmount: 100 });
        expect(click.defaultPrevented).to.be.true;
      } finally {
        stub.restore();
      }
    });
  });

  describe('prefill and auto-check', () => {
    it('checks as soon as the prefilled address is complete, without stealing focus', async () => {
      const outside = document.createElement('button');
      document.body.append(outside);
      outside.focus();
      const el = document.createElement('leap-incentive-checker');
      Object.entries({
        'session-endpoint': '/api/leap/session',
        'device-ids': '123',
        'street-1': '456 Main St',
        'street-2': 'Apt 2B',
        city: 'Bend',
        state: 'OR',
        'postal-code': '97701',
        'auto-check': '',
      }).forEach(([k, v]) => el.setAttribute(k, v));
      const done = oneEvent(el, 'leap-result');
      document.body.append(el);
      const event = (await done) as CustomEvent<{ result: IncentivesResult }>;
      expect(event.detail.result.incentives.total_incentive_amount).to.equal(750);
      expect($<HTMLInputElement>(el, '#street_2')!.value).to.equal('Apt 2B');
      expect(document.activeElement).to.equal(outside);
      el.remove();
      outside.remove();
    });

    it('the address property fills the form', async () => {
      const el = await checker();
      el.address = BEND;
      await el.updateComplete;
      expectValuesKept(el, { street_1: '456 Main St', city: 'Bend', postal_code: '97701' });
    });
  });

  describe('misconfiguration', () => {
    for (const [name, attrs] of [
      ['no session-endpoint', { 'device-ids': '123' }],
      ['no devices', { 'session-endpoint': '/api/leap/session' }],
      ['bad device ids', { 'session-endpoint': '/api/leap/session', 'device-ids': '12,abc' }],
    ] as const) {
      it(`${name}: an accessible explanation, leap-error INVALID_CONFIG and one warning`, async () => {
        const warnings = captureWarnings();
        const el = document.createElement('leap-incentive-checker');
        Object.entries(attrs).forEach(([k, v]) => el.setAttribute(k, v));
        const failed = oneEvent(el, 'leap-error');
        document.body.append(el);
        const event = (await failed) as CustomEvent<LeapErrorDetail>;
        await el.updateComplete;
        expect(event.detail.code).to.equal('INVALID_CONFIG');
        expect(text(el as LeapIncentiveChecker, '[part="error"]')).to.contain('not set up correctly');
        expect(warnings.restore()).to.have.length(1);
        await expect(el).to.be.accessible();
        el.remove();
      });
    }
  });

  it('keyboard only: type the address, submit with Enter, reach the claim link with Tab', async () => {
    const el = await checker();
    $<HTMLInputElement>(el, '#street_1')!.focus();
    await sendKeys({ type: '456 Main St' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Bend' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'OR' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '97701' });
    const done = oneEvent(el, 'leap-result');
    await sendKeys({ press: 'Enter' });
    await done;
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.id).to.equal('result-heading');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('claim');
  });

  it('speaks Spanish with lang="es" or a [lang] ancestor', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="es">
        <leap-incentive-checker
          session-endpoint="/api/leap/session"
          device-ids="123"
          create-application
        ></leap-incentive-checker>
      </div>`,
    );
    const el = wrapper.querySelector('leap-incentive-checker')!;
    await el.updateComplete;
    expect(text(el, 'h2')).to.equal('Consulte sus incentivos');
    expect(text(el, '[part="submit"]')).to.equal('Consultar incentivos');
    await checkAndWait(el, BEND);
    expect(text(el, '[part="total"]')).to.match(/Hasta .*750.* en incentivos/);
    expect(text(el, '[part="tier"]')).to.contain('Elegible');
    expect(text(el, '[part="claim"]')).to.contain('Reclamar');
    await expect(el).to.be.accessible();
  });

  it('reserves space: idle, pending and a short answer take the same height, so the page does not jump', async () => {
    const el = await checker();
    const idle = el.getBoundingClientRect().height;
    fill(el, NOWHERE);
    const failed = oneEvent(el, 'leap-error');
    submit(el);
    await el.updateComplete;
    expect($(el, '.result.pending'), 'skeleton shown while pending').to.exist;
    const pending = el.getBoundingClientRect().height;
    await failed;
    await el.updateComplete;
    const answered = el.getBoundingClientRect().height;
    expect(pending).to.equal(idle);
    expect(answered).to.equal(idle);
    expect(parseFloat(getComputedStyle($(el, '[part="result"]')!).minHeight)).to.be.greaterThan(100);
  });

  it('fits a 320 px container', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 320px">
        <leap-incentive-checker session-endpoint="/api/leap/session" device-ids="123"></leap-incentive-checker>
      </div>`,
    );
    const el = wrapper.querySelector('leap-incentive-checker')!;
    await el.updateComplete;
    expect(el.scrollWidth).to.be.at.most(320);
    const street = $(el, '#street_1')!.getBoundingClientRect();
    const city = $(el, '#city')!.getBoundingClientRect();
    expect(city.top).to.be.greaterThan(street.top, 'one column when narrow');
  });
});
