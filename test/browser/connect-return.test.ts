/**
 * `<leap-connect-return>`: what the Final Redirect URL says, and, with a session, watching for the customer's new
 * meters until they appear (or the wait ends).
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { LeapConnectedDetail, LeapErrorDetail } from '../../src/elements/shared/events.js';
import { clearSessions } from '../../src/elements/shared/session.js';
import { expectNoLitWarnings, stubFetch } from './helpers.js';

const text = (el: Element, selector: string) =>
  el.shadowRoot!.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** A customer meter as `GET {base}/meters` answers it. */
const meter = (id: string, createdAt = new Date().toISOString()) => ({
  meter_id: id,
  meter_type: 'UTILITY_METER',
  utility_code: 'PGE',
  utility_name: 'Pacific Gas & Electric',
  created_at: createdAt,
  global_enrollment_status: 'PENDING',
  program_enrollment: [],
  required_actions: { partner: [], leap: [] },
});

/** The backend as the watch sees it: the answers of `GET /meters`, one per call, the last one repeated. */
function metersAnswering(...answers: unknown[][]) {
  const seen: string[] = [];
  const stub = stubFetch((url) => {
    if (url.endsWith('/session')) return Response.json({ token: 't', reference_id: 'cust-1' });
    seen.push(url);
    return Response.json({ meters: answers[Math.min(seen.length - 1, answers.length - 1)] });
  });
  return { seen, restore: () => stub.restore() };
}

