/**
 * One source for the API documentation: the JSDoc. custom-elements.json is generated from it, the reference tables in
 * docs/ and the README's element list are generated from that (`npm run docs`), and these tests fail when a table is
 * stale, when a documented part is gone from the templates, or when a link between the pages is broken. The browser
 * suite checks the other direction: attributes, CSS properties and parts the elements really use are documented.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { analyze } from '../../scripts/custom-elements.mjs';
import { elementDocs, staleDocs, type Manifest } from '../../scripts/docs.js';
import { root } from '../../scripts/fresh-install.js';
import { RESERVED_SPACE } from '../../scripts/bench/reserved-space.js';
import { renderedParts } from '../support/rendered-parts.js';

const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
];

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const anchor = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(join(root, file), 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1]!)));
}

describe('the documentation', () => {
  it('the generated tables are up to date with the JSDoc (npm run docs)', async () => {
    assert.deepEqual(await staleDocs(), []);
  });

  it('every documented CSS part is still rendered by the element’s templates', () => {
    const problems: string[] = [];
    for (const element of elementDocs(analyze() as Manifest)) {
      const folder = join(root, dirname(element.source));
      const source = [folder, join(root, 'src/elements/shared')]
        .flatMap((dir) =>
          readdirSync(dir)
            .filter((f) => f.endsWith('.ts'))
            .map((f) => readFileSync(join(dir, f), 'utf8')),
        )
        .join('\n');
      const rendered = renderedParts(source);
      for (const part of element.declaration.cssParts ?? []) {
        if (!rendered.has(part.name))
          problems.push(`<${element.tag}> documents part "${part.name}", which no template renders`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('a part counts only where a template sets the part attribute, not a class or another word', () => {
    const template = [
      'html`<span class="total" data-x=\'claim\'>${\'retry\'}</span><p part="field-error x">`;',
      "html`<b part=${open ? 'on' : 'off'}></b>`; link.part.add('button'); attr(message, 'part', 'message error');",
      "function badge(status, part = 'badge') { return html`<i part=${part}></i>`; } badge(s, 'period-status');",
    ].join('\n');
    assert.deepEqual([...renderedParts(template)].sort(), [
      'badge',
      'button',
      'error',
      'field-error',
      'message',
      'off',
      'on',
      'period-status',
      'x',
    ]);
  });

  it('the README is a ten-minute read: at most 400 lines', () => {
    const lines = readFileSync(join(root, 'README.md'), 'utf8').split('\n').length;
    assert.ok(lines <= 400, `README.md has ${lines} lines`);
  });

  it('the reserved-space CSS in docs/embedding.md is the CSS the bench measures', () => {
    const text = readFileSync(join(root, 'docs/embedding.md'), 'utf8');
    const block = /<!-- reserved-space: start -->([\s\S]*?)<!-- reserved-space: end -->/.exec(text)?.[1] ?? '';
    const rules = Object.fromEntries(
      [...block.matchAll(/([a-z-]+)\s*\{([^}]*)\}/g)].map(([, tag, body]) => [tag, body!.replace(/\s+/g, ' ').trim()]),
    );
    assert.deepEqual(rules, RESERVED_SPACE);
  });

  it('every link between the pages points at a file and a heading that exist', () => {
    const broken: string[] = [];
    for (const page of pages) {
      const text = readFileSync(join(root, page), 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const [path, hash] = target!.split('#') as [string, string | undefined];
        const file = path ? relative(root, join(root, dirname(page), path)) : page;
        if (!existsSync(join(root, file))) broken.push(`${page}: ${target} (no such file)`);
        else if (hash && file.endsWith('.md') && !anchorsOf(file).has(hash))
          broken.push(`${page}: ${target} (no such heading)`);
      }
    }
    assert.deepEqual(broken, []);
  });
});
