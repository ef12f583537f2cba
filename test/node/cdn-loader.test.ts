/**
 * The CDN loader (dist/cdn/loader.js) in Chromium, served as jsDelivr would serve it (the page's requests to
 * cdn.jsdelivr.net are answered from a fresh build) with the snippet scripts/sri.mjs writes: it defines each tag the
 * first time the page uses it and loads nothing else, finds tags added later and inside open shadow roots, leaves a
 * tag another copy defined alone (one warning), and the import map's integrity refuses a changed file.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { buildCdn } from '../support/cdn-build.js';
import { launchChromium } from '../support/playwright.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const CDN = `https://cdn.jsdelivr.net/npm/${pkg.name}@${pkg.version}/dist/cdn/`;
const PAGE = 'https://shop.example/';
const BUTTON = '<leap-connect-button org="acme" utility="pge" ref-id="r1"></leap-connect-button>';

const sriScript = new URL('../../scripts/sri.mjs', import.meta.url).href;
const { writeSri } = (await import(sriScript)) as {
  writeSri: (options: { cdnFile: string }) => { loader: { snippet: string } | null };
};

describe('the CDN loader in Chromium', { timeout: 90_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'leap-loader-'));
  const cdnDir = join(work, 'cdn');
  let snippet = '';
  let browser: Browser;

  before(async () => {
    const launched = launchChromium();
    await buildCdn(cdnDir, { loader: true });
    snippet = writeSri({ cdnFile: join(cdnDir, 'leap-elements.js') }).loader!.snippet;
    browser = await launched;
  });
  after(async () => {
    await browser?.close();
    rmSync(work, { recursive: true, force: true });
  });

  interface Visit {
    page: Page;
    /** The CDN files the page asked for, relative to dist/cdn/. */
    fetched: string[];
    warnings: string[];
    errors: string[];
    /** Resolves once the console has shown an error matching `pattern` (or had already). */
    consoleError(pattern: RegExp): Promise<void>;
  }

  /** Opens `body` (after the loader snippet, or `head`) on a page whose CDN requests come from the fresh build. */
  async function visit(
    body: string,
    options: { head?: string; tamper?: string; hold?: { file: string; until: string } } = {},
  ): Promise<Visit> {
    const page = await browser.newPage();
    let untilAsked: () => void = () => {};
    const asked = new Promise<void>((resolve) => (untilAsked = resolve));
    const waiting: Array<{ pattern: RegExp; resolve: () => void }> = [];
    const visit: Visit = {
      page,
      fetched: [],
      warnings: [],
      errors: [],
      consoleError: (pattern) =>
        new Promise((resolve) => {
          if (visit.errors.some((e) => pattern.test(e))) resolve();
          else waiting.push({ pattern, resolve });
        }),
    };
    page.on('console', (message) => {
      if (message.type() === 'warning') visit.warnings.push(message.text());
      if (message.type() !== 'error') return;
      visit.errors.push(message.text());
      for (const waiter of waiting) if (waiter.pattern.test(message.text())) waiter.resolve();
    });
    await page.route(`${CDN}**`, async (route) => {
      const file = route.request().url().slice(CDN.length);
      visit.fetched.push(file);
      if (file === options.hold?.until) untilAsked();
      // Held files answer only once the other file is asked for: a page that asks in sequence never gets there.
      if (file === options.hold?.file) await asked;
      const bytes = readFileSync(join(cdnDir, file), 'utf8');
      return route.fulfill({
        status: 200,
        headers: { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' },
        body: file === options.tamper ? `${bytes}\n// changed on the way` : bytes,
      });
    });
    await page.route(PAGE, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>loader</title>${options.head ?? snippet}</head><body>${body}</body></html>`,
      }),
    );
    await page.goto(PAGE);
    return visit;
  }

  const defined = (page: Page, tag: string) =>
    page.waitForFunction((name) => customElements.get(name) !== undefined, tag, { timeout: 10_000 });

  it('a page with only the connect button loads the loader, the button and ReactiveElement, nothing else', async () => {
    const { page, fetched, errors } = await visit(BUTTON);
    await defined(page, 'leap-connect-button');
    const href = await page.evaluate(() =>
      document.querySelector('leap-connect-button')!.shadowRoot!.querySelector('a')!.getAttribute('href'),
    );
    assert.equal(href, 'https://addleap.com/acme/pge/getting-started?refId=r1');
    assert.deepEqual([...new Set(fetched)].sort(), [
      'chunks/reactive-element.js',
      'elements/leap-connect-button.js',
      'loader.js',
    ]);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a language registered through the loader reaches the element files it loads later', async () => {
    const register = `<script type="module">
      import { registerTranslation } from '${CDN}loader.js';
      registerTranslation('fr', { 'leap-connect-button': { connectLabel: 'Connectez votre fournisseur' } });
    </script>`;
    const { page, errors } = await visit(`${register}<div lang="fr">${BUTTON}</div>`);
    await defined(page, 'leap-connect-button');
    await page.waitForFunction(() =>
      document.querySelector('leap-connect-button')!.shadowRoot!.querySelector('a')?.textContent?.trim(),
    );
    const label = await page.evaluate(() =>
      document.querySelector('leap-connect-button')!.shadowRoot!.querySelector('a')!.textContent!.trim(),
    );
    assert.equal(label, 'Connectez votre fournisseur');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("the shared chunks are asked for while the element's file is still on its way (one round trip, not two)", async () => {
    // The checker's file is answered only after lit.js is requested: loading in sequence would never define it.
    const { page, errors } = await visit('<leap-incentive-checker device-ids="123"></leap-incentive-checker>', {
      hold: { file: 'elements/leap-incentive-checker.js', until: 'chunks/lit.js' },
    });
    await defined(page, 'leap-incentive-checker');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a tag the page adds later, and one inside an open shadow root it creates, are defined when they appear', async () => {
    const { page, fetched } = await visit('<main></main>');
    await page.waitForFunction(() => document.readyState === 'complete');
    assert.ok(!fetched.some((file) => file.startsWith('elements/')), 'nothing before an element appears');
    await page.evaluate(() => {
      const host = document.createElement('div');
      document.body.append(host);
      host.attachShadow({ mode: 'open' }).innerHTML =
        '<leap-connect-return url="https://p.example/t?refId=x"></leap-connect-return>';
    });
    await defined(page, 'leap-connect-return');
    await page.evaluate(() => {
      document.querySelector('main')!.innerHTML =
        '<leap-incentive-checker session-endpoint="/api/leap/session" device-ids="123"></leap-incentive-checker>';
    });
    await defined(page, 'leap-incentive-checker');
    assert.ok(fetched.includes('chunks/lit.js'));
    await page.close();
  });

  it('a tag inside an open shadow root that exists when the loader starts is defined too', async () => {
    const { page } = await visit(`<div><template shadowrootmode="open"><section>${BUTTON}</section></template></div>`);
    await defined(page, 'leap-connect-button');
    await page.close();
  });

  it('the account page’s two status elements come in one file', async () => {
    const { page, fetched } = await visit(
      '<leap-enrollment-status session-endpoint="/api/leap/session"></leap-enrollment-status><leap-application-status session-endpoint="/api/leap/session"></leap-application-status>',
    );
    await defined(page, 'leap-enrollment-status');
    await defined(page, 'leap-application-status');
    assert.deepEqual(
      fetched.filter((file) => file.startsWith('elements/')),
      ['elements/leap-status.js'],
    );
    await page.close();
  });

  it('tags another copy already defined are left alone, with one warning', async () => {
    const single = `<script type="module" src="${CDN}leap-elements.js"></script>`;
    const { page, fetched, warnings } = await visit(`${BUTTON}<leap-connect-return></leap-connect-return>`, {
      head: `${single}<script type="module" src="${CDN}loader.js"></script>`,
    });
    await defined(page, 'leap-connect-button');
    await page.waitForFunction(() => document.readyState === 'complete');
    assert.ok(!fetched.some((file) => file.startsWith('elements/')), 'no element file fetched');
    assert.equal(warnings.filter((w) => w.includes('leap-elements loader')).length, 1);
    await page.close();
  });

  it('the import map’s integrity refuses an element file that changed on the way', async () => {
    const { page, consoleError } = await visit(BUTTON, { tamper: 'elements/leap-connect-button.js' });
    await consoleError(/<leap-connect-button> could not be loaded/);
    assert.equal(await page.evaluate(() => customElements.get('leap-connect-button') === undefined), true);
    await page.close();
  });
});
