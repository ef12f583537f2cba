import { plural, SAMPLE_DATA, type StringTables } from '../shared/strings.js';

/** Text of `<leap-connect-return>`. */
export interface ConnectReturnStrings {
  returnSuccess: string;
  returnMissing: string;
  /** While the new meters are awaited. */
  linking: string;
  /** Once they are there: how many, and at which utility when known. */
  connected: (count: number, utility: string | null) => string;
  /** After three minutes of waiting. */
  stillWaiting: string;
  sampleData: string;
}

export const CONNECT_RETURN_STRINGS: StringTables<ConnectReturnStrings> = {
  en: {
    sampleData: SAMPLE_DATA.en,
    returnSuccess: 'Thank you! Your utility account is being connected. We will confirm here once it is done.',
    returnMissing:
      'This is the page you come back to after connecting your utility. We could not find a connection reference in the address, so there is nothing to show.',
    linking: 'We’re linking your utility account…',
    connected: (count, utility) =>
      plural('en', count, { one: 'Connected: # meter', other: 'Connected: # meters' }) +
      (utility ? ` at ${utility}` : ''),
    stillWaiting:
      'We have not heard back from your utility yet. This can take a few more minutes: check your account page later, and contact us if your devices do not appear within a day.',
  },
  es: {
    sampleData: SAMPLE_DATA.es,
    returnSuccess:
      '¡Gracias! Estamos conectando su cuenta de la compañía eléctrica. Le confirmaremos aquí cuando termine.',
    returnMissing:
      'Esta es la página a la que vuelve después de conectar su compañía eléctrica. No encontramos una referencia de conexión en la dirección, así que no hay nada que mostrar.',
    linking: 'Estamos vinculando su cuenta de la compañía eléctrica…',
    connected: (count, utility) =>
      plural('es', count, { one: 'Conectado: # medidor', other: 'Conectados: # medidores' }) +
      (utility ? ` de ${utility}` : ''),
    stillWaiting:
      'Su compañía eléctrica aún no ha respondido. Puede tardar unos minutos más: revise la página de su cuenta más tarde y contáctenos si sus dispositivos no aparecen en un día.',
  },
};
