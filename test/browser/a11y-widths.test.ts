/**
 * Narrow and wide containers: the elements lay out by their own width (container queries). Meter cards fit from
 * 240 px, also with WCAG 1.4.12 text spacing; application steps never spill out of their columns or into each other
 * from 280 px to 1280 px, in English and Spanish; a declined or withdrawn application reads as such in colour, icon
 * and words.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { LitElement } from 'lit';
import '../../src/define.js';
import { CROSS } from '../../src/elements/shared/icon-paths.js';
import { clearSessions } from '../../src/elements/shared/session.js';
import { axeClean } from './harness/axe.js';
import { expectNoLitWarnings, stubFetch } from './helpers.js';

const DEMO = '/api/leap/session?as=demo-customer';
const METER = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

/** WCAG 1.4.12's text spacing, as the usual bookmarklet sets it (for the page and inside the shadow root). */
const TEXT_SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }`;

async function load(markup: string, event: string, width: number): Promise<{ el: LitElement; box: HTMLElement }> {
  const box = await fixture<HTMLElement>(html`<div style="width: ${width}px"></div>`);
  box.innerHTML = markup;
  const el = box.firstElementChild as LitElement;
  await oneEvent(el, event);
  do await el.updateComplete;
  while (el.isUpdatePending);
  return { el, box };
}

/** Everything in `el`'s shadow root that reaches past its left or right edge, described. */
function overflowing(el: Element): string[] {
  const edge = el.getBoundingClientRect();
  const out: string[] = [];
  for (const node of el.shadowRoot!.querySelectorAll('*')) {
    // Read, not seen: clipped to one pixel on purpose.
    if (node.closest('.visually-hidden')) continue;
    for (const rect of node.getClientRects()) {
      if (rect.width === 0) continue;
      if (rect.left < edge.left - 0.5 || rect.right > edge.right + 0.5) {
        out.push(
          `${node.localName}.${node.getAttribute('class') ?? ''} ${rect.left.toFixed(0)}–${rect.right.toFixed(0)}`,
        );
      }
    }
    if (node instanceof HTMLElement && node.scrollWidth > node.clientWidth + 1 && node.clientWidth > 0) {
      out.push(`${node.localName}.${node.getAttribute('class') ?? ''} scrolls sideways`);
    }
  }
  return out;
}

function spaceText(el: Element): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(TEXT_SPACING);
  el.shadowRoot!.adoptedStyleSheets = [...el.shadowRoot!.adoptedStyleSheets, sheet];
}

describe('narrow and wide containers', () => {
  afterEach(() => {
    clearSessions();
    expectNoLitWarnings();
  });

  for (const spacing of [false, true]) {
    it(`meter cards fit <leap-enrollment-status> down to 240 px${spacing ? ', with WCAG 1.4.12 text spacing' : ''}`, async () => {
      const single = await load(
        `<leap-enrollment-status session-endpoint="${DEMO}" meter-id="${METER}"></leap-enrollment-status>`,
        'leap-status',
        240,
      );
      const list = await load(
        `<leap-enrollment-status session-endpoint="${DEMO}"></leap-enrollment-status>`,
        'leap-meters',
        240,
      );
      for (const { el, box } of [single, list]) {
        expect(el.shadowRoot!.querySelector('[part="badge"]'), 'a meter is shown').to.exist;
        if (spacing) spaceText(el);
        for (const width of [240, 272, 320]) {
          box.style.width = `${width}px`;
          expect(el.getBoundingClientRect().width).to.equal(width);
          expect(overflowing(el), `${width} px`).to.deep.equal([]);
        }
      }
      await axeClean(single.el, 'a meter card at 320 px');
    });
  }

  for (const lang of ['en', 'es']) {
    it(`application steps never overflow from 280 px to 1280 px (${lang})`, async () => {
      const { el, box } = await load(
        `<leap-application-status lang="${lang}" session-endpoint="${DEMO}"></leap-application-status>`,
        'leap-applications',
        280,
      );
      const lists = [...el.shadowRoot!.querySelectorAll('[part="steps"]')];
      expect(lists.length, 'applications with steps').to.be.above(3);
      for (let width = 280; width <= 1280; width += 40) {
        box.style.width = `${width}px`;
        const problems = overflowing(el);
        for (const list of lists) {
          const steps = [...list.querySelectorAll<HTMLElement>('[part="step"]')].map((step) =>
            step.getBoundingClientRect(),
          );
          steps.forEach((step, i) => {
            const label = list.querySelectorAll('.label')[i]!.getBoundingClientRect();
            if (label.left < step.left - 0.5 || label.right > step.right + 0.5) problems.push(`label ${i} spills`);
            const next = steps[i + 1];
            const sameRow = next && next.top < step.bottom - 0.5 && step.top < next.bottom - 0.5;
            if (sameRow && next.left < step.right - 0.5) problems.push(`step ${i} runs into step ${i + 1}`);
          });
        }
        expect(problems, `${width} px`).to.deep.equal([]);
      }
      expect(getComputedStyle(lists[0]!).gridTemplateColumns.split(' ').length, 'six columns at 1280 px').to.equal(6);
    });
  }

  it('a declined or withdrawn application reads as such in colour, icon and words, never all green', async () => {
    const stub = stubFetch((url) =>
      url.includes('/session')
        ? Response.json({ token: 't', reference_id: 'r' })
        : Response.json({
            next_page_token: null,
            results: ['approved', 'rejected', 'withdrawn'].map((status, id) => ({ id, program_id: 1, status })),
          }),
    );
    const { el } = await load(
      `<leap-application-status session-endpoint="/s/session"></leap-application-status>`,
      'leap-applications',
      900,
    ).finally(() => stub.restore());
    const application = (status: string) =>
      el.shadowRoot!.querySelector<HTMLElement>(`[part="application"][data-status="${status}"]`)!;
    const approved = application('approved');
    const green = getComputedStyle(approved.querySelector('[part="step"][data-state="done"]')!).borderTopColor;
    const approvedEnd = approved.querySelector('[aria-current="step"]')!;
    for (const [status, words] of [
      ['rejected', 'Not approved'],
      ['withdrawn', 'Withdrawn'],
    ] as const) {
      const ended = application(status);
      expect(ended, status).to.exist;
      const end = ended.querySelector<HTMLElement>('[aria-current="step"]')!;
      expect(end.textContent, `${status}: words`).to.contain(words);
      expect(end.querySelector('svg path')!.getAttribute('d'), `${status}: a cross on the last step`).to.equal(CROSS);
      expect(
        ended.querySelector('[part="badge"] svg path')!.getAttribute('d'),
        `${status}: a cross in the badge`,
      ).to.equal(CROSS);
      expect(getComputedStyle(end).color, `${status}: not the approved colour`).to.not.equal(
        getComputedStyle(approvedEnd).color,
      );
      expect(getComputedStyle(end).borderTopColor).to.equal(
        getComputedStyle(ended.querySelector('[part="badge"]')!).color,
      );
      for (const step of ended.querySelectorAll('[part="step"]')) {
        expect(getComputedStyle(step).borderTopColor, `${status}: no green step`).to.not.equal(green);
      }
    }
  });
});
