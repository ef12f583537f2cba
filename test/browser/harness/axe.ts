/** axe-core in the page with the WCAG 2.0, 2.1 and 2.2 A/AA rules: a state has no violation, or the test says which. */
import { expect } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import { expectPartsDocumented } from '../manifest.js';

interface AxeResult {
  violations: Array<{
    id: string;
    help: string;
    nodes: Array<{ target: unknown; html: string; failureSummary?: string }>;
  }>;
}
/** axe-core's browser build, registered on `window` when imported. */
const axe = () => (window as unknown as { axe?: { run(context: Element, options: object): Promise<AxeResult> } }).axe;

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export async function axeClean(el: Element, state: string): Promise<void> {
  if (!axe()) await import('axe-core/axe.min.js');
  const { violations } = await axe()!.run(el, { runOnly: { type: 'tag', values: WCAG_22_AA } });
  const described = violations.map(
    (v) =>
      `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${String(n.target)} ${n.html}\n  ${n.failureSummary ?? ''}`).join('\n')}`,
  );
  expect(described, `axe violations in ${state}`).to.deep.equal([]);
}

/** The element's own interactive controls (in its shadow root). */
function controls(el: Element): HTMLElement[] {
  return [
    ...el.shadowRoot!.querySelectorAll<HTMLElement>('a[href], button, input, select, [tabindex]:not([tabindex="-1"])'),
  ].filter((control) => control.getClientRects().length > 0);
}

/** The state as it is, then with each control hovered (a real mouse) and focused (the keyboard's ring). */
export async function everyInteraction(el: Element, state: string): Promise<void> {
  expectPartsDocumented(el, state);
  await axeClean(el, state);
  for (const control of controls(el)) {
    const name = `${state}, ${control.localName}${control.id ? `#${control.id}` : ''}`;
    control.scrollIntoView({ block: 'center' });
    const box = control.getBoundingClientRect();
    await sendMouse({
      type: 'move',
      position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
    });
    await axeClean(el, `${name} hovered`);
    await resetMouse();
    control.focus();
    await axeClean(el, `${name} focused`);
    control.blur();
  }
}
