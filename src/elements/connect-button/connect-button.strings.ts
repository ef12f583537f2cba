import { SAMPLE_DATA, type StringTables } from '../shared/strings.js';

/** Text of `<leap-connect-button>`. */
export interface ConnectButtonStrings {
  connectLabel: string;
  connectNewTab: string;
  connectPreparing: string;
  /** A setup error: the console and `leap-error` name it, the customer only learns the link is not there. */
  connectUnavailable: string;
  connectSessionFailed: string;
  /** The backend refuses this page's origin. */
  connectNotOnThisPage: string;
  sampleData: string;
}

export const CONNECT_BUTTON_STRINGS: StringTables<ConnectButtonStrings> = {
  en: {
    sampleData: SAMPLE_DATA.en,
    connectLabel: 'Connect your utility',
    connectNewTab: '(opens in a new tab)',
    connectPreparing: 'Preparing your secure link…',
    connectUnavailable: 'This connection link is not available right now.',
    connectSessionFailed: 'We could not prepare your connection link. Please reload the page to try again.',
    connectNotOnThisPage: 'Connecting your utility is not available on this page.',
  },
  es: {
    sampleData: SAMPLE_DATA.es,
    connectLabel: 'Conecte su compañía eléctrica',
    connectNewTab: '(se abre en una pestaña nueva)',
    connectPreparing: 'Preparando su enlace seguro…',
    connectUnavailable: 'Este enlace de conexión no está disponible en este momento.',
    connectSessionFailed:
      'No pudimos preparar su enlace de conexión. Vuelva a cargar la página para intentarlo de nuevo.',
    connectNotOnThisPage: 'La conexión con su compañía eléctrica no está disponible en esta página.',
  },
};
