/**
 * The elements' timed work, on fake timers: `<leap-enrollment-status poll-interval>` refreshing, `<leap-connect-return>`
 * watching for new meters, and the checker's automatic check after the page's address changed. Each runs only while
 * its element is on the page and the page visible, and waits longer after failures.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import { clearSessions } from '../../src/elements/shared/session.js';
import { AUTO_CHECK_DELAY_MS } from '../../src/elements/incentive-checker/auto-check.js';
import { fakeClock, restoreVisibility, setVisibility, settle, type InstalledClock } from './harness/clock.js';
import { fakeBackend, restoreNetwork, type FakeBackend } from './harness/fake-backend.js';
import { PageForm } from './harness/page-form.js';
import { expectNoLitWarnings } from './helpers.js';

const MINUTE = 60_000;
/** `settle` may leave the clock a millisecond past the moment the next run was set: waits are checked to within this. */
const SLACK_MS = 10;
const UPSTREAM_DOWN = () => Response.json({ status: 503, title: 'Service Unavailable' }, { status: 503 });

let clock: InstalledClock;

/** Puts `element` on the page in a fresh container (removed after the test) and returns the container. */
async function mount(element: HTMLElement): Promise<HTMLElement> {
  const container = await fixture<HTMLDivElement>(html`<div></div>`);
  container.append(element);
  return container;
}

