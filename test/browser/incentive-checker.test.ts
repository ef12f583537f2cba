import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { render } from 'lit';
import { createElement, useState, type ChangeEvent } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { IncentivesResult } from '../../src/core/schemas/incentives.js';
import { LeapApiError } from '../../src/core/errors.js';
import { LeapFailureError } from '../../src/core/failure.js';
import type { LeapErrorDetail } from '../../src/elements/shared/events.js';
import { clearSessions } from '../../src/elements/shared/session.js';
import { accessibleName, CheckerHarness, textOf, type AddressInput } from './harness/checker-harness.js';
import { fakeBackend, restoreNetwork, type FakeBackend } from './harness/fake-backend.js';
import { FocusTracker } from './harness/focus-tracker.js';
import { PageForm } from './harness/page-form.js';
import { PAGE_FORM_POLL_MS } from '../../src/elements/incentive-checker/page-address-form.js';
import { captureWarnings, expectNoLitWarnings } from './helpers.js';

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
const SACRAMENTO = {
  street_1: '789 Oak Avenue',
  city: 'Sacramento',
  state_or_province_code: 'CA',
  postal_code: '95814',
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

const CHECKING = 'Checking incentives for your address…';

/** What the customer typed into the element's own fields (the United States is shown as text, not typed). */
const typed = ({ country_code: _, ...fields }: typeof BEND): AddressInput => fields;

/** An answer written by hand, for what the mock Leap does not say. */
function answer(overrides: Partial<IncentivesResult> = {}): IncentivesResult {
  return {
    utility: { eiaid: 1, name: 'Test Utility' },
    incentives: { total_incentive_amount: 100, by_program: [] },
    ...overrides,
  };
}

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

/** Lets the next check through to the real test backend. */
async function releaseNext(backend: FakeBackend): Promise<void> {
  await (await backend.next('incentives')).forward();
}

/** Removes the stub of `navigator.onLine` (the own property shadows the prototype's getter). */
function backOnline(): void {
  delete (navigator as unknown as Record<string, unknown>).onLine;
}

// The host page's own address forms, as checkouts write them.

/** Fields found only by their autocomplete tokens (the names mean nothing). */
const tokenForm = (id: string) =>
  html`<form id=${id}>
    <label>Street <input name="f1" autocomplete="address-line1" /></label>
    <label>Apartment <input name="f2" autocomplete="address-line2" /></label>
    <label>City <input name="f3" autocomplete="address-level2" /></label>
    <label>State <input name="f4" autocomplete="address-level1" /></label>
    <label>ZIP <input name="f5" autocomplete="postal-code" /></label>
    <label>Country <input name="f6" autocomplete="country-name" value="United States" /></label>
  </form>`;

/** Typing `address` into a `tokenForm`, field by field. */
const byToken = (address: AddressInput, section = ''): Record<string, string> => {
  const token = (name: string) => `[autocomplete="${section ? `${section} ` : ''}${name}"]`;
  const values: Record<string, string> = {};
  if (address.street_1 !== undefined) values[token('address-line1')] = address.street_1;
  if (address.city !== undefined) values[token('address-level2')] = address.city;
  if (address.state_or_province_code !== undefined) values[token('address-level1')] = address.state_or_province_code;
  if (address.postal_code !== undefined) values[token('postal-code')] = address.postal_code;
  return values;
};

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

  describe('operations', () => {
    it('a new address is a lookup, the same again a refresh, new devices an override', async () => {
      const backend = fakeBackend({ session: 'forward', incentives: 'forward' });
      const h = await CheckerHarness.create();
      await h.check(BEND);
      await h.check(BEND);
      h.element.deviceIds = [123, 456];
      await h.settle();
      await h.check(BEND);
      await h.check(SF);
      const bodies = backend.requests('incentives').map((r) => r.body!);
      expect(bodies.map((b) => b.operation_type)).to.deep.equal(['lookup', 'refresh', 'override', 'lookup']);
      expect(bodies[1]).to.deep.equal({ operation_type: 'refresh' });
      expect(bodies[2]!.device_ids).to.deep.equal([123, 456]);
      expect(bodies.every((b) => !('reference_id' in b))).to.be.true;
    });

    it('a new submission aborts the one in flight; its answer is never shown', async () => {
      const backend = fakeBackend({ session: 'forward' });
      const h = await CheckerHarness.create();
      const events = h.recordEvents();
      await h.fill(PORTLAND);
      h.submit();
      const portland = await backend.next('incentives');
      const done = h.waitForResult();
      await h.fill(BEND);
      h.submit();
      expect(portland.aborted).to.be.true;
      const bend = await backend.next('incentives');
      await portland.forward();
      await bend.forward();
      expect((await done).utility?.name).to.equal('PacifiCorp (Oregon)');
      expect(h.result()!.utility).to.equal('Your utility: PacifiCorp (Oregon)');
      expect(events.map((e) => e.type)).to.deep.equal(['leap-result']);
    });

    it('a double submit sends exactly one request and shows one answer', async () => {
      const backend = fakeBackend({ session: 'forward' });
      const h = await CheckerHarness.create();
      const events = h.recordEvents();
      await h.fill(BEND);
      const done = h.waitForResult();
      h.submit();
      const request = await backend.next('incentives');
      h.submit();
      await h.settle();
      expect(request.aborted, 'the first request still counts').to.be.false;
      await request.forward();
      await done;
      expect(backend.requests('incentives')).to.have.length(1);
      expect(events.map((e) => e.type)).to.deep.equal(['leap-result']);
      expect(h.result()!.total).to.equal('Up to $750 in incentives');
    });

    it('refreshes the session once, transparently, after a 401', async () => {
      const backend = fakeBackend({ session: 'hold' });
      const h = await CheckerHarness.create();
      await h.fill(BEND);
      const done = h.waitForResult();
      h.submit();
      const expires = new Date(Date.now() + 600_000).toISOString();
      (await backend.next('session')).json({ token: 't1', expires_at: expires, reference_id: 'r' });
      const refused = await backend.next('incentives');
      expect(refused.headers.get('authorization')).to.equal('Bearer t1');
      refused.json({ title: 'Invalid or expired session token', status: 401, details: {} }, { status: 401 });
      (await backend.next('session')).json({ token: 't2', expires_at: expires, reference_id: 'r' });
      const accepted = await backend.next('incentives');
      expect(accepted.headers.get('authorization')).to.equal('Bearer t2');
      accepted.json(answer({ utility: { eiaid: 1, name: 'Stub Utility' } }));
      expect((await done).utility?.name).to.equal('Stub Utility');
      expect(backend.requests('session')).to.have.length(2);
      expect(backend.requests('incentives')).to.have.length(2);
    });

    it('never stores the session in localStorage or sessionStorage', async () => {
      localStorage.clear();
      sessionStorage.clear();
      const h = await CheckerHarness.create();
      await h.check(BEND);
      expect(localStorage.length + sessionStorage.length).to.equal(0);
    });
  });

  describe('errors keep what the customer typed', () => {
    it('address not found: focus on the error block, said once (no alert, live region empty)', async () => {
      const h = await CheckerHarness.create();
      const detail = await h.checkFailing(NOWHERE);
      expect(detail.code).to.equal('ADDRESS_NOT_FOUND');
      expect(detail.status).to.equal(400);
      expect(h.errors().block).to.contain('could not find that address');
      expect(h.$('[part="retry"]')).to.be.null;
      expect(h.focused()?.id).to.equal('error');
      expect(h.$('#error')!.hasAttribute('role'), 'a focused block is not also an alert').to.be.false;
      expect(h.announcement()).to.equal('');
      expect(h.values()).to.include(typed(NOWHERE));
      await expect(h.element).to.be.accessible();
    });

    it('session refused', async () => {
      const h = await CheckerHarness.create({ 'session-endpoint': '/api/leap/session?as=nobody' });
      const detail = await h.checkFailing(BEND);
      expect(detail.code).to.equal('SESSION_REFUSED');
      expect(detail.status).to.equal(401);
      expect(h.errors().block).to.contain('secure session');
      expect(h.values()).to.include(typed(BEND));
      await expect(h.element).to.be.accessible();
    });

    it('rate limited, with the time to wait', async () => {
      const h = await CheckerHarness.create({ 'session-endpoint': '/api/limited/leap/session' });
      await h.check(BEND);
      const detail = await h.checkFailing(PORTLAND);
      expect(detail.code).to.equal('RATE_LIMITED');
      expect(detail.status).to.equal(429);
      expect(h.errors().block).to.match(/try again in \d+ seconds/);
      expect(h.values()).to.include(typed(PORTLAND));
      await expect(h.element).to.be.accessible();
    });

    it('upstream down: "Try again" recovers once the backend does, and focus lands on the result', async () => {
      const h = await CheckerHarness.create({ 'session-endpoint': '/api/fault/500/leap/session' });
      const detail = await h.checkFailing(BEND);
      expect(detail.code).to.equal('UPSTREAM_DOWN');
      expect(detail.status).to.equal(502);
      expect(h.errors().block).to.contain('not responding');
      expect(h.values()).to.include(typed(BEND));
      await expect(h.element).to.be.accessible();
      h.element.sessionEndpoint = '/api/leap/session';
      await h.settle();
      const tracker = FocusTracker.start(h.element);
      const recovered = h.waitForResult();
      h.$('[part="retry"]')!.focus();
      h.retry();
      await recovered;
      expect(h.result()!.total).to.equal('Up to $750 in incentives');
      expect(h.focused()?.id).to.equal('result-heading');
      expect(await tracker.stop()).to.deep.equal([]);
    });

    it('an upstream timeout is a retryable error', async () => {
      const h = await CheckerHarness.create({ 'session-endpoint': '/api/fault/timeout/leap/session' });
      const detail = await h.checkFailing(BEND);
      expect(detail.status).to.equal(504);
      expect(h.$('[part="retry"]')).to.exist;
      expect(h.values()).to.include(typed(BEND));
    });

    it('invalid input reported by the server marks the field and focuses it', async () => {
      fakeBackend({
        incentives: () =>
          Response.json(
            {
              title: 'Invalid request',
              status: 400,
              details: { fields: { 'address.postal_code': 'invalid_postal_code' } },
            },
            { status: 400 },
          ),
      });
      const h = await CheckerHarness.create();
      const detail = await h.checkFailing(BEND);
      expect(detail.code).to.equal('INVALID_INPUT');
      expect(Object.keys(h.errors().fields)).to.deep.equal(['postal_code']);
      expect(h.focused()?.id).to.equal('postal_code');
      expect(h.values()).to.include(typed(BEND));
    });

    it('offline: says so, keeps the input, and recovers on "Try again" once back online', async () => {
      fakeBackend({
        session: () => {
          throw new TypeError('Failed to fetch');
        },
      });
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      const h = await CheckerHarness.create();
      try {
        const detail = await h.checkFailing(BEND);
        expect(detail.code).to.equal('OFFLINE');
        expect(h.errors().block).to.contain('offline');
        expect(h.values()).to.include(typed(BEND));
        await expect(h.element).to.be.accessible();
      } finally {
        restoreNetwork();
        backOnline();
      }
      const recovered = h.waitForResult();
      h.retry();
      await recovered;
      expect(h.result()!.total).to.equal('Up to $750 in incentives');
    });
  });

  describe('defects', () => {
    it('an exception the element does not expect is not called offline: no retry, INTERNAL_ERROR, on the console', async () => {
      // A page script's fetch wrapper that answers with something that is not a Response.
      fakeBackend({ incentives: () => ({ ok: true, status: 200 }) as unknown as Response });
      const errors: unknown[][] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => errors.push(args);
      try {
        const h = await CheckerHarness.create();
        const detail = await h.checkFailing(BEND);
        expect(detail.code).to.equal('INTERNAL_ERROR');
        expect(detail.kind).to.equal('internal');
        expect(h.errors().block).to.equal('This feature is not available right now.');
        expect(h.$('[part="retry"]'), 'a defect is not worth a retry').to.be.null;
        expect(errors, 'one console line, with the error').to.have.length(1);
        expect(String(errors[0]![0])).to.match(/^<leap-incentive-checker>: The element failed: /);
        expect(errors[0]![1]).to.be.instanceOf(TypeError);
        expect(h.values()).to.include(typed(BEND));
        await expect(h.element).to.be.accessible();
      } finally {
        console.error = original;
      }
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

  describe('misconfiguration', () => {
    for (const [name, attributes] of [
      ['no session-endpoint', { 'session-endpoint': null }],
      ['no devices', { 'device-ids': null }],
      ['bad device ids', { 'device-ids': '12,abc' }],
    ] as const) {
      it(`${name}: an accessible explanation, leap-error INVALID_CONFIG and one warning`, async () => {
        const warnings = captureWarnings();
        const h = CheckerHarness.build(attributes);
        const failed = h.waitForError();
        await h.connect();
        const detail = await failed;
        expect(warnings.restore()).to.have.length(1);
        expect(detail.code).to.equal('INVALID_CONFIG');
        expect(detail.kind, 'a setup problem, not an HTTP answer').to.equal('setup');
        expect(detail).not.to.have.property('status');
        expect(h.errors().block).to.contain('not set up correctly');
        await expect(h.element).to.be.accessible();
      });
    }
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
