/**
 * End to end: the real `npm start` server (Vite + partner backend + embedded mock Leap) as a child process, driven by
 * headless Chromium through playwright-core. Covers the Voltwise demo pages under demo/.
 * Screenshots go to test/artifacts/ (git-ignored).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/playwright.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
const CONNECT_URL = 'https://app.leap.energy/connect/abc123';

/** Resolves with a port that is free, and whose next port is free too (Vite's HMR websocket uses PORT + 1). */
async function freePortPair(): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(null));
      server.listen(port, () => {
        const address = server.address();
        const actual = typeof address === 'object' && address ? address.port : null;
        server.close(() => resolve(actual));
      });
    });
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await tryListen(0);
    if (port && port < 65535 && (await tryListen(port + 1)) === port + 1) return port;
  }
  throw new Error('No free pair of ports found.');
}

/** Starts `demo/server.ts` and resolves with its base URL once it prints its banner. */
function startDemoServer(port: number): Promise<{ child: ChildProcess; baseUrl: string; output: () => string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    MOCK_LATENCY_MS: '0',
    MOCK_CONNECT_DELAY_MS: '1500',
  };
  delete env.LEAP_API_KEY;
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts'], {
    cwd: root,
    env,
    detached: true, // own process group, so `after` can stop everything it started
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('The demo server did not start within 30 s.')), 30_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      stop(child);
      reject(new Error(`${error.message}\n--- server output ---\n${output}`));
    };
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /leap-elements demo: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, baseUrl: match[1]!.replace(/\/$/, ''), output: () => output });
      }
    });
    child.once('exit', (code, signal) => fail(new Error(`The demo server exited early (${signal ?? code}).`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // Already gone.
      }
    };
    const force = setTimeout(() => kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    kill('SIGTERM');
  });
}

interface OpenedPage {
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  problems: string[];
}