describe('<leap-connect-return>', () => {
  afterEach(() => {
    clearSessions();
    expectNoLitWarnings();
  });

  it('reads refId and custom parameters, fires leap-connect-return, shows the success message', async () => {
    const el = document.createElement('leap-connect-return');
    el.setAttribute('url', 'https://partner.example/thanks?refId=cust%2042&campaign=spring');
    const fired = oneEvent(el, 'leap-connect-return');
    document.body.append(el);
    const event = (await fired) as CustomEvent<{ refId: string | null; params: Record<string, string> }>;
    expect(event.detail).to.deep.equal({ refId: 'cust 42', params: { campaign: 'spring' } });
    expect(text(el, '[part="message"]')).to.contain('being connected');
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('uses the slotted message when given', async () => {
    const el = await fixture(
      html`<leap-connect-return url="https://p.example/t?refId=x"
        ><p>Welcome back, your meter is on its way.</p></leap-connect-return
      >`,
    );
    expect(el.textContent!.trim()).to.equal('Welcome back, your meter is on its way.');
  });

  it('explains when the URL carries no refId, and never shows URL values', async () => {
    const el = document.createElement('leap-connect-return');
    el.setAttribute('url', 'https://partner.example/thanks?note=%3Cb%3Ezebra-secret%3C%2Fb%3E');
    const fired = oneEvent(el, 'leap-connect-return');
    document.body.append(el);
    const event = (await fired) as CustomEvent<{ refId: string | null }>;
    expect(event.detail.refId).to.be.null;
    expect(text(el, '[part="message"]')).to.contain('could not find a connection reference');
    expect(el.shadowRoot!.innerHTML).not.to.contain('zebra');
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('reads the page URL by default', async () => {
    history.replaceState(
      null,
      '',
      `${location.pathname}${location.search}${location.search ? '&' : '?'}refId=from-page`,
    );
    try {
      const el = document.createElement('leap-connect-return');
      const fired = oneEvent(el, 'leap-connect-return');
      document.body.append(el);
      expect(((await fired) as CustomEvent<{ refId: string }>).detail.refId).to.equal('from-page');
      el.remove();
    } finally {
      history.replaceState(null, '', location.href.replace(/[?&]refId=from-page/, ''));
    }
  });

  describe('with session-endpoint: watching for the new meters', () => {
    it('says it is linking, then "Connected: 2 meters at Pacific Gas & Electric", and fires leap-connected', async () => {
      const backend = metersAnswering([], [meter('m-1'), meter('m-2')]);
      try {
        const el = await fixture(
          html`<leap-connect-return
            url="https://shop.test/thanks?refId=cust-1"
            session-endpoint="/api/leap/session"
          ></leap-connect-return>`,
        );
        await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
        expect(text(el, '[part="progress"]')).to.equal('We’re linking your utility account…');
        await expect(el).to.be.accessible();
        const { detail } = (await oneEvent(el, 'leap-connected')) as CustomEvent<LeapConnectedDetail>;
        expect(detail.refId).to.equal('cust-1');
        expect(detail.meters.map((m) => m.meter_id)).to.deep.equal(['m-1', 'm-2']);
        expect(text(el, '[part="progress"]')).to.equal('Connected: 2 meters at Pacific Gas & Electric');
        // Said politely, and only the change: the progress line is the live region, not the whole message.
        expect(el.shadowRoot!.querySelector('[part="progress"]')!.getAttribute('role')).to.equal('status');
        expect(el.shadowRoot!.querySelector('[part="message"]')!.hasAttribute('role')).to.be.false;
        await expect(el).to.be.accessible();
        expect(backend.seen.every((url) => url.endsWith('/api/leap/meters'))).to.be.true;
      } finally {
        backend.restore();
      }
    });

    it('counts a meter created just before the page opened as new, but not the customer’s older ones', async () => {
      const old = new Date(Date.now() - 30 * 86_400_000).toISOString();
      const backend = metersAnswering([meter('old-1', old), meter('fresh-1')]);
      try {
        const el = document.createElement('leap-connect-return');
        el.setAttribute('url', 'https://shop.test/thanks?refId=cust-1');
        el.setAttribute('session-endpoint', '/api/leap/session');
        el.setAttribute('lang', 'es');
        const connected = oneEvent(el, 'leap-connected');
        (await fixture(html`<div></div>`)).append(el);
        const { detail } = (await connected) as CustomEvent<LeapConnectedDetail>;
        expect(detail.meters.map((m) => m.meter_id)).to.deep.equal(['fresh-1']);
        expect(text(el, '[part="progress"]')).to.equal('Conectado: 1 medidor de Pacific Gas & Electric');
      } finally {
        backend.restore();
      }
    });

    it('tells what to do when no meter appears in time, and fires leap-error CONNECTION_NOT_CONFIRMED', async () => {
      const backend = metersAnswering([]);
      try {
        const el = document.createElement('leap-connect-return');
        el.setAttribute('url', 'https://shop.test/thanks?refId=cust-1');
        el.setAttribute('session-endpoint', '/api/leap/session');
        el.setAttribute('wait-seconds', '1');
        const gaveUp = oneEvent(el, 'leap-error');
        (await fixture(html`<div></div>`)).append(el);
        const { detail } = (await gaveUp) as CustomEvent<LeapErrorDetail>;
        expect(detail.code).to.equal('CONNECTION_NOT_CONFIRMED');
        expect(text(el, '[part="progress"]')).to.contain('check your account page later');
        await expect(el).to.be.accessible();
        const asked = backend.seen.length;
        expect(asked).to.be.within(1, 3);
      } finally {
        backend.restore();
      }
    });

    it('without a session it only thanks, as before; without a refId it does not watch', async () => {
      const backend = metersAnswering([meter('m-1')]);
      try {
        const plain = await fixture(
          html`<leap-connect-return url="https://shop.test/thanks?refId=cust-1"></leap-connect-return>`,
        );
        const noRef = await fixture(
          html`<leap-connect-return
            url="https://shop.test/thanks"
            session-endpoint="/api/leap/session"
          ></leap-connect-return>`,
        );
        await (noRef as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
        expect(plain.shadowRoot!.querySelector('[part="progress"]')).to.be.null;
        expect(noRef.shadowRoot!.querySelector('[part="progress"]')).to.be.null;
        expect(backend.seen).to.have.length(0);
      } finally {
        backend.restore();
      }
    });
  });
});
