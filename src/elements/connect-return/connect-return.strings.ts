import type { StringTables } from '../shared/strings.js';

/** Text of `<leap-connect-return>`. */
export interface ConnectReturnStrings {
  returnSuccess: string;
  returnMissing: string;
}

export const CONNECT_RETURN_STRINGS: StringTables<ConnectReturnStrings> = {
  en: {
    returnSuccess: 'Thank you! Your utility account is being connected. We will confirm here once it is done.',
    returnMissing:
      'This is the page you come back to after connecting your utility. We could not find a connection reference in the address, so there is nothing to show.',
  },
  es: {
    returnSuccess:
      '¡Gracias! Estamos conectando su cuenta de la compañía eléctrica. Le confirmaremos aquí cuando termine.',
    returnMissing:
      'Esta es la página a la que vuelve después de conectar su compañía eléctrica. No encontramos una referencia de conexión en la dirección, así que no hay nada que mostrar.',
  },
};
