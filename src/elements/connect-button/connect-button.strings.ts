import type { StringTables } from '../shared/strings.js';

/** Text of `<leap-connect-button>`. */
export interface ConnectButtonStrings {
  connectLabel: string;
  connectNewTab: string;
  connectPreparing: string;
  connectUnavailable: (code: string) => string;
  connectSessionFailed: string;
}

export const CONNECT_BUTTON_STRINGS: StringTables<ConnectButtonStrings> = {
  en: {
    connectLabel: 'Connect your utility',
    connectNewTab: '(opens in a new tab)',
    connectPreparing: 'Preparing your secure link…',
    connectUnavailable: (code) => `This connection link is unavailable: setup error (${code}).`,
    connectSessionFailed: 'We could not prepare your connection link. Please reload the page to try again.',
  },
  es: {
    connectLabel: 'Conecte su compañía eléctrica',
    connectNewTab: '(se abre en una pestaña nueva)',
    connectPreparing: 'Preparando su enlace seguro…',
    connectUnavailable: (code) => `Este enlace de conexión no está disponible: error de configuración (${code}).`,
    connectSessionFailed:
      'No pudimos preparar su enlace de conexión. Vuelva a cargar la página para intentarlo de nuevo.',
  },
};
