import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import { registerTranslation } from '../../src/index.js';
import { clearSessions } from '../../src/elements/shared/session.js';
import { captureWarnings, expectNoLitWarnings } from './helpers.js';

/** The registry every copy of the elements shares (see translations.ts); emptied between tests. */
const registry = () =>
  (globalThis as unknown as Record<symbol, { languages: Map<string, unknown>; listeners: Set<unknown> }>)[
    Symbol.for('leap-elements.translations')
  ];

function buttonLabel(el: Element): string {
  return el.shadowRoot!.querySelector('a[part="button"]')!.textContent!.replace(/\s+/g, ' ').trim();
}

const button = (lang: string) =>
  fixture<HTMLElement>(
    html`<div lang=${lang}>
      <leap-connect-button org="acme" utility="pge" ref-id="cust-42" target="_blank"></leap-connect-button>
    </div>`,
  ).then((wrapper) => wrapper.querySelector('leap-connect-button')!);

/** An enrollment list with no session endpoint: it shows the shared "not set up" message. */
async function misconfiguredList(lang: string): Promise<HTMLElement> {
  const warnings = captureWarnings();
  const el = document.createElement('leap-enrollment-status');
  el.lang = lang;
  el.setAttribute('meter-id', 'meter-1');
  const failed = oneEvent(el, 'leap-error');
  document.body.append(el);
  await failed;
  warnings.restore();
  return el;
}

const errorText = (el: Element) => el.shadowRoot!.querySelector('[part="error"]')!.textContent!.trim();

describe('registerTranslation', () => {
  afterEach(() => {
    registry()?.languages.clear();
    clearSessions();
    expectNoLitWarnings();
  });

  it('adds a language: what is given is shown, what is not falls back to English', async () => {
    registerTranslation('fr', { 'leap-connect-button': { connectLabel: 'Connectez votre fournisseur' } });
    const el = await button('fr');
    expect(buttonLabel(el)).to.equal('Connectez votre fournisseur (opens in a new tab)');
  });

  it('a language registered after the element rendered is shown at once', async () => {
    const el = await button('de');
    expect(buttonLabel(el)).to.equal('Connect your utility (opens in a new tab)');
    registerTranslation('de', { 'leap-connect-button': { connectLabel: 'Versorger verbinden' } });
    await waitUntil(() => buttonLabel(el).startsWith('Versorger verbinden'), 'the new language is not shown');
  });

  it('rewords English, and the shared messages only where an element has them', async () => {
    registerTranslation('en', {
      common: { misconfigured: 'This part of the page is not ready yet.', connectLabel: 'ignored' } as never,
      'leap-connect-button': { connectLabel: 'Link your utility account' },
    });
    const list = await misconfiguredList('en');
    expect(errorText(list)).to.equal('This part of the page is not ready yet.');
    expect(buttonLabel(await button('en'))).to.equal('Link your utility account (opens in a new tab)');
    list.remove();
  });

  it('a language applies to its regions, and a region may reword it again', async () => {
    registerTranslation('es', { 'leap-connect-button': { connectLabel: 'Conecte su compañía de luz' } });
    registerTranslation('es-MX', { 'leap-connect-button': { connectNewTab: '(abre otra pestaña)' } });
    expect(buttonLabel(await button('es-MX'))).to.equal('Conecte su compañía de luz (abre otra pestaña)');
    // Spanish strings not registered stay ours.
    expect(buttonLabel(await button('es-US'))).to.equal('Conecte su compañía de luz (se abre en una pestaña nueva)');
  });

  it('registering a language again adds to what it had', async () => {
    registerTranslation('it', { 'leap-connect-button': { connectLabel: 'Collega il tuo fornitore' } });
    registerTranslation('it', { 'leap-connect-button': { connectNewTab: '(si apre in una nuova scheda)' } });
    expect(buttonLabel(await button('it'))).to.equal('Collega il tuo fornitore (si apre in una nuova scheda)');
  });

  it('an unknown section is named in one console line; a tag that is not a language throws', () => {
    const warnings = captureWarnings();
    registerTranslation('fr', { 'leap-incentive-checkr': {} } as never);
    const seen = warnings.restore();
    expect(seen).to.have.length(1);
    expect(seen[0]).to.contain('"leap-incentive-checkr"').and.to.contain('leap-incentive-checker');
    expect(() => registerTranslation('not a tag', {})).to.throw(RangeError);
  });
});

describe('the page language', () => {
  afterEach(() => clearSessions());

  it("follows an ancestor's lang when it changes", async () => {
    const el = await button('en');
    expect(buttonLabel(el)).to.equal('Connect your utility (opens in a new tab)');
    el.parentElement!.setAttribute('lang', 'es');
    await waitUntil(() => buttonLabel(el).startsWith('Conecte su compañía eléctrica'), 'still in English');
    el.parentElement!.setAttribute('lang', 'en');
    await waitUntil(() => buttonLabel(el).startsWith('Connect your utility'), 'still in Spanish');
  });

  it('follows the document language, for a page that switches languages without reloading', async () => {
    const el = await fixture<HTMLElement>(html`<leap-connect-button org="acme" utility="pge"></leap-connect-button>`);
    expect(buttonLabel(el)).to.equal('Connect your utility');
    const original = document.documentElement.lang;
    try {
      document.documentElement.lang = 'es';
      await waitUntil(() => buttonLabel(el) === 'Conecte su compañía eléctrica', 'still in English');
    } finally {
      document.documentElement.lang = original;
    }
  });

  it('an element removed from the page stops listening', async () => {
    const before = registry()?.listeners.size ?? 0;
    const el = await button('en');
    expect(registry().listeners.size).to.equal(before + 1);
    el.remove();
    expect(registry().listeners.size).to.equal(before);
  });
});
