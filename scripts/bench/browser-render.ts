/** Rendering in Chromium: define → first frame and long tasks, the page's first Intl formatter, a 50 × 4 result. */
import { type Browser } from 'playwright-core';
import { PAINT_CASES, watchErrors } from './bench-page.js';
import { CHECKER, syntheticResult } from './browser-pages.js';

export type LitLike = HTMLElement & { updateComplete: Promise<boolean>; check(): Promise<unknown>; lang: string };

/** Define → first frame, long tasks: one fresh page per load. */
export async function measurePaint(browser: Browser, base: string, loads: number, errors: string[]) {
  const results: Array<{
    tag: string;
    frame: number[];
    doubleRaf: number[];
    fcp: number[];
    define: number[];
    longtasks: number[];
    /** Long tasks by when they started: before define (loading the bundle), until the first frame, after it. */
    phases: { load: number; render: number; after: number };
    /** From the bundle downloaded (or the previous module script done) to its first define: evaluating the bundle. */
    evaluate: number[];
  }> = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  for (const c of PAINT_CASES) {
    const entry = {
      tag: c.tag,
      frame: [] as number[],
      doubleRaf: [] as number[],
      fcp: [] as number[],
      define: [] as number[],
      longtasks: [] as number[],
      phases: { load: 0, render: 0, after: 0 },
      evaluate: [] as number[],
    };
    for (let i = 0; i < loads + 1; i++) {
      const p = await context.newPage();
      watchErrors(p, errors);
      await p.goto(`${base}/paint/${c.tag}`, { waitUntil: 'load' });
      await p.waitForFunction(() => window.__bench.raf2 !== undefined && window.__bench.framed !== undefined);
      // Let the load settle (status elements fetch their data) so its long tasks are counted too, and then wait for the
      // page to go idle twice: work the elements leave for idle time (their Intl formatters) is counted as well.
      await p.waitForTimeout(c.attributes['session-endpoint'] ? 150 : 50);
      for (let idle = 0; idle < 2; idle++) {
        await p.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 })));
      }
      await p.waitForTimeout(50);
      const b = await p.evaluate(() => {
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
        const resource = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/leap-elements.js')) as
          PerformanceResourceTiming | undefined;
        return { ...window.__bench, fcp, bundleFetched: resource?.responseEnd ?? 0 };
      });
      await p.close();
      if (i === 0) continue; // the first load warms the server and the browser's process pool
      const start = b.defineStart!;
      entry.frame.push(b.framed! - start);
      entry.doubleRaf.push(b.raf2! - start);
      entry.define.push(b.defineEnd! - start);
      if (b.fcp >= start) entry.fcp.push(b.fcp - start);
      entry.longtasks.push(...b.longtasks.map((t) => t.duration));
      if (b.beforeBundle !== undefined && b.firstDefine !== undefined) {
        entry.evaluate.push(b.firstDefine - Math.max(b.beforeBundle, b.bundleFetched));
      }
      for (const t of b.longtasks) {
        if (t.start < start) entry.phases.load += 1;
        else if (t.start < b.framed!) entry.phases.render += 1;
        else entry.phases.after += 1;
      }
    }
    results.push(entry);
  }
  await context.close();
  return results;
}

/**
 * The peer for the long-task figures: what a fresh page without leap-elements spends on its first `Intl` formatter
 * (Chromium loads ICU locale data on first use). Any page that shows a formatted date or amount pays it once.
 */
export async function measureFirstIntl(
  browser: Browser,
  base: string,
  loads: number,
  errors: string[],
): Promise<number[]> {
  const context = await browser.newContext();
  const times: number[] = [];
  for (let i = 0; i < loads + 1; i++) {
    const p = await context.newPage();
    watchErrors(p, errors);
    await p.goto(`${base}/plain`, { waitUntil: 'load' });
    const t = await p.evaluate(
      `(() => { const t0 = performance.now(); new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(new Date()); return performance.now() - t0; })()`,
    );
    await p.close();
    if (i > 0) times.push(t as number);
  }
  await context.close();
  return times;
}

