/**
 * Registers one tag. Safe when another copy of leap-elements got there first (two bundles, the loader and the single
 * file): the first definition is kept, with a warning.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (!existing) {
    customElements.define(tag, ctor);
  } else if (existing !== ctor) {
    console.warn(`leap-elements: <${tag}> is already defined by another copy of leap-elements; keeping the first one.`);
  }
}
