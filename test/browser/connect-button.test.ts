import { expect, fixture, html, oneEvent, nextFrame } from '@open-wc/testing';
import '../../src/define.js';
import type { LeapConnectButton } from '../../src/elements/connect-button/connect-button.js';
import { clearSessions, sessionClientFor } from '../../src/elements/shared/session.js';
import type { LeapConnectDetail, LeapErrorDetail } from '../../src/elements/shared/events.js';
import { expectNoLitWarnings, stubFetch, captureWarnings } from './helpers.js';

function link(el: LeapConnectButton): HTMLAnchorElement {
  return el.shadowRoot!.querySelector('a[part="button"]')!;
}

function visibleText(el: LeapConnectButton): string {
  return el.shadowRoot!.querySelector('[part~="message"]')?.textContent?.trim() ?? '';
}

describe('<leap-connect-button>', () => {
  afterEach(() => {
    clearSessions();
    expectNoLitWarnings();
  });

  describe('builds the URL for each flow', () => {
    it('Direct to Utility for a California residential customer', async () => {
      const el = await fixture<LeapConnectButton>(
        html`<leap-connect-button org="acme" utility="pge" ref-id="cust-42"></leap-connect-button>`,
      );
      expect(link(el).getAttribute('href')).to.equal('https://addleap.com/acme/pge/getting-started?refId=cust-42');
      expect(link(el).textContent!.trim()).to.equal('Connect your utility');
      expect(link(el).hasAttribute('aria-disabled')).to.be.false;
      await expect(el).to.be.accessible();
    });

    it('Leap Connect for a commercial customer of the same utility', async () => {
      const el = await fixture<LeapConnectButton>(
        html`<leap-connect-button
          org="acme"
          flow="ev"
          utility="pge"
          customer-type="commercial"
          ref-id="c1"
        ></leap-connect-button>`,
      );
      expect(link(el).getAttribute('href')).to.equal(
        'https://onboarding.leap.energy/acme/ev?requestedUtilities=pge&refId=c1',
      );
    });

    it('staging, requested utilities, redirect params and host overrides', async () => {
      const el = await fixture<LeapConnectButton>(
        html`<leap-connect-button
          org="acme"
          flow="ev"
          requested-utilities="coned, nationalgrid"
          redirect-params="state=abcdef123&amp;test_parameter=value"
          connect-base="https://connect.example.test"
          ref-id="c1"
        ></leap-connect-button>`,
      );
      expect(link(el).getAttribute('href')).to.equal(
        'https://connect.example.test/acme/ev?requestedUtilities=coned%2Cnationalgrid&refId=c1&additional_redirect_params=state%3Dabcdef123%26test_parameter%3Dvalue',
      );
      el.connectBase = undefined;
      el.environment = 'staging';
      el.mode = 'direct';
      el.utility = 'sdge';
      await el.updateComplete;
      expect(link(el).href).to.match(/^https:\/\/staging\.addleap\.com\/acme\/sdge\/getting-started\?refId=c1&/);
    });
  });

  describe('encodes refId edge cases', () => {
    const table: Array<[string, string]> = [
      ['José Müller', 'Jos%C3%A9%20M%C3%BCller'],
      ['a b', 'a%20b'],
      ['&=#%/?', '%26%3D%23%25%2F%3F'],
      ['日本', '%E6%97%A5%E6%9C%AC'],
    ];
    for (const [raw, encoded] of table) {
      it(`ref-id ${JSON.stringify(raw)}`, async () => {
        const el = await fixture<LeapConnectButton>(
          html`<leap-connect-button org="acme" utility="pge" ref-id=${raw}></leap-connect-button>`,
        );
        expect(link(el).getAttribute('href')).to.equal(`https://addleap.com/acme/pge/getting-started?refId=${encoded}`);
      });
    }

    it('255 encoded characters make a link; 256 do not', async () => {
      const el = await fixture<LeapConnectButton>(
        html`<leap-connect-button org="acme" utility="pge" ref-id=${'r'.repeat(255)}></leap-connect-button>`,
      );
      expect(link(el).getAttribute('href')).to.contain('r'.repeat(255));
      const warnings = captureWarnings();
      const errored = oneEvent(el, 'leap-error');
      el.refId = 'r'.repeat(256);
      const event = (await errored) as CustomEvent<LeapErrorDetail>;
      expect(event.detail.code).to.equal('REF_ID_TOO_LONG');
      expect(link(el).hasAttribute('href')).to.be.false;
      expect(warnings.restore()).to.have.length(1);
    });
  });

  it('re-renders the href when attributes change', async () => {
    const el = await fixture<LeapConnectButton>(
      html`<leap-connect-button org="acme" utility="pge" ref-id="a"></leap-connect-button>`,
    );
    el.setAttribute('utility', 'sce');
    el.setAttribute('ref-id', 'b');
    await el.updateComplete;
    expect(link(el).getAttribute('href')).to.equal('https://addleap.com/acme/sce/getting-started?refId=b');
    el.setAttribute('utility', 'smud');
    el.setAttribute('flow', 'ev');
    await el.updateComplete;
    expect(link(el).getAttribute('href')).to.equal(
      'https://onboarding.leap.energy/acme/ev?requestedUtilities=smud&refId=b',
    );
  });

  it('uses the slotted label and keeps the default when the slot is only whitespace', async () => {
    const labelled = await fixture<LeapConnectButton>(
      html`<leap-connect-button org="a" utility="pge"><b>Link PG&amp;E</b></leap-connect-button>`,
    );
    expect(link(labelled).textContent!.trim()).to.equal('');
    expect(labelled.textContent!.trim()).to.equal('Link PG&E');
    const blank = await fixture<LeapConnectButton>(
      html`<leap-connect-button org="a" utility="pge"> </leap-connect-button>`,
    );
    expect(link(blank).textContent!.trim()).to.equal('Connect your utility');
  });

  it('opens in a new tab with rel="noopener noreferrer" and says so', async () => {
    const el = await fixture<LeapConnectButton>(
      html`<leap-connect-button org="a" utility="pge" target="_blank"></leap-connect-button>`,
    );
    expect(link(el).target).to.equal('_blank');
    expect(link(el).rel).to.equal('noopener noreferrer');
    expect(link(el).textContent).to.contain('opens in a new tab');
    await expect(el).to.be.accessible();
  });

  describe('leap-connect event', () => {
    it('fires with url, flow and refId, bubbling out of the shadow root', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div><leap-connect-button org="a" utility="pge" ref-id="r1"></leap-connect-button></div>`,
      );
      const el = wrapper.querySelector('leap-connect-button')!;
      // Keep the test page where it is; the event has already been observed by then.
      wrapper.addEventListener('leap-connect', (e) => e.preventDefault());
      const fired = oneEvent(wrapper, 'leap-connect');
      link(el).click();
      const event = (await fired) as CustomEvent<LeapConnectDetail>;
      expect(event.detail).to.deep.equal({
        url: 'https://addleap.com/a/pge/getting-started?refId=r1',
        flow: 'direct',
        refId: 'r1',
      });
      expect(event.bubbles && event.composed && event.cancelable).to.be.true;
    });

    it('preventDefault stops the navigation', async () => {
      const el = await fixture<LeapConnectButton>(
        html`<leap-connect-button org="a" utility="pge"></leap-connect-button>`,
      );
      el.addEventListener('leap-connect', (e) => e.preventDefault());
      const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
      link(el).dispatchEvent(click);
      expect(click.defaultPrevented).to.be.true;
    });

    it('leaves the navigation alone when nobody cancels', async () => {
      const el = await fixture<LeapConnectButton>(
        html`<leap-connect-button org="a" utility="pge"></leap-connect-button>`,
      );
      let fired = 0;
      el.addEventListener('leap-connect', () => (fired += 1));
      const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
      // Cancel only at the document so the test page stays put, after the element has made its decision.
      const stop = (e: Event) => {
        expect(e.defaultPrevented).to.be.false;
        e.preventDefault();
      };
      document.addEventListener('click', stop, { once: true });
      link(el).dispatchEvent(click);
      expect(fired).to.equal(1);
    });
  });

  describe('misconfiguration', () => {
    const broken: Array<[string, () => Promise<LeapConnectButton>, string]> = [
      ['missing org', () => fixture(html`<leap-connect-button utility="pge"></leap-connect-button>`), 'MISSING_ORG'],
      [
        'missing flow for Leap Connect',
        () => fixture(html`<leap-connect-button org="a" utility="coned"></leap-connect-button>`),
        'MISSING_FLOW',
      ],
      [
        'direct for a commercial customer',
        () =>
          fixture(
            html`<leap-connect-button
              org="a"
              utility="pge"
              mode="direct"
              customer-type="commercial"
            ></leap-connect-button>`,
          ),
        'DIRECT_NOT_ALLOWED',
      ],
      [
        'insecure host',
        () => fixture(html`<leap-connect-button org="a" flow="f" connect-base="http://x.test"></leap-connect-button>`),
        'INSECURE_BASE',
      ],
      [
        'slash in org',
        () => fixture(html`<leap-connect-button org="a/b" flow="f"></leap-connect-button>`),
        'INVALID_SEGMENT',
      ],
      [
        'reserved redirect param',
        () => fixture(html`<leap-connect-button org="a" flow="f" redirect-params="refId=x"></leap-connect-button>`),
        'RESERVED_PARAM',
      ],
      [
        'unknown target',
        () => fixture(html`<leap-connect-button org="a" flow="f" target="_top"></leap-connect-button>`),
        'INVALID_TARGET',
      ],
    ];
    for (const [name, make, code] of broken) {
      it(`${name}: no live link, visible explanation, one warning, leap-error ${code}`, async () => {
        const warnings = captureWarnings();
        const errors: LeapErrorDetail[] = [];
        const listener = (e: Event) => errors.push((e as CustomEvent<LeapErrorDetail>).detail);
        document.addEventListener('leap-error', listener);
        const el = await make();
        await el.updateComplete;
        document.removeEventListener('leap-error', listener);
        const logged = warnings.restore();
        expect(link(el).hasAttribute('href')).to.be.false;
        expect(link(el).getAttribute('aria-disabled')).to.equal('true');
        expect(link(el).getAttribute('aria-describedby')).to.equal('message');
        // Plain words for the customer; the code and the attribute are for the console and the event.
        expect(visibleText(el)).to.contain('This connection link is not available right now.');
        expect(visibleText(el)).not.to.contain(code);
        expect(errors).to.have.length(1);
        expect(errors[0]!.code).to.equal(code);
        expect(errors[0]!.message).to.be.a('string').and.not.empty;
        expect(logged).to.have.length(1);
        expect(logged[0]).to.contain('<leap-connect-button>');
        await expect(el).to.be.accessible();
        // Clicking does nothing and fires no leap-connect.
        let connected = false;
        el.addEventListener('leap-connect', () => (connected = true));
        const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
        link(el).dispatchEvent(click);
        expect(click.defaultPrevented).to.be.true;
        expect(connected).to.be.false;
      });
    }

    it('recovers when the configuration is fixed', async () => {
      const warnings = captureWarnings();
      const el = await fixture<LeapConnectButton>(html`<leap-connect-button utility="pge"></leap-connect-button>`);
      warnings.restore();
      el.org = 'acme';
      await el.updateComplete;
      expect(link(el).getAttribute('href')).to.equal('https://addleap.com/acme/pge/getting-started');
      expect(el.shadowRoot!.querySelector('[part~="error"]')).to.be.null;
    });

    it('does not repeat the warning on unrelated re-renders', async () => {
      const warnings = captureWarnings();
      const el = await fixture<LeapConnectButton>(html`<leap-connect-button utility="pge"></leap-connect-button>`);
      el.requestUpdate();
      await el.updateComplete;
      el.lang = 'es';
      await el.updateComplete;
      expect(warnings.restore()).to.have.length(1);
    });
  });

  describe('session-endpoint', () => {
    it('takes the refId from the partner backend, with credentials', async () => {
      const stub = stubFetch(() =>
        Response.json({ token: 't', expires_at: new Date(Date.now() + 600_000).toISOString(), reference_id: 'srv-7' }),
      );
      try {
        const el = await fixture<LeapConnectButton>(
          html`<leap-connect-button
            org="a"
            utility="pge"
            ref-id="page-value"
            session-endpoint="/api/leap/session"
          ></leap-connect-button>`,
        );
        expect(link(el).getAttribute('aria-busy')).to.equal('true');
        await expect(el).to.be.accessible();
        // The element asked first; once the shared session answers us, it has had the answer too.
        await sessionClientFor('/api/leap/session').get();
        await el.updateComplete;
        expect(link(el).getAttribute('href')).to.equal('https://addleap.com/a/pge/getting-started?refId=srv-7');
        expect(stub.calls).to.have.length(1);
        expect(stub.calls[0]!.init?.method).to.equal('POST');
        expect(stub.calls[0]!.init?.credentials).to.equal('include');
      } finally {
        stub.restore();
      }
    });

    it('a refused session leaves no live link and fires leap-error with the status', async () => {
      const stub = stubFetch(() => Response.json({ title: 'Unauthorized', status: 401, details: {} }, { status: 401 }));
      const warnings = captureWarnings();
      try {
        const el = document.createElement('leap-connect-button');
        Object.assign(el, { org: 'a', utility: 'pge', sessionEndpoint: '/api/leap/session' });
        const errored = oneEvent(el, 'leap-error');
        document.body.append(el);
        const event = (await errored) as CustomEvent<LeapErrorDetail>;
        await el.updateComplete;
        expect(event.detail.code).to.equal('SESSION_FAILED');
        expect(event.detail.status).to.equal(401);
        expect(link(el).hasAttribute('href')).to.be.false;
        expect(visibleText(el)).to.contain('could not prepare');
        await expect(el).to.be.accessible();
        el.remove();
      } finally {
        warnings.restore();
        stub.restore();
      }
    });
  });

  describe('Spanish', () => {
    it('uses the nearest [lang] ancestor', async () => {
      const wrapper = await fixture(
        html`<div lang="es-MX"><leap-connect-button org="a" utility="pge"></leap-connect-button></div>`,
      );
      const el = wrapper.querySelector('leap-connect-button')!;
      await el.updateComplete;
      expect(link(el).textContent!.trim()).to.equal('Conecte su compañía eléctrica');
    });

    it('switches language as soon as the lang property is set', async () => {
      const el = await fixture<LeapConnectButton>(
        html`<leap-connect-button org="a" utility="pge"></leap-connect-button>`,
      );
      el.lang = 'es';
      await el.updateComplete;
      expect(link(el).textContent!.trim()).to.equal('Conecte su compañía eléctrica');
    });

    it('follows its own lang attribute over the page', async () => {
      const warnings = captureWarnings();
      // Misconfigured on purpose: the explanation must be in Spanish too.
      const el = await fixture<LeapConnectButton>(
        html`<div lang="en"><leap-connect-button lang="es" utility="pge"></leap-connect-button></div>`,
      );
      const button = el.querySelector('leap-connect-button')!;
      await nextFrame();
      warnings.restore();
      expect(visibleText(button)).to.equal('Este enlace de conexión no está disponible en este momento.');
    });
  });

  it('warns once, in the console, when the connection cannot be traced back to the customer', async () => {
    const warnings = captureWarnings();
    const untraced = await fixture(html`<leap-connect-button org="acme" utility="pge"></leap-connect-button>`);
    untraced.setAttribute('target', '_blank');
    await (untraced as LeapConnectButton).updateComplete;
    await fixture(html`<leap-connect-button org="acme" utility="pge" ref-id="c-1"></leap-connect-button>`);
    const seen = warnings.restore();
    expect(seen.filter((w) => w.includes('cannot be traced back to the customer'))).to.have.length(1);
    expect(untraced.shadowRoot!.querySelector('a')!.hasAttribute('href'), 'still a working link').to.be.true;
  });

  it('shows focus and can be reached and activated with the keyboard', async () => {
    const el = await fixture<LeapConnectButton>(
      html`<leap-connect-button org="a" utility="pge"></leap-connect-button>`,
    );
    link(el).focus();
    expect(el.shadowRoot!.activeElement).to.equal(link(el));
    const style = getComputedStyle(link(el));
    expect(parseFloat(style.minHeight)).to.be.at.least(44);
  });
});
