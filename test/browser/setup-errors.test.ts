/**
 * What every element that talks to the backend does with the integration mistakes partners make, against the real test
 * backend: a page origin the backend refuses (a real cross-origin request, refused by CORS), a session endpoint that is
 * not one, an `api-base` on another origin (nothing is sent), and a backend answering from a mock Leap ("Sample data").
 * Each is a documented `leap-error` code, one console line naming the fix, and plain words on screen.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { LeapErrorDetail } from '../../src/elements/shared/events.js';
import { clearSessions, sessionClientFor } from '../../src/elements/shared/session.js';
import { captureWarnings, expectNoLitWarnings, stubFetch } from './helpers.js';

/** The same test server under its other loopback name: another origin, which the backend does not allow. */
const OTHER_HOST = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
const FOREIGN_BACKEND = `http://${OTHER_HOST}:${location.port}/api/leap`;

/** Every element that asks the backend, set up with `endpoint` (and `extra` attributes), ready to fire its outcome. */
const ELEMENTS: Array<[string, (endpoint: string, extra?: string) => HTMLElement]> = [
  [
    'leap-incentive-checker',
    (endpoint, extra) =>
      build('leap-incentive-checker', endpoint, extra, {
        'device-ids': '123',
        'auto-check': '',
        'street-1': '456 Main St',
        city: 'Bend',
        state: 'OR',
        'postal-code': '97701',
      }),
  ],
  ['leap-enrollment-status', (endpoint, extra) => build('leap-enrollment-status', endpoint, extra)],
  ['leap-application-status', (endpoint, extra) => build('leap-application-status', endpoint, extra)],
  [
    'leap-connect-button',
    (endpoint, extra) => build('leap-connect-button', endpoint, extra, { org: 'acme', utility: 'pge' }),
  ],
  [
    'leap-connect-return',
    (endpoint, extra) =>
      build('leap-connect-return', endpoint, extra, {
        url: 'https://shop.example/thanks?refId=demo-customer',
        'wait-seconds': '600',
      }),
  ],
];

function build(tag: string, endpoint: string, extra = '', attributes: Record<string, string> = {}): HTMLElement {
  const el = document.createElement(tag);
  el.setAttribute('session-endpoint', endpoint);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  if (extra) {
    const [name, value] = extra.split('=') as [string, string];
    el.setAttribute(name, value);
  }
  return el;
}

/** The text the customer sees in the element (its shadow root, icons aside). */
function visible(el: Element): string {
  const root = el.shadowRoot!;
  const parts = [...root.querySelectorAll('[part~="error"], [part~="message"], [part="result"]')];
  return parts.map((part) => part.textContent?.replace(/[⚠ℹ]/g, '').replace(/\s+/g, ' ').trim()).join(' ');
}

/** Forgets the console lines already given on this page (each is said once per page). */
function forgetWarnings(): void {
  const registry = (globalThis as Record<symbol, Record<string, unknown>>)[Symbol.for('leap-elements.page-state.v1')];
  (registry?.['setup-warnings'] as Set<string> | undefined)?.clear();
}

async function firstError(el: HTMLElement): Promise<LeapErrorDetail> {
  const failed = oneEvent(el, 'leap-error');
  document.body.append(el);
  const { detail } = (await failed) as CustomEvent<LeapErrorDetail>;
  await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  return detail;
}

