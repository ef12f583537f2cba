/** <leap-incentive-checker> while it checks: the skeleton, the busy form, the announcement and the space it keeps. */
import { expect } from '@open-wc/testing';
import { clearSessions } from '../../src/elements/shared/session.js';
import { answer, BEND, CHECKING, NOWHERE } from './harness/checker-data.js';
import { CheckerHarness } from './harness/checker-harness.js';
import { fakeBackend, restoreNetwork } from './harness/fake-backend.js';
import { captureWarnings, expectNoLitWarnings } from './helpers.js';

describe('<leap-incentive-checker>', () => {
  afterEach(() => {
    restoreNetwork();
    clearSessions();
    expectNoLitWarnings();
  });

  describe('loading', () => {
    it('shows a skeleton, marks the form busy and announces the check outside anything aria-hidden', async () => {
      const backend = fakeBackend();
      const h = await CheckerHarness.create();
      await h.fill(BEND);
      h.submit();
      await h.settle();
      expect(h.pending()).to.be.true;
      expect(h.$('.result.pending')!.getAttribute('aria-hidden')).to.equal('true');
      expect(h.$('form')!.getAttribute('aria-busy')).to.equal('true');
      expect(h.text('[part="submit"]')).to.equal('Checking…');
      expect(h.announcement()).to.equal(CHECKING);
      expect(h.liveRegion().closest('[aria-hidden="true"]')).to.be.null;
      expect(h.element.closest('[aria-hidden="true"]')).to.be.null;
      await expect(h.element).to.be.accessible();
      const done = h.waitForResult();
      (await backend.next('incentives')).json(answer());
      await done;
      expect(h.pending()).to.be.false;
    });

    it('announces the check in Spanish', async () => {
      fakeBackend();
      const h = await CheckerHarness.create({ lang: 'es' });
      await h.fill(BEND);
      h.submit();
      await h.settle();
      expect(h.announcement()).to.equal('Consultando los incentivos para su dirección…');
    });

    it('reserves space for the hint and the skeleton, and none under a short answer', async () => {
      const h = await CheckerHarness.create();
      const idle = h.element.getBoundingClientRect().height;
      await h.fill(NOWHERE);
      const failed = h.waitForError();
      h.submit();
      await h.settle();
      expect(h.pending(), 'skeleton shown while pending').to.be.true;
      const pending = h.element.getBoundingClientRect().height;
      await failed;
      const answered = h.element.getBoundingClientRect().height;
      expect(pending).to.equal(idle);
      expect(answered, 'a short answer takes its own height').to.be.below(idle);
      const error = h.$('[part="error"]')!.getBoundingClientRect();
      const region = h.outcome().getBoundingClientRect();
      expect(region.bottom - error.bottom, 'empty space under the answer').to.be.below(2);
    });
  });

  describe('reserved-space layout (result-height)', () => {
    it('keeps one height from the idle hint through loading to a long answer, which scrolls inside', async () => {
      const backend = fakeBackend();
      const h = await CheckerHarness.create({ 'result-height': '12rem' });
      const region = h.outcome();
      const height = () => region.getBoundingClientRect().height;
      const expected = 12 * parseFloat(getComputedStyle(document.documentElement).fontSize);
      expect(height()).to.be.closeTo(expected, 1);
      expect(region.getAttribute('aria-label')).to.equal('Your incentives');
      const below = document.createElement('p');
      below.textContent = 'Below the checker';
      h.element.after(below);
      const top = below.getBoundingClientRect().top;

      await h.fill(BEND);
      h.submit();
      await h.settle();
      expect(h.pending()).to.be.true;
      expect(height()).to.be.closeTo(expected, 1);
      const done = h.waitForResult();
      (await backend.next('incentives')).json(
        answer({
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
      expect(height()).to.be.closeTo(expected, 1);
      expect(region.scrollHeight).to.be.greaterThan(region.clientHeight);
      expect(below.getBoundingClientRect().top).to.equal(top);
      expect(region.tabIndex, 'a scrolling region is reachable by keyboard').to.equal(0);
      await expect(h.element).to.be.accessible();
    });

    it('an invalid length is a configuration error', async () => {
      const warnings = captureWarnings();
      const h = CheckerHarness.build({ 'result-height': 'tall' });
      const failed = h.waitForError();
      await h.connect();
      const detail = await failed;
      expect(warnings.restore()).to.have.length(1);
      expect(detail.code).to.equal('INVALID_CONFIG');
      expect(detail.message).to.contain('result-height');
    });
  });
});
