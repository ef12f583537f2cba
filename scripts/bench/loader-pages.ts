/**
 * The CDN loader in headless Chromium: each element's define → first frame on a 4× throttled CPU, through the loader
 * and from the single file (the peer), and the layout shift while an element's file is on its way, with the
 * reserved-space CSS the docs give and without it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  afterFirstRender,
  attrs,
  chromiumLaunch,
  headScript,
  page,
  PAINT_CASES,
  startPageServer,
  watchErrors,
  type PaintCase,
} from './bench-page.js';
import { RESERVED_SPACE } from './reserved-space.js';
import { median, ms, verdict, type BenchOptions, type Row, type SectionReport } from './stats.js';

/** How the CPU is slowed for the first-frame figures (Chrome DevTools' "4× slowdown", a mid-range phone). */
const THROTTLE = 4;
/** How long each element file is held back in the layout-shift pages: a slow network. */
const FILE_DELAY_MS = 300;

type Source = 'loader' | 'single';

/** The loader snippet's shape (docs/embedding.md): preload the loader and ReactiveElement, run the loader. */
const LOADER_HEAD =
  '<link rel="modulepreload" href="/cdn/loader.js"><link rel="modulepreload" href="/cdn/chunks/reactive-element.js">' +
  '<script type="module" src="/cdn/loader.js"></script>';

function framePage(c: PaintCase, source: Source): string {
  const script = source === 'loader' ? LOADER_HEAD : '<script type="module" src="/leap-elements.js"></script>';
  return page(
    c.tag,
    headScript(c.tag) + script,
    `<main><${c.tag} ${attrs(c.attributes)}></${c.tag}></main>
${afterFirstRender(c.tag)}`,
  );
}

function shiftPage(c: PaintCase, reserved: boolean): string {
  const css = reserved ? `<style>${c.tag} { ${RESERVED_SPACE[c.tag]} }</style>` : '';
  return page(
    c.tag,
    headScript(c.tag) + css + LOADER_HEAD,
    `<main><h1>Your account</h1><p>Thanks for choosing us. Here is where things stand.</p>
<${c.tag} ${attrs(c.attributes)}></${c.tag}>
<p id="after">Questions? Reply to your confirmation email or call us any weekday from 8 am to 6 pm.</p></main>
<script>__bench.afterBefore = document.getElementById('after').getBoundingClientRect().top;</script>
${afterFirstRender(c.tag)}
<script type="module">
const el = document.querySelector(${JSON.stringify(c.tag)});
await customElements.whenDefined(${JSON.stringify(c.tag)});
await el.updateComplete;
requestAnimationFrame(() => {
  __bench.afterAtFrame = document.getElementById('after').getBoundingClientRect().top;
  __bench.heightAtFrame = el.getBoundingClientRect().height;
});
</script>`,
  );
}

/** Every file under `dir`, by the path the pages use (`/cdn/...`). */
function cdnScripts(loaderDir: string, cdnFile: string): Map<string, Buffer> {
  const scripts = new Map<string, Buffer>([['/leap-elements.js', readFileSync(cdnFile)]]);
  for (const entry of readdirSync(loaderDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = join(entry.parentPath, entry.name);
    scripts.set(`/cdn/${relative(loaderDir, file).split(sep).join('/')}`, readFileSync(file));
  }
  return scripts;
}

async function openThrottled(browser: Browser, url: string, errors: string[]): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  watchErrors(p, errors);
  const cdp = await p.context().newCDPSession(p);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  await p.goto(url, { waitUntil: 'load' });
  await p.waitForFunction(() => window.__bench.raf2 !== undefined && window.__bench.framed !== undefined, null, {
    timeout: 20_000,
  });
  return p;
}

interface Frames {
  /** define() → the frame that shows the element. */
  frame: number[];
  /** Navigation → that frame: requests, script and render. */
  shown: number[];
}

async function measureFrames(
  browser: Browser,
  base: string,
  c: PaintCase,
  source: Source,
  loads: number,
  errors: string[],
) {
  const out: Frames = { frame: [], shown: [] };
  for (let i = 0; i < loads + 1; i++) {
    const p = await openThrottled(browser, `${base}/frame/${source}/${c.tag}`, errors);
    const b = await p.evaluate(() => window.__bench);
    await p.close();
    if (i === 0) continue; // warms the server and the browser's process pool
    out.frame.push(b.framed! - b.defineStart!);
    out.shown.push(b.framed!);
  }
  return out;
}

interface Shift {
  cls: number[];
  /** How far the paragraph below moved from before the element was defined to its first frame (px). */
  moved: number[];
  /** The element's height at its first frame (px). */
  height: number[];
}

async function measureShift(
  browser: Browser,
  base: string,
  c: PaintCase,
  reserved: boolean,
  loads: number,
  errors: string[],
) {
  const out: Shift = { cls: [], moved: [], height: [] };
  for (let i = 0; i < loads; i++) {
    const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    watchErrors(p, errors);
    await p.goto(`${base}/shift/${reserved ? 'reserved' : 'none'}/${c.tag}`, { waitUntil: 'load' });
    await p.waitForFunction(
      () => window.__bench.raf2 !== undefined && window.__bench.afterAtFrame !== undefined,
      null,
      {
        timeout: 20_000,
      },
    );
    const b = await p.evaluate(() => window.__bench);
    await p.close();
    // Shifts up to the element's first frame: what loading its file causes, not the data it shows later.
    const untilFrame = b.shifts.filter((s) => !s.hadRecentInput && s.start <= b.framed!);
    out.cls.push(untilFrame.reduce((sum, s) => sum + s.value, 0));
    out.moved.push(b.afterAtFrame! - b.afterBefore!);
    out.height.push(b.heightAtFrame!);
  }
  return out;
}