/** 50 × 4 result: response → rendered DOM, and re-renders after a language switch. */
export async function measureRender(browser: Browser, base: string, loads: number, errors: string[]) {
  const body = JSON.stringify(syntheticResult());
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route('**/api/leap/incentives', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body }),
  );
  const first: number[] = [];
  const renderOnly: number[] = [];
  const rerender: number[] = [];
  const expandAll: number[] = [];
  const expandUpdate: number[] = [];
  const expandedRerender: number[] = [];
  let shape = { programs: 0, collapsedTiers: -1, tiers: 0, spanish: false, propertySwitches: false };
  for (let i = 0; i < loads + 1; i++) {
    const p = await context.newPage();
    watchErrors(p, errors);
    await p.goto(`${base}/render`, { waitUntil: 'load' });
    const r = await p.evaluate(async (tag) => {
      await customElements.whenDefined(tag);
      const el = document.querySelector(tag) as LitLike;
      await el.updateComplete;
      const nativeFetch = window.fetch;
      let responseAt = Number.NaN;
      window.fetch = async (input, init) => {
        const response = await nativeFetch(input, init);
        const url = input instanceof Request ? input.url : String(input);
        if (url.endsWith('/incentives')) responseAt = performance.now();
        return response;
      };
      let renderedAt = Number.NaN;
      // leap-result is dispatched from updated(): the DOM already shows the result.
      el.addEventListener('leap-result', () => (renderedAt = performance.now()), { once: true });
      // Time spent in the element's update() (render + DOM commit), to split the total.
      const updates: number[] = [];
      const host = el as unknown as { update(changed: unknown): void };
      const nativeUpdate = host.update;
      host.update = function (this: unknown, changed: unknown) {
        const t0 = performance.now();
        nativeUpdate.call(this, changed);
        updates.push(performance.now() - t0);
      };
      await el.check();
      await el.updateComplete;
      if (Number.isNaN(renderedAt)) renderedAt = performance.now();
      const renderOnly = updates.length ? Math.max(...updates) : Number.NaN;
      const root = el.shadowRoot!;
      const programs = root.querySelectorAll('[part~="program"]').length;
      const collapsedTiers = root.querySelectorAll('[part~="tier"]').length;
      const english = root.textContent ?? '';
      const again: number[] = [];
      let spanish = false;
      // The attribute, not the property: render() reads the lang attribute, which a property set reflects only
      // after rendering (see the notes).
      for (const lang of ['es', 'en', 'es', 'en']) {
        const t0 = performance.now();
        el.setAttribute('lang', lang);
        await el.updateComplete;
        again.push(performance.now() - t0);
        if (lang === 'es') spanish = (root.textContent ?? '') !== english;
      }
      // The property path, once, for the record: does the text change?
      el.lang = 'es';
      await el.updateComplete;
      const propertySwitches = (root.textContent ?? '') !== english;
      el.lang = 'en';
      await el.updateComplete;
      // Every program opened at once: one update renders all 200 tiers.
      updates.length = 0;
      const t0 = performance.now();
      for (const toggle of root.querySelectorAll<HTMLElement>('[part~="program-toggle"]')) toggle.click();
      await el.updateComplete;
      const expandAll = performance.now() - t0;
      const expandUpdate = updates.length ? Math.max(...updates) : Number.NaN;
      const tiers = root.querySelectorAll('[part~="tier"]').length;
      const expandedAgain: number[] = [];
      for (const lang of ['es', 'en']) {
        const t1 = performance.now();
        el.setAttribute('lang', lang);
        await el.updateComplete;
        expandedAgain.push(performance.now() - t1);
      }
      return {
        first: renderedAt - responseAt,
        renderOnly,
        again,
        programs,
        collapsedTiers,
        tiers,
        expandAll,
        expandUpdate,
        expandedAgain,
        spanish,
        propertySwitches,
      };
    }, CHECKER);
    await p.close();
    if (i === 0) continue;
    first.push(r.first);
    renderOnly.push(r.renderOnly);
    rerender.push(...r.again);
    expandAll.push(r.expandAll);
    expandUpdate.push(r.expandUpdate);
    expandedRerender.push(...r.expandedAgain);
    shape = {
      programs: r.programs,
      collapsedTiers: r.collapsedTiers,
      tiers: r.tiers,
      spanish: r.spanish,
      propertySwitches: r.propertySwitches,
    };
  }
  await context.close();
  return { first, renderOnly, rerender, expandAll, expandUpdate, expandedRerender, shape };
}
