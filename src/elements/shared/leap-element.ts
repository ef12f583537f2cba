import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { ClassifiedError } from '../../core/error-kinds.js';
import { pickLang, resolveLang } from './locale.js';
import type { CommonStrings, StringTables } from './strings.js';
import { leapEvent, type LeapErrorDetail } from './events.js';

/**
 * What every leap-elements element shares: its language, its strings and its locale for `Intl`. Elements that show
 * data merge the shared error table into theirs (`withCommonStrings`); the others ship only their own.
 */
export class LeapElement<S extends object = object> extends LitElement {
  static override properties: PropertyDeclarations = {
    lang: { reflect: true },
  };

  /** Language of the built-in text (`en`, `es`); defaults to the nearest `[lang]` ancestor. */
  declare lang: string;

  /** The `lang` property as soon as it is set (Lit reflects it to the attribute only after rendering), else the page's. */
  private get langTag(): string {
    return this.lang || resolveLang(this);
  }

  /** The element's own string table; subclasses set it. */
  protected readonly stringTables?: StringTables<S>;

  protected get strings(): S {
    return (this.stringTables?.[pickLang(this.langTag)] ?? {}) as S;
  }

  private reportedConfigProblem = '';

  /**
   * The `Intl` formatters the element will need, each built in a task of its own after the first frame: the first
   * `Intl.NumberFormat` or `DateTimeFormat` of a page can take tens of milliseconds (locale data), which would
   * otherwise land in the task that renders the answer. Each entry formats something; formatters are cached. The
   * entries must not hold on to the element (capture the locale, not `this`): an element removed before the page goes
   * idle is then free to go.
   */
  protected formattersToPrepare(): Array<() => unknown> {
    return [];
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    const queue = this.formattersToPrepare();
    const next = () => {
      queue.shift()?.();
      if (queue.length) whenIdle(next);
    };
    // After the first frame is on screen, when the page has nothing else to do, so the work never delays anything.
    if (queue.length) requestAnimationFrame(() => whenIdle(next));
  }

  /**
   * Reports a misconfiguration once per distinct problem: one console warning and a `leap-error` with code
   * `INVALID_CONFIG`. Call from `updated()`; pass null when the configuration is fine.
   */
  protected reportConfigProblem(problem: string | null): void {
    const key = problem ?? '';
    if (key === this.reportedConfigProblem) return;
    this.reportedConfigProblem = key;
    if (!problem) return;
    console.warn(`<${this.localName}>: ${problem}`);
    this.dispatchEvent(
      leapEvent<LeapErrorDetail>('leap-error', {
        code: 'INVALID_CONFIG',
        message: problem,
        status: 0,
        title: 'Invalid configuration',
        details: {},
      }),
    );
  }

  /** BCP 47 tag for `Intl` formatting. */
  protected get locale(): string {
    const lang = this.langTag;
    return lang === 'en' ? 'en-US' : lang;
  }
}

/** `requestIdleCallback` where the browser has it, else a short timer. */
function whenIdle(callback: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout: 500 });
  else setTimeout(callback, 16);
}

/** The one place an error kind becomes words for the customer. */
export function describeError(error: ClassifiedError, s: CommonStrings): string {
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
export function errorDetail(error: ClassifiedError, s: CommonStrings) {
  return {
    code: error.kind.toUpperCase().replace(/-/g, '_'),
    message: describeError(error, s),
    status: error.status,
    title: error.title,
    details: error.details,
  };
}
