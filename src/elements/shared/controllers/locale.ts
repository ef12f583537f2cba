/**
 * An element's language: its own `lang`, else the nearest `[lang]` ancestor (through shadow roots). Gives the string
 * table for it (ours, with what the partner registered over it, see translations.ts) and the locale for `Intl`,
 * re-renders the element when the language or a registration changes, and builds the element's `Intl` formatters in idle time after the first
 * frame: the first formatter of a page can take tens of milliseconds (locale data), which would otherwise land in the
 * task that renders an answer.
 */
import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { pickLang, resolveLang } from '../locale.js';
import type { StringTables } from '../strings.js';
import { applyTranslations, translationsVersion, watchLanguage } from '../translations.js';

type Host = ReactiveControllerHost & HTMLElement;

export class LocaleController<S> implements ReactiveController {
  /** The warm-up entries not yet run, for the locale they were listed for (after the first update). */
  #pending?: Array<() => unknown>;
  #pendingLocale = '';
  /** The table last merged, and what it was merged for. */
  #merged?: { lang: string; version: number; strings: S };
  #unwatch?: () => void;
  readonly #host: Host;
  readonly #tables: StringTables<S>;
  readonly #warmUp: ((locale: string) => Array<() => unknown>) | undefined;

  /**
   * `warmUp` lists the formatting the element will need, given its locale; each is run once in idle time. The entries
   * must capture the locale, not the element, so an element removed before the page goes idle can be collected.
   */
  constructor(host: Host, tables: StringTables<S>, warmUp?: (locale: string) => Array<() => unknown>) {
    this.#warmUp = warmUp;
    this.#tables = tables;
    this.#host = host;
    host.addController(this);
  }

  /** The BCP 47 tag in effect. */
  get lang(): string {
    return this.#host.lang || resolveLang(this.#host);
  }

  get strings(): S {
    const lang = this.lang;
    const version = translationsVersion();
    const merged = this.#merged;
    if (merged && merged.lang === lang && merged.version === version) return merged.strings;
    const strings = applyTranslations(this.#tables[pickLang(lang)], this.#host.localName, lang);
    this.#merged = { lang, version, strings };
    return strings;
  }

  hostConnected(): void {
    this.#unwatch = watchLanguage(() => {
      const merged = this.#merged;
      // Only a change this element would show: another element's `lang` or an unchanged registration re-renders nothing.
      if (merged && (merged.lang !== this.lang || merged.version !== translationsVersion())) this.#host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.#unwatch?.();
    this.#unwatch = undefined;
  }

  /**
   * The locale for `Intl`: a language without a region is formatted as in the United States (`es` → `es-US`:
   * `$1,234.50`), where these customers are; a page that names a region (`es-MX`) keeps it.
   */
  get locale(): string {
    const lang = this.lang;
    return lang.includes('-') ? lang : `${lang}-US`;
  }

  hostUpdated(): void {
    if (this.#pending && this.#pendingLocale === this.locale) return;
    const queue = this.#queue();
    const next = () => {
      queue.shift()?.();
      if (queue.length) whenIdle(next);
    };
    // After the first frame is on screen, when the page has nothing else to do, so the work never delays anything.
    if (queue.length) requestAnimationFrame(() => whenIdle(next));
  }

  /**
   * Awaited before an answer renders: runs what is left of the warm-up now, each entry in a task of its own, and
   * resolves in a new task. Reading the answer, loading locale data and rendering then never add up to one long task.
   */
  async ready(): Promise<void> {
    const queue = this.#queue();
    do {
      queue.shift()?.();
      await new Promise((resolve) => setTimeout(resolve));
    } while (queue.length);
  }

  #queue(): Array<() => unknown> {
    const locale = this.locale;
    if (!this.#pending || this.#pendingLocale !== locale) {
      this.#pendingLocale = locale;
      this.#pending = this.#warmUp?.(locale) ?? [];
    }
    return this.#pending;
  }
}

/** `requestIdleCallback` where the browser has it, else a short timer. */
function whenIdle(callback: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout: 500 });
  else setTimeout(callback, 16);
}
