/**
 * What <leap-incentive-checker> sends: lookup, refresh or override, one request per check, the session refreshed
 * once, nothing stored.
 */
import { expect } from '@open-wc/testing';
import { clearSessions } from '../../src/elements/shared/session.js';
import { answer, BEND, PORTLAND, SF } from './harness/checker-data.js';
import { CheckerHarness } from './harness/checker-harness.js';
import { fakeBackend, restoreNetwork } from './harness/fake-backend.js';
import { expectNoLitWarnings } from './helpers.js';

describe('<leap-incentive-checker>', () => {
  afterEach(() => {
    restoreNetwork();
    clearSessions();
    expectNoLitWarnings();
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
});
