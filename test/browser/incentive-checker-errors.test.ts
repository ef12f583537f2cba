/**
 * <leap-incentive-checker>'s errors: each failure in plain words that keeps what the customer typed, a defect that is
 * not called offline, and a misconfigured element that explains itself.
 */
import { expect } from '@open-wc/testing';
import { clearSessions } from '../../src/elements/shared/session.js';
import { BEND, NOWHERE, PORTLAND } from './harness/checker-data.js';
import { CheckerHarness, type AddressInput } from './harness/checker-harness.js';
import { fakeBackend, restoreNetwork } from './harness/fake-backend.js';
import { FocusTracker } from './harness/focus-tracker.js';
import { captureWarnings, expectNoLitWarnings } from './helpers.js';

/** What the customer typed into the element's own fields (the United States is shown as text, not typed). */
const typed = ({ country_code: _, ...fields }: typeof BEND): AddressInput => fields;

/** Removes the stub of `navigator.onLine` (the own property shadows the prototype's getter). */
function backOnline(): void {
  delete (navigator as unknown as Record<string, unknown>).onLine;
}

describe('<leap-incentive-checker>', () => {
  afterEach(() => {
    restoreNetwork();
    clearSessions();
    expectNoLitWarnings();
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
});
