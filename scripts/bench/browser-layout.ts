/** What a customer sees move or grow: layout shift when the answer arrives, heap after mount/unmount cycles. */
import { chromium, type Browser } from 'playwright-core';
import { watchErrors } from './bench-page.js';
import { BEND, CHECKER } from './browser-pages.js';
import type { LitLike } from './browser-render.js';

/** CLS with auto-check: the answer is held back 300 ms (as a network would) so the loading state is painted first. */
export async function measureCls(browser: Browser, base: string, loads: number, errors: string[]) {
  const cases = [
    { name: 'bend', label: 'full answer (Bend, $750)' },
    { name: 'portland', label: 'zero answer (Portland 97204)' },
    { name: 'error', label: 'error answer (address not found)' },
  ];
  const out: Array<{
    label: string;
    results: number[];
    total: number[];
    moved: number[];
    outcome: string;
    inView: boolean;
  }> = [];
  for (const c of cases) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
    await context.route('**/api/leap/incentives', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await route.continue();
    });
    const entry = {
      label: c.label,
      results: [] as number[],
      total: [] as number[],
      moved: [] as number[],
      outcome: '',
      inView: true,
    };
    for (let i = 0; i < loads; i++) {
      const p = await context.newPage();
      // The error case answers 400 on purpose; the browser logs it.
      watchErrors(p, errors, c.name === 'error' ? /status of 400/ : undefined);
      await p.goto(`${base}/cls/${c.name}`, { waitUntil: 'load' });
      await p.waitForFunction(
        () => window.__bench.outcome !== undefined && window.__bench.readyAt !== undefined,
        null,
        {
          timeout: 15_000,
        },
      );
      await p.waitForTimeout(500); // a few frames for the last shifts to be reported
      const b = await p.evaluate(() => ({
        ...window.__bench,
        afterTop: document.getElementById('after')!.getBoundingClientRect().top,
        viewport: innerHeight,
      }));
      await p.close();
      const counted = b.shifts.filter((s) => !s.hadRecentInput);
      entry.total.push(counted.reduce((sum, s) => sum + s.value, 0));
      entry.results.push(counted.filter((s) => s.start >= b.readyAt!).reduce((sum, s) => sum + s.value, 0));
      entry.moved.push(b.afterTop - b.afterTopAtReady!);
      entry.outcome = b.outcome!;
      entry.inView = entry.inView && b.afterTop < b.viewport;
    }
    await context.close();
    out.push(entry);
  }
  return out;
}

/**
 * 1,000 mount/unmount cycles; heap after forced GC (CDP), before and after. Measured on a second round: the first one
 * (after a short warm-up) lets V8 finish optimising, whose code and feedback also live on the heap and are paid once.
 */
export async function measureHeap(
  executablePath: string,
  args: string[],
  base: string,
  cycles: number,
  errors: string[],
) {
  const browser = await chromium.launch({ executablePath, headless: true, args: [...args, '--js-flags=--expose-gc'] });
  try {
    const context = await browser.newContext();
    const p = await context.newPage();
    watchErrors(p, errors);
    await p.goto(`${base}/blank`, { waitUntil: 'load' });
    await p.waitForFunction(() => customElements.get('leap-incentive-checker') !== undefined);
    const cdp = await context.newCDPSession(p);
    const heap = async () => {
      for (let i = 0; i < 3; i++) {
        await p.evaluate(() => window.gc?.());
        await cdp.send('HeapProfiler.collectGarbage');
      }
      const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      return usage.usedSize;
    };
    const run = (tag: string, attributes: Record<string, string>, n: number) =>
      p.evaluate(
        async ({ tag, attributes, n }) => {
          const host = document.getElementById('host')!;
          for (let i = 0; i < n; i++) {
            const el = document.createElement(tag) as LitLike;
            for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
            host.append(el);
            await el.updateComplete;
            el.remove();
          }
        },
        { tag, attributes, n },
      );
    const cases: Array<[string, Record<string, string>]> = [
      ['leap-connect-button', { org: 'bench-org', flow: 'bench-flow', 'ref-id': 'customer-42' }],
      [CHECKER, { 'session-endpoint': '/api/leap/session', 'device-ids': '123', ...BEND }],
    ];
    const out: Array<{ tag: string; before: number; after: number; growth: number }> = [];
    // Work the elements left for idle time (formatter warm-up) has run before each reading.
    const idle = () => p.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve())));
    for (const [tag, attributes] of cases) {
      await run(tag, attributes, 100 + cycles); // warm-up: templates, styles and JIT are one-time costs
      await idle();
      const before = await heap();
      await run(tag, attributes, cycles);
      await idle();
      const after = await heap();
      out.push({ tag, before, after, growth: after - before });
    }
    return out;
  } finally {
    await browser.close();
  }
}
