/**
 * custom-elements.json, generated from the elements' JSDoc, as the browser tests read it: the documentation the
 * elements are held to. (test/web-test-runner.config.mjs regenerates it before the run.)
 */
import { expect } from '@open-wc/testing';

interface Described {
  name: string;
  description?: string;
}
export interface DocumentedElement {
  tagName: string;
  attributes?: Described[];
  cssParts?: Described[];
  cssProperties?: Described[];
}

const manifest = (await (await fetch('/custom-elements.json')).json()) as {
  modules: { declarations?: (DocumentedElement | { tagName?: undefined })[] }[];
};

export const DOCUMENTED: DocumentedElement[] = manifest.modules
  .flatMap((mod) => mod.declarations ?? [])
  .filter((d): d is DocumentedElement => Boolean(d.tagName));

export function documented(tag: string): DocumentedElement {
  const element = DOCUMENTED.find((d) => d.tagName === tag);
  if (!element) throw new Error(`<${tag}> is not in custom-elements.json`);
  return element;
}

/** Every `part` in the element's shadow root as it is now is one its documentation lists. */
export function expectPartsDocumented(el: Element, state: string): void {
  const listed = new Set((documented(el.localName).cssParts ?? []).map((p) => p.name));
  const used = new Set([...el.shadowRoot!.querySelectorAll('[part]')].flatMap((node) => [...node.part]));
  expect(
    [...used].filter((part) => !listed.has(part)),
    `parts of <${el.localName}> (${state}) missing from its JSDoc @csspart`,
  ).to.deep.equal([]);
}