describe('timed work: refreshes, the watch for new meters, the automatic check', () => {
  beforeEach(() => {
    clock = fakeClock();
  });

  afterEach(() => {
    clock.uninstall();
    restoreNetwork();
    restoreVisibility();
    clearSessions();
    expectNoLitWarnings();
  });

  describe('<leap-enrollment-status poll-interval>', () => {
    let failing = false;
    let backend: FakeBackend;
    const sent = () => backend.requests('meters').length;

    beforeEach(() => {
      failing = false;
      backend = fakeBackend({ meters: () => (failing ? UPSTREAM_DOWN() : Response.json({ meters: [] })) });
    });

    /** Every meter of the customer, refreshed every `seconds`; resolves after the first load. */
    async function status(seconds: string) {
      const el = document.createElement('leap-enrollment-status');
      el.setAttribute('session-endpoint', '/stub/session');
      el.setAttribute('poll-interval', seconds);
      const loaded = oneEvent(el, 'leap-meters');
      const container = await mount(el);
      await settle(clock, loaded);
      expect(sent()).to.equal(1);
      return { el, container };
    }

    /**
     * The first refresh comes one interval after polling started, with the first render: the first load took a few
     * (fake) milliseconds of that.
     */
    async function expectFirstRefresh(el: HTMLElement, event: 'leap-meters' | 'leap-error') {
      await clock.tickAsync(MINUTE - 1000);
      expect(sent(), 'nothing asked before the interval').to.equal(1);
      const done = oneEvent(el, event);
      await clock.tickAsync(1000);
      await settle(clock, done);
      expect(sent(), 'one refresh after the interval').to.equal(2);
    }

    /** Nothing is asked for `ms` after the last answer, then one refresh, which ends with `event`. */
    async function expectRefreshAfter(el: HTMLElement, ms: number, event: 'leap-meters' | 'leap-error') {
      const before = sent();
      await clock.tickAsync(ms - SLACK_MS);
      expect(sent(), `nothing asked before ${ms / 1000} s`).to.equal(before);
      const done = oneEvent(el, event);
      await clock.tickAsync(SLACK_MS);
      await settle(clock, done);
      expect(sent(), `one refresh at ${ms / 1000} s`).to.equal(before + 1);
    }

    it('refreshes every interval (at least 60 s), not while the page is hidden, and at once when shown again', async () => {
      const { el } = await status('30');
      await expectFirstRefresh(el, 'leap-meters');
      setVisibility('hidden');
      await clock.tickAsync(10 * MINUTE);
      expect(sent(), 'nothing while hidden').to.equal(2);
      const shown = oneEvent(el, 'leap-meters');
      setVisibility('visible');
      await settle(clock, shown);
      expect(sent()).to.equal(3);
      await expectRefreshAfter(el, MINUTE, 'leap-meters');
    });

    it('stops when the element is removed, and resumes one interval after it is put back', async () => {
      const { el, container } = await status('60');
      el.remove();
      await clock.tickAsync(30 * MINUTE);
      expect(sent(), 'nothing after removal').to.equal(1);
      container.append(el);
      await expectRefreshAfter(el, MINUTE, 'leap-meters');
    });

    it('after failures waits twice as long each time, at most eight intervals; a success puts the interval back', async () => {
      const { el } = await status('60');
      failing = true;
      await expectFirstRefresh(el, 'leap-error');
      await expectRefreshAfter(el, 2 * MINUTE, 'leap-error');
      await expectRefreshAfter(el, 4 * MINUTE, 'leap-error');
      await expectRefreshAfter(el, 8 * MINUTE, 'leap-error');
      await expectRefreshAfter(el, 8 * MINUTE, 'leap-error');
      failing = false;
      await expectRefreshAfter(el, 8 * MINUTE, 'leap-meters');
      await expectRefreshAfter(el, MINUTE, 'leap-meters');
    });
  });

  describe('<leap-connect-return session-endpoint>: the watch for new meters', () => {
    let backend: FakeBackend;
    const asked = () => backend.requests('meters').length;

    beforeEach(() => {
      backend = fakeBackend({ meters: () => Response.json({ meters: [] }) });
    });

    /** Until the watch has taken in the latest answer and set the time of its next look. */
    async function nextLookScheduled() {
      while (clock.countTimers() === 0) await clock.tickAsync(0);
    }

    /** Watching, the first look at the meters answered. */
    async function watching() {
      const el = document.createElement('leap-connect-return');
      el.setAttribute('url', 'https://shop.test/thanks?refId=cust-1');
      el.setAttribute('session-endpoint', '/stub/session');
      const container = await mount(el);
      await settle(clock, backend.next('meters'));
      await nextLookScheduled();
      expect(asked()).to.equal(1);
      return { el, container };
    }

    it('asks at once, after 2 s, then less often while nothing new appears (×1.5), at most every 15 s', async () => {
      await watching();
      for (const wait of [2000, 3000, 4500, 6750, 10125, 15000, 15000]) {
        const before = asked();
        await clock.tickAsync(wait - SLACK_MS);
        expect(asked(), `nothing asked before ${wait} ms`).to.equal(before);
        await clock.tickAsync(SLACK_MS);
        await settle(clock, backend.next('meters'));
        await nextLookScheduled();
      }
    });

    it('stops asking when the element is removed, and asks again once it is back', async () => {
      const { el, container } = await watching();
      el.remove();
      await clock.tickAsync(30 * MINUTE);
      expect(asked(), 'nothing after removal').to.equal(1);
      container.append(el);
      await clock.tickAsync(15_000);
      expect(asked()).to.equal(2);
    });

    it('does not ask while the page is hidden, and asks at once when it is shown again', async () => {
      await watching();
      setVisibility('hidden');
      await clock.tickAsync(30 * MINUTE);
      expect(asked(), 'nothing while hidden').to.equal(1);
      setVisibility('visible');
      await settle(clock, backend.next('meters'));
      expect(asked()).to.equal(2);
    });
  });

  describe('<leap-incentive-checker address-form>: the automatic check', () => {
    let backend: FakeBackend;
    /** A check starts by asking for a session, at once; then the incentives. */
    const sent = () => backend.requests().map((request) => request.route);

    beforeEach(() => {
      backend = fakeBackend();
    });

    /** A checker bound to the page's form, which the customer has just completed: a check is due. */
    async function due() {
      const form = await PageForm.add(
        html`<form id="ship">
          <label>Street <input data-leap-address="street-1" /></label>
          <label>City <input data-leap-address="city" /></label>
          <label>State <input data-leap-address="state" /></label>
          <label>ZIP <input data-leap-address="postal-code" /></label>
        </form>`,
      );
      const el = document.createElement('leap-incentive-checker');
      el.setAttribute('session-endpoint', '/stub/session');
      el.setAttribute('device-ids', '123');
      el.setAttribute('address-form', 'ship');
      const container = await mount(el);
      await el.updateComplete;
      form.fill({
        '[data-leap-address="street-1"]': '456 Main St',
        '[data-leap-address="city"]': 'Bend',
        '[data-leap-address="state"]': 'OR',
        '[data-leap-address="postal-code"]': '97701',
      });
      await el.updateComplete;
      expect(sent(), 'nothing sent yet').to.deep.equal([]);
      return { el, container };
    }

    it(`checks ${AUTO_CHECK_DELAY_MS} ms after the address is complete`, async () => {
      await due();
      await clock.tickAsync(AUTO_CHECK_DELAY_MS - 1);
      expect(sent(), 'not while the customer may still be typing').to.deep.equal([]);
      await clock.tickAsync(1);
      expect(sent()).to.deep.equal(['session']);
      await settle(clock, backend.next('incentives'));
      expect(sent()).to.deep.equal(['session', 'incentives']);
    });

    it('a check due when the element is removed does not run; it runs once the element is back', async () => {
      const { el, container } = await due();
      el.remove();
      await clock.tickAsync(30 * MINUTE);
      expect(sent(), 'no check after removal').to.deep.equal([]);
      container.append(el);
      await clock.tickAsync(AUTO_CHECK_DELAY_MS);
      await settle(clock, backend.next('incentives'));
      expect(sent()).to.deep.equal(['session', 'incentives']);
    });

    it('a check due when the page is hidden waits until it is shown again', async () => {
      await due();
      setVisibility('hidden');
      await clock.tickAsync(30 * MINUTE);
      expect(sent(), 'no check while hidden').to.deep.equal([]);
      setVisibility('visible');
      await settle(clock, backend.next('incentives'));
      expect(sent()).to.deep.equal(['session', 'incentives']);
    });
  });
});
