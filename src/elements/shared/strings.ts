import type { SupportedLang } from './locale.js';

/**
 * Strings are typed tables, one per element plus this shared one (errors and loading), each with English and
 * Spanish. A key missing from a language is a type error, so Spanish can never fall behind English silently; and an
 * element only ships its own table. Functions take already-formatted values (money, dates) from `Intl`.
 */

/** Both languages of one table. */
export type StringTables<S> = Readonly<Record<SupportedLang, S>>;

/** Picks the plural form with `Intl.PluralRules`, so each language applies its own rules. */
export function plural(locale: string, count: number, forms: { one: string; other: string }): string {
  return (new Intl.PluralRules(locale).select(count) === 'one' ? forms.one : forms.other).replace('#', String(count));
}

/** The badge over answers from a mock Leap, in every element's table (the connect button and return have no common one). */
export const SAMPLE_DATA = { en: 'Sample data', es: 'Datos de ejemplo' } as const;

/** Errors, loading and configuration messages every element shares. */
export interface CommonStrings {
  /** A setup problem: the console names it for the developer; the customer only learns it is not their doing. */
  misconfigured: string;
  errorAddressNotFound: string;
  errorUsOnly: string;
  errorInvalid: string;
  errorSession: string;
  /** The backend refuses this page's origin: nothing the customer can do here. */
  errorNotOnThisPage: string;
  /** The element is set up wrongly (its session endpoint is not one): nothing the customer can do. */
  errorUnavailable: string;
  errorRateLimited: (seconds: number) => string;
  errorUpstream: string;
  errorOffline: string;
  errorUnexpected: string;
  retry: string;
  /** The badge over answers from a mock Leap. */
  sampleData: string;
  /** A status Leap added after this version: named in words, never by its code. */
  otherStatus: string;
  unknownStatusHelp: string;
  loading: string;
}

export const COMMON_STRINGS: StringTables<CommonStrings> = {
  en: {
    misconfigured: 'This section is not set up correctly.',
    errorAddressNotFound: 'We could not find that address. Please check the street, city, state and ZIP code.',
    errorUsOnly: 'Incentives are checked for addresses in the United States only.',
    errorInvalid: 'Some details need correcting.',
    errorSession: 'We could not start a secure session. Please reload the page or sign in again.',
    errorNotOnThisPage: 'This feature is not available on this page.',
    errorUnavailable: 'This feature is not available right now.',
    errorRateLimited: (seconds) =>
      plural('en', seconds, {
        one: 'Too many checks. Please try again in # second.',
        other: 'Too many checks. Please try again in # seconds.',
      }),
    errorUpstream: 'The incentive service is not responding right now. Your details are kept: try again in a moment.',
    errorOffline: 'You appear to be offline. Check your connection and try again.',
    errorUnexpected: 'Something went wrong. Please try again.',
    retry: 'Try again',
    sampleData: SAMPLE_DATA.en,
    otherStatus: 'Other status',
    unknownStatusHelp: 'Leap reported a status this page does not know yet.',
    loading: 'Loading…',
  },
  es: {
    misconfigured: 'Esta sección no está configurada correctamente.',
    errorAddressNotFound: 'No encontramos esa dirección. Revise la calle, la ciudad, el estado y el código postal.',
    errorUsOnly: 'Los incentivos solo se consultan para direcciones en Estados Unidos.',
    errorInvalid: 'Algunos datos deben corregirse.',
    errorSession: 'No pudimos iniciar una sesión segura. Vuelva a cargar la página o inicie sesión de nuevo.',
    errorNotOnThisPage: 'Esta función no está disponible en esta página.',
    errorUnavailable: 'Esta función no está disponible en este momento.',
    errorRateLimited: (seconds) =>
      plural('es', seconds, {
        one: 'Demasiadas consultas. Inténtelo de nuevo en # segundo.',
        other: 'Demasiadas consultas. Inténtelo de nuevo en # segundos.',
      }),
    errorUpstream:
      'El servicio de incentivos no responde en este momento. Sus datos se conservan: inténtelo de nuevo en un momento.',
    errorOffline: 'Parece que no tiene conexión. Revise su conexión e inténtelo de nuevo.',
    errorUnexpected: 'Algo salió mal. Inténtelo de nuevo.',
    retry: 'Intentar de nuevo',
    sampleData: SAMPLE_DATA.es,
    otherStatus: 'Otro estado',
    unknownStatusHelp: 'Leap informó un estado que esta página aún no conoce.',
    loading: 'Cargando…',
  },
};

/** An element's table with the shared one merged in, built once per language. */
export function withCommonStrings<S>(tables: StringTables<S>): StringTables<S & CommonStrings> {
  return {
    en: { ...COMMON_STRINGS.en, ...tables.en },
    es: { ...COMMON_STRINGS.es, ...tables.es },
  };
}
