/**
 * A strict Content-Security-Policy: the CDN file, and the CDN loader with its element files, and every element under
 *   default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; report-uri /csp-report
 * with no inline script or style on the page (test/fixtures/csp/index.html). The loader's page is self-hosted the way
 * the docs say: the snippet from `leap-elements cdn-snippet --base /cdn/` (its import map inline), and `script-src`
 * allowing that map by the hash the command prints. A loopback `node:http` server serves the
 * page, the freshly built CDN file, the partner backend (in-process mock Leap) and a report endpoint; headless
 * Chromium (playwright-core) drives it. Zero violations allowed: no report, no `securitypolicyviolation` event, no
 * console error. A control page that breaks the policy on purpose proves the detection itself works.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { createLeapHandler } from '../../src/server/index.js';
import { toNodeListener } from '../../src/server/node.js';
import { createMockLeap } from '../../src/mock/index.js';
import { checkBend, closeServer, launchChromium } from '../support/playwright.js';
import { buildCdn } from '../support/cdn-build.js';
import { loaderSnippet } from '../../src/cli/cdn-snippet.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PAGE_HTML = readFileSync(join(root, 'test/fixtures/csp/index.html'), 'utf8');
const POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; report-uri /csp-report";
const TAGS = [
  'leap-connect-button',
  'leap-incentive-checker',
  'leap-enrollment-status',
  'leap-application-status',
  'leap-connect-return',
];
// The control page breaks the policy twice on purpose: an inline script and an inline style attribute.
const CONTROL_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>control</title>
<script>window.inlineRan = true;</script></head><body><p style="color: red">control</p></body></html>`;

interface CspReport {
  'document-uri'?: string;
  'violated-directive'?: string;
  'effective-directive'?: string;
  'blocked-uri'?: string;
  'source-file'?: string;
  'line-number'?: number;
}

interface Recorded {
  violations: { directive: string; blockedURI: string; sourceFile: string; sample: string }[];
}

declare global {
  interface Window {
    __cspViolations?: Recorded['violations'];
    inlineRan?: boolean;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

describe('strict Content-Security-Policy (CDN file or loader + every element, Chromium)', { timeout: 90_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'leap-csp-'));
  const reports: CspReport[] = [];
  let cdnFile = '';
  let server: Server;
  let baseUrl = '';
  let browser: Browser;

  before(async () => {
    const outDir = join(work, 'cdn');
    const launched = launchChromium();
    await buildCdn(outDir, { loader: true });
    cdnFile = readFileSync(join(outDir, 'leap-elements.js'), 'utf8');

    const mock = createMockLeap();
    const backend = toNodeListener(
      createLeapHandler({
        mock: true,
        sessionSecret: 'zOyByu3xeo3wlyrIcnNzzaf/OXrm02iTOpV6/FdjnbGrMIXW',
        fetch: async (input, init) => mock(new Request(input, init)),
        rateLimit: false,
        authenticate: async (req) => ({ referenceId: new URL(req.url).searchParams.get('as') ?? 'guest-csp' }),
      }),
    );

    // The self-hosted loader snippet: its inline import map is allowed by its hash, nothing else inline.
    const selfHosted = loaderSnippet('/cdn/', outDir);
    const loaderPage = PAGE_HTML.replace('<script type="module" src="/leap-elements.js"></script>', selfHosted.snippet);
    assert.notEqual(loaderPage, PAGE_HTML, "the fixture has the single file's tag to replace");
    const loaderPolicy = POLICY.replace("script-src 'self'", `script-src 'self' ${selfHosted.cspHash}`);

    const send = (res: ServerResponse, status: number, type: string | null, body: string, policy = POLICY) => {
      res.statusCode = status;
      res.setHeader('Content-Security-Policy', policy);
      res.setHeader('Cache-Control', 'no-store');
      if (type) res.setHeader('Content-Type', type);
      res.end(body);
    };
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path === '/api/leap' || path.startsWith('/api/leap/')) return backend(req, res);
      if (path === '/csp-report' && req.method === 'POST') {
        void readBody(req).then((body) => {
          try {
            const parsed = JSON.parse(body) as { 'csp-report'?: CspReport } | CspReport[];
            if (Array.isArray(parsed)) reports.push(...parsed);
            else reports.push(parsed['csp-report'] ?? (parsed as CspReport));
          } catch {
            reports.push({ 'violated-directive': `unparsable report: ${body}` });
          }
          res.statusCode = 204;
          res.end();
        });
        return;
      }
      if (path === '/csp.html') return send(res, 200, 'text/html; charset=utf-8', PAGE_HTML);
      // The same page, with the loader instead of the single file.
      if (path === '/csp-loader.html') return send(res, 200, 'text/html; charset=utf-8', loaderPage, loaderPolicy);
      const cdnPart = /^\/cdn\/((?:chunks|elements)\/[\w-]+\.js|loader\.js)$/.exec(path);
      if (cdnPart)
        return send(res, 200, 'text/javascript; charset=utf-8', readFileSync(join(outDir, cdnPart[1]!), 'utf8'));
      if (path === '/control.html') return send(res, 200, 'text/html; charset=utf-8', CONTROL_HTML);
      if (path === '/leap-elements.js') return send(res, 200, 'text/javascript; charset=utf-8', cdnFile);
      if (path === '/favicon.ico') return send(res, 204, null, '');
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

  /** A fresh context whose pages record every CSP violation on `window` (init scripts are exempt from the CSP). */
  async function open(path: string): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ locale: 'en-US' });
    context.setDefaultTimeout(15_000);
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__cspViolations!.push({
          directive: event.effectiveDirective || event.violatedDirective,
          blockedURI: event.blockedURI,
          sourceFile: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
          sample: event.sample,
        });
      });
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await page.goto(`${baseUrl}${path}`);
    return { page, problems };
  }

  const reportsFor = (path: string) =>
    reports.filter((report) => new URL(report['document-uri'] ?? baseUrl).pathname === path);

  for (const [what, path] of [
    ['the single file', '/csp.html'],
    ['the loader', '/csp-loader.html'],
  ] as const)
    it(`${what}: every element renders and works, with zero CSP violations`, async () => {
      const { page, problems } = await open(path);
      await page.waitForFunction((tags) => tags.every((tag) => customElements.get(tag) !== undefined), TAGS);
      for (const tag of TAGS) {
        // Styled through adopted constructable stylesheets, which style-src 'self' allows (a <style> would be blocked).
        const sheets = await page.locator(tag).evaluate((el) => el.shadowRoot?.adoptedStyleSheets.length ?? -1);
        assert.ok(sheets > 0, `<${tag}> has a shadow root with adopted stylesheets (got ${sheets})`);
      }

      // Connect button: a live link.
      const link = page.locator('leap-connect-button [part="button"]');
      await page.waitForFunction(() =>
        document.querySelector('leap-connect-button')?.shadowRoot?.querySelector('a[href]'),
      );
      assert.equal(await link.getAttribute('href'), 'https://addleap.com/acme/pge/getting-started?refId=r1');

      // Enrollment status: session as the demo customer, then the meter's status reflected as an attribute.
      await page.waitForFunction(
        () => document.querySelector('leap-enrollment-status')?.getAttribute('status') === 'ACTIVE',
      );

      // Application status: the demo customer's eight applications.
      const applications = page.locator('leap-application-status [part="application"]');
      await applications.nth(7).waitFor();
      assert.equal(await applications.count(), 8);

      // Incentive checker: the Bend address is worth $750.
      const checker = page.locator('leap-incentive-checker');
      await checkBend(checker);
      const total = checker.locator('[part="total"]');
      await total.waitFor();
      assert.match(await total.innerText(), /\$750/);
      // The reserved-space layout sets its height through the CSSOM, which the policy allows.
      const reserved = await checker.locator('[role="region"]').evaluate((el) => el.getBoundingClientRect().height);
      assert.ok(Math.abs(reserved - 24 * 16) < 1, `reserved height ${reserved}`);

      // Connect return: the message box rendered from its url attribute.
      await page.locator('leap-connect-return [part="message"]').waitFor();

      // Reports are posted asynchronously: give any late one a moment to arrive.
      await page.waitForTimeout(500);
      const violations = await page.evaluate(() => window.__cspViolations ?? null);
      assert.deepEqual(violations, [], 'securitypolicyviolation events on the page');
      // Every report so far (the control page has not been opened yet; an unattributable report counts too).
      assert.deepEqual(
        reports.filter((report) => !reportsFor('/control.html').includes(report)),
        [],
        'CSP reports received',
      );
      assert.deepEqual(problems, [], 'console errors and page errors');
      await page.context().close();
    });

  it('control: a page that breaks the policy is caught by both the event listener and the report endpoint', async () => {
    const { page, problems } = await open('/control.html');
    await page.waitForFunction(() => (window.__cspViolations?.length ?? 0) >= 2);
    assert.equal(await page.evaluate(() => window.inlineRan ?? false), false, 'the inline script was blocked');
    const directives = (await page.evaluate(() => window.__cspViolations!.map((v) => v.directive))).sort();
    assert.deepEqual(directives, ['script-src-elem', 'style-src-attr']);
    const deadline = Date.now() + 5_000;
    while (reportsFor('/control.html').length < 2 && Date.now() < deadline) await page.waitForTimeout(50);
    assert.equal(reportsFor('/control.html').length, 2, `reports received: ${JSON.stringify(reports)}`);
    assert.ok(
      problems.some((p) => /Content Security Policy/i.test(p)),
      'Chromium logs the violation as an error',
    );
    await page.context().close();
  });
});
