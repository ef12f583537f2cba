/**
 * The documentation (custom-elements.json, from the JSDoc, and the docs/ tables generated from it) against the
 * elements themselves: the attributes they observe, and the CSS custom properties their styles read, with the
 * defaults the descriptions state. (Parts are checked in every rendered state by a11y.test.ts.)
 */
import { expect } from '@open-wc/testing';
import type { CSSResultOrNative } from 'lit';
import '../../src/define.js';
import { DOCUMENTED } from './manifest.js';

const cssText = (style: CSSResultOrNative) =>
  style instanceof CSSStyleSheet ? [...style.cssRules].map((rule) => rule.cssText).join('\n') : style.cssText;

/**
 * The `--leap-*` custom properties that change how the element looks, with the fallback each `var()` gives: those its
 * styles read directly, and those read through a private alias (`--_primary: var(--leap-color-primary, …)`, set by the
 * shared tokens for every element) that its styles then use.
 */
function customProperties(tag: string): Map<string, string> {
  const element = customElements.get(tag) as unknown as { elementStyles: CSSResultOrNative[] };
  const css = element.elementStyles.map(cssText).join('\n');
  const aliases = new Map<string, [string, string]>();
  for (const [, alias, property, fallback] of css.matchAll(
    /(--_[\w-]+)\s*:\s*var\(\s*(--leap-[\w-]+)\s*,\s*([^;]*?)\s*\)\s*;/g,
  )) {
    aliases.set(alias!, [property!, fallback!]);
  }
  const used = new Map<string, string>();
  const direct = css.replace(/--_[\w-]+\s*:\s*var\([^;]*;/g, '');
  for (const [, property, fallback] of direct.matchAll(/var\(\s*(--leap-[\w-]+)\s*(?:,\s*([^)]*?))?\s*\)/g)) {
    used.set(property!, (fallback ?? '').trim());
  }
  for (const [, alias] of direct.matchAll(/var\(\s*(--_[\w-]+)/g)) {
    const target = aliases.get(alias!);
    if (target) used.set(target[0], target[1]);
  }
  return used;
}

describe('the documentation of each element', () => {
  for (const element of DOCUMENTED) {
    const tag = element.tagName;

    it(`<${tag}>: the attributes it documents are exactly the attributes it observes`, () => {
      const observed = (customElements.get(tag) as unknown as { observedAttributes: string[] }).observedAttributes;
      expect((element.attributes ?? []).map((a) => a.name).sort()).to.deep.equal([...observed].sort());
    });

    it(`<${tag}>: the CSS custom properties it documents are exactly those its styles read, with their defaults`, () => {
      const used = customProperties(tag);
      const listed = element.cssProperties ?? [];
      const names = listed.map((p) => p.name);
      expect(
        [...used.keys()].filter((name) => !names.includes(name)),
        'read by its styles, missing from its JSDoc @cssprop',
      ).to.deep.equal([]);
      expect(
        names.filter((name) => !used.has(name)),
        'in its JSDoc @cssprop, read by none of its styles',
      ).to.deep.equal([]);
      for (const property of listed) {
        const fallback = used.get(property.name) ?? '';
        const stated = /Default `([^`]+)`/.exec(property.description ?? '')?.[1];
        if (fallback === 'inherit') expect(property.description, property.name).to.match(/Inherits|Default `inherit`/);
        else expect(stated, `${property.name}: the default its description states`).to.equal(fallback);
      }
    });
  }
});
