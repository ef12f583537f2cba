import type { SupportedLang } from './locale.js';

/**
 * Every user-facing string, one typed table per locale. A key missing from a locale is a type error, so Spanish can
 * never fall behind English silently.
 */
export interface Strings {
  connectLabel: string;
  connectNewTab: string;
  connectPreparing: string;
  connectUnavailable: (code: string) => string;
  connectSessionFailed: string;
}

const en: Strings = {
  connectLabel: 'Connect your utility',
  connectNewTab: '(opens in a new tab)',
  connectPreparing: 'Preparing your secure link…',
  connectUnavailable: (code) => `This connection link is unavailable: setup error (${code}).`,
  connectSessionFailed: 'We could not prepare your connection link. Please reload the page to try again.',
};

const es: Strings = {
  connectLabel: 'Conecte su compañía eléctrica',
  connectNewTab: '(se abre en una pestaña nueva)',
  connectPreparing: 'Preparando su enlace seguro…',
  connectUnavailable: (code) => `Este enlace de conexión no está disponible: error de configuración (${code}).`,
  connectSessionFailed:
    'No pudimos preparar su enlace de conexión. Vuelva a cargar la página para intentarlo de nuevo.',
};

export const STRINGS: Readonly<Record<SupportedLang, Strings>> = { en, es };
