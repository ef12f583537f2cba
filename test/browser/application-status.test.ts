import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { ApplicationSummary } from '../../src/core/schemas/applications.js';
import { APPLICATION_STATUSES } from '../../src/core/schemas/applications.js';
import type { LeapErrorDetail } from '../../src/elements/shared/events.js';
import { clearSessions } from '../../src/elements/shared/session.js';
import { sendKeys } from '@web/test-runner-commands';
import { captureWarnings, expectNoLitWarnings, stubFetch, trackFocusDrops } from './helpers.js';

const DEMO = '/api/leap/session?as=demo-customer';
const text = (el: Element, selector: string) =>
  el.shadowRoot!.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const all = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

async function load(attrs: Record<string, string>) {
  const el = document.createElement('leap-application-status');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const loaded = Promise.race([oneEvent(el, 'leap-applications'), oneEvent(el, 'leap-error')]);
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.append(el);
  const event = (await loaded) as CustomEvent;
  await el.updateComplete;
  return { el, event };
}

describe('<leap-application-status>', () => {
  afterEach(() => {
    clearSessions();
    expectNoLitWarnings();
  });

  it('lists the customer’s applications, one per status, with amount, help and a step indicator', async () => {
    const { el, event } = await load({ 'session-endpoint': DEMO });
    const apps = (event as CustomEvent<{ applications: ApplicationSummary[] }>).detail.applications;
    expect(apps.map((a) => a.status).sort()).to.deep.equal([...APPLICATION_STATUSES].sort());
    const items = all(el, '[part="application"]');
    expect(items).to.have.length(8);
    const byStatus = (status: string) => items.find((i) => i.dataset.status === status)!;
    const inProgress = byStatus('in_progress');
    expect(inProgress.textContent).to.contain('Requested: $');
    expect(inProgress.textContent).to.contain('Finish it to submit');
    const current = inProgress.querySelectorAll('[aria-current="step"]');
    expect(current).to.have.length(1);
    expect(current[0]!.textContent).to.contain('In progress');
    expect(inProgress.querySelectorAll('[data-state="done"]')).to.have.length(1);
    const approved = byStatus('approved');
    expect(approved.querySelectorAll('[data-state="done"]')).to.have.length(5);
    expect(approved.querySelector('[aria-current="step"]')!.textContent).to.contain('Approved');
    expect(byStatus('rejected').querySelector('[aria-current="step"]')!.textContent).to.contain('Not approved');
    const waiting = byStatus('awaiting_customer');
    expect(waiting.querySelector('[aria-current="step"]')!.textContent).to.contain('Waiting for you');
    expect(items.every((i) => i.querySelector('h3')!.textContent!.trim().length > 3)).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('follows next_page_token', async () => {
    const page = (ids: number[], next: string | null) => ({
      next_page_token: next,
      results: ids.map((id) => ({ id, program_id: 1, status: 'submitted', total_requested_amount: 10 })),
    });
    const urls: string[] = [];
    const stub = stubFetch((url) => {
      urls.push(url);
      if (url.includes('/session')) return Response.json({ token: 't', reference_id: 'r' });
      return Response.json(url.includes('page_token=p2') ? page([3], null) : page([1, 2], 'p2'));
    });
    try {
      const { el } = await load({ 'session-endpoint': '/stub/session' });
      expect(all(el, '[part="application"]')).to.have.length(3);
      expect(urls.filter((u) => u.includes('/applications'))).to.have.length(2);
      expect(text(el, '[part="application"] h3')).to.equal(
        'Rebate application',
        'without a program name: words, not the program id',
      );
    } finally {
      stub.restore();
    }
  });

  it('application-id narrows to one application; another customer’s is not found', async () => {
    const first = await load({ 'session-endpoint': DEMO });
    const id = String((first.event as CustomEvent<{ applications: ApplicationSummary[] }>).detail.applications[0]!.id);
    clearSessions();
    const one = await load({ 'session-endpoint': DEMO, 'application-id': id });
    expect(all(one.el, '[part="application"]')).to.have.length(1);
    clearSessions();
    const other = await load({ 'session-endpoint': '/api/leap/session?as=customer-b', 'application-id': id });
    expect((other.event as CustomEvent<LeapErrorDetail>).detail.status).to.equal(404);
    expect(text(other.el, '[part="error"]')).to.contain('could not find this application');
    await expect(other.el).to.be.accessible();
  });

  it('a customer without applications sees a clear empty state', async () => {
    const { el } = await load({ 'session-endpoint': '/api/leap/session' });
    expect(text(el, '[part="empty"]')).to.equal('You have no rebate applications yet.');
    await expect(el).to.be.accessible();
  });

  it('an unknown status is shown verbatim, without a highlighted step', async () => {
    const stub = stubFetch((url) =>
      url.includes('/session')
        ? Response.json({ token: 't', reference_id: 'r' })
        : Response.json({
            next_page_token: null,
            results: [{ id: 9, status: 'escalated_to_regulator', program_name: 'P', extra: true }],
          }),
    );
    try {
      const { el } = await load({ 'session-endpoint': '/stub/session' });
      expect(text(el, '[part="badge"]')).to.equal('Other status');
      expect(el.shadowRoot!.textContent).not.to.contain('escalated_to_regulator');
      expect(el.shadowRoot!.querySelector('[aria-current="step"]')).to.be.null;
      expect(text(el, '[part="application"]')).to.contain('does not know yet');
    } finally {
      stub.restore();
    }
  });

  it('an upstream failure offers a retry that recovers', async () => {
    const { el, event } = await load({ 'session-endpoint': '/api/fault/500/leap/session?as=demo-customer' });
    expect((event as CustomEvent<LeapErrorDetail>).detail.code).to.equal('UPSTREAM_DOWN');
    await expect(el).to.be.accessible();
    el.setAttribute('session-endpoint', DEMO);
    const recovered = oneEvent(el, 'leap-applications');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry"]')!.click();
    await recovered;
    await el.updateComplete;
    expect(all(el, '[part="application"]')).to.have.length(8);
  });

  it('retried from the keyboard, focus moves to the card and never falls to <body>', async () => {
    const { el } = await load({ 'session-endpoint': '/api/fault/500/leap/session?as=demo-customer' });
    const drops = trackFocusDrops();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry"]')!.focus();
    const again = oneEvent(el, 'leap-error');
    await sendKeys({ press: 'Enter' });
    await again;
    await el.updateComplete;
    expect(drops.stop()).to.equal(0);
    expect(el.shadowRoot!.activeElement?.classList.contains('card')).to.be.true;
    // Said once, by the live region (the error block is no alert).
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.be.null;
    expect(text(el, '[role="status"]')).to.contain('not responding');
  });

  it('finished steps say "completed" in text, not only with a check mark', async () => {
    const { el } = await load({ 'session-endpoint': DEMO });
    const approved = all(el, '[part="application"]').find((i) => i.dataset.status === 'approved')!;
    const done = [...approved.querySelectorAll('[data-state="done"]')];
    expect(done).to.have.length(5);
    expect(done.every((step) => /completed$/.test(step.textContent!.replace(/\s+/g, ' ').trim()))).to.be.true;
  });

  it('a heading the page slots in names the region', async () => {
    const el = document.createElement('leap-application-status');
    el.setAttribute('session-endpoint', DEMO);
    el.innerHTML = '<h3 slot="heading">Rebates for your Voltwise charger</h3>';
    const loaded = oneEvent(el, 'leap-applications');
    (await fixture<HTMLDivElement>(html`<div></div>`)).append(el);
    await loaded;
    await el.updateComplete;
    const region = el.shadowRoot!.querySelector('section')!;
    expect(region.getAttribute('aria-label')).to.equal('Rebates for your Voltwise charger');
    expect(region.hasAttribute('aria-labelledby')).to.be.false;
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish', async () => {
    const wrapper = await fixture(html`<div lang="es"></div>`);
    const el = document.createElement('leap-application-status');
    el.setAttribute('session-endpoint', DEMO);
    const loaded = oneEvent(el, 'leap-applications');
    wrapper.append(el);
    await loaded;
    await el.updateComplete;
    expect(text(el, 'h2')).to.equal('Sus solicitudes de reembolso');
    expect(all(el, '[part="badge"]').map((b) => b.textContent!.trim())).to.include('Aprobada');
  });

  it('misconfigured: explanation, INVALID_CONFIG and one warning', async () => {
    const warnings = captureWarnings();
    const el = document.createElement('leap-application-status');
    const failed = oneEvent(el, 'leap-error');
    document.body.append(el);
    expect(((await failed) as CustomEvent<LeapErrorDetail>).detail.code).to.equal('INVALID_CONFIG');
    await el.updateComplete;
    expect(text(el, '[part="error"]')).to.equal('This section is not set up correctly.');
    expect(warnings.restore()).to.have.length(1);
    await expect(el).to.be.accessible();
    el.remove();
  });
});
