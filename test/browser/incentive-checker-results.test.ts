/**
 * <leap-incentive-checker>'s answers: the mock Leap's addresses, long answers collapsed by program, claim links held to
 * their allowed hosts, and the answer in Spanish with US amounts.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { IncentivesResult } from '../../src/core/schemas/incentives.js';
import type { LeapErrorDetail } from '../../src/elements/shared/events.js';
import { clearSessions } from '../../src/elements/shared/session.js';
import { answer, BEND, DAVIS, PORTLAND, SACRAMENTO, SF } from './harness/checker-data.js';
import { accessibleName, CheckerHarness, textOf } from './harness/checker-harness.js';
import { fakeBackend, restoreNetwork, type FakeBackend } from './harness/fake-backend.js';
import { expectNoLitWarnings } from './helpers.js';

/** `programs` programs of `tiers` tiers each; every other tier eligible. */
function longAnswer(programs: number, tiers: number): IncentivesResult {
  return answer({
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
  });
}

/** A backend that answers every check with `result` (sessions are answered too). */
const answering = (result: IncentivesResult): FakeBackend => fakeBackend({ incentives: () => Response.json(result) });

describe('<leap-incentive-checker>', () => {
  afterEach(() => {
    restoreNetwork();
    clearSessions();
    expectNoLitWarnings();
  });

  describe('results from the mock Leap', () => {
    it('Bend: utility, total, an explained eligible tier and a claim link; focus on the result heading', async () => {
      const h = await CheckerHarness.create();
      const result = await h.check(BEND);
      expect(result.incentives.total_incentive_amount).to.equal(750);
      const shown = h.result()!;
      expect(shown.utility).to.equal('Your utility: PacifiCorp (Oregon)');
      expect(shown.total).to.equal('Up to $750 in incentives');
      expect(shown.programs).to.have.length(1);
      const [tier] = shown.programs[0]!.tiers;
      expect(tier!.eligible).to.be.true;
      expect(tier!.badge).to.equal('Eligible');
      expect(tier!.text).to.contain('Fixed rebate per device').and.contain('You will also need to');
      expect(tier!.text).to.contain('Must use licensed contractor');
      expect(shown.claim).to.equal('https://app.leap.energy/connect/abc123');
      expect(h.claimLink()!.textContent).to.contain('Claim $750');
      expect(h.claimLink()!.rel).to.equal('noopener noreferrer');
      expect(h.element.result?.incentives.total_incentive_amount).to.equal(750);
      expect(h.focused()?.id).to.equal('result-heading');
      expect(h.announcement()).to.equal('Found up to $750 in incentives from PacifiCorp (Oregon).');
      await expect(h.element).to.be.accessible();
    });

    it('San Francisco: eligible and not-eligible tiers side by side, with why-not and already-met', async () => {
      const h = await CheckerHarness.create();
      await h.check(SF);
      const tiers = h.result()!.programs.flatMap((p) => p.tiers);
      const eligible = tiers.find((t) => t.eligible)!;
      const ineligible = tiers.find((t) => !t.eligible)!;
      expect(ineligible.badge).to.equal('Not eligible');
      expect(ineligible.text).to.contain('Why not').and.contain('400% of the federal poverty level');
      expect(ineligible.text).to.contain('Already met');
      expect(eligible.text).to.contain('Up to $500 for a Level 2 charger');
      await expect(h.element).to.be.accessible();
    });

    it('Sacramento: one card per program, each with its own total', async () => {
      const h = await CheckerHarness.create();
      await h.check(SACRAMENTO);
      const { programs, total } = h.result()!;
      expect(programs.map((p) => p.name)[0]).to.equal('SMUD Charge@Home EV Rebates');
      expect(programs.map((p) => p.total)).to.deep.equal(['Program total: $500', 'Program total: $750']);
      expect(total).to.equal('Up to $1,250 in incentives');
    });

    it('Portland: zero incentives is a state of its own, with the reasons listed once and no claim link', async () => {
      const h = await CheckerHarness.create();
      await h.check(PORTLAND);
      const shown = h.result()!;
      expect(shown.empty).to.contain('No incentives for this device at this address');
      const said = textOf(h.$('section[part="result"]'));
      for (const reason of ['Device not OCPP compliant', 'Charger level must be at least LEVEL_2']) {
        expect(said.split(reason).length - 1, `"${reason}" listed once`).to.equal(1);
      }
      expect(shown.claim).to.be.null;
      expect(h.announcement()).to.equal('No incentives for this device at this address');
      await expect(h.element).to.be.accessible();
    });

    it('Davis: several possible utilities; picking one checks again with it', async () => {
      const h = await CheckerHarness.create();
      const first = await h.check(DAVIS);
      expect(first.utility).to.be.null;
      expect(h.result()!.utilityChoices).to.have.length(2);
      expect(h.result()!.utility).to.be.null;
      await expect(h.element).to.be.accessible();
      const rerun = h.waitForResult();
      h.pickUtility('Valley Clean Energy Alliance');
      expect((await rerun).utility?.name).to.equal('Valley Clean Energy Alliance');
      expect(h.result()!.total).to.equal('Up to $300 in incentives');
    });

    it('a utility picked for one address is not sent with the next address', async () => {
      const h = await CheckerHarness.create();
      await h.check(DAVIS);
      const picked = h.waitForResult();
      h.pickUtility('Valley Clean Energy Alliance');
      await picked;
      const bend = await h.check(BEND);
      expect(bend.utility?.name).to.equal('PacifiCorp (Oregon)');
      expect(h.result()!.total).to.equal('Up to $750 in incentives');
    });

    it('renders names and requirements from the answer as text, never as HTML', async () => {
      answering(
        answer({
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
        }),
      );
      const h = await CheckerHarness.create();
      await h.check(BEND);
      expect(h.$('[part="program"] b')).to.be.null;
      expect(h.$('[part="result"] img')).to.be.null;
      expect(h.result()!.programs[0]!.name).to.equal('<b>Bold</b><script>window.__pwned=1</script>');
      expect((window as unknown as { __pwned?: number }).__pwned).to.be.undefined;
    });
  });

  describe('long answers', () => {
    it('more than 12 tiers: each program collapsed behind a toggle named after the program', async () => {
      answering(longAnswer(5, 4));
      const h = await CheckerHarness.create();
      await h.check(BEND);
      const { programs } = h.result()!;
      expect(programs).to.have.length(5);
      expect(programs.flatMap((p) => p.tiers)).to.have.length(0);
      expect(programs[1]!.toggle!.expanded).to.be.false;
      expect(accessibleName(h.toggles()[1]!)).to.equal('Show the 4 options (2 eligible), Program 2');
      await expect(h.element).to.be.accessible();
    });

    it('a toggle shows its program\u2019s options and hides them again', async () => {
      answering(longAnswer(5, 4));
      const h = await CheckerHarness.create();
      await h.check(BEND);
      h.toggles()[1]!.click();
      await h.settle();
      const open = h.toggles()[1]!;
      expect(open.getAttribute('aria-expanded')).to.equal('true');
      expect(accessibleName(open)).to.equal('Hide the options, Program 2');
      const list = h.$(`#${open.getAttribute('aria-controls')}`)!;
      expect(list.querySelectorAll('[part~="tier"]')).to.have.length(4);
      expect(h.result()!.programs.map((p) => p.tiers.length)).to.deep.equal([0, 4, 0, 0, 0]);
      await expect(h.element).to.be.accessible();
      open.click();
      await h.settle();
      expect(h.result()!.programs.flatMap((p) => p.tiers)).to.have.length(0);
    });

    it('up to 12 tiers: every option is shown, without toggles', async () => {
      answering(longAnswer(3, 4));
      const h = await CheckerHarness.create();
      await h.check(BEND);
      expect(h.result()!.programs.flatMap((p) => p.tiers)).to.have.length(12);
      expect(h.toggles()).to.have.length(0);
    });

    it('a new answer starts collapsed again', async () => {
      answering(longAnswer(5, 4));
      const h = await CheckerHarness.create();
      await h.check(BEND);
      h.toggles()[0]!.click();
      await h.settle();
      expect(h.result()!.programs[0]!.tiers).to.have.length(4);
      const again = h.waitForResult();
      h.submit();
      await again;
      expect(h.result()!.programs.flatMap((p) => p.tiers)).to.have.length(0);
    });
  });

  describe('claim link safety', () => {
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'http://app.leap.energy/connect/x',
      'https://evil.example/connect',
    ]) {
      it(`does not link ${bad.slice(0, 30)} and fires leap-error UNSAFE_CONNECT_URL`, async () => {
        answering(answer({ connect_url: bad }));
        const h = await CheckerHarness.create();
        const events = h.recordEvents();
        await h.check(BEND);
        expect(h.result()!.claim).to.be.null;
        expect(h.$('a')).to.be.null;
        expect(events.map((e) => (e.type === 'leap-error' ? e.detail.code : e.type))).to.deep.equal([
          'leap-result',
          'UNSAFE_CONNECT_URL',
        ]);
        const unsafe = events[1]!.detail as LeapErrorDetail;
        expect(unsafe.kind, 'an unsafe link, not an HTTP answer').to.equal('unsafe-link');
        expect(unsafe).not.to.have.property('status');
        expect(h.result()!.total).to.equal('Up to $100 in incentives');
      });
    }

    it('claim-hosts allows more hosts; leap-claim is cancelable', async () => {
      answering(answer({ connect_url: 'https://rebates.partner.example/claim/1' }));
      const h = await CheckerHarness.create({ 'claim-hosts': 'rebates.partner.example' });
      await h.check(BEND);
      expect(h.result()!.claim).to.equal('https://rebates.partner.example/claim/1');
      const claims: Array<{ url: string; totalAmount: number }> = [];
      h.element.addEventListener('leap-claim', (e) => {
        claims.push(e.detail);
        e.preventDefault();
      });
      const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
      h.claimLink()!.dispatchEvent(click);
      expect(claims).to.deep.equal([{ url: 'https://rebates.partner.example/claim/1', totalAmount: 100 }]);
      expect(click.defaultPrevented).to.be.true;
    });
  });

  describe('language and amounts', () => {
    it('speaks Spanish from a [lang] ancestor, with US amounts and the country as text', async () => {
      const spanish = await fixture<HTMLDivElement>(html`<div lang="es"></div>`);
      const h = await CheckerHarness.create({}, spanish);
      expect(h.text('h2')).to.equal('Consulte sus incentivos');
      expect(h.text('[part="submit"]')).to.equal('Consultar incentivos');
      expect(h.$$('[part="field"]').map(textOf)).to.include('País: Estados Unidos');
      await h.check(BEND);
      const shown = h.result()!;
      expect(shown.total).to.equal('Hasta $750 en incentivos');
      expect(shown.programs[0]!.tiers[0]!.badge).to.equal('Elegible');
      expect(h.claimLink()!.textContent).to.contain('Reclamar $750');
      await expect(h.element).to.be.accessible();
    });

    it('lang="es": amounts with cents read the US way', async () => {
      answering(
        answer({
          incentives: {
            total_incentive_amount: 1234.5,
            by_program: [
              {
                program_id: 1,
                program_name: 'Programa',
                total_incentive: 1234.5,
                device_tier_results: [{ tier_name: 'Nivel 2', eligible: true, incentive_amount: 1234.5 }],
              },
            ],
          },
        }),
      );
      const h = await CheckerHarness.create({ lang: 'es' });
      await h.check(BEND);
      const shown = h.result()!;
      expect(shown.total).to.equal('Hasta $1,234.50 en incentivos');
      expect(shown.programs[0]!.tiers[0]!.text).to.contain('Monto: $1,234.50');
    });

    it('lang="es-MX" keeps the page\u2019s region', async () => {
      const h = await CheckerHarness.create({ lang: 'es-MX' });
      await h.check(BEND);
      expect(h.result()!.total).to.equal('Hasta USD 750 en incentivos');
    });
  });
});