describe('integration mistakes, on every element', () => {
  afterEach(() => {
    clearSessions();
    forgetWarnings();
    document.querySelectorAll('[data-test-element]').forEach((el) => el.remove());
    expectNoLitWarnings();
  });

  for (const [tag, make] of ELEMENTS) {
    describe(`<${tag}>`, () => {
      it('a page origin the backend refuses is ORIGIN_REFUSED, not an outage: the console names the origin and the setting', async () => {
        const warnings = captureWarnings();
        const el = make(`${FOREIGN_BACKEND}/session`);
        el.dataset.testElement = '';
        let detail: LeapErrorDetail;
        let logged: string[];
        try {
          detail = await firstError(el);
        } finally {
          logged = warnings.restore();
        }
        expect(detail.code).to.equal('ORIGIN_REFUSED');
        const lines = logged.filter((line) => line.includes('LEAP_ALLOWED_ORIGINS'));
        expect(lines, logged.join('\n')).to.have.length(1);
        expect(lines[0]).to.contain(location.origin).and.contain('allowedOrigins');
        if (tag !== 'leap-connect-return') {
          expect(visible(el)).to.match(/not available on this page/);
          expect(visible(el)).not.to.match(/try again|responding|ORIGIN/i);
        }
        await expect(el).to.be.accessible();
      });

      it('a session endpoint that is not one (404) is SESSION_ENDPOINT_INVALID: the console says what answered and what was expected', async () => {
        const warnings = captureWarnings();
        const el = make('/api/leap/sesion');
        el.dataset.testElement = '';
        let detail: LeapErrorDetail;
        let logged: string[];
        try {
          detail = await firstError(el);
        } finally {
          logged = warnings.restore();
        }
        expect(detail.code).to.equal('SESSION_ENDPOINT_INVALID');
        const lines = logged.filter((line) => line.includes('/api/leap/sesion'));
        expect(lines, logged.join('\n')).to.have.length(1);
        expect(lines[0]).to.contain('answered 404 application/json').and.contain('expected 200 JSON');
        if (tag !== 'leap-connect-return') expect(visible(el)).to.match(/not available right now/);
        await expect(el).to.be.accessible();
      });

      // The connect button has no api-base: its link is built from the session alone.
      if (tag === 'leap-connect-button') return;
      it('an api-base on another origin than session-endpoint is INVALID_CONFIG, and nothing is sent', async () => {
        const stub = stubFetch(() => Response.json({ token: 'secret-token', reference_id: 'c-1' }));
        const warnings = captureWarnings();
        try {
          const el = make('/api/leap/session', 'api-base=https://collector.example/api/leap');
          el.dataset.testElement = '';
          const detail = await firstError(el);
          expect(detail.code).to.equal('INVALID_CONFIG');
          expect(detail.message).to.contain('api-base').and.contain(location.origin);
          expect(stub.calls, 'nothing is sent, not even a session').to.deep.equal([]);
          if (tag !== 'leap-connect-return') expect(visible(el)).to.equal('This section is not set up correctly.');
          await expect(el).to.be.accessible();
        } finally {
          stub.restore();
          expect(warnings.restore().filter((line) => line.includes('api-base must be on the origin'))).to.have.length(
            1,
          );
        }
      });
    });
  }

  it('an outage of a backend on another origin stays an outage (no answer to the probe either): OFFLINE', async () => {
    const stub = stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    try {
      const el = build('leap-application-status', `${FOREIGN_BACKEND}/session`);
      el.dataset.testElement = '';
      const detail = await firstError(el);
      expect(detail.code).to.equal('OFFLINE');
      expect(stub.calls.map((call) => call.init?.mode ?? 'cors')).to.deep.equal(['cors', 'no-cors']);
      expect(visible(el)).to.contain('not responding');
    } finally {
      stub.restore();
    }
  });

  it('an HTML page or a JSON that is not a session is SESSION_ENDPOINT_INVALID, said with its content type', async () => {
    for (const [answer, said] of [
      [
        () => new Response('<!doctype html><title>Shop</title>', { headers: { 'content-type': 'text/html' } }),
        '200 text/html',
      ],
      [() => Response.json({ ok: true }), '200 application/json without reference_id'],
    ] as const) {
      const stub = stubFetch(answer);
      const warnings = captureWarnings();
      try {
        const el = build('leap-enrollment-status', '/shop/leap-session');
        el.dataset.testElement = '';
        expect((await firstError(el)).code).to.equal('SESSION_ENDPOINT_INVALID');
        expect(warnings.restore().join('\n')).to.contain(`answered ${said}`);
        el.remove();
      } finally {
        warnings.restore();
        stub.restore();
        clearSessions();
        forgetWarnings();
      }
    }
  });
});

describe('a backend answering from a mock Leap ("mock": true in the session)', () => {
  afterEach(() => {
    clearSessions();
    expectNoLitWarnings();
  });

  const SAMPLE = '/api/sample/leap/session';

  it('every element shows a visible "Sample data" badge, axe-clean, in English and Spanish', async () => {
    for (const lang of ['en', 'es'] as const) {
      const badge = lang === 'en' ? 'Sample data' : 'Datos de ejemplo';
      const page = await fixture<HTMLElement>(
        html`<div lang=${lang}>
          <leap-incentive-checker
            session-endpoint=${`${SAMPLE}?as=demo-customer`}
            device-ids="123"
            auto-check
            street-1="456 Main St"
            city="Bend"
            state="OR"
            postal-code="97701"
          ></leap-incentive-checker>
          <leap-enrollment-status session-endpoint=${`${SAMPLE}?as=demo-customer`}></leap-enrollment-status>
          <leap-application-status session-endpoint=${`${SAMPLE}?as=demo-customer`}></leap-application-status>
          <leap-connect-button
            org="acme"
            utility="pge"
            session-endpoint=${`${SAMPLE}?as=demo-customer`}
          ></leap-connect-button>
          <leap-connect-return
            url="https://shop.example/thanks?refId=demo-customer"
            session-endpoint=${`${SAMPLE}?as=demo-customer`}
          ></leap-connect-return>
        </div>`,
      );
      const elements = [...page.children] as HTMLElement[];
      await Promise.all([
        oneEvent(elements[0]!, 'leap-result'),
        oneEvent(elements[1]!, 'leap-meters'),
        oneEvent(elements[2]!, 'leap-applications'),
      ]);
      // The button and the return page show it once the shared session is answered.
      await sessionClientFor(`${SAMPLE}?as=demo-customer`).get();
      for (const el of elements) {
        await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
        const shown = () => el.shadowRoot!.querySelector('[part="sample"]');
        expect(shown()?.textContent?.trim(), `${el.localName} (${lang})`).to.equal(badge);
        expect(shown()!.getClientRects().length, `${el.localName}: visible`).to.be.greaterThan(0);
        await expect(el).to.be.accessible();
      }
      clearSessions();
    }
  });

  it('the real backend’s own session shows no badge', async () => {
    const el = await fixture<HTMLElement>(
      html`<leap-application-status session-endpoint="/api/leap/session?as=demo-customer"></leap-application-status>`,
    );
    await oneEvent(el, 'leap-applications');
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(el.shadowRoot!.querySelector('[part="sample"]')).to.be.null;
  });
});
