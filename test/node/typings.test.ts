import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { analyze, elementsOf, writeTypings } from '../../scripts/custom-elements.mjs';

interface ElementInfo {
  tag: string;
  attributes: Array<{ name: string }>;
  events: string[];
  properties: string[];
}

const root = new URL('../..', import.meta.url).pathname;

describe('custom-elements.json and the framework typings', () => {
  let elements: ElementInfo[] = [];
  let work = '';
  before(() => {
    elements = elementsOf(analyze()) as ElementInfo[];
    mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
    // Inside node_modules so the compiler finds React's types by the usual lookup.
    work = mkdtempSync(join(root, 'node_modules/.cache/leap-typings-'));
    writeTypings(elements, work, join(root, 'src'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('the manifest, generated from JSDoc, lists every element with its attributes and events', () => {
    const byTag = new Map(elements.map((e) => [e.tag, e]));
    assert.deepEqual(
      [...byTag.keys()],
      [
        'leap-application-status',
        'leap-connect-button',
        'leap-connect-return',
        'leap-enrollment-status',
        'leap-incentive-checker',
      ],
    );
    const checker = byTag.get('leap-incentive-checker')!;
    for (const attribute of ['session-endpoint', 'device-ids', 'building-type', 'auto-check', 'claim-hosts', 'lang']) {
      assert.ok(
        checker.attributes.some((a) => a.name === attribute),
        attribute,
      );
    }
    assert.deepEqual(checker.events.sort(), ['leap-claim', 'leap-error', 'leap-result']);
    assert.deepEqual(byTag.get('leap-connect-button')!.events.sort(), ['leap-connect', 'leap-error']);
    assert.deepEqual(byTag.get('leap-enrollment-status')!.events.sort(), ['leap-error', 'leap-meters', 'leap-status']);
    assert.deepEqual(byTag.get('leap-connect-return')!.events.sort(), [
      'leap-connect-return',
      'leap-connected',
      'leap-error',
    ]);
  });

  it('React 19 JSX typings accept the documented attributes, properties and events, and reject wrong ones', () => {
    const sample = join(work, 'sample.tsx');
    writeFileSync(
      sample,
      [
        "import type {} from './jsx';",
        'export const ok = (',
        '  <leap-incentive-checker',
        '    session-endpoint="/api/leap/session"',
        '    device-ids="123"',
        '    create-application',
        '    deviceIds={[123, 44]}',
        '    onleap-result={(event) => event.detail.result.incentives.total_incentive_amount}',
        '  />',
        ');',
        'export const button = <leap-connect-button org="acme" utility="pge" onleap-connect={(e) => e.detail.url} />;',
        'export const bad1 = <leap-incentive-checker deviceIds="123" />;',
        'export const bad2 = <leap-connect-button onleap-connect={(e) => e.detail.nope} />;',
        'export const bad3 = <leap-enrollment-status poll-interval={60} />;',
      ].join('\n'),
    );
    const program = ts.createProgram([sample], {
      jsx: ts.JsxEmit.ReactJSX,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      types: [],
      experimentalDecorators: true,
      useDefineForClassFields: false,
    });
    const errors = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName === sample)
      .map((d) => d.file!.getLineAndCharacterOfPosition(d.start!).line + 1);
    assert.deepEqual(
      [...new Set(errors)].sort((a, b) => a - b),
      [12, 13, 14],
      'only the three wrong lines fail',
    );
  });

  it('Svelte typings accept what HTML accepts (attributes as strings, global, data- and aria- attributes), and reject wrong properties', () => {
    const sample = join(work, 'svelte-sample.ts');
    writeFileSync(
      sample,
      [
        "import type {} from './svelte';",
        "type Checker = svelteHTML.IntrinsicElements['leap-incentive-checker'];",
        'export const ok: Checker = {',
        "  'session-endpoint': '/api/leap/session',",
        "  'device-ids': '123',",
        "  'create-application': true,",
        "  style: 'margin: 1rem', hidden: true, title: 'Incentives', 'data-testid': 'checker', 'aria-describedby': 'help',",
        '  deviceIds: [123, 44],',
        "  'on:leap-result': (event) => event.detail.result.incentives.total_incentive_amount,",
        '};',
        "export const bad: Checker = { deviceIds: '123' };",
        "export const bad2: svelteHTML.IntrinsicElements['leap-enrollment-status'] = { pollInterval: '60' };",
      ].join('\n'),
    );
    const program = ts.createProgram([sample], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      types: [],
      useDefineForClassFields: false,
    });
    const errors = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName === sample)
      .map((d) => d.file!.getLineAndCharacterOfPosition(d.start!).line + 1);
    assert.deepEqual(
      [...new Set(errors)].sort((a, b) => a - b),
      [11, 12],
      'only the two wrong lines fail',
    );
  });
});
