/**
 * <leap-incentive-checker>'s own address form: its fields and validation, edits after a result, prefill and
 * auto-check.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { LeapApiError } from '../../src/core/errors.js';
import { LeapFailureError } from '../../src/core/failure.js';
import { clearSessions } from '../../src/elements/shared/session.js';
import { BEND, NOWHERE, PORTLAND } from './harness/checker-data.js';
import { CheckerHarness, textOf } from './harness/checker-harness.js';
import { fakeBackend, restoreNetwork } from './harness/fake-backend.js';
import { captureWarnings, expectNoLitWarnings } from './helpers.js';

describe('<leap-incentive-checker>', () => {
  afterEach(() => {
    restoreNetwork();
    clearSessions();
    expectNoLitWarnings();
  });

  describe('its own form', () => {
    it('is a native form with labelled fields and the autocomplete tokens browsers fill', async () => {
      const h = await CheckerHarness.create();
      expect(h.$('form[part="form"]')).to.exist;
      const tokens = {
        street_1: 'address-line1',
        street_2: 'address-line2',
        city: 'address-level2',
        state_or_province_code: 'address-level1',
        postal_code: 'postal-code',
      };
      for (const [id, token] of Object.entries(tokens)) {
        expect(h.$(`#${id}`)!.getAttribute('autocomplete'), id).to.equal(token);
        expect(h.$(`label[for="${id}"]`), `label for ${id}`).to.exist;
      }
      expect(h.$('select#building_type')).to.exist;
      expect(h.$('label[for="building_type"]')).to.exist;
      expect(h.text('[part="submit"]')).to.equal('Check incentives');
      expect(h.text('[part="result"]')).to.equal(
        'Enter your address to see the rebates and incentives available to you.',
      );
      await expect(h.element).to.be.accessible();
    });

    it('shows the United States as text, not as a select', async () => {
      const h = await CheckerHarness.create();
      expect(h.field('country_code')).to.be.null;
      const country = h.$$('[part="field"]').find((f) => textOf(f).startsWith('Country'))!;
      expect(textOf(country)).to.equal('Country: United States');
      expect(h.element.address.country_code).to.equal('US');
    });

    it('another country is a labelled select with the country token', async () => {
      const h = await CheckerHarness.create({ country: 'CA' });
      const select = h.field('country_code')!;
      expect(select).to.be.instanceOf(HTMLSelectElement);
      expect(select.getAttribute('autocomplete')).to.equal('country');
      expect(select.value).to.equal('CA');
      expect(h.$('label[for="country_code"]')).to.exist;
      await expect(h.element).to.be.accessible();
    });

    it('validates like the backend: messages linked by aria-describedby, focus on the first, nothing sent', async () => {
      const backend = fakeBackend();
      const h = await CheckerHarness.create();
      const entered = { street_1: '456 Main St', city: 'Bend', state_or_province_code: 'ZZ', postal_code: '9770' };
      await h.fill(entered);
      h.submit();
      await h.settle();
      expect(h.errors().fields).to.deep.equal({
        state_or_province_code: 'Use the two-letter state code, such as CA.',
        postal_code: 'Use a 5-digit ZIP code, such as 97701 (or ZIP+4, such as 97701-1234).',
      });
      expect(h.focused()?.id).to.equal('state_or_province_code');
      expect(h.announcement()).to.equal('Please correct 2 fields.');
      expect(h.values()).to.include(entered);
      expect(backend.requests(), 'nothing is sent while the form is invalid').to.have.length(0);
      await expect(h.element).to.be.accessible();
    });

    it('check() rejects an invalid address as invalid input with the fields at fault, not as an HTTP answer', async () => {
      const backend = fakeBackend();
      const h = await CheckerHarness.create();
      await h.fill({ ...BEND, postal_code: '9770' });
      const rejected = await h.element.check().catch((error: unknown) => error);
      expect(rejected).to.be.instanceOf(LeapFailureError);
      expect(rejected).not.to.be.instanceOf(LeapApiError);
      expect((rejected as LeapFailureError).code).to.equal('INVALID_INPUT');
      expect((rejected as LeapFailureError).failure).to.deep.equal({
        kind: 'invalid-input',
        fields: { postal_code: 'invalid_postal_code' },
      });
      expect(backend.requests()).to.have.length(0);
    });

    it('check() on a misconfigured element rejects with the setup problem, sending nothing', async () => {
      const backend = fakeBackend();
      const warnings = captureWarnings();
      const h = await CheckerHarness.create({ 'device-ids': null });
      h.element.address = BEND;
      const rejected = await h.element.check().catch((error: unknown) => error);
      warnings.restore();
      expect((rejected as LeapFailureError).failure).to.deep.equal({
        kind: 'setup',
        code: 'INVALID_CONFIG',
        message: 'set device-ids or device-names.',
      });
      expect(backend.requests()).to.have.length(0);
    });

    it('fixing a field clears its message at once', async () => {
      const h = await CheckerHarness.create();
      await h.fill({ ...BEND, postal_code: '9770' });
      h.submit();
      await h.settle();
      expect(Object.keys(h.errors().fields)).to.deep.equal(['postal_code']);
      await h.fill({ postal_code: '97701-1234' });
      expect(h.errors().fields).to.deep.equal({});
    });

    it('a state longer than two letters gets the two-letter hint, not "too long"', async () => {
      const h = await CheckerHarness.create();
      await h.fill({ ...BEND, state_or_province_code: 'Orgeon' });
      h.submit();
      await h.settle();
      expect(h.errors().fields).to.deep.equal({
        state_or_province_code: 'Use the two-letter state code, such as CA.',
      });
    });

    it('takes a state name as browsers autofill it', async () => {
      const h = await CheckerHarness.create();
      const result = await h.check({ ...BEND, state_or_province_code: 'Oregon' });
      expect(h.element.address.state_or_province_code).to.equal('OR');
      expect(result.incentives.total_incentive_amount).to.equal(750);
    });

    it('offers the building type unless it is locked', async () => {
      const open = await CheckerHarness.create({ 'building-type': 'MULTIFAMILY' });
      expect(open.$<HTMLSelectElement>('#building_type')!.value).to.equal('MULTIFAMILY');
      const locked = await CheckerHarness.create({ 'building-type': 'COMMERCIAL', 'lock-building-type': true });
      expect(locked.$('#building_type')).to.be.null;
    });

    it('fits a 320 px container in one column', async () => {
      const narrow = await fixture<HTMLDivElement>(html`<div style="width: 320px"></div>`);
      const h = await CheckerHarness.create({}, narrow);
      expect(h.element.scrollWidth).to.be.at.most(320);
      const street = h.field('street_1')!.getBoundingClientRect();
      const city = h.field('city')!.getBoundingClientRect();
      expect(city.top).to.be.greaterThan(street.top);
    });
  });

  describe('edits after a result', () => {
    it('mark the result outdated and hide the claim link until the next check', async () => {
      const h = await CheckerHarness.create();
      await h.check(BEND);
      expect(h.result()!.claim).to.exist;
      await h.fill({ postal_code: '97204' });
      expect(h.result()!.stale).to.equal(
        'These results are for the details you entered before. Check again to update them.',
      );
      expect(h.result()!.claim).to.be.null;
      await expect(h.element).to.be.accessible();
      await h.check(PORTLAND);
      expect(h.result()!.stale).to.be.null;
    });

    it('setting the address clears the messages of the fields it fixed', async () => {
      const h = await CheckerHarness.create();
      h.submit();
      await h.settle();
      expect(Object.keys(h.errors().fields)).to.have.length(4);
      h.element.address = { ...BEND, postal_code: '977' };
      await h.settle();
      expect(Object.keys(h.errors().fields)).to.deep.equal(['postal_code']);
    });
  });

  describe('prefill and auto-check', () => {
    const prefill = (address: typeof BEND) => ({
      'street-1': address.street_1,
      city: address.city,
      state: address.state_or_province_code,
      'postal-code': address.postal_code,
      'auto-check': true as const,
    });

    it('checks the prefilled address at once, without taking focus', async () => {
      const outside = await fixture<HTMLButtonElement>(html`<button>Elsewhere</button>`);
      outside.focus();
      const h = CheckerHarness.build({ ...prefill(BEND), 'street-2': 'Apt 2B' });
      const done = h.waitForResult();
      await h.connect();
      expect((await done).incentives.total_incentive_amount).to.equal(750);
      expect(h.values()).to.include({ street_2: 'Apt 2B', postal_code: '97701' });
      expect(document.activeElement).to.equal(outside);
    });

    it('a failing automatic check is said politely, once, with its address, and takes no focus', async () => {
      const outside = await fixture<HTMLButtonElement>(html`<button>Elsewhere</button>`);
      outside.focus();
      const h = CheckerHarness.build(prefill(NOWHERE));
      const failed = h.waitForError();
      await h.connect();
      expect((await failed).code).to.equal('ADDRESS_NOT_FOUND');
      expect(h.$('[role="alert"]'), 'no alert interrupts the customer').to.be.null;
      expect(h.announcement()).to.equal(
        '1 Nowhere Rd, Bend: We could not find that address. Please check the street, city, state and ZIP code.',
      );
      expect(document.activeElement).to.equal(outside);
      await expect(h.element).to.be.accessible();
    });

    it('the address property fills the form', async () => {
      const h = await CheckerHarness.create();
      h.element.address = BEND;
      await h.settle();
      expect(h.values()).to.include({ street_1: '456 Main St', city: 'Bend', postal_code: '97701' });
    });
  });
});