describe('demo pages end to end (npm start + Chromium)', { timeout: 120_000 }, () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let context: BrowserContext;

  before(async () => {
    mkdirSync(artifacts, { recursive: true });
    [server, browser] = await Promise.all([freePortPair().then(startDemoServer), launchChromium()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    context.setDefaultTimeout(15_000);
    // Vite's HMR websocket (PORT + 1) answers with a silent stand-in: a source file saved while the suite runs must
    // not reload the page under test.
    const hmrPort = String(Number(new URL(server.baseUrl).port) + 1);
    await context.routeWebSocket(
      (url) => url.port === hmrPort,
      () => {},
    );
    // The claim link leaves for Leap, which this machine cannot reach: answer for it.
    await context.route('https://app.leap.energy/**', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: '<title>Leap Connect</title><h1>Leap Connect (test double)</h1>',
      }),
    );
  });

  after(async () => {
    await browser?.close();
    if (server) await stop(server.child);
  });

  async function open(path: string): Promise<OpenedPage> {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !/favicon/i.test(message.text())) problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await page.goto(`${server.baseUrl}${path}`);
    await page.waitForFunction(() => customElements.get('leap-incentive-checker') !== undefined);
    return { page, problems };
  }

  // First on purpose: the checkers on the other pages run with create-application, which adds the demo customer's
  // new rebate applications to the shared mock. Here the list is still the fixture's eight, one per status.
  it(
    'account: the customer’s five meters, listed without any meter id in the page, and eight applications',
    { timeout: 60_000 },
    async () => {
      const { page, problems } = await open('/demo/account.html');
      const list = page.locator('leap-enrollment-status');
      assert.equal(await list.count(), 1);
      assert.equal(await list.getAttribute('meter-id'), null);
      const meters = list.locator('[part="meter"]');
      await meters.nth(4).waitFor();
      assert.equal(await meters.count(), 5);
      const statuses = await meters.evaluateAll((items) => items.map((el) => el.getAttribute('data-status')));
      assert.deepEqual(statuses.toSorted(), ['ACTIVE', 'ELIGIBLE', 'INELIGIBLE', 'NOT_PARTICIPATING', 'PENDING']);
      assert.match(await meters.first().innerText(), /Pacific Gas & Electric|Con Edison|PECO|AUSTIN ENERGY/);

      const applications = page.locator('leap-application-status [part="application"]');
      await applications.nth(7).waitFor();
      assert.equal(await applications.count(), 8);
      const applicationStatuses = await applications.evaluateAll((items) =>
        items.map((el) => el.getAttribute('data-status')),
      );
      assert.equal(new Set(applicationStatuses).size, 8);
      await page.locator('#event-log li', { hasText: 'leap-applications' }).waitFor();
      assert.match(
        await page.locator('#event-log').innerText(),
        /leap-applications #rebate-applications: 8 applications/,
      );
      assert.match(await page.locator('#event-log').innerText(), /leap-meters #devices: 5 meters/);
      await page.waitForFunction(() => document.querySelector('leap-connect-button')?.url?.startsWith('https://'));
      await page.screenshot({ path: `${artifacts}account.png`, fullPage: true });

      // A phone-sized window: nothing wider than the viewport.
      await page.setViewportSize({ width: 390, height: 844 });
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390);

      assert.deepEqual(problems, []);
      await page.close();
    },
  );

  it(
    'checkout: the customer fills only the shipping form, sees $750 and follows the claim link',
    { timeout: 60_000 },
    async () => {
      const { page, problems } = await open('/demo/checkout.html');
      const checker = page.locator('leap-incentive-checker');
      // One address form on the page: the checker asks for none of its own.
      assert.equal(await checker.locator('input[autocomplete^="address"], #postal_code').count(), 0);
      await page.locator('#ship-line1').fill('456 Main St');
      await page.locator('#ship-line2').fill('Apt 2B');
      await page.locator('#ship-city').fill('Bend');
      await page.locator('#ship-state').selectOption('OR');
      await page.locator('#ship-zip').fill('97701');

      const total = checker.locator('[part="total"]');
      await total.waitFor();
      assert.match(await total.innerText(), /\$750/);
      assert.match(await checker.locator('[part="utility"]').innerText(), /PacifiCorp/);
      const claim = checker.locator('[part="claim"]');
      assert.equal(await claim.getAttribute('href'), CONNECT_URL);
      await page.locator('#event-log li', { hasText: 'leap-result' }).waitFor();
      await page.evaluate(() => window.scrollTo(0, 0)); // the order summary is sticky: show it where it starts
      await page.screenshot({ path: `${artifacts}checkout-result.png`, fullPage: true });

      const [popup] = await Promise.all([context.waitForEvent('page'), claim.click()]);
      await popup.waitForLoadState('domcontentloaded');
      assert.equal(popup.url(), CONNECT_URL);
      assert.equal(await popup.locator('h1').innerText(), 'Leap Connect (test double)');
      await popup.close();
      assert.match(
        await page.locator('#event-log').innerText(),
        /leap-claim #rebates: \$750 → https:\/\/app\.leap\.energy/,
      );
      // One check for the finished address, not one per keystroke.
      assert.equal(await page.locator('#event-log li', { hasText: 'leap-result' }).count(), 1);

      assert.deepEqual(problems, []);
      await page.close();
    },
  );

  it(
    'checkout: a changed shipping address marks the result outdated and brings the new one',
    { timeout: 60_000 },
    async () => {
      const { page, problems } = await open('/demo/checkout.html');
      const checker = page.locator('leap-incentive-checker');
      await page.locator('#ship-line1').fill('456 Main St');
      await page.locator('#ship-city').fill('Bend');
      await page.locator('#ship-state').selectOption('OR');
      await page.locator('#ship-zip').fill('97701');
      const total = checker.locator('[part="total"]');
      await total.waitFor();
      assert.match(await total.innerText(), /\$750/);

      await page.locator('#ship-line1').fill('789 Oak Avenue');
      await checker.locator('[part="stale"]').waitFor();
      await page.locator('#ship-city').fill('Sacramento');
      await page.locator('#ship-state').selectOption('CA');
      await page.locator('#ship-zip').fill('95814');
      await checker.locator('[part="total"]', { hasText: '$1,250' }).waitFor();
      assert.equal(await checker.locator('[part="stale"]').count(), 0);

      assert.deepEqual(problems, []);
      await page.close();
    },
  );

  it('order confirmation: checks the prefilled address without typing', { timeout: 60_000 }, async () => {
    const { page, problems } = await open('/demo/order-confirmation.html');
    const checker = page.locator('leap-incentive-checker');
    const total = checker.locator('[part="total"]');
    await total.waitFor();
    assert.match(await total.innerText(), /\$750/);
    assert.equal(await checker.locator('#street_2').inputValue(), 'Apt 2B');
    // The connect button got its refId from the session endpoint and offers Leap Connect.
    const connect = page.locator('leap-connect-button [part="button"]');
    await page.waitForFunction(() => document.querySelector('leap-connect-button')?.url?.startsWith('https://'));
    assert.match((await connect.getAttribute('href')) ?? '', /^https:\/\//);
    await page.screenshot({ path: `${artifacts}order-confirmation.png`, fullPage: true });

    assert.deepEqual(problems, []);
    await page.close();
  });

  it('article: renders an English and a Spanish checker', { timeout: 60_000 }, async () => {
    const { page, problems } = await open('/demo/article.html');
    const spanish = page.locator('#article-rebates-es');
    await spanish.locator('h2', { hasText: 'Consulte sus incentivos' }).waitFor();
    assert.equal(await spanish.locator('[part="submit"]').innerText(), 'Consultar incentivos');
    await page.locator('#article-rebates h2', { hasText: 'Check your incentives' }).waitFor();
    await page.screenshot({ path: `${artifacts}article.png`, fullPage: true });

    assert.deepEqual(problems, []);
    await page.close();
  });

  it('connected: the Final Redirect page thanks the customer', { timeout: 60_000 }, async () => {
    const { page, problems } = await open('/demo/connected.html?refId=visitor-1&campaign=spring');
    const returned = page.locator('leap-connect-return');
    const success = returned.locator(':scope > .return-message:not([slot])');
    await success.waitFor();
    assert.match(await success.innerText(), /your utility account is on its way/i);
    assert.equal(await success.evaluate((el) => el.assignedSlot?.name), '');
    assert.equal(await returned.locator(':scope > [slot="missing"]').isVisible(), false);
    assert.equal(await returned.locator('[part="message"]').getAttribute('data-found'), 'true');
    await page.locator('#event-log li', { hasText: 'leap-connect-return' }).waitFor();
    assert.match(
      await page.locator('#event-log').innerText(),
      /leap-connect-return #connect-return: refId visitor-1, params campaign/,
    );
    assert.equal(await page.locator('a', { hasText: 'Go to my account' }).getAttribute('href'), '/demo/account.html');
    await page.screenshot({ path: `${artifacts}connected.png`, fullPage: true });

    assert.deepEqual(problems, []);
    await page.close();
  });

  // Last on purpose: the connect flow adds two meters to the demo customer in the shared mock.
  it(
    'the whole story: connect button → the mock’s connect flow → the connected page shows the new meters → the account page lists them',
    { timeout: 90_000 },
    async () => {
      const { page, problems } = await open('/demo/account.html');
      await page.locator('leap-enrollment-status [part="meter"]').nth(4).waitFor();
      const before = await page.locator('leap-enrollment-status [part="meter"]').count();
      const connect = page.locator('leap-connect-button [part="button"]');
      await page.waitForFunction(() => document.querySelector('leap-connect-button')?.url?.startsWith('https://'));
      await Promise.all([page.waitForURL(/\/demo\/connected\.html\?refId=demo-customer/), connect.click()]);

      const progress = page.locator('leap-connect-return [part="progress"]');
      await progress.waitFor();
      // On a busy machine the mock may have created the meters before the page showed its first state: either the
      // waiting message or the result is right here; the result is what must follow.
      assert.match(await progress.innerText(), /linking your utility account|Connected: 2 meters/);
      await page.locator('leap-connect-return [part="progress"][data-state="connected"]').waitFor({ timeout: 60_000 });
      assert.equal(await progress.innerText(), 'Connected: 2 meters at Pacific Gas & Electric');
      await page.locator('#event-log li', { hasText: 'leap-connected' }).waitFor();
      await page.screenshot({ path: `${artifacts}connected-meters.png`, fullPage: true });

      await page.locator('a', { hasText: 'Go to my account' }).click();
      const meters = page.locator('leap-enrollment-status [part="meter"]');
      await meters.nth(before + 1).waitFor();
      assert.equal(await meters.count(), before + 2);
      const pending = await meters.evaluateAll(
        (items) =>
          items.filter(
            (el) => el.getAttribute('data-status') === 'PENDING' && /Pacific Gas & Electric/.test(el.textContent ?? ''),
          ).length,
      );
      assert.ok(pending >= 2);

      assert.deepEqual(problems, []);
      await page.close();
    },
  );
});
