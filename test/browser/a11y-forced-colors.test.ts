/**
 * Forced colours (Windows High Contrast, emulated through the DevTools protocol): backgrounds and shadows are dropped
 * and colours replaced by the system's, so every state must still show its shapes (the loading skeleton included)
 * through borders, and its text in a colour that is not transparent.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import '../../src/define.js';
import { clearSessions } from '../../src/elements/shared/session.js';
import { CheckerHarness } from './harness/checker-harness.js';
import { isTransparent, textElements } from './harness/contrast.js';
import { expectNoLitWarnings, stubFetch } from './helpers.js';

const DEMO = '/api/leap/session?as=demo-customer';
const METER = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const BEND = { street_1: '456 Main St', city: 'Bend', state_or_province_code: 'OR', postal_code: '97701' };
const SAN_FRANCISCO = {
  street_1: '1 Market St',
  city: 'San Francisco',
  state_or_province_code: 'CA',
  postal_code: '94105',
};

async function settle(el: Element): Promise<void> {
  const lit = el as LitElement;
  do await lit.updateComplete;
  while (lit.isUpdatePending);
}

/** A side of `node`'s box drawn in forced colours: a style, a width and a colour. */
function hasBorder(node: Element): boolean {
  const style = getComputedStyle(node);
  return (['Top', 'Right', 'Bottom', 'Left'] as const).some(
    (side) =>
      style.getPropertyValue(`border-${side.toLowerCase()}-style`) !== 'none' &&
      parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`)) > 0 &&
      !isTransparent(style.getPropertyValue(`border-${side.toLowerCase()}-color`)),
  );
}

/** What must stay visible in `el` with forced colours on; `shapes` are the selectors that must keep a border. */
function expectVisible(el: Element, state: string, shapes: string[]): void {
  const root = el.shadowRoot!;
  for (const selector of shapes) {
    const nodes = [...root.querySelectorAll(selector)].filter((node) => node.getClientRects().length > 0);
    expect(nodes.length, `${state}: ${selector} is on screen`).to.be.above(0);
    for (const node of nodes) expect(hasBorder(node), `${state}: ${selector} keeps a border`).to.be.true;
  }
  for (const node of textElements(root)) {
    const style = getComputedStyle(node);
    expect(isTransparent(style.color), `${state}: "${node.textContent!.trim()}" has a colour`).to.be.false;
    expect(style.visibility).to.equal('visible');
    expect(Number(style.opacity)).to.be.above(0);
  }
}

describe('forced colours', () => {
  before(async () => {
    await executeServerCommand('forced-colors', { value: 'active' });
  });
  after(async () => {
    await executeServerCommand('forced-colors', { value: '' });
  });
  afterEach(() => {
    clearSessions();
    expectNoLitWarnings();
  });

  it('are on', () => {
    expect(matchMedia('(forced-colors: active)').matches).to.be.true;
  });

  it('the status elements while loading: the skeleton keeps its outline', async () => {
    const stub = stubFetch((url) =>
      url.includes('/session') ? Response.json({ token: 't', reference_id: 'r' }) : new Promise<Response>(() => {}),
    );
    try {
      for (const tag of ['leap-enrollment-status', 'leap-application-status']) {
        const el = document.createElement(tag);
        el.setAttribute('session-endpoint', '/s/session');
        el.setAttribute('meter-id', 'm-1');
        (await fixture(html`<div></div>`)).append(el);
        await settle(el);
        expect(el.shadowRoot!.querySelector('[aria-busy="true"]'), `${tag} is loading`).to.exist;
        expectVisible(el, `${tag} loading`, ['.skeleton', '.card']);
      }
    } finally {
      stub.restore();
    }
  });

  it('the checker: loading, a result with eligible and not-eligible tiers, an error with its retry', async () => {
    const stub = stubFetch((url) =>
      url.endsWith('/session') ? Response.json({ token: 't', reference_id: 'r' }) : new Promise<Response>(() => {}),
    );
    try {
      const pending = await CheckerHarness.create();
      pending.element.address = BEND;
      void pending.element.check().catch(() => {});
      await pending.settle();
      expect(pending.pending(), 'checking').to.be.true;
      expectVisible(pending.element, 'checker loading', ['.skeleton', '[part="input"]']);
    } finally {
      stub.restore();
    }
    clearSessions();
    const answered = await CheckerHarness.create();
    await answered.check(SAN_FRANCISCO);
    expectVisible(answered.element, 'checker result', ['[part="tier"]', '[part="claim"]', '[part="input"]']);
    const failing = await CheckerHarness.create({ 'session-endpoint': '/api/fault/500/leap/session' });
    await failing.checkFailing(BEND);
    expectVisible(failing.element, 'checker error', ['[part="error"]', '[part="retry"]']);
  });

  it('the status elements loaded and failing: badges, steps, periods, errors', async () => {
    const enrollment = document.createElement('leap-enrollment-status');
    enrollment.setAttribute('session-endpoint', DEMO);
    enrollment.setAttribute('meter-id', METER);
    const applications = document.createElement('leap-application-status');
    applications.setAttribute('session-endpoint', DEMO);
    const failing = document.createElement('leap-application-status');
    failing.setAttribute('session-endpoint', `/api/fault/500${DEMO}`);
    const loaded = [
      oneEvent(enrollment, 'leap-status'),
      oneEvent(applications, 'leap-applications'),
      oneEvent(failing, 'leap-error'),
    ];
    (await fixture(html`<div></div>`)).append(enrollment, applications, failing);
    await Promise.all(loaded);
    for (const el of [enrollment, applications, failing]) await settle(el);
    expectVisible(enrollment, 'enrollment', ['.card', '[part="badge"]']);
    expectVisible(applications, 'applications', ['.card', '[part="badge"]', '[part="step"]']);
    expectVisible(failing, 'applications failing', ['[part="error"]']);
  });

  it('the connect button ready and unavailable, the thank-you message', async () => {
    const ready = await fixture(
      html`<leap-connect-button org="acme" utility="pge" ref-id="c-1"></leap-connect-button>`,
    );
    const unavailable = await fixture(html`<leap-connect-button utility="pge" ref-id="c-1"></leap-connect-button>`);
    const thanks = await fixture(
      html`<leap-connect-return url="https://shop.test/thanks?refId=c-1"></leap-connect-return>`,
    );
    expect(unavailable.shadowRoot!.querySelector('[aria-disabled="true"]'), 'unavailable').to.exist;
    expectVisible(ready, 'button ready', ['[part="button"]']);
    expectVisible(unavailable, 'button unavailable', ['[part="button"]']);
    expectVisible(thanks, 'thank-you message', ['[part="message"]']);
  });
});
