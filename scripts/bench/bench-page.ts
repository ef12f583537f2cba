/**
 * What the browser benchmarks share: the pages' building blocks (the head script that records long tasks, layout
 * shifts and the measured tag's define; the first-frame probe), the five elements as a page shows them, and a small
 * `node:http` server for pages, script files and the partner backend (mock mode) at /api/leap.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { createLeapHandler } from '../../src/server/index.js';
import { toNodeListener } from '../../src/server/node.js';
import { createMockLeap } from '../../src/mock/index.js';

export const attrs = (values: Record<string, string | true>) =>
  Object.entries(values)
    .map(([name, value]) => (value === true ? name : `${name}="${value}"`))
    .join(' ');

export interface PaintCase {
  tag: string;
  attributes: Record<string, string | true>;
}

export const PAINT_CASES: PaintCase[] = [
  { tag: 'leap-connect-button', attributes: { org: 'bench-org', flow: 'bench-flow', 'ref-id': 'customer-42' } },
  { tag: 'leap-incentive-checker', attributes: { 'session-endpoint': '/api/leap/session', 'device-ids': '123' } },
  {
    tag: 'leap-enrollment-status',
    attributes: { 'session-endpoint': '/api/leap/session', 'meter-id': '3fa85f64-5717-4562-b3fc-2c963f66afa6' },
  },
  { tag: 'leap-application-status', attributes: { 'session-endpoint': '/api/leap/session' } },
  { tag: 'leap-connect-return', attributes: { url: 'https://partner.example/connected?refId=customer-42' } },
];

/** Installed before anything else: long tasks, layout shifts and the moment the measured tag is defined. */
export const headScript = (tag: string) => `<script>
window.__bench = { tag: ${JSON.stringify(tag)}, longtasks: [], shifts: [] };
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) __bench.longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch {}
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      __bench.shifts.push({ start: e.startTime, value: e.value, hadRecentInput: e.hadRecentInput });
  }).observe({ type: 'layout-shift', buffered: true });
} catch {}
const nativeDefine = CustomElementRegistry.prototype.define;
CustomElementRegistry.prototype.define = function (name, ctor, options) {
  __bench.firstDefine ??= performance.now();
  if (name !== __bench.tag) return nativeDefine.call(this, name, ctor, options);
  __bench.defineStart = performance.now();
  const result = nativeDefine.call(this, name, ctor, options);
  __bench.defineEnd = performance.now();
  return result;
};
</script>`;

/** After the element's first render: the frame that shows it (rAF, then a message posted from it) and rAF ×2. */
export const afterFirstRender = (tag: string) => `<script type="module">
const el = document.querySelector(${JSON.stringify(tag)});
await customElements.whenDefined(${JSON.stringify(tag)});
await el.updateComplete;
__bench.rendered = performance.now();
requestAnimationFrame(() => {
  __bench.raf1 = performance.now();
  const channel = new MessageChannel();
  channel.port1.onmessage = () => { __bench.framed = performance.now(); };
  channel.port2.postMessage(null);
  requestAnimationFrame(() => { __bench.raf2 = performance.now(); });
});
</script>`;

export function page(title: string, head: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title>${head}
<style>body { margin: 0; font: 16px/1.5 system-ui, sans-serif; } main { max-width: 46rem; margin: 0 auto; padding: 1rem 1.5rem; }</style>
</head><body>${body}</body></html>`;
}

export interface BenchGlobals {
  /** Loader layout-shift pages: the paragraph below the element, before it is defined and at its first frame. */
  afterBefore?: number;
  afterAtFrame?: number;
  heightAtFrame?: number;
  defineStart?: number;
  defineEnd?: number;
  rendered?: number;
  raf1?: number;
  raf2?: number;
  framed?: number;
  readyAt?: number;
  afterTopAtReady?: number;
  outcome?: string;
  outcomeAt?: number;
  longtasks: Array<{ start: number; duration: number }>;
  shifts: Array<{ start: number; value: number; hadRecentInput: boolean }>;
  /** Set by an inline module script placed just before the bundle's script tag. */
  beforeBundle?: number;
  /** The first `customElements.define` of any tag: the end of the bundle's evaluation. */
  firstDefine?: number;
}

declare global {
  interface Window {
    __bench: BenchGlobals;
    gc?: () => void;
  }
}

export function watchErrors(p: Page, errors: string[], expected?: RegExp): void {
  p.on('pageerror', (error) => errors.push(error.message));
  p.on('console', (message) => {
    if (message.type() === 'error' && !expected?.test(message.text())) errors.push(message.text());
  });
}

/** Paths served to the browser: HTML pages, script files (with an optional delay, a slow network) and the backend. */
export interface PageSite {
  pages: ReadonlyMap<string, string>;
  scripts: ReadonlyMap<string, Buffer>;
  /** Milliseconds to hold a script back before answering, by path. */
  delayMs?: (path: string) => number;
}

const SESSION_SECRET = 'vst3wcv5MIxCSVsVqUUQVRX1TwRKPuzStNfH2MteJk78oQwP';

/**
 * Serves `site` on 127.0.0.1 with the partner backend (mock mode, every visitor the demo customer) at /api/leap, every
 * answer `no-store` so each load fetches, parses and compiles the scripts like a first visit.
 */
export async function startPageServer(site: PageSite): Promise<{ url: string; close(): Promise<void> }> {
  const mock = createMockLeap();
  const backend = toNodeListener(
    createLeapHandler({
      mock: true,
      sessionSecret: SESSION_SECRET,
      rateLimit: false,
      fetch: async (input, init) => mock(new Request(input, init)),
      authenticate: async () => ({ referenceId: 'demo-customer' }),
      logger: () => {},
    }),
  );
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/api/leap/')) return backend(req, res);
    res.setHeader('cache-control', 'no-store');
    const script = site.scripts.get(path);
    if (script) {
      const send = () => {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        res.end(script);
      };
      const delay = site.delayMs?.(path) ?? 0;
      if (delay > 0) setTimeout(send, delay);
      else send();
      return;
    }
    const html = site.pages.get(path);
    if (html) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(html);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// test/support/chromium.mjs has no type declarations; load it through a computed specifier and type what we use.
const chromiumSupport = new URL('../../test/support/chromium.mjs', import.meta.url).href;

/** Debian's Chromium (installed when missing and allowed) and the flags the tests use, headless via playwright. */
export async function chromiumLaunch(log: (line: string) => void): Promise<{ executablePath: string; args: string[] }> {
  const { ensureChromium, CHROMIUM_ARGS } = (await import(chromiumSupport)) as {
    ensureChromium: (options?: { log?: (line: string) => void }) => string;
    CHROMIUM_ARGS: string[];
  };
  return { executablePath: ensureChromium({ log }), args: CHROMIUM_ARGS.filter((a) => a !== '--headless=new') };
}
