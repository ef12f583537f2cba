// Browser tests: real headless Chromium, TypeScript compiled by esbuild, @open-wc/testing in the page.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { writeFileSync } from 'node:fs';
import { CHROMIUM_ARGS, ensureChromium } from './support/chromium.mjs';
// TypeScript modules load because test/run.mjs starts the runner with `--import tsx`.
import { testBackendMiddleware } from './support/test-backend.ts';

const summaryFile = process.env.LEAP_WTR_SUMMARY;

/** Counts passed/failed tests for the combined summary line printed by test/run.mjs. */
function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const walk = (suite) => {
        for (const test of suite.tests ?? []) {
          if (test.skipped) skipped += 1;
          else if (test.passed) passed += 1;
          else failed += 1;
        }
        for (const child of suite.suites ?? []) walk(child);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        // A file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) failed += 1;
      }
      if (summaryFile) writeFileSync(summaryFile, JSON.stringify({ passed, failed, skipped }));
    },
  };
}

export default {
  rootDir: new URL('..', import.meta.url).pathname,
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development', 'browser'] },
  concurrency: 1,
  testsFinishTimeout: 600_000,
  testFramework: { config: { timeout: 10_000 } },
  browsers: [
    chromeLauncher({ launchOptions: { executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true } }),
  ],
  middleware: [await testBackendMiddleware()],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: new URL('../tsconfig.json', import.meta.url).pathname }),
  ],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter()],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head>
    <script>
      // Lit prints a one-time "dev mode" notice; every other Lit warning is recorded and fails the test that caused it.
      window.litIssuedWarnings = new Set(['dev-mode']);
      window.__litWarnings = [];
      const warn = console.warn.bind(console);
      console.warn = (...args) => {
        if (args.some((a) => typeof a === 'string' && a.includes('lit.dev/msg'))) window.__litWarnings.push(args.join(' '));
        warn(...args);
      };
    </script>
  </head>
  <body>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
};
