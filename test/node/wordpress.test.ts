/**
 * The WordPress plugin on a real WordPress (Debian's wordpress, MariaDB and PHP; see test/support/wordpress.ts):
 * installed from its zip through Plugins → Add New → Upload, configured on its settings page against
 * `leap-elements serve` on the mock with a random partner secret, and used in Chromium by the administrator, visitors
 * and two customers. One WordPress serves every case, in order; each case leaves the site as the next one expects.
 *
 * With LEAP_WP_SCREENSHOTS=integrations/wordpress/screenshots, the pictures of readme.txt and docs/wordpress.md are
 * taken again.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureBuilt } from '../../scripts/fresh-install.js';
import { buildWordPressZip } from '../../scripts/wordpress-zip.js';
import { checkBend, launchChromium } from '../support/playwright.js';
import { freePort } from '../support/ports.mjs';
import { startServer, startWordPress, type Server, type WordPressSite } from '../support/wordpress.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PARTNER_SECRET = randomBytes(48).toString('base64');
const PASSWORD = randomBytes(12).toString('hex');
const SCREENSHOTS = process.env.LEAP_WP_SCREENSHOTS;
const CHECKER_SHORTCODE = '[leap_incentive_checker device_ids="123" create_application]';
const CHECKER_BLOCK = '<!-- wp:leap-elements/incentive-checker {"deviceIds":"123","heading":"See your rebates"} /-->';
const ACCOUNT = '[leap_enrollment_status]\n\n[leap_application_status]';
const CONNECTED = '[leap_connect_return]Thanks! Your utility account is being connected.[/leap_connect_return]';
const PROGRAM = /Charge at Home/;

/** `php -l file`: its exit status and what it printed. */
function lint(file: string): Promise<{ file: string; status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('php', ['-l', file]);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.once('close', (status) => resolve({ file, status, output }));
  });
}

declare global {
  interface Window {
    __leapErrors?: string[];
    /** WordPress's editor globals. */
    wp: {
      blocks: { createBlock(name: string): unknown };
      data: { dispatch(store: string): { insertBlocks(blocks: unknown[]): void } };
    };
  }
}

