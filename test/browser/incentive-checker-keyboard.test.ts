/**
 * <leap-incentive-checker> by keyboard alone: typing, submitting, "Try again" and the utility picker, focus never
 * dropped.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { clearSessions } from '../../src/elements/shared/session.js';
import { BEND, CHECKING, DAVIS, releaseNext } from './harness/checker-data.js';
import { CheckerHarness, textOf } from './harness/checker-harness.js';
import { fakeBackend, restoreNetwork } from './harness/fake-backend.js';
import { FocusTracker } from './harness/focus-tracker.js';
import { expectNoLitWarnings } from './helpers.js';

describe('<leap-incentive-checker>', () => {
  afterEach(() => {
    restoreNetwork();
    clearSessions();
    expectNoLitWarnings();
  });

  describe('keyboard and focus', () => {
    it('keyboard only: type the address, submit with Enter, reach the claim link with Tab', async () => {
      const h = await CheckerHarness.create();
      h.field('street_1')!.focus();
      await sendKeys({ type: '456 Main St' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'Bend' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'OR' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: '97701' });
      const done = h.waitForResult();
      await sendKeys({ press: 'Enter' });
      await done;
      expect(h.focused()?.id).to.equal('result-heading');
      await sendKeys({ press: 'Tab' });
      expect(h.focused()).to.equal(h.claimLink());
    });

    it('"Try again" holds focus on the outcome while loading, then puts it on the new error', async () => {
      const backend = fakeBackend({ session: 'forward' });
      const h = await CheckerHarness.create({ 'session-endpoint': '/api/fault/500/leap/session' });
      await h.fill(BEND);
      let failed = h.waitForError();
      h.submit();
      await releaseNext(backend);
      expect((await failed).code).to.equal('UPSTREAM_DOWN');
      expect(h.focused()?.id).to.equal('error');

      const tracker = FocusTracker.start(h.element);
      await sendKeys({ press: 'Tab' });
      expect(h.focused()).to.equal(h.$('[part="retry"]'));
      failed = h.waitForError();
      await sendKeys({ press: 'Enter' });
      const again = await backend.next('incentives');
      await h.settle();
      expect(h.pending()).to.be.true;
      expect(h.$('[part="retry"]')).to.be.null;
      expect(h.focused()?.id).to.equal('outcome');
      expect(h.announcement()).to.equal(CHECKING);
      await expect(h.element).to.be.accessible();
      await again.forward();
      await failed;
      expect(h.focused()?.id).to.equal('error');
      expect(h.$('#error')!.hasAttribute('role')).to.be.false;
      expect(h.announcement()).to.equal('');
      expect(await tracker.stop()).to.deep.equal([]);
    });

    it('the utility picker, by keyboard: focus stays in the element and ends on the result heading', async () => {
      const backend = fakeBackend({ session: 'forward' });
      const h = await CheckerHarness.create();
      await h.fill(DAVIS);
      let done = h.waitForResult();
      h.submit();
      await releaseNext(backend);
      const [, second] = (await done).possible_utilities!;
      expect(h.focused()?.id).to.equal('result-heading');

      const tracker = FocusTracker.start(h.element);
      await sendKeys({ press: 'Tab' });
      expect((h.focused() as HTMLInputElement).type).to.equal('radio');
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Tab' });
      expect(textOf(h.focused())).to.equal('Show my incentives');
      done = h.waitForResult();
      await sendKeys({ press: 'Enter' });
      const picked = await backend.next('incentives');
      await h.settle();
      expect(h.pending()).to.be.true;
      expect(h.focused()?.id).to.equal('outcome');
      await picked.forward();
      expect((await done).utility?.name).to.equal('Valley Clean Energy Alliance');
      expect(String(picked.body!.utility_eiaid)).to.equal(String(second!.eiaid));
      expect(h.focused()?.id).to.equal('result-heading');
      expect(await tracker.stop()).to.deep.equal([]);
    });
  });
});
