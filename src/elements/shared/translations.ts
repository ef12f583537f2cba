/**
 * Languages and wording partners add at run time: `registerTranslation('fr', {...})` adds a language, and
 * `registerTranslation('en', {...})` rewords ours. Every element follows at once, and again whenever a `lang`
 * attribute changes on the page, so a language switcher needs no reload.
 *
 * The registry lives on `globalThis` under a shared symbol: the CDN loader's element files each carry their own copy of
 * this module, and an element must see what was registered through any copy (the loader, the bundle, npm).
 */
import type { ApplicationStrings } from '../application-status/application-status.strings.js';
import type { ConnectButtonStrings } from '../connect-button/connect-button.strings.js';
import type { ConnectReturnStrings } from '../connect-return/connect-return.strings.js';
import type { EnrollmentStrings } from '../enrollment-status/enrollment-status.strings.js';
import type { CheckerStrings } from '../incentive-checker/incentive-checker.strings.js';
import type { CommonStrings } from './strings.js';

/** Strings for one language, by element; `common` holds the errors and loading text the data elements share. */
export interface LeapTranslation {
  common?: Partial<CommonStrings>;
  'leap-incentive-checker'?: Partial<CheckerStrings>;
  'leap-connect-button'?: Partial<ConnectButtonStrings>;
  'leap-connect-return'?: Partial<ConnectReturnStrings>;
  'leap-enrollment-status'?: Partial<EnrollmentStrings>;
  'leap-application-status'?: Partial<ApplicationStrings>;
}

const SECTIONS = new Set([
  'common',
  'leap-incentive-checker',
  'leap-connect-button',
  'leap-connect-return',
  'leap-enrollment-status',
  'leap-application-status',
]);

type Strings = Record<string, unknown>;

interface Registry {
  /** Lower-case BCP 47 tag → section → strings. */
  readonly languages: Map<string, Record<string, Strings>>;
  /** Bumped on every registration, so elements can cache what they merged. */
  version: number;
  readonly listeners: Set<() => void>;
  observer?: MutationObserver;
}

const KEY = Symbol.for('leap-elements.translations');

function registry(): Registry {
  const global = globalThis as { [KEY]?: Registry };
  return (global[KEY] ??= { languages: new Map(), version: 0, listeners: new Set() });
}

/**
 * Adds a language, or rewords one: the strings given replace ours for that language and any region of it (`es`
 * applies to `es-MX` unless `es-MX` says otherwise); strings not given fall back to that language's own, then to
 * English. Registering the same language again adds to what it had. Throws a `RangeError` for a tag that is not BCP 47.
 */
export function registerTranslation(lang: string, translation: LeapTranslation): void {
  const [tag] = Intl.getCanonicalLocales(lang);
  const known = registry();
  const entry = known.languages.get(tag.toLowerCase()) ?? {};
  for (const [section, strings] of Object.entries(translation)) {
    if (!SECTIONS.has(section)) {
      console.warn(
        `[leap-elements] registerTranslation('${tag}'): unknown section "${section}"; use one of: ${[...SECTIONS].join(', ')}.`,
      );
      continue;
    }
    entry[section] = { ...entry[section], ...(strings as Strings) };
  }
  known.languages.set(tag.toLowerCase(), entry);
  known.version++;
  for (const listener of known.listeners) listener();
}

/** What was registered for `tag` (a language, then its region), applied over `builtIn` for the element `element`. */
export function applyTranslations<S>(builtIn: S, element: string, tag: string): S {
  const { languages } = registry();
  const lower = tag.toLowerCase();
  const language = lower.split('-')[0];
  let merged = builtIn;
  for (const name of language === lower ? [language] : [language, lower]) {
    const entry = languages.get(name);
    if (!entry) continue;
    // `common` applies only to keys the element has: the connect button has no error table.
    const common = Object.fromEntries(
      Object.entries(entry.common ?? {}).filter(([key]) => Object.hasOwn(builtIn as object, key)),
    );
    merged = { ...merged, ...common, ...entry[element] };
  }
  return merged;
}

/** The registry's version: changes on every registration. */
export function translationsVersion(): number {
  return registry().version;
}

/**
 * Calls `listener` after each registration and each change of a `lang` attribute in the page, until the returned
 * function is called. One observer serves every element of every copy of this module.
 */
export function watchLanguage(listener: () => void): () => void {
  const known = registry();
  known.listeners.add(listener);
  if (!known.observer && typeof MutationObserver === 'function' && typeof document === 'object') {
    known.observer = new MutationObserver(() => {
      for (const each of known.listeners) each();
    });
    known.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }
  return () => {
    known.listeners.delete(listener);
    if (known.listeners.size === 0) {
      known.observer?.disconnect();
      known.observer = undefined;
    }
  };
}
