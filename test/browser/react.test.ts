import { expect, oneEvent } from '@open-wc/testing';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import {
  LeapApplicationStatus,
  LeapConnectButton,
  LeapConnectReturn,
  LeapEnrollmentStatus,
  LeapIncentiveChecker,
} from '../../src/react/index.js';
import type { ConnectReturn } from '../../src/core/connect-url.js';
import type { IncentivesResult } from '../../src/core/schemas/incentives.js';
import type { LeapConnectDetail, LeapErrorDetail } from '../../src/elements/shared/events.js';
import { clearSessions } from '../../src/elements/shared/session.js';
import { captureWarnings, expectNoLitWarnings } from './helpers.js';
import { DOCUMENTED } from './manifest.js';

declare global {
  // React reads this flag to know that act() is in use (and stays quiet about it).
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

const BEND = {
  street_1: '456 Main St',
  city: 'Bend',
  state_or_province_code: 'OR',
  postal_code: '97701',
  country_code: 'US',
};

const WRAPPERS = {
  'leap-application-status': LeapApplicationStatus,
  'leap-connect-button': LeapConnectButton,
  'leap-connect-return': LeapConnectReturn,
  'leap-enrollment-status': LeapEnrollmentStatus,
  'leap-incentive-checker': LeapIncentiveChecker,
} as const;

/** `leap-connect-return` → `onLeapConnectReturn`. */
const propOf = (event: string) => `on${event.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`;

describe('leap-elements/react', () => {
  let container: HTMLElement;
  let root: Root;

  before(() => {
    globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  });

  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });

  afterEach(async () => {
    await act(async () => root.unmount());
    container.remove();
    clearSessions();
    expectNoLitWarnings();
  });

  it('LeapConnectButton sets properties and calls onLeapConnect', async () => {
    const connects: Array<CustomEvent<LeapConnectDetail>> = [];
    await act(async () => {
      root.render(
        createElement(LeapConnectButton, {
          org: 'acme',
          utility: 'pge',
          refId: 'r1',
          onLeapConnect: (event) => {
            event.preventDefault();
            connects.push(event);
          },
        }),
      );
    });
    const el = container.querySelector('leap-connect-button')!;
    expect(el).to.exist;
    await el.updateComplete;
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part="button"]')!;
    expect(link.getAttribute('href')).to.equal('https://addleap.com/acme/pge/getting-started?refId=r1');
    link.click();
    expect(connects).to.have.length(1);
    expect(connects[0]!.type).to.equal('leap-connect');
    expect(connects[0]!.defaultPrevented).to.be.true;
    expect(connects[0]!.detail).to.deep.equal({
      url: 'https://addleap.com/acme/pge/getting-started?refId=r1',
      flow: 'direct',
      refId: 'r1',
    });
  });

  it('LeapConnectButton without org calls onLeapError with MISSING_ORG', async () => {
    const warnings = captureWarnings();
    const errors: LeapErrorDetail[] = [];
    try {
      await act(async () => {
        root.render(
          createElement(LeapConnectButton, { utility: 'pge', onLeapError: (event) => errors.push(event.detail) }),
        );
      });
      await container.querySelector('leap-connect-button')!.updateComplete;
    } finally {
      expect(warnings.restore()).to.have.length(1);
    }
    expect(errors).to.have.length(1);
    expect(errors[0]!.code).to.equal('MISSING_ORG');
  });

  it('LeapConnectReturn calls onLeapConnectReturn with refId and params', async () => {
    const returns: ConnectReturn[] = [];
    await act(async () => {
      root.render(
        createElement(LeapConnectReturn, {
          url: 'https://p.example/t?refId=x&a=1',
          onLeapConnectReturn: (event) => returns.push(event.detail),
        }),
      );
    });
    await container.querySelector('leap-connect-return')!.updateComplete;
    expect(returns).to.deep.equal([{ refId: 'x', params: { a: '1' } }]);
  });

  it('LeapIncentiveChecker takes array and object props; check() fires onLeapResult', async () => {
    const results: IncentivesResult[] = [];
    const errors: LeapErrorDetail[] = [];
    await act(async () => {
      root.render(
        createElement(LeapIncentiveChecker, {
          sessionEndpoint: '/api/leap/session',
          deviceIds: [123],
          address: BEND,
          onLeapResult: (event) => results.push(event.detail.result),
          onLeapError: (event) => errors.push(event.detail),
        }),
      );
    });
    const el = document.querySelector('leap-incentive-checker')!;
    await el.updateComplete;
    expect(el.deviceIds).to.deep.equal([123]);
    expect(el.address).to.include(BEND);
    const fired = oneEvent(el, 'leap-result');
    const returned = await el.check();
    await fired;
    expect(errors).to.deep.equal([]);
    expect(results).to.have.length(1);
    expect(results[0]!.incentives.total_incentive_amount).to.equal(750);
    expect(returned.incentives.total_incentive_amount).to.equal(750);
  });

  it('every wrapper passes on each event its element documents, as an onLeap… prop', async () => {
    const missing: string[] = [];
    for (const element of DOCUMENTED) {
      const tag = element.tagName as keyof typeof WRAPPERS;
      const names = ((element as { events?: { name: string }[] }).events ?? []).map((e) => e.name);
      const heard: string[] = [];
      const handlers = Object.fromEntries(names.map((name) => [propOf(name), () => heard.push(name)]));
      await act(async () => {
        root.render(createElement(WRAPPERS[tag] as never, handlers));
      });
      const el = container.querySelector(tag)!;
      heard.length = 0;
      for (const name of names) el.dispatchEvent(new CustomEvent(name, { detail: {} }));
      for (const name of names) if (!heard.includes(name)) missing.push(`<${tag}> ${propOf(name)}`);
      await act(async () => root.render(null));
    }
    expect(missing).to.deep.equal([]);
  });
});
