/**
 * <leap-incentive-checker address-form> following the page's form: one check once the address is complete, changes
 * that outdate the result, values set by scripts, and what it says (politely, without taking focus) when it cannot
 * check.
 */
import { expect, html } from '@open-wc/testing';
import { clearSessions } from '../../src/elements/shared/session.js';
import { PAGE_FORM_POLL_MS } from '../../src/elements/incentive-checker/page-address-form.js';
import { BEND, NOWHERE, PORTLAND, releaseNext, SF } from './harness/checker-data.js';
import { CheckerHarness } from './harness/checker-harness.js';
import { fakeBackend, restoreNetwork } from './harness/fake-backend.js';
import { byToken, PageForm, tokenForm } from './harness/page-form.js';
import { expectNoLitWarnings } from './helpers.js';

describe('<leap-incentive-checker>', () => {
  afterEach(() => {
    restoreNetwork();
    clearSessions();
    expectNoLitWarnings();
  });

  describe('the page\u2019s own address form (address-form)', () => {
    it('sends nothing until the address is complete, then exactly one check', async () => {
      const backend = fakeBackend({ session: 'forward' });
      const form = await PageForm.add(tokenForm('steps'));
      const h = await CheckerHarness.create({ 'address-form': 'steps' });
      for (const step of [
        { street_1: BEND.street_1 },
        { city: BEND.city },
        { state_or_province_code: BEND.state_or_province_code },
        { postal_code: '9770' },
      ]) {
        form.fill(byToken(step));
        await h.settle();
        expect(backend.requests(), `after ${JSON.stringify(step)}`).to.have.length(0);
      }
      const done = h.waitForResult();
      form.fill(byToken({ postal_code: BEND.postal_code }));
      await releaseNext(backend);
      expect((await done).incentives.total_incentive_amount).to.equal(750);
      expect(backend.requests('incentives')).to.have.length(1);
    });

    it('a changed address marks the result outdated, aborts the check in flight and shows the new one', async () => {
      const backend = fakeBackend({ session: 'forward' });
      const form = await PageForm.add(tokenForm('changing'));
      const h = await CheckerHarness.create({ 'address-form': 'changing' });
      const events = h.recordEvents();
      let done = h.waitForResult();
      form.fill(byToken(BEND));
      await releaseNext(backend);
      await done;

      form.fill(byToken({ city: PORTLAND.city, postal_code: PORTLAND.postal_code }));
      await h.settle();
      expect(h.result()!.stale).to.equal('Your address changed: updating these results…');
      const portland = await backend.next('incentives');
      expect((portland.body!.address as { postal_code: string }).postal_code).to.equal('97204');

      form.fill(byToken({ city: SF.city, state_or_province_code: SF.state_or_province_code, postal_code: '94105' }));
      expect(portland.aborted, 'the check for the old address is aborted').to.be.true;
      done = h.waitForResult();
      const sf = await backend.next('incentives');
      await portland.forward();
      await sf.forward();
      expect((await done).utility?.name).to.equal('Pacific Gas & Electric Co');
      expect(h.result()!.stale).to.be.null;
      expect(events.map((e) => e.type)).to.deep.equal(['leap-result', 'leap-result']);
      expect(backend.requests('incentives')).to.have.length(3);
    });

    it('sees values a script sets without any event, within a second (React state, autofill scripts)', async () => {
      const form = await PageForm.add(tokenForm('scripted'));
      const h = await CheckerHarness.create({ 'address-form': 'scripted' });
      const done = h.waitForResult();
      // "Use my saved address": the values change, and no input or change event is fired.
      for (const [selector, value] of Object.entries(byToken(BEND))) form.control(selector).value = value;
      expect(PAGE_FORM_POLL_MS).to.be.at.most(500);
      expect((await done).incentives.total_incentive_amount).to.equal(750);
    });

    it('an address emptied after a result names the field by the page’s label, marks the result outdated and hides the claim link', async () => {
      const form = await PageForm.add(tokenForm('emptied'));
      const h = await CheckerHarness.create({ 'address-form': 'emptied' });
      const done = h.waitForResult();
      form.fill(byToken(BEND));
      await done;
      expect(h.claimLink()).to.exist;
      form.fill({ '[autocomplete="postal-code"]': '' });
      await h.settle();
      const note = 'These results are for your previous address. Fill in “ZIP” to update them.';
      expect(h.result()!.stale).to.equal(note);
      expect(h.$('section[part="result"]')!.dataset.stale).to.equal('true');
      expect(h.claimLink(), 'no claim link for an outdated result').to.be.null;
      expect(h.announcement()).to.equal(note);
      await expect(h.element).to.be.accessible();

      form.fill({ '[autocomplete="postal-code"]': '977' });
      await h.settle();
      expect(h.result()!.stale).to.equal('These results are for your previous address. Check “ZIP” to update them.');
      // Back to the address the result is for: it is current again, with nothing to send.
      form.fill({ '[autocomplete="postal-code"]': BEND.postal_code });
      await h.settle();
      expect(h.result()!.stale).to.be.null;
      expect(h.claimLink()).to.exist;
    });

    it('a non-US address sends nothing and says incentives are checked for US addresses only (ADDRESS_NOT_SUPPORTED)', async () => {
      const backend = fakeBackend({ session: 'forward' });
      const form = await PageForm.add(
        html`<form id="abroad">
          <label>Street <input autocomplete="address-line1" /></label>
          <label>City <input autocomplete="address-level2" /></label>
          <label>Province <input autocomplete="address-level1" /></label>
          <label>Postal code <input autocomplete="postal-code" /></label>
          <label
            >Country
            <select autocomplete="country">
              <option value="US">United States</option>
              <option value="CA">Canada</option>
            </select></label
          >
        </form>`,
      );
      const h = await CheckerHarness.create({ 'address-form': 'abroad' });
      const failed = h.waitForError();
      form.fill({
        '[autocomplete="address-line1"]': '100 Queen St W',
        '[autocomplete="address-level2"]': 'Toronto',
        '[autocomplete="address-level1"]': 'ON',
        '[autocomplete="postal-code"]': 'M5H 2N2',
        '[autocomplete="country"]': 'CA',
      });
      expect((await failed).code).to.equal('ADDRESS_NOT_SUPPORTED');
      expect(h.errors().block).to.equal('Incentives are checked for addresses in the United States only.');
      expect(backend.requests(), 'nothing is sent, not even a session').to.have.length(0);
      await expect(h.element).to.be.accessible();
    });

    it('a failing automatic check is said politely, with its address, and leaves focus in the page form', async () => {
      const form = await PageForm.add(tokenForm('nowhere'));
      const h = await CheckerHarness.create({ 'address-form': 'nowhere' });
      const zip = form.control('[autocomplete="postal-code"]');
      zip.focus();
      const failed = h.waitForError();
      form.fill(byToken(NOWHERE));
      expect((await failed).code).to.equal('ADDRESS_NOT_FOUND');
      expect(h.$('[role="alert"]'), 'no alert interrupts the customer typing').to.be.null;
      expect(h.announcement()).to.equal(
        '1 Nowhere Rd, Bend: We could not find that address. Please check the street, city, state and ZIP code.',
      );
      expect(document.activeElement).to.equal(zip);
      await expect(h.element).to.be.accessible();
    });
  });
});
