// Browser tests: real headless Chromium, TypeScript compiled by esbuild, @open-wc/testing in the page.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { CHROMIUM_ARGS, ensureChromium } from './support/chromium.mjs';
import { devtoolsCommands } from './support/browser-commands.mjs';
import { shippedTemplates } from './support/shipped-templates.mjs';
// TypeScript modules load because test/run.mjs starts the runner with `--import tsx`.
import { testBackendMiddleware } from './support/test-backend.ts';
import { docSnippets } from '../scripts/doc-snippets.ts';
import { analyze } from '../scripts/custom-elements.mjs';

// The documentation tests compare the elements with custom-elements.json, generated fresh from their JSDoc.
analyze();

const summaryFile = process.env.LEAP_WTR_SUMMARY;
const rootDir = new URL('..', import.meta.url).pathname;

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

/**
 * React, react-dom and @sinonjs/fake-timers ship CommonJS only. This plugin converts them (and only them) to ES modules
 * with esbuild, the compiler the runner already uses: one bundle with shared chunks, so `react` and `react-dom/client`
 * use the same React, served from /__cjs-esm/ (React in development mode).
 */
function commonJsPlugin() {
  const specifiers = ['react', 'react/jsx-runtime', 'react-dom', 'react-dom/client', '@sinonjs/fake-timers'];
  const prefix = '/__cjs-esm/';
  const fileOf = (specifier) => `${specifier.replace(/[@/]/g, '-')}.js`;
  // The export names of a CommonJS module, read in a separate process (React patches the console when it loads).
  const exportNames = (specifier) =>
    JSON.parse(
      execFileSync(process.execPath, ['-p', `JSON.stringify(Object.keys(require(${JSON.stringify(specifier)})))`], {
        cwd: rootDir,
        env: { ...process.env, NODE_ENV: 'development' },
        encoding: 'utf8',
      }),
    );
  let files;
  async function bundle() {
    const result = await build({
      entryPoints: specifiers.map((specifier) => ({ in: `esm:${specifier}`, out: fileOf(specifier).slice(0, -3) })),
      bundle: true,
      splitting: true,
      format: 'esm',
      target: 'es2022',
      write: false,
      outdir: '/out',
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"development"' },
      // Required by fake-timers only under Node (behind a `process` check).
      external: ['util'],
      plugins: [
        {
          name: 'commonjs-esm-entries',
          setup(b) {
            b.onResolve({ filter: /^esm:/ }, ({ path }) => ({ path: path.slice(4), namespace: 'esm' }));
            b.onLoad({ filter: /.*/, namespace: 'esm' }, ({ path }) => {
              const names = exportNames(path).filter((name) => name !== 'default' && /^[A-Za-z_$][\w$]*$/.test(name));
              return {
                contents: `import m from ${JSON.stringify(path)};\nexport const { ${names.join(', ')} } = m;\nexport default m;\n`,
                resolveDir: rootDir,
              };
            });
          },
        },
      ],
    });
    return new Map(result.outputFiles.map((file) => [file.path.slice('/out/'.length), file.text]));
  }
  return {
    name: 'commonjs-esm',
    resolveImport({ source }) {
      if (specifiers.includes(source)) return prefix + fileOf(source);
    },
    async serve(context) {
      if (!context.path.startsWith(prefix)) return;
      files ??= bundle();
      const body = (await files).get(context.path.slice(prefix.length));
      return body === undefined ? undefined : { body, type: 'js' };
    },
  };
}

export default {
  rootDir,
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development', 'browser'] },
  concurrency: 1,
  testsFinishTimeout: 600_000,
  testFramework: { config: { timeout: 10_000 } },
  browsers: [
    chromeLauncher({ launchOptions: { executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true } }),
  ],
  middleware: [
    await testBackendMiddleware(),
    // The HTML blocks of the README and docs/, read fresh from disk for the test that renders each one.
    (ctx, next) => {
      if (ctx.path !== '/__doc-snippets.json') return next();
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(docSnippets());
      return undefined;
    },
  ],
  plugins: [
    devtoolsCommands(),
    commonJsPlugin(),
    shippedTemplates(rootDir),
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
