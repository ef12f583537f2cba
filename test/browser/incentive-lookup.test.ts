/**
 * The checker's lookup controller on `@lit/task`: Task owns the runs (a new one aborts the old, whose answer is
 * dropped), an abort is reported by nobody, and an exception in completion handling is reported instead of vanishing.
 * Driven through a bare reactive host and the HTTP boundary (the fake backend), never the element's internals.
 */
import { expect } from '@open-wc/testing';
import { ReactiveElement } from 'lit';
import type { LeapFailure, LeapFailureError } from '../../src/core/failure.js';
import type { IncentivesResult } from '../../src/core/types.generated.js';
import { IncentiveLookup, type CheckRequest, type LookupOptions } from '../../src/elements/incentive-checker/lookup.js';
import { clearSessions } from '../../src/elements/shared/session.js';
import { fakeBackend, restoreNetwork } from './harness/fake-backend.js';

class LookupHost extends ReactiveElement {}
customElements.define('test-lookup-host', LookupHost);

const request = (street: string): CheckRequest => ({
  address: {
    street_1: street,
    city: 'Bend',
    state_or_province_code: 'OR',
    postal_code: '97701',
    country_code: 'US',
  },
  buildingType: 'RESIDENTIAL',
  devices: { device_ids: [123] },
  createApplication: false,
  utilityEiaid: null,
});

const answer = (name: string): IncentivesResult => ({
  utility: { eiaid: 1, name },
  incentives: { total_incentive_amount: 100, by_program: [] },
});

function lookupOn(options: Partial<LookupOptions> = {}) {
  const host = document.createElement('test-lookup-host') as LookupHost;
  document.body.append(host);
  const completed: string[] = [];
  const failures: LeapFailure[] = [];
  const lookup = new IncentiveLookup(host, {
    endpoints: () => ({ session: '/api/leap/session' }),
    beforeRender: () => Promise.resolve(),
    onComplete: (result) => completed.push(result.utility!.name),
    onError: (failure) => failures.push(failure),
    ...options,
  });
  return { host, lookup, completed, failures };
}

describe('IncentiveLookup', () => {
  afterEach(() => {
    restoreNetwork();
    clearSessions();
    document.querySelectorAll('test-lookup-host').forEach((host) => host.remove());
  });

  it('a newer check aborts the one in flight; only its answer completes, and both callers get it', async () => {
    const backend = fakeBackend();
    const { lookup, completed, failures } = lookupOn();
    const first = lookup.run(request('1 First St'));
    const old = await backend.next('incentives');
    const second = lookup.run(request('2 Second St'));
    expect(old.aborted, 'the first request is aborted through the signal Task passes').to.be.true;
    (await backend.next('incentives')).json(answer('Second'));
    expect((await second).utility?.name).to.equal('Second');
    expect((await first).utility?.name, 'the replaced check settles with the answer shown').to.equal('Second');
    expect(completed).to.deep.equal(['Second']);
    expect(failures).to.deep.equal([]);
    expect(lookup.result?.utility?.name).to.equal('Second');
  });

  it('the same check while it runs joins it: one request', async () => {
    const backend = fakeBackend();
    const { lookup, completed } = lookupOn();
    const first = lookup.run(request('1 First St'));
    const again = lookup.run(request('1 First St'));
    const sent = await backend.next('incentives');
    expect(sent.aborted).to.be.false;
    sent.json(answer('Only'));
    expect([(await first).utility?.name, (await again).utility?.name]).to.deep.equal(['Only', 'Only']);
    expect(backend.requests('incentives')).to.have.length(1);
    expect(completed).to.deep.equal(['Only']);
  });

  it('abort() stops the check: it rejects as aborted and nothing is reported', async () => {
    const backend = fakeBackend();
    const { lookup, completed, failures } = lookupOn();
    const running = lookup.run(request('1 First St'));
    const sent = await backend.next('incentives');
    lookup.abort();
    const rejected = await running.catch((error: unknown) => error);
    expect(sent.aborted).to.be.true;
    expect((rejected as LeapFailureError).failure).to.deep.equal({ kind: 'aborted' });
    expect(completed).to.deep.equal([]);
    expect(failures).to.deep.equal([]);
  });

  it('an exception thrown while handling a completion is reported as a defect, not swallowed', async () => {
    fakeBackend({ incentives: () => Response.json(answer('Shown')) });
    const broken = new Error('completion handler broke');
    const { lookup, failures } = lookupOn({
      onComplete: () => {
        throw broken;
      },
    });
    const result = await lookup.run(request('1 First St'));
    expect(result.utility?.name, 'the answer itself stands').to.equal('Shown');
    expect(failures).to.deep.equal([{ kind: 'internal', error: broken }]);
  });

  it('a failing answer reaches onError once, as its cause', async () => {
    fakeBackend({ incentives: () => Response.json({ title: 'Busy', status: 503 }, { status: 503 }) });
    const { lookup, failures } = lookupOn();
    const rejected = await lookup.run(request('1 First St')).catch((error: unknown) => error);
    expect((rejected as LeapFailureError).code).to.equal('UPSTREAM_DOWN');
    expect(failures.map((f) => f.kind)).to.deep.equal(['http']);
  });
});