describe('WordPress plugin, on a real WordPress', { timeout: 600_000 }, () => {
  let site: WordPressSite;
  let backend: Server;
  let browser: Browser;
  let work: string;
  let zip: string;
  const pages: Record<string, number> = {};
  const users: Record<string, number> = {};

  const backendBase = () => /listening on (http:\/\/\S+)/.exec(backend.output)![1]!;
  const rest = (path: string) => `${site.url}/wp-json/leap-elements/v1/${path}`;
  const php = (code: string) => site.php(code);

  /** A new browser context that records every `leap-error` code and console error of its pages. */
  async function context(): Promise<BrowserContext & { problems: string[] }> {
    const ctx = Object.assign(await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } }), {
      problems: [] as string[],
    });
    // Generous: only a failure waits this long, and the editor is slow to start on a busy machine.
    ctx.setDefaultTimeout(60_000);
    await ctx.addInitScript(() => {
      window.__leapErrors = [];
      document.addEventListener('leap-error', (event) =>
        window.__leapErrors!.push((event as CustomEvent<{ code: string }>).detail.code),
      );
    });
    ctx.on('page', (page) => {
      page.on('console', (message) => {
        if (message.type() === 'error') ctx.problems.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => ctx.problems.push(`pageerror: ${error.message}`));
    });
    return ctx;
  }

  async function logIn(ctx: BrowserContext, user: string): Promise<Page> {
    const page = await ctx.newPage();
    await page.goto(`${site.url}/wp-login.php`);
    await page.fill('#user_login', user);
    await page.fill('#user_pass', PASSWORD);
    await Promise.all([page.waitForURL(/\/wp-admin\//), page.click('#wp-submit')]);
    return page;
  }

  /** Screenshot `n` of readme.txt's list, with LEAP_WP_SCREENSHOTS set. */
  async function snap(page: Page, n: number, fullPage = true): Promise<void> {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `screenshot-${n}.png`), fullPage });
  }

  const leapErrors = (page: Page) => page.evaluate(() => window.__leapErrors ?? []);

  /** The session the page's elements get, asked the way they ask (their session-endpoint, cookies included). */
  const sessionOf = (page: Page, tag: string) =>
    page.evaluate(async (selector) => {
      const endpoint = document.querySelector(selector)!.getAttribute('session-endpoint')!;
      const answer = await fetch(endpoint, { method: 'POST', credentials: 'include', body: '{"reference_id":"x"}' });
      return (await answer.json()) as { token: string; reference_id: string };
    }, tag);

  let admin: BrowserContext & { problems: string[] };
  let adminPage: Page;

  before(async () => {
    ensureBuilt();
    work = mkdtempSync(join(tmpdir(), 'leap-wp-zip-'));
    zip = buildWordPressZip({ out: join(work, 'leap-elements.zip') }).file;
    [site, backend, browser] = await Promise.all([
      startWordPress(PASSWORD),
      (async () =>
        startServer(process.execPath, [join(root, 'dist/node/cli.js'), 'serve'], /listening on http:\/\/\S+ /, {
          PORT: String(await freePort()),
          HOST: '127.0.0.1',
          NODE_ENV: 'test',
          LEAP_MOCK: '1',
          LEAP_PARTNER_SECRET: PARTNER_SECRET,
          // Only WordPress reaches this backend: it may name each visitor's address (docs/wordpress.md).
          LEAP_TRUST_PROXY: '1',
        }))(),
      launchChromium(),
    ]);
    const created = JSON.parse(
      php(`
        $user = fn ($login) => wp_insert_user(['user_login' => $login, 'user_pass' => ${JSON.stringify(PASSWORD)}, 'user_email' => "$login@example.com", 'role' => 'subscriber']);
        $page = fn ($slug, $content) => wp_insert_post(['post_type' => 'page', 'post_status' => 'publish', 'post_name' => $slug, 'post_title' => ucfirst($slug), 'post_content' => $content]);
        // The editor's welcome guide stays closed for the administrator.
        global $wpdb;
        update_user_meta(1, $wpdb->get_blog_prefix() . 'persisted_preferences', ['core/edit-post' => ['welcomeGuide' => false], '_modified' => gmdate('c')]);
        echo json_encode([
          'alice' => $user('alice'), 'bob' => $user('bob'),
          'checker' => $page('checker', ${JSON.stringify(CHECKER_SHORTCODE)}),
          'block' => $page('block', ${JSON.stringify(CHECKER_BLOCK)}),
          'account' => $page('account', ${JSON.stringify(ACCOUNT)}),
          'connected' => $page('connected', ${JSON.stringify(CONNECTED)}),
        ]);`),
    ) as Record<string, number>;
    Object.assign(users, { alice: created.alice, bob: created.bob });
    Object.assign(pages, { checker: created.checker, block: created.block, account: created.account });
    admin = await context();
    adminPage = await logIn(admin, 'admin');
  });

  after(async () => {
    await browser?.close();
    await backend?.stop();
    await site?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('every PHP file of the zip passes php -l', async () => {
    const files = Object.entries(unzipSync(readFileSync(zip)))
      .filter(([name]) => name.endsWith('.php'))
      .map(([name, bytes]) => {
        const file = join(work, 'lint', name);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, bytes);
        return file;
      });
    assert.ok(files.length >= 15, `PHP files in the zip: ${files.length}`);
    // Two at a time: one per core.
    for (let i = 0; i < files.length; i += 2) {
      const lints = await Promise.all(files.slice(i, i + 2).map((file) => lint(file)));
      for (const { file, status, output } of lints) assert.equal(status, 0, `${file}: ${output}`);
    }
  });

  it('installs from its zip with Plugins → Add New → Upload, and activates', async () => {
    await adminPage.goto(`${site.url}/wp-admin/plugin-install.php?tab=upload`);
    await adminPage.setInputFiles('#pluginzip', zip);
    await adminPage.click('#install-plugin-submit');
    await adminPage.getByText('Plugin installed successfully.').waitFor();
    await adminPage.getByRole('link', { name: 'Activate Plugin' }).click();
    await adminPage.getByText('Plugin activated.').waitFor();
    assert.ok(existsSync(join(site.pluginsDir, 'leap-elements/assets/cdn-0.1.0/loader.js')));
  });

  it('settings: saved with a capability check and nonce, the secret never shown; Test connection passes and names the mock', async () => {
    await adminPage.goto(`${site.url}/wp-admin/options-general.php?page=leap-elements`);
    // A wrong value is refused with the reason, and nothing is saved from it.
    await adminPage.fill('#leap-elements-backend-url', `${backendBase()}?x=1`);
    await adminPage.fill('#leap-elements-partner-secret', 'too-short');
    await adminPage.click('#submit');
    await adminPage.getByText('The backend URL must be a full http:// or https:// address').waitFor();
    await adminPage.getByText('The partner secret must be at least 32 characters').waitFor();
    assert.equal(await adminPage.inputValue('#leap-elements-backend-url'), '');

    await adminPage.fill('#leap-elements-backend-url', backendBase());
    await adminPage.fill('#leap-elements-partner-secret', PARTNER_SECRET);
    await adminPage.fill('#leap-elements-org', 'acme');
    await adminPage.fill('#leap-elements-flow', 'ev-charging');
    await adminPage.fill('#leap-elements-device-ids', '123');
    await adminPage.click('#submit');
    await adminPage.getByText('Settings saved.').waitFor();
    assert.ok(!(await adminPage.content()).includes(PARTNER_SECRET), 'the secret is not in the settings page');
    assert.equal(await adminPage.inputValue('#leap-elements-partner-secret'), '');
    assert.equal(await adminPage.inputValue('#leap-elements-backend-url'), backendBase());

    // options.php refuses a save without the page's nonce.
    const forged = await adminPage.request.post(`${site.url}/wp-admin/options.php`, {
      form: {
        option_page: 'leap_elements',
        action: 'update',
        'leap_elements_settings[backend_url]': 'https://evil.example',
      },
    });
    assert.notEqual(forged.status(), 200);
    assert.match(php(`echo get_option('leap_elements_settings')['backend_url'];`), /^http:\/\/127\.0\.0\.1/);

    await adminPage.click('#leap-elements-test');
    const results = adminPage.locator('#leap-elements-test-results');
    await results.getByText('Every check passed.').waitFor();
    const text = await results.innerText();
    for (const check of ['Reachable', 'Health (/healthz)', 'Server-to-server session', 'Eligibility lookup']) {
      assert.match(text, new RegExp(`Passed:\\s*${check.replace(/[()/]/g, '\\$&')}`), `${check} passed:\n${text}`);
    }
    assert.match(text, /Eligibility lookup\s.*PacifiCorp/);
    assert.match(text, /Browser access \(CORS\)\sNot needed/);
    assert.match(text, /Warning:\s*Upstream\s.*mock Leap/);
    await snap(adminPage, 2);
  });

  it('Test connection reports a wrong backend URL and a wrong partner secret, with the fix', async () => {
    const results = adminPage.locator('#leap-elements-test-results');
    const wrongUrl = `http://127.0.0.1:${await freePort()}/api/leap`;
    await adminPage.fill('#leap-elements-backend-url', wrongUrl);
    await adminPage.click('#leap-elements-test');
    await results.getByText('A check failed').waitFor();
    assert.match(await results.innerText(), new RegExp(`Failed:\\s*Reachable\\sNo answer from ${wrongUrl}/healthz`));

    await adminPage.fill('#leap-elements-backend-url', backendBase());
    await adminPage.fill('#leap-elements-partner-secret', randomBytes(48).toString('base64'));
    await adminPage.click('#leap-elements-test');
    await results.getByText('refused the partner secret').waitFor();
    assert.match(await results.innerText(), /Passed:\s*Reachable/);
    // Nothing was saved: the page still has the working settings.
    await adminPage.reload();
    assert.equal(await adminPage.inputValue('#leap-elements-backend-url'), backendBase());
  });

  it('the Dashboard says when the backend answers from its mock, and when it cannot be reached', async () => {
    await adminPage.goto(`${site.url}/wp-admin/`);
    assert.match(await adminPage.locator('.leap-elements-notice').innerText(), /answers from its mock Leap/);

    const dead = `http://127.0.0.1:${await freePort()}/api/leap`;
    const setUrl = (url: string) =>
      php(`$s = get_option('leap_elements_settings'); $s['backend_url'] = '${url}'; update_option('leap_elements_settings', $s);
           delete_transient('leap_elements_health');`);
    setUrl(dead);
    try {
      await adminPage.goto(`${site.url}/wp-admin/plugins.php`);
      assert.match(
        await adminPage.locator('.leap-elements-notice').innerText(),
        /cannot reach its backend.*No answer from/,
      );
    } finally {
      setUrl(backendBase());
    }
  });

  it("a visitor on a page with the checker shortcode sees PacifiCorp for Bend; only the checker's files load, each checked", async () => {
    const visitor = await context();
    const page = await visitor.newPage();
    const loaded: string[] = [];
    page.on('request', (request) => {
      const file = /\/assets\/cdn-[^/]+\/(.+)$/.exec(new URL(request.url()).pathname)?.[1];
      if (file) loaded.push(file);
    });
    await page.goto(`${site.url}/checker/`);
    const checker = page.locator('leap-incentive-checker');
    await checkBend(checker);
    await checker.locator('[part="utility"]').waitFor();
    assert.match(await checker.locator('[part="utility"]').innerText(), /PacifiCorp/);
    assert.match(await checker.locator('[part="total"]').innerText(), /\$750/);
    assert.deepEqual(loaded.sort(), [
      'chunks/lit.js',
      'chunks/reactive-element.js',
      'elements/leap-incentive-checker.js',
      'loader.js',
    ]);
    // The import map carries the hash of each file the loader imports.
    const map = JSON.parse(await page.locator('script[type="importmap"]').innerText()) as { integrity: object };
    assert.equal(Object.keys(map.integrity).length, 6);
    assert.ok(!(await page.content()).includes(PARTNER_SECRET));
    assert.deepEqual(await leapErrors(page), []);
    assert.deepEqual(visitor.problems, []);
    await snap(page, 1);

    // A page without an element loads none of it.
    const plain = await visitor.newPage();
    await plain.goto(`${site.url}/sample-page/`);
    assert.equal(await plain.locator('script[src*="leap-elements"]').count(), 0);
    await visitor.close();
  });

  it('a page built with the block does the same; the editor shows the live element and its settings', async () => {
    const visitor = await context();
    const page = await visitor.newPage();
    await page.goto(`${site.url}/block/`);
    const checker = page.locator('leap-incentive-checker');
    assert.equal(await checker.locator('[slot="heading"]').innerText(), 'See your rebates');
    await checkBend(checker);
    await checker.locator('[part="utility"]').waitFor();
    assert.match(await checker.locator('[part="utility"]').innerText(), /PacifiCorp/);
    assert.deepEqual(await leapErrors(page), []);
    await visitor.close();

    await adminPage.goto(`${site.url}/wp-admin/post.php?post=${pages.block}&action=edit`);
    const block = adminPage.locator('[data-type="leap-elements/incentive-checker"]');
    // The live element, defined by the loader in the editor: its own form in its shadow root.
    await block.locator('leap-incentive-checker #street_1').waitFor();
    await block.click({ position: { x: 5, y: 5 } });
    const deviceIds = adminPage.getByLabel('Device ids');
    assert.equal(await deviceIds.inputValue(), '123');
    await adminPage.getByLabel('Heading').fill('Rebates for your charger');
    await block.locator('leap-incentive-checker [slot="heading"]', { hasText: 'Rebates for your charger' }).waitFor();
    await snap(adminPage, 3, false);

    // Every block can be added, and shows its live element.
    const tags = await adminPage.evaluate(() => {
      const blocks = ['connect-button', 'connect-return', 'enrollment-status', 'application-status'];
      const { createBlock } = window.wp.blocks;
      window.wp.data
        .dispatch('core/block-editor')
        .insertBlocks(blocks.map((name) => createBlock(`leap-elements/${name}`)));
      return blocks.map((name) => `[data-type="leap-elements/${name}"] leap-${name}`);
    });
    for (const selector of tags) await adminPage.locator(selector).waitFor({ state: 'attached' });
    assert.deepEqual(admin.problems, []);
  });

  it("a customer's account page shows their own data; a second customer sees none of it and cannot use the first one's session", async () => {
    const alice = await context();
    const alicePage = await logIn(alice, 'alice');
    // Alice checks Bend with a claim link: Leap opens her application.
    await alicePage.goto(`${site.url}/checker/`);
    const checker = alicePage.locator('leap-incentive-checker');
    await checkBend(checker);
    await checker.locator('[part="claim"]').waitFor();
    const host = new URL(site.url).host;
    const aliceRef = `wp-user-${users.alice}@${host}`;

    // Back from Leap's connect flow: the thank-you page confirms, with no setup error.
    await alicePage.goto(`${site.url}/connected/?refId=${encodeURIComponent(aliceRef)}`);
    await alicePage.locator('leap-connect-return[found]').getByText('Thanks! Your utility account').waitFor();
    assert.deepEqual(await leapErrors(alicePage), []);

    await alicePage.goto(`${site.url}/account/`);
    const applications = alicePage.locator('leap-application-status [part="application"]');
    await applications.first().waitFor();
    assert.equal(await applications.count(), 1);
    assert.match(await applications.first().innerText(), PROGRAM);
    await alicePage.locator('leap-enrollment-status [part="empty"]').waitFor();
    const connect = alicePage.locator('leap-enrollment-status leap-connect-button [part="button"]');
    await alicePage.waitForFunction(() =>
      document.querySelector('leap-enrollment-status leap-connect-button')?.shadowRoot?.querySelector('a[href]'),
    );
    assert.equal(new URL((await connect.getAttribute('href'))!).searchParams.get('refId'), aliceRef);
    assert.equal(
      await alicePage.locator('leap-enrollment-status [part="error"], leap-application-status [part="error"]').count(),
      0,
    );
    assert.deepEqual(await leapErrors(alicePage), []);
    assert.deepEqual(alice.problems, []);
    await snap(alicePage, 4);

    // Her session names her, whatever the request says.
    const aliceSession = await sessionOf(alicePage, 'leap-application-status');
    assert.equal(aliceSession.reference_id, aliceRef);

    const bob = await context();
    const bobPage = await logIn(bob, 'bob');
    await bobPage.goto(`${site.url}/account/`);
    await bobPage.locator('leap-application-status [part="empty"]').waitFor();
    await bobPage.locator('leap-enrollment-status [part="empty"]').waitFor();
    assert.equal(await bobPage.locator('leap-application-status [part="application"]').count(), 0);
    const bobText = await bobPage.locator('body').innerText();
    assert.doesNotMatch(bobText, PROGRAM);
    assert.ok(!bobText.includes(aliceRef));
    assert.equal((await sessionOf(bobPage, 'leap-application-status')).reference_id, `wp-user-${users.bob}@${host}`);
    assert.deepEqual(await leapErrors(bobPage), []);

    // Alice's token is refused with Bob's login, and with none; it works with hers.
    const withToken = (page: Page, token: string) =>
      page.evaluate(
        async ([url, bearer]) => (await fetch(url!, { headers: { authorization: `Bearer ${bearer}` } })).status,
        [rest('applications'), token],
      );
    assert.equal(await withToken(bobPage, aliceSession.token), 401);
    const anonymous = await fetch(rest('applications'), { headers: { authorization: `Bearer ${aliceSession.token}` } });
    assert.equal(anonymous.status, 401);
    assert.equal(await withToken(alicePage, aliceSession.token), 200);
    await Promise.all([alice.close(), bob.close()]);
  });

  it('visitors: account elements ask them to log in; with guests off, the checker does too and no session is given', async () => {
    const visitor = await context();
    const page = await visitor.newPage();
    await page.goto(`${site.url}/account/`);
    assert.equal(await page.locator('.leap-elements-login').count(), 2);
    assert.equal(await page.locator('leap-application-status, leap-enrollment-status').count(), 0);
    assert.match(
      (await page.locator('.leap-elements-login a').first().getAttribute('href')) ?? '',
      /wp-login\.php\?redirect_to=/,
    );

    php(
      `$s = get_option('leap_elements_settings'); $s['guests'] = false; update_option('leap_elements_settings', $s);`,
    );
    try {
      await page.goto(`${site.url}/checker/`);
      assert.match(await page.locator('.leap-elements-login').innerText(), /Log in to check/);
      assert.equal((await fetch(rest('session'), { method: 'POST' })).status, 401);
    } finally {
      php(
        `$s = get_option('leap_elements_settings'); $s['guests'] = true; update_option('leap_elements_settings', $s);`,
      );
    }
    // No CORS grant for other sites (WordPress grants every origin by default).
    const cross = await fetch(rest('session'), { method: 'POST', headers: { origin: 'https://evil.example' } });
    assert.equal(cross.status, 200);
    assert.equal(cross.headers.get('access-control-allow-origin'), null);
    assert.equal(cross.headers.get('cache-control'), 'no-store');
    await visitor.close();
  });

  it('the theme, accent colour and language settings reach the elements', async () => {
    const settings = (values: Record<string, string>) =>
      php(
        `update_option('leap_elements_settings', array_merge(get_option('leap_elements_settings'), json_decode('${JSON.stringify(values)}', true)));`,
      );
    settings({ theme: 'dark', accent: '#7fd1ae', language: 'es' });
    const visitor = await context();
    try {
      const page = await visitor.newPage();
      await page.goto(`${site.url}/checker/`);
      const checker = page.locator('leap-incentive-checker');
      assert.equal(await checker.getAttribute('lang'), 'es');
      await checker.locator('[part="submit"]').waitFor();
      const colours = await checker.evaluate((el) => {
        const style = getComputedStyle(el);
        return [style.getPropertyValue('--leap-color-surface'), style.getPropertyValue('--leap-color-primary')];
      });
      assert.deepEqual(colours, ['#1e2329', '#7fd1ae']);
      assert.doesNotMatch(await checker.locator('[part="submit"]').innerText(), /Check/);
    } finally {
      settings({ theme: 'light', accent: '', language: '' });
      await visitor.close();
    }
  });

  it('with plain permalinks, the elements reach the routes at /index.php/wp-json/leap-elements/v1/', async () => {
    php(`global $wp_rewrite; $wp_rewrite->set_permalink_structure(''); flush_rewrite_rules();`);
    try {
      const html = await (await fetch(`${site.url}/?page_id=${pages.checker}`)).text();
      const base = `${site.url}/index.php/wp-json/leap-elements/v1/`;
      assert.ok(html.includes(`api-base="${base}"`), 'api-base under /index.php/wp-json/');
      const session = await fetch(`${base}session`, { method: 'POST' });
      assert.equal(session.status, 200);
      assert.match(((await session.json()) as { reference_id: string }).reference_id, /^wp-guest-[0-9a-f]{24}@/);
      // Test connection checks those routes from the browser too.
      await adminPage.goto(`${site.url}/wp-admin/options-general.php?page=leap-elements`);
      await adminPage.click('#leap-elements-test');
      await adminPage.locator('#leap-elements-test-results').getByText('Every check passed.').waitFor();
    } finally {
      php(`global $wp_rewrite; $wp_rewrite->set_permalink_structure('/%postname%/'); flush_rewrite_rules();`);
    }
  });

  it('WordPress logged no PHP notice, warning or error from the plugin', () => {
    const lines = site
      .debugLog()
      .split('\n')
      .filter((line) => line.includes('/plugins/leap-elements/'));
    assert.deepEqual(lines, []);
  });

  it('deleting the plugin removes its settings and its secret', async () => {
    await adminPage.goto(`${site.url}/wp-admin/plugins.php`);
    const row = adminPage.locator('tr[data-slug="leap-elements"]');
    await row.locator('.deactivate a').click();
    await adminPage.getByText('Plugin deactivated.').waitFor();
    adminPage.once('dialog', (dialog) => void dialog.accept());
    await row.locator('.delete a').click();
    await adminPage.getByText('Leap Elements was successfully deleted.').waitFor();
    const left = JSON.parse(
      php(`echo json_encode([get_option('leap_elements_settings'), get_option('leap_elements_partner_secret')]);`),
    ) as unknown[];
    assert.deepEqual(left, [false, false]);
    assert.ok(!existsSync(join(site.pluginsDir, 'leap-elements')));
    await admin.close();
  });
});
