import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { ClassifiedError } from '../../core/error-kinds.js';
import { pickLang, resolveLang } from './locale.js';
import { STRINGS, type Strings } from './strings.js';

/** What every leap-elements element shares: its language, its string table and its locale for `Intl`. */
export class LeapElement extends LitElement {
  /** Language of the built-in text (`en`, `es`); defaults to the nearest `[lang]` ancestor. */
  @property({ reflect: true }) override lang!: string;

  protected get strings(): Strings {
    return STRINGS[pickLang(resolveLang(this))];
  }

  /** BCP 47 tag for `Intl` formatting. */
  protected get locale(): string {
    const lang = resolveLang(this);
    return lang === 'en' ? 'en-US' : lang;
  }
}

/** The one place an error kind becomes words for the customer. */
export function describeError(error: ClassifiedError, s: Strings): string {
  switch (error.kind) {
    case 'address-not-found':
      return s.errorAddressNotFound;
    case 'invalid-input':
      return s.errorInvalid;
    case 'session-refused':
      return s.errorSession;
    case 'rate-limited':
      return s.errorRateLimited(error.retryAfterSeconds ?? 30);
    case 'offline':
      return typeof navigator !== 'undefined' && navigator.onLine === false ? s.errorOffline : s.errorUpstream;
    case 'upstream-down':
      return s.errorUpstream;
    default:
      return s.errorUnexpected;
  }
}

/** `leap-error` detail for a classified error, the same shape from every element. */
export function errorDetail(error: ClassifiedError, s: Strings) {
  return {
    code: error.kind.toUpperCase().replace(/-/g, '_'),
    message: describeError(error, s),
    status: error.status,
    title: error.title,
    details: error.details,
  };
}
