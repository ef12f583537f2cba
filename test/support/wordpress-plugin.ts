/**
 * The WordPress plugin's test site, shared in order by every case of test/node/wordpress.test.ts: a real WordPress
 * (./wordpress.ts) with two subscribers and the pages the cases visit, the plugin's zip built from this checkout,
 * `leap-elements serve` on the mock with a random partner secret, and Chromium. With it, the browser helpers the
 * cases share: contexts that record every `leap-error` and console error, logging in, and readme screenshots.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureBuilt } from '../../scripts/fresh-install.js';
import { buildWordPressZip } from '../../scripts/wordpress-zip.js';
import { launchChromium } from './playwright.js';
import { freePort } from './ports.mjs';
import { startServer, startWordPress, type Server, type WordPressSite } from './wordpress.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const PARTNER_SECRET = randomBytes(48).toString('base64');
const PASSWORD = randomBytes(12).toString('hex');
const SCREENSHOTS = process.env.LEAP_WP_SCREENSHOTS;
const CHECKER_SHORTCODE = '[leap_incentive_checker device_ids="123" create_application]';
const CHECKER_BLOCK = '<!-- wp:leap-elements/incentive-checker {"deviceIds":"123","heading":"See your rebates"} /-->';
const ACCOUNT = '[leap_enrollment_status]\n\n[leap_application_status]';
const CONNECTED = '[leap_connect_return]Thanks! Your utility account is being connected.[/leap_connect_return]';

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

/** A browser context that records every `leap-error` code and console error of its pages. */
export type RecordingContext = BrowserContext & { problems: string[] };

export interface LintResult {
  file: string;
  status: number | null;
  output: string;
}

/** `php -l file`: its exit status and what it printed. */
function lint(file: string): Promise<LintResult> {
  return new Promise((resolve) => {
    const child = spawn('php', ['-l', file]);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.once('close', (status) => resolve({ file, status, output }));
  });
}

export interface PluginSite {
  site: WordPressSite;
  /** The plugin's zip, as a site owner uploads it. */
  zip: string;
  /** Page ids by slug (checker, block, account) and user ids (alice, bob). */
  pages: Record<string, number>;
  users: Record<string, number>;
  /** The administrator, logged in. */
  admin: RecordingContext;
  adminPage: Page;
  /** The backend's own URL, as it printed it. */
  backendBase(): string;
  /** The URL of one of the plugin's REST routes. */
  rest(path: string): string;
  /** Runs PHP with WordPress loaded; what it printed. */
  php(code: string): string;
  /** Merges `values` into the plugin's saved settings. */
  settings(values: Record<string, unknown>): void;
  context(): Promise<RecordingContext>;
  logIn(ctx: BrowserContext, user: string): Promise<Page>;
  /** Screenshot `n` of readme.txt's list, with LEAP_WP_SCREENSHOTS set. */
  snap(page: Page, n: number, fullPage?: boolean): Promise<void>;
  /** The `leap-error` codes the page's elements dispatched. */
  leapErrors(page: Page): Promise<string[]>;
  /** The session the page's elements get, asked the way they ask (their session-endpoint, cookies included). */
  sessionOf(page: Page, tag: string): Promise<{ token: string; reference_id: string }>;
  /** Every PHP file of the zip through `php -l`, two at a time (one per core). */
  lintZip(): Promise<LintResult[]>;
  stop(): Promise<void>;
}

/** Starts WordPress, the backend and Chromium side by side, then adds the users and pages and logs the admin in. */
export async function startPluginSite(): Promise<PluginSite> {
  ensureBuilt();
  const work = mkdtempSync(join(tmpdir(), 'leap-wp-zip-'));
  const zip = buildWordPressZip({ out: join(work, 'leap-elements.zip') }).file;
  const started = await Promise.allSettled([
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
  const [site, backend, browser] = started.map((result) =>
    result.status === 'fulfilled' ? result.value : undefined,
  ) as [WordPressSite | undefined, Server | undefined, Browser | undefined];
  const stop = async () => {
    await browser?.close();
    await backend?.stop();
    await site?.stop();
    rmSync(work, { recursive: true, force: true });
  };
  const failed = started.find((result) => result.status === 'rejected');
  if (failed || !site || !backend || !browser) {
    await stop();
    throw (failed as PromiseRejectedResult | undefined)?.reason;
  }

  try {
    return await prepare(site, backend, browser, zip, work, stop);
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Adds the users and pages, logs the administrator in, and hands the cases their helpers. */
async function prepare(
  site: WordPressSite,
  backend: Server,
  browser: Browser,
  zip: string,
  work: string,
  stop: () => Promise<void>,
): Promise<PluginSite> {
  const php = (code: string) => site.php(code);
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

  async function context(): Promise<RecordingContext> {
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

  const admin = await context();
  const adminPage = await logIn(admin, 'admin');

  return {
    site,
    zip,
    pages: { checker: created.checker!, block: created.block!, account: created.account! },
    users: { alice: created.alice!, bob: created.bob! },
    admin,
    adminPage,
    backendBase: () => /listening on (http:\/\/\S+)/.exec(backend.output)![1]!,
    rest: (path) => `${site.url}/wp-json/leap-elements/v1/${path}`,
    php,
    settings: (values) =>
      void php(
        `update_option('leap_elements_settings', array_merge(get_option('leap_elements_settings'), json_decode('${JSON.stringify(values)}', true)));`,
      ),
    context,
    logIn,
    async snap(page, n, fullPage = true) {
      if (!SCREENSHOTS) return;
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `screenshot-${n}.png`), fullPage });
    },
    leapErrors: (page) => page.evaluate(() => window.__leapErrors ?? []),
    sessionOf: (page, tag) =>
      page.evaluate(async (selector) => {
        const endpoint = document.querySelector(selector)!.getAttribute('session-endpoint')!;
        const answer = await fetch(endpoint, { method: 'POST', credentials: 'include', body: '{"reference_id":"x"}' });
        return (await answer.json()) as { token: string; reference_id: string };
      }, tag),
    async lintZip() {
      const files = Object.entries(unzipSync(readFileSync(zip)))
        .filter(([name]) => name.endsWith('.php'))
        .map(([name, bytes]) => {
          const file = join(work, 'lint', name);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, bytes);
          return file;
        });
      const results: LintResult[] = [];
      for (let i = 0; i < files.length; i += 2) results.push(...(await Promise.all(files.slice(i, i + 2).map(lint))));
      return results;
    },
    stop,
  };
}