export async function runLoaderBrowser(
  { quick, log }: BenchOptions,
  loaderDir: string,
  cdnFile: string,
): Promise<SectionReport> {
  const { executablePath, args } = await chromiumLaunch(log);
  const reservable = PAINT_CASES.filter((c) => RESERVED_SPACE[c.tag]);
  const pages = new Map<string, string>();
  for (const c of PAINT_CASES) {
    pages.set(`/frame/loader/${c.tag}`, framePage(c, 'loader'));
    pages.set(`/frame/single/${c.tag}`, framePage(c, 'single'));
  }
  for (const c of reservable) {
    pages.set(`/shift/reserved/${c.tag}`, shiftPage(c, true));
    pages.set(`/shift/none/${c.tag}`, shiftPage(c, false));
  }
  // Element files are held back only while the layout-shift pages run.
  let holding = false;
  const server = await startPageServer({
    pages,
    scripts: cdnScripts(loaderDir, cdnFile),
    delayMs: (path) => (holding && path.startsWith('/cdn/elements/') ? FILE_DELAY_MS : 0),
  });
  const browser = await chromium.launch({ executablePath, headless: true, args });
  const errors: string[] = [];
  const loads = quick ? 3 : 10;
  const rows: Row[] = [];
  try {
    for (const c of PAINT_CASES) {
      log(`loader: <${c.tag}> define → first frame at ${THROTTLE}× CPU, loader and single file, ${loads} loads each`);
      const viaLoader = await measureFrames(browser, server.url, c, 'loader', loads, errors);
      const single = await measureFrames(browser, server.url, c, 'single', loads, errors);
      rows.push({
        section: 'Browser',
        figure: `<${c.tag}> through the loader, ${THROTTLE}× CPU: define → first frame (median of ${viaLoader.frame.length})`,
        measured: `${ms(median(viaLoader.frame), 1)}; page open → element shown ${ms(median(viaLoader.shown), 0)}`,
        target: '— (reported)',
        verdict: 'info',
        baseline: `single file: ${ms(median(single.frame), 1)}; page open → shown ${ms(median(single.shown), 0)}`,
      });
    }
    holding = true;
    for (const c of reservable) {
      log(`loader: <${c.tag}> layout shift while its file loads (held ${FILE_DELAY_MS} ms), ${loads} loads`);
      const reserved = await measureShift(browser, server.url, c, true, loads, errors);
      const none = await measureShift(browser, server.url, c, false, loads, errors);
      const worst = Math.max(...reserved.cls);
      rows.push({
        section: 'Browser',
        figure: `<${c.tag}> through the loader, file held ${FILE_DELAY_MS} ms, reserved space as documented: layout shift until its first frame (${loads} loads)`,
        measured: `CLS ${worst.toFixed(4)} (worst); paragraph below moved ${Math.max(...reserved.moved.map(Math.abs)).toFixed(0)} px; element ${Math.max(...reserved.height).toFixed(0)} px tall at its first frame`,
        target: '0',
        verdict: verdict(worst < 0.0005),
        baseline: `without the reserved space: CLS ${Math.max(...none.cls).toFixed(4)}, moved ${Math.max(...none.moved.map(Math.abs)).toFixed(0)} px; the element's own height ${Math.max(...none.height).toFixed(0)} px`,
      });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  if (errors.length) throw new Error(`loader pages reported errors:\n${[...new Set(errors)].join('\n')}`);

  return {
    rows,
    notes: [
      `Loader pages: headless Chromium, viewport 1280 × 900, CPU slowed ${THROTTLE}× with the DevTools protocol ` +
        '(`Emulation.setCPUThrottlingRate`), every file served `no-store` from 127.0.0.1 (so the network costs almost ' +
        "nothing and the figures are script and rendering). The loader page has the snippet's shape: modulepreload for " +
        'loader.js and ReactiveElement, then the loader; the peer page loads dist/cdn/leap-elements.js. The first load of ' +
        'each page is dropped. "Define → first frame" runs from the element\'s `customElements.define` to the frame that ' +
        'shows it; "page open → shown" from navigation start to that frame.',
      `Layout shift: an account-style page with a heading, a paragraph, the element and a paragraph below it; every ` +
        `element file is held back ${FILE_DELAY_MS} ms. With the reserved-space CSS of docs/embedding.md ` +
        `(${Object.entries(RESERVED_SPACE)
          .map(([tag, css]) => `\`${tag} { ${css} }\``)
          .join(
            ', ',
          )}) and without it. Shifts are counted from navigation to the element's first frame: what loading ` +
        "the file causes, not what the element shows once its data arrives (the checker's results: the rows above).",
    ],
  };
}
