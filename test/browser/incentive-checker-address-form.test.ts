/**
 * <leap-incentive-checker address-form>: finding the page's own address form (later, or in a shadow root) and reading
 * it by autocomplete tokens, sections, selects, Shopify-style names, React state or `data-leap-address` markers.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { createElement, useState, type ChangeEvent } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { clearSessions } from '../../src/elements/shared/session.js';
import { BEND, PORTLAND } from './harness/checker-data.js';
import { CheckerHarness } from './harness/checker-harness.js';
import { restoreNetwork } from './harness/fake-backend.js';
import { byToken, PageForm, tokenForm } from './harness/page-form.js';
import { captureWarnings, expectNoLitWarnings } from './helpers.js';

describe('<leap-incentive-checker>', () => {
  afterEach(() => {
    restoreNetwork();
    clearSessions();
    expectNoLitWarnings();
  });

  describe('the page\u2019s own address form (address-form)', () => {
    it('reads a form by its autocomplete tokens, shows no address fields or button, and checks by itself', async () => {
      const form = await PageForm.add(tokenForm('checkout'));
      const h = await CheckerHarness.create({ 'address-form': 'checkout' });
      expect(h.$$('[part="input"]').map((i) => i.id)).to.deep.equal(['building_type']);
      expect(h.$('[part="submit"]')).to.be.null;
      expect(h.text('[part="result"]')).to.equal(
        'Once your address is complete, the rebates and incentives available to you appear here.',
      );
      await expect(h.element).to.be.accessible();
      const done = h.waitForResult();
      form.fill(byToken(BEND));
      expect((await done).incentives.total_incentive_amount).to.equal(750);
      expect(h.result()!.total).to.equal('Up to $750 in incentives');
      expect(h.element.address).to.include(BEND);
      await expect(h.element).to.be.accessible();
    });

    it('checks an address the page form already holds when the checker arrives', async () => {
      const form = await PageForm.add(tokenForm('saved-address'));
      form.fill(byToken(BEND));
      const h = CheckerHarness.build({ 'address-form': 'saved-address' });
      const done = h.waitForResult();
      await h.connect();
      expect((await done).incentives.total_incentive_amount).to.equal(750);
    });

    it('with a locked building type it shows no fields at all', async () => {
      await PageForm.add(tokenForm('locked-checkout'));
      const h = await CheckerHarness.create({
        'address-form': 'locked-checkout',
        'building-type': 'RESIDENTIAL',
        'lock-building-type': true,
      });
      expect(h.$$('input, select, textarea, button')).to.have.length(0);
    });

    it('uses the shipping section, not the billing one', async () => {
      const form = await PageForm.add(
        html`<form id="sections">
          <fieldset>
            <legend>Billing</legend>
            <label>Street <input autocomplete="billing address-line1" /></label>
            <label>City <input autocomplete="billing address-level2" /></label>
            <label>State <input autocomplete="billing address-level1" /></label>
            <label>ZIP <input autocomplete="billing postal-code" /></label>
          </fieldset>
          <fieldset>
            <legend>Shipping</legend>
            <label>Street <input autocomplete="shipping address-line1" /></label>
            <label>City <input autocomplete="shipping address-level2" /></label>
            <label>State <input autocomplete="shipping address-level1" /></label>
            <label>ZIP <input autocomplete="shipping postal-code" /></label>
          </fieldset>
        </form>`,
      );
      const h = await CheckerHarness.create({ 'address-form': 'sections' });
      const done = h.waitForResult();
      form.fill({ ...byToken(PORTLAND, 'billing'), ...byToken(BEND, 'shipping') });
      expect((await done).utility?.name).to.equal('PacifiCorp (Oregon)');
      form.fill({ '[autocomplete="billing postal-code"]': '94105' });
      await h.settle();
      expect(h.result()!.stale, 'a billing edit does not touch the result').to.be.null;
    });

    it('reads selects (state and country by name) and Shopify-style field names', async () => {
      const form = await PageForm.add(
        html`<form id="shopify">
          <label>Address <input name="checkout[shipping_address][address1]" /></label>
          <label>City <input name="checkout[shipping_address][city]" /></label>
          <label
            >State
            <select name="checkout[shipping_address][province]">
              <option value="">Choose</option>
              <option>California</option>
              <option>Oregon</option>
            </select></label
          >
          <label>ZIP <input name="checkout[shipping_address][zip]" /></label>
          <label
            >Country
            <select name="checkout[shipping_address][country]">
              <option>Canada</option>
              <option>United States</option>
            </select></label
          >
        </form>`,
      );
      const h = await CheckerHarness.create({ 'address-form': 'shopify' });
      const done = h.waitForResult();
      form.fill({
        '[name$="[address1]"]': '456 Main St',
        '[name$="[city]"]': 'Bend',
        '[name$="[province]"]': 'Oregon',
        '[name$="[zip]"]': '97701',
        '[name$="[country]"]': 'United States',
      });
      expect((await done).incentives.total_incentive_amount).to.equal(750);
      expect(h.element.address).to.include({ state_or_province_code: 'OR', country_code: 'US' });
    });

    it('reads a React-controlled form typed into with the keyboard', async () => {
      function ReactCheckout() {
        const [address, setAddress] = useState({ line1: '', city: '', state: '', zip: '' });
        const field = (key: keyof typeof address, label: string, autoComplete: string) =>
          createElement(
            'label',
            null,
            label,
            createElement('input', {
              name: key,
              autoComplete,
              value: address[key],
              onChange: (event: ChangeEvent<HTMLInputElement>) => {
                const value = event.target.value;
                setAddress((current) => ({ ...current, [key]: value }));
              },
            }),
          );
        return createElement(
          'form',
          { id: 'react-checkout' },
          field('line1', 'Street', 'shipping address-line1'),
          field('city', 'City', 'shipping address-level2'),
          field('state', 'State', 'shipping address-level1'),
          field('zip', 'ZIP', 'shipping postal-code'),
        );
      }
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      const root = createRoot(container);
      try {
        flushSync(() => root.render(createElement(ReactCheckout)));
        const form = new PageForm(container.querySelector('form')!);
        const h = await CheckerHarness.create({ 'address-form': 'react-checkout' });
        const done = h.waitForResult();
        await form.typeWithKeyboard('[name="line1"]', '456 Main St');
        await form.typeWithKeyboard('[name="city"]', 'Bend');
        await form.typeWithKeyboard('[name="state"]', 'OR');
        await form.typeWithKeyboard('[name="zip"]', '97701');
        expect((await done).incentives.total_incentive_amount).to.equal(750);
        expect(form.control('[name="zip"]').value, 'React kept what was typed').to.equal('97701');
        expect(h.element.address).to.include(BEND);
      } finally {
        root.unmount();
      }
    });

    it('finds a form the page adds after the checker', async () => {
      const h = await CheckerHarness.create({ 'address-form': 'next-step' });
      expect(h.errors().block).to.be.null;
      const form = await PageForm.add(tokenForm('next-step'));
      const done = h.waitForResult();
      form.fill(byToken(BEND));
      expect((await done).incentives.total_incentive_amount).to.equal(750);
    });

    it('finds the form in its own shadow root, not a namesake in the document', async () => {
      const decoy = await PageForm.add(tokenForm('shared-id'));
      decoy.fill(byToken(PORTLAND));
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      const shadow = host.attachShadow({ mode: 'open' });
      render(tokenForm('shared-id'), shadow);
      const form = new PageForm(shadow.querySelector('form')!);
      const h = await CheckerHarness.create({ 'address-form': 'shared-id' }, shadow);
      const done = h.waitForResult();
      form.fill(byToken(BEND));
      expect((await done).utility?.name).to.equal('PacifiCorp (Oregon)');
    });

    it('an id no element has becomes a configuration error once the page has loaded', async () => {
      const warnings = captureWarnings();
      const h = CheckerHarness.build({ 'address-form': 'no-such-form' });
      const failed = h.waitForError();
      let seen: string[];
      try {
        await h.connect();
        expect(h.errors().block, 'not an error while the page may still add it').to.be.null;
        const detail = await failed;
        expect(detail.code).to.equal('INVALID_CONFIG');
        expect(detail.message).to.contain('no-such-form');
      } finally {
        seen = warnings.restore();
      }
      expect(seen).to.have.length(1);
      expect(h.errors().block).to.contain('not set up correctly');
      await expect(h.element).to.be.accessible();
    });

    it('reads fields marked with data-leap-address, whatever their names', async () => {
      const form = await PageForm.add(
        html`<form id="marked">
          <label>Street <input name="ship_street" data-leap-address="street-1" /></label>
          <label>Town <input name="town_name" data-leap-address="city" /></label>
          <label>Region <input name="area" data-leap-address="state" /></label>
          <label>Postcode <input name="pc" data-leap-address="postal-code" /></label>
        </form>`,
      );
      const h = await CheckerHarness.create({ 'address-form': 'marked' });
      const done = h.waitForResult();
      form.fill({
        '[name="ship_street"]': BEND.street_1,
        '[name="town_name"]': BEND.city,
        '[name="area"]': BEND.state_or_province_code,
        '[name="pc"]': BEND.postal_code,
      });
      expect((await done).incentives.total_incentive_amount).to.equal(750);
    });

    it('a form without readable address fields is ADDRESS_FORM_UNREADABLE: the console lists its fields and the marker', async () => {
      await PageForm.add(
        html`<form id="unmarked">
          <label>Street <input name="ship_street" /></label>
          <label>Town <input name="town" /></label>
          <label>Region <input name="region" /></label>
          <label>Postcode <input name="postcode" /></label>
        </form>`,
      );
      const warnings = captureWarnings();
      const h = CheckerHarness.build({ 'address-form': 'unmarked' });
      const failed = h.waitForError();
      let seen: string[];
      try {
        await h.connect();
        const detail = await failed;
        expect(detail.code).to.equal('ADDRESS_FORM_UNREADABLE');
      } finally {
        seen = warnings.restore();
      }
      expect(seen).to.have.length(1);
      expect(seen[0]).to.contain('<input name="ship_street">').and.contain('street-1');
      expect(seen[0]).to.contain('data-leap-address="street-1"');
      expect(h.errors().block).to.equal('This section is not set up correctly.');
      await expect(h.element).to.be.accessible();
    });
  });
});
