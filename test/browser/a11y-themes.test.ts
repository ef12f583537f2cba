/**
 * Themes that follow the host page: on a dark page that sets no `--leap-*` token, every element takes its dark theme
 * (text and surfaces set in pairs, native controls dark too) and stays axe-clean; `theme="light|dark"` wins over the
 * page; `auto` follows the page when it switches.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { LitElement } from 'lit';
import '../../src/define.js';
import { clearSessions } from '../../src/elements/shared/session.js';
import { axeClean } from './harness/axe.js';
import { CheckerHarness } from './harness/checker-harness.js';
import { contrast, minimumContrast, textColour, backgroundBehind, textElements, rgba } from './harness/contrast.js';
import { until } from './harness/until.js';
import { expectNoLitWarnings } from './helpers.js';

const NIGHT = '#121417';
const NIGHT_TEXT = '#e8eaed';
const DEMO = '/api/leap/session?as=demo-customer';
const DAVIS = { street_1: '23 Russell Blvd', city: 'Davis', state_or_province_code: 'CA', postal_code: '95616' };

/** A host page section with light text on a dark background, and no token of ours. */
async function darkPage(): Promise<HTMLElement> {
  return fixture<HTMLElement>(html`<div style="background: ${NIGHT}; color: ${NIGHT_TEXT}; padding: 1rem"></div>`);
}

async function settle(el: Element): Promise<void> {
  const lit = el as LitElement;
  do await lit.updateComplete;
  while (lit.isUpdatePending);
}

/** Every text on screen in `el` reaches WCAG AA against what is painted behind it (the page's canvas: `canvas`). */
function expectTextInPairs(el: Element, state: string, canvas: string): void {
  const root = el.shadowRoot!;
  const failures: string[] = [];
  for (const node of textElements(root)) {
    const ratio = contrast(textColour(node, canvas), backgroundBehind(node, canvas));
    if (ratio < minimumContrast(node))
      failures.push(`${ratio.toFixed(2)}:1 "${node.textContent!.trim().slice(0, 40)}"`);
  }
  for (const control of root.querySelectorAll<HTMLElement>('input:not([type="radio"]), select')) {
    const ratio = contrast(textColour(control, canvas), backgroundBehind(control, canvas));
    if (ratio < 4.5) failures.push(`${ratio.toFixed(2)}:1 in #${control.id}`);
  }
  expect(failures, `${state}: text below AA`).to.deep.equal([]);
}

function expectDark(el: Element, dark: boolean, state: string): void {
  expect(el.matches(':state(dark)'), `${state}: dark theme`).to.equal(dark);
  expect(getComputedStyle(el).colorScheme, `${state}: color-scheme`).to.equal(dark ? 'dark' : 'light');
}

/** Every element in a main state, in `parent`, each awaited until it shows that state. */
async function everyElement(parent: HTMLElement, attributes = ''): Promise<Array<[string, Element]>> {
  const make = (markup: string) => {
    const template = document.createElement('template');
    template.innerHTML = markup;
    return template.content.firstElementChild!;
  };
  const checker = CheckerHarness.build(attributes ? { theme: attributes } : {});
  await checker.connect(parent);
  const withTheme = attributes ? ` theme="${attributes}"` : '';
  const enrollment = make(
    `<leap-enrollment-status${withTheme} session-endpoint="${DEMO}" meter-id="3fa85f64-5717-4562-b3fc-2c963f66afa6"></leap-enrollment-status>`,
  );
  const applications = make(
    `<leap-application-status${withTheme} session-endpoint="${DEMO}"></leap-application-status>`,
  );
  const button = make(`<leap-connect-button${withTheme} org="acme" utility="pge" ref-id="c-1"></leap-connect-button>`);
  const thanks = make(
    `<leap-connect-return${withTheme} url="https://shop.test/thanks?refId=c-1"></leap-connect-return>`,
  );
  const loaded = [oneEvent(enrollment, 'leap-status'), oneEvent(applications, 'leap-applications')];
  parent.append(enrollment, applications, button, thanks);
  await Promise.all(loaded);
  for (const el of [enrollment, applications, button, thanks]) await settle(el);
  await checker.check(DAVIS);
  expect(checker.$$('input[type="radio"]').length, 'the checker shows its utility picker').to.be.above(1);
  return [
    ['checker with its utility picker', checker.element],
    ['enrollment status', enrollment],
    ['application status', applications],
    ['connect button', button],
    ['connect return', thanks],
  ];
}

describe('themes', () => {
  afterEach(() => {
    clearSessions();
    expectNoLitWarnings();
  });

  it('a dark page with no tokens: every element dark, text in pairs with its surface, axe-clean', async () => {
    const page = await darkPage();
    for (const [state, el] of await everyElement(page)) {
      expectDark(el, true, state);
      expectTextInPairs(el, state, NIGHT);
      await axeClean(el, `${state} on a dark page`);
    }
  });

  it('native controls follow the theme (color-scheme inside the shadow root)', async () => {
    const page = await darkPage();
    const h = CheckerHarness.build();
    await h.connect(page);
    await h.check(DAVIS);
    const controls = h.$$('input[type="radio"], select, input[type="text"], input:not([type])');
    expect(controls.length, 'radios, the select and text inputs').to.be.above(3);
    for (const control of controls) expect(getComputedStyle(control).colorScheme, control.id).to.equal('dark');
    // The select's text stays readable on the surface it paints.
    const select = h.$<HTMLSelectElement>('select')!;
    expect(contrast(getComputedStyle(select).color, backgroundBehind(select, NIGHT))).to.be.at.least(4.5);
  });

  it('theme="light" on a dark page and theme="dark" on a light page bring their own surface', async () => {
    const dark = await darkPage();
    for (const [state, el] of await everyElement(dark, 'light')) {
      expectDark(el, false, `${state}, light`);
      expect(rgba(getComputedStyle(el).backgroundColor)[3], `${state} paints its surface`).to.equal(1);
      expectTextInPairs(el, `${state}, light on a dark page`, NIGHT);
      await axeClean(el, `${state}, theme=light on a dark page`);
    }
    clearSessions();
    const light = await fixture<HTMLElement>(html`<div style="background: #ffffff; color: #1f2328"></div>`);
    for (const [state, el] of await everyElement(light, 'dark')) {
      expectDark(el, true, `${state}, dark`);
      expectTextInPairs(el, `${state}, dark on a light page`, '#ffffff');
      await axeClean(el, `${state}, theme=dark on a light page`);
    }
  });

  it('theme="auto" follows the page when it switches to dark and back', async () => {
    const style = document.createElement('style');
    style.textContent = `body.a11y-night { background: ${NIGHT}; color: ${NIGHT_TEXT}; }`;
    document.head.append(style);
    try {
      const h = await CheckerHarness.create({ theme: 'auto' });
      expectDark(h.element, false, 'a light page');
      document.body.classList.add('a11y-night');
      await until(() => h.element.matches(':state(dark)'));
      await settle(h.element);
      expectDark(h.element, true, 'the page switched to dark');
      expectTextInPairs(h.element, 'after the switch', NIGHT);
      document.body.classList.remove('a11y-night');
      await until(() => !h.element.matches(':state(dark)'));
      expectDark(h.element, false, 'the page switched back');
    } finally {
      document.body.classList.remove('a11y-night');
      style.remove();
    }
  });
});
