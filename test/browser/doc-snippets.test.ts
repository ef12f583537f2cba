/**
 * Every HTML snippet of the README and docs/*.md works as printed: each is rendered in Chromium against the test
 * backend and its mock Leap (read fresh from disk by the test runner, scripts/doc-snippets.ts), with the CDN script
 * swapped for this build and the documented backend URLs mapped to the test backend. A snippet fails on any
 * `leap-error`, any visible setup message, or a connect button without a link. The integrity placeholders the docs
 * print instead of a hash are refused by the browser when copied as they are.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { LeapErrorDetail } from '../../src/elements/shared/events.js';
import { clearSessions, sessionClientFor } from '../../src/elements/shared/session.js';
import { expectNoLitWarnings } from './helpers.js';

interface DocSnippet {
  file: string;
  line: number;
  html: string;
}

const snippets = (await (await fetch('/__doc-snippets.json')).json()) as DocSnippet[];

/** The script the docs load from the CDN: this build is already defined in the page instead. */
const CDN_TAG = /<script\b[^>]*\bsrc="https:\/\/cdn\.jsdelivr\.net\/npm\/leap-elements@[^"]+"[^>]*>\s*<\/script>/g;
const CDN_PRELOAD = /<link\b[^>]*\bhref="https:\/\/cdn\.jsdelivr\.net\/npm\/leap-elements@[^"]+"[^>]*\/?>/g;

/** The backend URLs the docs print, and where the test backend answers for them. */
const BACKENDS: Array<[RegExp, string]> = [
  // A CMS page's backend elsewhere, which allows the page's origin: here, the test backend.
  [/https:\/\/shop\.example\.com\/api\/leap\//g, '/api/leap/'],
  // The partner's own session route (server-to-server), which forwards the backend's session.
  [/"\/leap\/session"/g, '"/partner/leap-session"'],
];

/** What a snippet is as rendered here. */
function localized(text: string): string {
  let out = text.replace(CDN_TAG, '').replace(CDN_PRELOAD, '');
  for (const [pattern, local] of BACKENDS) out = out.replace(pattern, local);
  return out;
}

/** An address the mock knows, by the `autocomplete` token or `data-leap-address` marker of a page form's field. */
const BEND: Record<string, string> = {
  'address-line1': '456 Main St',
  'address-level2': 'Bend',
  'address-level1': 'OR',
  'postal-code': '97701',
  'street-1': '456 Main St',
  city: 'Bend',
  state: 'OR',
};

function fillPageForm(form: HTMLElement): void {
  for (const control of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')) {
    const named = `${control.getAttribute('autocomplete') ?? ''} ${control.dataset.leapAddress ?? ''}`.split(/\s+/);
    const token = Object.keys(BEND).find((name) => named.includes(name));
    if (!token) continue;
    control.value = BEND[token]!;
    control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  }
}

type Updating = HTMLElement & { updateComplete: Promise<unknown>; url?: string | null };

/** Resolves once `el` has done what the snippet makes it do (an answer, its session, its first render). */
async function settled(el: Updating, root: HTMLElement): Promise<void> {
  await customElements.whenDefined(el.localName);
  const endpoint = el.getAttribute('session-endpoint');
  switch (el.localName) {
    case 'leap-incentive-checker': {
      const formId = el.getAttribute('address-form');
      if (!el.hasAttribute('auto-check') && !formId) break;
      const outcome = Promise.race([oneEvent(el, 'leap-result'), oneEvent(el, 'leap-error')]);
      if (formId) fillPageForm(root.querySelector<HTMLElement>(`#${formId}`)!);
      await outcome;
      break;
    }
    case 'leap-enrollment-status':
    case 'leap-application-status':
      await Promise.race([
        oneEvent(el, el.localName === 'leap-application-status' ? 'leap-applications' : 'leap-meters'),
        oneEvent(el, 'leap-error'),
      ]);
      break;
    default:
      if (endpoint)
        await sessionClientFor(endpoint)
          .get()
          .catch(() => {});
  }
  await el.updateComplete;
}

/** Every visible setup or error message in the elements' shadow roots. */
function shownProblems(root: HTMLElement): string[] {
  return [...root.querySelectorAll<HTMLElement>('*')]
    .filter((el) => el.localName.startsWith('leap-') && el.shadowRoot)
    .flatMap((el) =>
      [...el.shadowRoot!.querySelectorAll('[part~="error"]')].map((node) => `<${el.localName}>: ${node.textContent}`),
    );
}

describe('every HTML snippet in the README and docs/ works as printed', () => {
  afterEach(() => {
    clearSessions();
    expectNoLitWarnings();
  });

  it('finds the snippets (the README alone has seven)', () => {
    expect(snippets.filter((s) => s.file === 'README.md').length).to.be.at.least(7);
  });

  for (const snippet of snippets) {
    it(`${snippet.file}:${snippet.line}`, async () => {
      const text = localized(snippet.html);
      const unknown = [...text.matchAll(/(?:session-endpoint|api-base)="(https?:[^"]+)"/g)].map((m) => m[1]);
      expect(unknown, 'backend URLs this test does not map to the test backend').to.deep.equal([]);

      const root = await fixture<HTMLElement>(html`<div></div>`);
      const template = document.createElement('template');
      template.innerHTML = text;
      const errors: LeapErrorDetail[] = [];
      root.addEventListener('leap-error', (event) => errors.push((event as CustomEvent<LeapErrorDetail>).detail));
      const elements = [...template.content.querySelectorAll<Updating>('*')].filter((el) =>
        el.localName.startsWith('leap-'),
      );
      root.append(template.content);
      await Promise.all(elements.map((el) => settled(el, root)));

      expect(errors.map((e) => `${e.code}: ${e.message}`)).to.deep.equal([]);
      expect(shownProblems(root)).to.deep.equal([]);
      for (const button of elements.filter((el) => el.localName === 'leap-connect-button')) {
        expect(button.url, 'the connect button offers its link').to.be.a('string');
      }
    });
  }

  it('an integrity placeholder the docs print, copied as it is, is refused by the browser (never skipped)', async () => {
    const placeholders = new Set(snippets.flatMap((s) => [...s.html.matchAll(/"(sha384-[^"]*)"/g)].map((m) => m[1]!)));
    expect(placeholders.size, 'the docs print a placeholder').to.be.greaterThan(0);
    const load = (integrity?: string) =>
      new Promise<string>((resolve) => {
        const script = document.createElement('script');
        script.type = 'module';
        // Any module this server has: only whether the browser runs it matters.
        script.src = `/src/core/utilities.ts?${integrity ?? 'none'}`;
        if (integrity) script.integrity = integrity;
        script.onload = () => resolve('ran');
        script.onerror = () => resolve('refused');
        document.head.append(script);
      });
    expect(await load(), 'the control, without integrity').to.equal('ran');
    for (const placeholder of placeholders) expect(await load(placeholder), placeholder).to.equal('refused');
  });
});
