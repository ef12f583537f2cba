/**
 * The WordPress plugin on a real WordPress (Debian's wordpress, MariaDB and PHP; see test/support/wordpress.ts and
 * test/support/wordpress-plugin.ts): installed from its zip through Plugins → Add New → Upload, configured on its
 * settings page against `leap-elements serve` on the mock with a random partner secret, and used in Chromium by the
 * administrator, visitors and two customers. One WordPress serves every case, in order; each case leaves the site as
 * the next one expects.
 *
 * With LEAP_WP_SCREENSHOTS=integrations/wordpress/screenshots, the pictures of readme.txt and docs/wordpress.md are
 * taken again.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { checkBend } from '../support/playwright.js';
import { freePort } from '../support/ports.mjs';
import { PARTNER_SECRET, startPluginSite, type PluginSite } from '../support/wordpress-plugin.js';

const PROGRAM = /Charge at Home/;

describe('WordPress plugin, on a real WordPress', { timeout: 600_000 }, () => {
  let wp: PluginSite;

  before(async () => {
    wp = await startPluginSite();
  });

  after(async () => {
    await wp?.stop();
  });

  it('every PHP file of the zip passes php -l', async () => {
    const lints = await wp.lintZip();
    assert.ok(lints.length >= 15, `PHP files in the zip: ${lints.length}`);
    for (const { file, status, output } of lints) assert.equal(status, 0, `${file}: ${output}`);
  });

  it('installs from its zip with Plugins → Add New → Upload, and activates', async () => {
    await wp.adminPage.goto(`${wp.site.url}/wp-admin/plugin-install.php?tab=upload`);
    await wp.adminPage.setInputFiles('#pluginzip', wp.zip);
    await wp.adminPage.click('#install-plugin-submit');
    await wp.adminPage.getByText('Plugin installed successfully.').waitFor();
    await wp.adminPage.getByRole('link', { name: 'Activate Plugin' }).click();
    await wp.adminPage.getByText('Plugin activated.').waitFor();
    assert.ok(existsSync(join(wp.site.pluginsDir, 'leap-elements/assets/cdn-0.1.0/loader.js')));
  });

  it('settings: saved with a capability check and nonce, the secret never shown; Test connection passes and names the mock', async () => {
    await wp.adminPage.goto(`${wp.site.url}/wp-admin/options-general.php?page=leap-elements`);
    // A wrong value is refused with the reason, and nothing is saved from it.
    await wp.adminPage.fill('#leap-elements-backend-url', `${wp.backendBase()}?x=1`);
    await wp.adminPage.fill('#leap-elements-partner-secret', 'too-short');
    await wp.adminPage.click('#submit');
    await wp.adminPage.getByText('The backend URL must be a full http:// or https:// address').waitFor();
    await wp.adminPage.getByText('The partner secret must be at least 32 characters').waitFor();
    assert.equal(await wp.adminPage.inputValue('#leap-elements-backend-url'), '');

    await wp.adminPage.fill('#leap-elements-backend-url', wp.backendBase());
    await wp.adminPage.fill('#leap-elements-partner-secret', PARTNER_SECRET);
    await wp.adminPage.fill('#leap-elements-org', 'acme');
    await wp.adminPage.fill('#leap-elements-flow', 'ev-charging');
    await wp.adminPage.fill('#leap-elements-device-ids', '123');
    await wp.adminPage.click('#submit');
    await wp.adminPage.getByText('Settings saved.').waitFor();
    assert.ok(!(await wp.adminPage.content()).includes(PARTNER_SECRET), 'the secret is not in the settings page');
    assert.equal(await wp.adminPage.inputValue('#leap-elements-partner-secret'), '');
    assert.equal(await wp.adminPage.inputValue('#leap-elements-backend-url'), wp.backendBase());

    // options.php refuses a save without the page's nonce.
    const forged = await wp.adminPage.request.post(`${wp.site.url}/wp-admin/options.php`, {
      form: {
        option_page: 'leap_elements',
        action: 'update',
        'leap_elements_settings[backend_url]': 'https://evil.example',
      },
    });
    assert.notEqual(forged.status(), 200);
    assert.match(wp.php(`echo get_option('leap_elements_settings')['backend_url'];`), /^http:\/\/127\.0\.0\.1/);

    await wp.adminPage.click('#leap-elements-test');
    const results = wp.adminPage.locator('#leap-elements-test-results');
    await results.getByText('Every check passed.').waitFor();
    const text = await results.innerText();
    for (const check of ['Reachable', 'Health (/healthz)', 'Server-to-server session', 'Eligibility lookup']) {
      assert.match(text, new RegExp(`Passed:\\s*${check.replace(/[()/]/g, '\\$&')}`), `${check} passed:\n${text}`);
    }
    assert.match(text, /Eligibility lookup\s.*PacifiCorp/);
    assert.match(text, /Browser access \(CORS\)\sNot needed/);
    assert.match(text, /Warning:\s*Upstream\s.*mock Leap/);
    await wp.snap(wp.adminPage, 2);
  });

  it('Test connection reports a wrong backend URL and a wrong partner secret, with the fix', async () => {
    const results = wp.adminPage.locator('#leap-elements-test-results');
    const wrongUrl = `http://127.0.0.1:${await freePort()}/api/leap`;
    await wp.adminPage.fill('#leap-elements-backend-url', wrongUrl);
    await wp.adminPage.click('#leap-elements-test');
    await results.getByText('A check failed').waitFor();
    assert.match(await results.innerText(), new RegExp(`Failed:\\s*Reachable\\sNo answer from ${wrongUrl}/healthz`));

    await wp.adminPage.fill('#leap-elements-backend-url', wp.backendBase());
    await wp.adminPage.fill('#leap-elements-partner-secret', randomBytes(48).toString('base64'));
    await wp.adminPage.click('#leap-elements-test');
    await results.getByText('refused the partner secret').waitFor();
    assert.match(await results.innerText(), /Passed:\s*Reachable/);
    // Nothing was saved: the page still has the working settings.
    await wp.adminPage.reload();
    assert.equal(await wp.adminPage.inputValue('#leap-elements-backend-url'), wp.backendBase());
  });

  it('the Dashboard says when the backend answers from its mock, and when it cannot be reached', async () => {
    await wp.adminPage.goto(`${wp.site.url}/wp-admin/`);
    assert.match(await wp.adminPage.locator('.leap-elements-notice').innerText(), /answers from its mock Leap/);

    const dead = `http://127.0.0.1:${await freePort()}/api/leap`;
    const setUrl = (url: string) => {
      wp.settings({ backend_url: url });
      wp.php(`delete_transient('leap_elements_health');`);
    };
    setUrl(dead);
    try {
      await wp.adminPage.goto(`${wp.site.url}/wp-admin/plugins.php`);
      assert.match(
        await wp.adminPage.locator('.leap-elements-notice').innerText(),
        /cannot reach its backend.*No answer from/,
      );
    } finally {
      setUrl(wp.backendBase());
    }
  });

  it("a visitor on a page with the checker shortcode sees PacifiCorp for Bend; only the checker's files load, each checked", async () => {
    const visitor = await wp.context();
    const page = await visitor.newPage();
    const loaded: string[] = [];
    page.on('request', (request) => {
      const file = /\/assets\/cdn-[^/]+\/(.+)$/.exec(new URL(request.url()).pathname)?.[1];
      if (file) loaded.push(file);
    });
    await page.goto(`${wp.site.url}/checker/`);
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
    assert.deepEqual(await wp.leapErrors(page), []);
    assert.deepEqual(visitor.problems, []);
    await wp.snap(page, 1);

    // A page without an element loads none of it.
    const plain = await visitor.newPage();
    await plain.goto(`${wp.site.url}/sample-page/`);
    assert.equal(await plain.locator('script[src*="leap-elements"]').count(), 0);
    await visitor.close();
  });

  it('a page built with the block does the same; the editor shows the live element and its settings', async () => {
    const visitor = await wp.context();
    const page = await visitor.newPage();
    await page.goto(`${wp.site.url}/block/`);
    const checker = page.locator('leap-incentive-checker');
    assert.equal(await checker.locator('[slot="heading"]').innerText(), 'See your rebates');
    await checkBend(checker);
    await checker.locator('[part="utility"]').waitFor();
    assert.match(await checker.locator('[part="utility"]').innerText(), /PacifiCorp/);
    assert.deepEqual(await wp.leapErrors(page), []);
    await visitor.close();

    await wp.adminPage.goto(`${wp.site.url}/wp-admin/post.php?post=${wp.pages.block}&action=edit`);
    const block = wp.adminPage.locator('[data-type="leap-elements/incentive-checker"]');
    // The live element, defined by the loader in the editor: its own form in its shadow root.
    await block.locator('leap-incentive-checker #street_1').waitFor();
    await block.click({ position: { x: 5, y: 5 } });
    const deviceIds = wp.adminPage.getByLabel('Device ids');
    assert.equal(await deviceIds.inputValue(), '123');
    await wp.adminPage.getByLabel('Heading').fill('Rebates for your charger');
    await block.locator('leap-incentive-checker [slot="heading"]', { hasText: 'Rebates for your charger' }).waitFor();
    await wp.snap(wp.adminPage, 3, false);

    // Every block can be added, and shows its live element.
    const tags = await wp.adminPage.evaluate(() => {
      const blocks = ['connect-button', 'connect-return', 'enrollment-status', 'application-status'];
      const { createBlock } = window.wp.blocks;
      window.wp.data
        .dispatch('core/block-editor')
        .insertBlocks(blocks.map((name) => createBlock(`leap-elements/${name}`)));
      return blocks.map((name) => `[data-type="leap-elements/${name}"] leap-${name}`);
    });
    for (const selector of tags) await wp.adminPage.locator(selector).waitFor({ state: 'attached' });
    assert.deepEqual(wp.admin.problems, []);
  });

  it("a customer's account page shows their own data; a second customer sees none of it and cannot use the first one's session", async () => {
    const alice = await wp.context();
    const alicePage = await wp.logIn(alice, 'alice');
    // Alice checks Bend with a claim link: Leap opens her application.
    await alicePage.goto(`${wp.site.url}/checker/`);
    const checker = alicePage.locator('leap-incentive-checker');
    await checkBend(checker);
    await checker.locator('[part="claim"]').waitFor();
    const host = new URL(wp.site.url).host;
    const aliceRef = `wp-user-${wp.users.alice}@${host}`;

    // Back from Leap's connect flow: the thank-you page confirms, with no setup error.
    await alicePage.goto(`${wp.site.url}/connected/?refId=${encodeURIComponent(aliceRef)}`);
    await alicePage.locator('leap-connect-return[found]').getByText('Thanks! Your utility account').waitFor();
    assert.deepEqual(await wp.leapErrors(alicePage), []);

    await alicePage.goto(`${wp.site.url}/account/`);
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
    assert.deepEqual(await wp.leapErrors(alicePage), []);
    assert.deepEqual(alice.problems, []);
    await wp.snap(alicePage, 4);

    // Her session names her, whatever the request says.
    const aliceSession = await wp.sessionOf(alicePage, 'leap-application-status');
    assert.equal(aliceSession.reference_id, aliceRef);

    const bob = await wp.context();
    const bobPage = await wp.logIn(bob, 'bob');
    await bobPage.goto(`${wp.site.url}/account/`);
    await bobPage.locator('leap-application-status [part="empty"]').waitFor();
    await bobPage.locator('leap-enrollment-status [part="empty"]').waitFor();
    assert.equal(await bobPage.locator('leap-application-status [part="application"]').count(), 0);
    const bobText = await bobPage.locator('body').innerText();
    assert.doesNotMatch(bobText, PROGRAM);
    assert.ok(!bobText.includes(aliceRef));
    assert.equal(
      (await wp.sessionOf(bobPage, 'leap-application-status')).reference_id,
      `wp-user-${wp.users.bob}@${host}`,
    );
    assert.deepEqual(await wp.leapErrors(bobPage), []);

    // Alice's token is refused with Bob's login, and with none; it works with hers.
    const withToken = (page: Page, token: string) =>
      page.evaluate(
        async ([url, bearer]) => (await fetch(url!, { headers: { authorization: `Bearer ${bearer}` } })).status,
        [wp.rest('applications'), token],
      );
    assert.equal(await withToken(bobPage, aliceSession.token), 401);
    const anonymous = await fetch(wp.rest('applications'), {
      headers: { authorization: `Bearer ${aliceSession.token}` },
    });
    assert.equal(anonymous.status, 401);
    assert.equal(await withToken(alicePage, aliceSession.token), 200);
    await Promise.all([alice.close(), bob.close()]);
  });

  it('visitors: account elements ask them to log in; with guests off, the checker does too and no session is given', async () => {
    const visitor = await wp.context();
    const page = await visitor.newPage();
    await page.goto(`${wp.site.url}/account/`);
    assert.equal(await page.locator('.leap-elements-login').count(), 2);
    assert.equal(await page.locator('leap-application-status, leap-enrollment-status').count(), 0);
    assert.match(
      (await page.locator('.leap-elements-login a').first().getAttribute('href')) ?? '',
      /wp-login\.php\?redirect_to=/,
    );

    wp.settings({ guests: false });
    try {
      await page.goto(`${wp.site.url}/checker/`);
      assert.match(await page.locator('.leap-elements-login').innerText(), /Log in to check/);
      assert.equal((await fetch(wp.rest('session'), { method: 'POST' })).status, 401);
    } finally {
      wp.settings({ guests: true });
    }
    // No CORS grant for other sites (WordPress grants every origin by default).
    const cross = await fetch(wp.rest('session'), { method: 'POST', headers: { origin: 'https://evil.example' } });
    assert.equal(cross.status, 200);
    assert.equal(cross.headers.get('access-control-allow-origin'), null);
    assert.equal(cross.headers.get('cache-control'), 'no-store');
    await visitor.close();
  });

  it('the theme, accent colour and language settings reach the elements', async () => {
    wp.settings({ theme: 'dark', accent: '#7fd1ae', language: 'es' });
    const visitor = await wp.context();
    try {
      const page = await visitor.newPage();
      await page.goto(`${wp.site.url}/checker/`);
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
      wp.settings({ theme: 'light', accent: '', language: '' });
      await visitor.close();
    }
  });

  it('with plain permalinks, the elements reach the routes at /index.php/wp-json/leap-elements/v1/', async () => {
    wp.php(`global $wp_rewrite; $wp_rewrite->set_permalink_structure(''); flush_rewrite_rules();`);
    try {
      const html = await (await fetch(`${wp.site.url}/?page_id=${wp.pages.checker}`)).text();
      const base = `${wp.site.url}/index.php/wp-json/leap-elements/v1/`;
      assert.ok(html.includes(`api-base="${base}"`), 'api-base under /index.php/wp-json/');
      const session = await fetch(`${base}session`, { method: 'POST' });
      assert.equal(session.status, 200);
      assert.match(((await session.json()) as { reference_id: string }).reference_id, /^wp-guest-[0-9a-f]{24}@/);
      // Test connection checks those routes from the browser too.
      await wp.adminPage.goto(`${wp.site.url}/wp-admin/options-general.php?page=leap-elements`);
      await wp.adminPage.click('#leap-elements-test');
      await wp.adminPage.locator('#leap-elements-test-results').getByText('Every check passed.').waitFor();
    } finally {
      wp.php(`global $wp_rewrite; $wp_rewrite->set_permalink_structure('/%postname%/'); flush_rewrite_rules();`);
    }
  });

  it('WordPress logged no PHP notice, warning or error from the plugin', () => {
    const lines = wp.site
      .debugLog()
      .split('\n')
      .filter((line) => line.includes('/plugins/leap-elements/'));
    assert.deepEqual(lines, []);
  });

  it('deleting the plugin removes its settings and its secret', async () => {
    await wp.adminPage.goto(`${wp.site.url}/wp-admin/plugins.php`);
    const row = wp.adminPage.locator('tr[data-slug="leap-elements"]');
    await row.locator('.deactivate a').click();
    await wp.adminPage.getByText('Plugin deactivated.').waitFor();
    wp.adminPage.once('dialog', (dialog) => void dialog.accept());
    await row.locator('.delete a').click();
    await wp.adminPage.getByText('Leap Elements was successfully deleted.').waitFor();
    const left = JSON.parse(
      wp.php(`echo json_encode([get_option('leap_elements_settings'), get_option('leap_elements_partner_secret')]);`),
    ) as unknown[];
    assert.deepEqual(left, [false, false]);
    assert.ok(!existsSync(join(wp.site.pluginsDir, 'leap-elements')));
    await wp.admin.close();
  });
});
