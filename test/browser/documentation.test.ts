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

/** A property's defaults: the light theme's, and the dark theme's where it differs. */
interface Defaults {
  light: string;
  dark?: string;
}

/**
 * The `--leap-*` custom properties that change how the element looks, with the defaults each `var()` gives: those its
 * styles read directly, and those read through a private alias (`--_primary: var(--leap-color-primary, …)`, set by the
 * shared tokens for every element, again under `:state(dark)` with the dark theme's default) that its styles then use.
 * A fallback that is itself a property (`var(--leap-color-background, var(--leap-color-surface, #fff))`) is read too.
 */
function customProperties(tag: string): Map<string, Defaults> {
  const element = customElements.get(tag) as unknown as { elementStyles: CSSResultOrNative[] };
  const css = element.elementStyles.map(cssText).join('\n');
  const aliases = new Map<string, Map<string, Defaults>>();
  for (const [, alias, property, fallback] of css.matchAll(
    /(--_[\w-]+)\s*:\s*var\(\s*(--leap-[\w-]+)\s*,\s*([^;]*?)\s*\)\s*;/g,
  )) {
    let value = fallback!;
    const chain = [property!];
    for (let nested; (nested = /^var\(\s*(--leap-[\w-]+)\s*,\s*(.*?)\s*\)$/.exec(value)); value = nested[2]!) {
      chain.push(nested[1]!);
    }
    const properties = aliases.get(alias!) ?? new Map<string, Defaults>();
    for (const name of chain) {
      const known = properties.get(name);
      properties.set(name, known ? { ...known, dark: value } : { light: value });
    }
    aliases.set(alias!, properties);
  }
  const used = new Map<string, Defaults>();
  const direct = css.replace(/--_[\w-]+\s*:\s*var\(\s*--leap-[^;]*;/g, '');
  for (const [, property, fallback] of direct.matchAll(/var\(\s*(--leap-[\w-]+)\s*(?:,\s*([^)]*?))?\s*\)/g)) {
    used.set(property!, { light: (fallback ?? '').trim() });
  }
  for (const [, alias] of direct.matchAll(/var\(\s*(--_[\w-]+)/g)) {
    for (const [name, defaults] of aliases.get(alias!) ?? []) used.set(name, defaults);
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
        const defaults = used.get(property.name) ?? { light: '' };
        const stated = /Default `([^`]+)`/.exec(property.description ?? '')?.[1];
        const statedDark = /dark theme `([^`]+)`/.exec(property.description ?? '')?.[1];
        if (defaults.light === 'inherit') {
          expect(property.description, property.name).to.match(/Inherits|Default `inherit`/);
        } else {
          expect(stated, `${property.name}: the default its description states`).to.equal(defaults.light);
        }
        const dark = defaults.dark !== defaults.light ? defaults.dark : undefined;
        expect(statedDark, `${property.name}: the dark theme's default its description states`).to.equal(dark);
      }
    });
  }
});
