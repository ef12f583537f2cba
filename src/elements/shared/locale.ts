/** Locale resolution shared by every element: the element's own `lang`, else the nearest `[lang]` ancestor. */

export type SupportedLang = 'en' | 'es';

/** Walks up through shadow roots too, so an element inside another component still finds the page language. */
export function resolveLang(element: Element): string {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element) {
      const lang = node.getAttribute('lang');
      if (lang) return lang;
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return 'en';
}

/** Picks the string table for a BCP 47 tag, falling back to English. */
export function pickLang(tag: string): SupportedLang {
  return tag.toLowerCase().split('-')[0] === 'es' ? 'es' : 'en';
}
