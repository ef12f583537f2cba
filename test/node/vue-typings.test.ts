/**
 * The framework typings as a Vue 3 app meets them: a single-file component holding every HTML snippet of the README and
 * docs/ (scripts aside) passes `vue-tsc` against the packed package, with `leap-elements/vue`, and so does a module that
 * imports every event detail type from `leap-elements`; a component with wrong values fails on exactly those lines.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshApp, root, type FreshApp } from '../../scripts/fresh-install.js';
import { docSnippets } from '../../scripts/doc-snippets.js';

/** The detail types src/elements/shared/events.ts declares: each must be exported from `leap-elements`. */
const DETAIL_TYPES = [
  ...readFileSync(join(root, 'src/elements/shared/events.ts'), 'utf8').matchAll(
    /export (?:interface|type) (Leap\w+Detail)\s*[={]/g,
  ),
].map((match) => match[1]!);

/** A snippet as a Vue template holds it: no scripts or preloads (the app imports the package instead). */
const asTemplate = (html: string) =>
  html
    .replace(/<script\b[\s\S]*?<\/script>/g, '')
    .replace(/<link\b[^>]*>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '');

describe('Vue 3 with the packed package: leap-elements/vue and the exported types', { timeout: 300_000 }, () => {
  let app: FreshApp;
  before(() => {
    app = freshApp(['vue@^3.5', 'vue-tsc@^3.3', 'typescript@^5.9']);
    app.write(
      'tsconfig.json',
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'ESNext',
          moduleResolution: 'bundler',
          target: 'ES2022',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          types: [],
          skipLibCheck: true,
          jsx: 'preserve',
        },
        include: ['src/**/*.ts', 'src/**/*.vue'],
      }),
    );
    app.write('src/env.d.ts', "import type {} from 'leap-elements/vue';\n");
  });
  after(() => app?.remove());

  const vueTsc = () => app.run(process.execPath, ['node_modules/vue-tsc/bin/vue-tsc.js', '-p', 'tsconfig.json']);

  it('every event detail type named in the docs is exported from leap-elements', () => {
    assert.ok(DETAIL_TYPES.includes('LeapResultDetail') && DETAIL_TYPES.includes('LeapMetersDetail'));
    app.write(
      'src/events.ts',
      [
        `import type { ${DETAIL_TYPES.join(', ')} } from 'leap-elements';`,
        `export type All = [${DETAIL_TYPES.join(', ')}];`,
        'export const total = (detail: LeapResultDetail): number => detail.result.incentives.total_incentive_amount;',
      ].join('\n'),
    );
    app.write('src/App.vue', '<template><p>empty</p></template>\n');
    const result = vueTsc();
    assert.equal(result.stdout + result.stderr, '');
    assert.equal(result.status, 0);
  });

  it('a component with every documented snippet, typed handlers and bound properties passes vue-tsc', () => {
    const snippets = docSnippets().map(
      (snippet) => `  <!-- ${snippet.file}:${snippet.line} -->\n${asTemplate(snippet.html)}`,
    );
    assert.ok(snippets.length >= 10);
    app.write(
      'src/App.vue',
      [
        '<script setup lang="ts">',
        "import 'leap-elements/define';",
        "import type { LeapErrorDetail, LeapResultDetail } from 'leap-elements';",
        'const onResult = (event: CustomEvent<LeapResultDetail>) => event.detail.result.incentives.total_incentive_amount;',
        'const onError = (event: CustomEvent<LeapErrorDetail>) => event.detail.code;',
        '</script>',
        '',
        '<template>',
        '  <div>',
        ...snippets,
        '  <leap-incentive-checker session-endpoint="/api/leap/session" :device-ids="[123, 456]" @leap-result="onResult" @leap-error="onError" />',
        '  <leap-enrollment-status session-endpoint="/api/leap/session" :poll-interval="300" />',
        '  </div>',
        '</template>',
        '',
      ].join('\n'),
    );
    const result = vueTsc();
    assert.equal(result.stdout + result.stderr, '', 'vue-tsc found errors');
    assert.equal(result.status, 0);
  });

  it('wrong values fail vue-tsc on exactly their lines (the check can fail)', () => {
    app.write(
      'src/App.vue',
      [
        '<script setup lang="ts">',
        "import 'leap-elements/define';",
        '</script>',
        '<template>',
        '  <div>',
        '    <leap-incentive-checker device-ids="123" create-application />',
        '    <leap-enrollment-status :poll-interval="{ seconds: 60 }" />',
        '    <leap-connect-button @leap-connect="(event) => event.detail.nope" />',
        '  </div>',
        '</template>',
        '',
      ].join('\n'),
    );
    const result = vueTsc();
    assert.equal(result.status, 2, result.stdout);
    const lines = [...result.stdout.matchAll(/src\/App\.vue\((\d+),\d+\): error/g)].map((m) => Number(m[1]));
    assert.deepEqual([...new Set(lines)].sort(), [7, 8], result.stdout);
  });
});
