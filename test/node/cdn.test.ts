/**
 * The CDN file (dist/cdn/leap-elements.js) in a real browser: built once into a temp folder with the project's vite
 * config (`--mode cdn`), served from a loopback `node:http` server, driven by headless Chromium (playwright-core).
 * - loaded twice (two URLs, so two evaluations): no errors, every tag defined, an "already defined" warning;
 * - script tag in <head> or at the end of <body>, plain or async, before or after the elements are parsed;
 * - Subresource Integrity (scripts/sri.mjs): the right hash loads, a wrong one is blocked.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { buildCdn } from '../support/cdn-build.js';
import { closeServer, launchChromium } from '../support/playwright.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const TAGS = [
  'leap-connect-button',
  'leap-incentive-checker',
  'leap-enrollment-status',
  'leap-application-status',
  'leap-connect-return',
];
const BUTTON = '<leap-connect-button org="acme" utility="pge" ref-id="r1"></leap-connect-button>';
const EXPECTED_HREF = 'https://addleap.com/acme/pge/getting-started?refId=r1';

const sriScript = new URL('../../scripts/sri.mjs', import.meta.url).href;
const { writeSri } = (await import(sriScript)) as {
  writeSri: (options?: { cdnFile?: string; packageJson?: string }) => {
    integrity: string;
    snippet: string;
    sriFile: string;
    snippetFile: string;
  };
};

declare global {
  interface Window {
    /** Set by the init script when `<leap-connect-button>` is defined: was the element not parsed yet? */
    __definedBeforeElement?: boolean;
  }
}

