/**
 * A host page's inherited text styles (a starter template's `text-align: center`, a theme's letter-spacing,
 * `white-space: pre`, a tall line-height, upper-case headings) must not reach the elements' layout: each element resets
 * them at `:host`. Colours and the font family still inherit, as the theming contract says.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import { clearSessions } from '../../src/elements/shared/session.js';

const HOSTILE =
  'text-align: center; letter-spacing: 0.3em; word-spacing: 1em; white-space: pre; line-height: 4; text-transform: uppercase; text-indent: 3em; font-family: Georgia, serif';

/** The computed text styles of an element inside the shadow root. */
function textStyles(node: Element) {
  const style = getComputedStyle(node);
  return {
    textAlign: style.textAlign,
    letterSpacing: style.letterSpacing,
    wordSpacing: style.wordSpacing,
    whiteSpace: style.whiteSpace,
    textTransform: style.textTransform,
    textIndent: style.textIndent,
  };
}

const NEUTRAL = {
  textAlign: 'start',
  letterSpacing: 'normal',
  wordSpacing: '0px',
  whiteSpace: 'normal',
  textTransform: 'none',
  textIndent: '0px',
};

describe('host page styles do not leak into the elements', () => {
  afterEach(() => clearSessions());

  it('every element resets inherited text layout at :host, and keeps the page font', async () => {
    const page = await fixture(
      html`<div style=${HOSTILE}>
        <leap-incentive-checker session-endpoint="/api/leap/session" device-ids="123"></leap-incentive-checker>
        <leap-connect-button org="acme" utility="pge" ref-id="c-1"></leap-connect-button>
        <leap-application-status session-endpoint="/api/leap/session?as=demo-customer"></leap-application-status>
        <leap-enrollment-status
          session-endpoint="/api/leap/session?as=demo-customer"
          meter-id="3fa85f64-5717-4562-b3fc-2c963f66afa6"
        ></leap-enrollment-status>
        <leap-connect-return url="https://shop.test/thanks?refId=c-1"></leap-connect-return>
      </div>`,
    );
    const loaded = [
      oneEvent(page.querySelector('leap-application-status')!, 'leap-applications'),
      oneEvent(page.querySelector('leap-enrollment-status')!, 'leap-status'),
    ];
    await Promise.all(loaded);
    for (const el of page.querySelectorAll<HTMLElement & { updateComplete: Promise<unknown> }>('*')) {
      await el.updateComplete;
      const inner = el.shadowRoot!.querySelector('p, a, h2, label, span')!;
      expect(textStyles(inner), el.localName).to.deep.equal(NEUTRAL);
      expect(getComputedStyle(inner).fontFamily, `${el.localName} inherits the page font`).to.contain('Georgia');
      expect(parseFloat(getComputedStyle(inner).lineHeight) / parseFloat(getComputedStyle(inner).fontSize)).to.be.below(
        2,
      );
    }
  });

  it('the checker’s form keeps its layout: labels and inputs start at the left edge', async () => {
    const page = await fixture(
      html`<div style=${HOSTILE}>
        <leap-incentive-checker session-endpoint="/api/leap/session" device-ids="123"></leap-incentive-checker>
      </div>`,
    );
    const el = page.querySelector('leap-incentive-checker')!;
    await el.updateComplete;
    const label = el.shadowRoot!.querySelector('label')!;
    const field = label.parentElement!;
    expect(Math.abs(label.getBoundingClientRect().left - field.getBoundingClientRect().left)).to.be.below(1);
  });
});