function page(head: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cdn</title>${head}</head><body>${body}</body></html>`;
}

const script = (src = '/leap-elements.js', extra = '') => `<script type="module" src="${src}"${extra}></script>`;

/** Placement pages: `definedFirst` says whether the tags get defined before the parser reaches the element. */
const PLACEMENTS = [
  { name: 'plain module script in <head>', path: '/head.html', definedFirst: false },
  { name: 'plain module script at the end of <body>', path: '/body-end.html', definedFirst: false },
  { name: 'async module script in <head>, body held back', path: '/head-async.html', definedFirst: true },
  { name: 'async module script at the end of <body>', path: '/body-end-async.html', definedFirst: false },
] as const;

describe('the CDN file in Chromium', { timeout: 60_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'leap-cdn-'));
  const cdnPath = join(work, 'cdn', 'leap-elements.js');
  const pages = new Map<string, string>();
  let cdnFile = '';
  let sri: ReturnType<typeof writeSri>;
  let server: Server;
  let baseUrl = '';
  let browser: Browser;
  /** Resolves the pending head-async page once the browser reports the tags defined. */
  let releaseHeldBody: (() => void) | null = null;

  before(async () => {
    const launched = launchChromium();
    await buildCdn(join(work, 'cdn'));
    cdnFile = readFileSync(cdnPath, 'utf8');
    sri = writeSri({ cdnFile: cdnPath });

    const wrongHash = `sha384-${createHash('sha384').update('not the CDN file').digest('base64')}`;
    pages.set('/twice.html', page(script('/a/leap-elements.js') + script('/b/leap-elements.js'), BUTTON));
    pages.set('/head.html', page(script(), BUTTON));
    pages.set('/body-end.html', page('', BUTTON + script()));
    pages.set('/body-end-async.html', page('', BUTTON + script('/leap-elements.js', ' async')));
    pages.set(
      '/sri-ok.html',
      page(script('/leap-elements.js', ` integrity="${sri.integrity}" crossorigin="anonymous"`), BUTTON),
    );
    pages.set(
      '/sri-bad.html',
      page(script('/leap-elements.js', ` integrity="${wrongHash}" crossorigin="anonymous"`), BUTTON),
    );

    const send = (res: ServerResponse, status: number, type: string, body: string) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path === '/leap-elements.js' || path === '/a/leap-elements.js' || path === '/b/leap-elements.js') {
        return send(res, 200, 'text/javascript; charset=utf-8', cdnFile);
      }
      if (path === '/beacon/defined') {
        releaseHeldBody?.();
        return send(res, 204, 'text/plain', '');
      }
      if (path === '/head-async.html') {
        // Send the head (with the async script) now and the elements only once the tags are defined (5 s at most),
        // so the definitions deterministically exist before the parser meets the element.
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        res.write(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cdn</title>${script('/leap-elements.js', ' async')}</head><body>`,
        );
        const timer = setTimeout(() => releaseHeldBody?.(), 5_000);
        releaseHeldBody = () => {
          releaseHeldBody = null;
          clearTimeout(timer);
          res.end(`${BUTTON}</body></html>`);
        };
        return;
      }
      if (path === '/favicon.ico') return send(res, 204, 'text/plain', '');
      const html = pages.get(path);
      if (html) return send(res, 200, 'text/html; charset=utf-8', html);
      send(res, 404, 'text/plain', 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launched;
  });

  after(async () => {
    await browser?.close();
    await closeServer(server);
    rmSync(work, { recursive: true, force: true });
  });

  interface Opened {
    page: Page;
    errors: string[];
    warnings: string[];
  }

  /** Opens a path in a fresh context (no shared cache), recording console errors, warnings and page errors. */
  async function open(path: string): Promise<Opened> {
    const context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    await context.addInitScript(() => {
      const define = customElements.define.bind(customElements);
      customElements.define = (name, ctor, options) => {
        if (name === 'leap-connect-button' && window.__definedBeforeElement === undefined) {
          window.__definedBeforeElement = document.querySelector('leap-connect-button') === null;
          void fetch('/beacon/defined').catch(() => {});
        }
        define(name, ctor, options);
      };
    });
    const opened: Opened = { page: await context.newPage(), errors: [], warnings: [] };
    opened.page.on('console', (message) => {
      if (message.type() === 'error') opened.errors.push(message.text());
      if (message.type() === 'warning') opened.warnings.push(message.text());
    });
    opened.page.on('pageerror', (error) => opened.errors.push(`pageerror: ${error.message}`));
    await opened.page.goto(`${baseUrl}${path}`);
    return opened;
  }

  /** Waits for the connect button's shadow link and returns its href. */
  async function buttonHref(target: Page): Promise<string | null> {
    await target.waitForFunction(() =>
      document.querySelector('leap-connect-button')?.shadowRoot?.querySelector('a[part="button"][href]'),
    );
    return target.locator('leap-connect-button [part="button"]').getAttribute('href');
  }

  it('is safe to include twice: no errors, every tag defined, an "already defined" warning', async () => {
    const { page: tab, errors, warnings } = await open('/twice.html');
    await tab.waitForFunction((tags) => tags.every((tag) => customElements.get(tag) !== undefined), TAGS);
    // The second copy warns once per tag it finds taken.
    await tab.waitForLoadState('load');
    const deadline = Date.now() + 5_000;
    while (!warnings.some((w) => /already defined/.test(w)) && Date.now() < deadline) await tab.waitForTimeout(25);
    assert.ok(
      warnings.some((w) => /already defined/.test(w)),
      `an "already defined" warning (warnings: ${JSON.stringify(warnings)})`,
    );
    assert.equal(await buttonHref(tab), EXPECTED_HREF);
    assert.deepEqual(errors, []);
    await tab.context().close();
  });

  for (const placement of PLACEMENTS) {
    it(`upgrades the elements: ${placement.name}`, async () => {
      const { page: tab, errors } = await open(placement.path);
      assert.equal(await buttonHref(tab), EXPECTED_HREF);
      assert.equal(
        await tab.evaluate(() => window.__definedBeforeElement),
        placement.definedFirst,
        placement.definedFirst ? 'defined before the element was parsed' : 'element parsed, then upgraded',
      );
      assert.deepEqual(errors, []);
      await tab.context().close();
    });
  }

  it('scripts/sri.mjs writes the integrity string and a pinned jsDelivr snippet', () => {
    const expected = `sha384-${createHash('sha384').update(readFileSync(cdnPath)).digest('base64')}`;
    assert.equal(sri.integrity, expected);
    assert.equal(readFileSync(sri.sriFile, 'utf8').trim(), expected);
    assert.equal(sri.sriFile, `${cdnPath}.sri`);
    const snippet = readFileSync(sri.snippetFile, 'utf8').trim();
    assert.equal(snippet, sri.snippet);
    assert.equal(
      snippet,
      `<script type="module" src="https://cdn.jsdelivr.net/npm/${pkg.name}@${pkg.version}/dist/cdn/leap-elements.js" ` +
        `integrity="${expected}" crossorigin="anonymous"></script>`,
    );
  });

  it('loads with the right integrity attribute', async () => {
    const { page: tab, errors } = await open('/sri-ok.html');
    assert.equal(await buttonHref(tab), EXPECTED_HREF);
    assert.deepEqual(errors, []);
    await tab.context().close();
  });

  it('is blocked with a wrong integrity attribute', async () => {
    const { page: tab, errors } = await open('/sri-bad.html');
    const deadline = Date.now() + 5_000;
    while (!errors.some((e) => /integrity/i.test(e)) && Date.now() < deadline) await tab.waitForTimeout(25);
    assert.ok(
      errors.some((e) => /integrity/i.test(e)),
      `a console error about integrity (errors: ${JSON.stringify(errors)})`,
    );
    await tab.waitForLoadState('load');
    assert.equal(await tab.evaluate(() => customElements.get('leap-connect-button') === undefined), true);
    assert.equal(await tab.evaluate(() => document.querySelector('leap-connect-button')!.shadowRoot), null);
    await tab.context().close();
  });
});
