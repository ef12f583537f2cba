import { plural, type StringTables } from '../shared/strings.js';

/** Text of `<leap-incentive-checker>`. */
export interface CheckerStrings {
  checkerHeading: string;
  street1: string;
  street2: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
  /** The name of the one country the checker serves, without loading `Intl.DisplayNames` data on first render. */
  unitedStates: string;
  buildingType: string;
  buildingTypes: Record<'RESIDENTIAL' | 'MULTIFAMILY' | 'MANUFACTURED_HOME' | 'COMMERCIAL', string>;
  optional: string;
  submit: string;
  submitting: string;
  fieldErrors: Record<
    'required' | 'too_long' | 'invalid_state' | 'invalid_postal_code' | 'invalid_country' | 'invalid',
    string
  >;
  formHasErrors: (count: number) => string;
  idleHint: string;
  /** The idle hint when the address comes from the page's own form. */
  idleHintPageForm: string;
  checking: string;
  yourUtility: (name: string) => string;
  total: (amount: string) => string;
  resultAnnouncement: (amount: string, utility: string) => string;
  /** Said before an automatic check's outcome: which device (when known) and which address it is about. */
  about: (device: string | null, place: string) => string;
  programTotal: (amount: string) => string;
  showOptions: (options: number, eligible: number) => string;
  hideOptions: string;
  /** Completes a toggle's name for screen readers: which program's options it shows. */
  ofProgram: (program: string) => string;
  resultRegion: string;
  eligible: string;
  notEligible: string;
  tierAmount: (amount: string) => string;
  howCalculated: string;
  whyNot: string;
  alsoNeeded: string;
  alreadyMet: string;
  device: (name: string) => string;
  zeroHeading: string;
  zeroBody: (programs: number) => string;
  pickUtilityLegend: string;
  pickUtilityHelp: string;
  pickUtilitySubmit: string;
  claim: (amount: string) => string;
  claimNewTab: string;
  staleResult: string;
  /** Over a result whose address changed on the page's form: a new check is on its way. */
  staleAutomatic: string;
  /** Over a result whose address on the page's form lacks a field (named by the page's own label). */
  staleMissing: (label: string) => string;
  /** Over a result whose address on the page's form has a field that is not valid. */
  staleInvalid: (label: string) => string;
}

export const CHECKER_STRINGS: StringTables<CheckerStrings> = {
  en: {
    checkerHeading: 'Check your incentives',
    street1: 'Street address',
    street2: 'Apartment, suite, unit',
    city: 'City',
    state: 'State',
    postalCode: 'ZIP code',
    country: 'Country',
    unitedStates: 'United States',
    buildingType: 'Building type',
    buildingTypes: {
      RESIDENTIAL: 'Single-family home',
      MULTIFAMILY: 'Apartment or multifamily building',
      MANUFACTURED_HOME: 'Manufactured home',
      COMMERCIAL: 'Business or commercial building',
    },
    optional: '(optional)',
    submit: 'Check incentives',
    submitting: 'Checking…',
    fieldErrors: {
      required: 'Please fill this in.',
      too_long: 'This is too long.',
      invalid_state: 'Use the two-letter state code, such as CA.',
      invalid_postal_code: 'Use a 5-digit ZIP code, such as 97701 (or ZIP+4, such as 97701-1234).',
      invalid_country: 'Use the two-letter country code, such as US.',
      invalid: 'Please check this value.',
    },
    formHasErrors: (count) =>
      plural('en', count, { one: 'Please correct # field.', other: 'Please correct # fields.' }),
    idleHint: 'Enter your address to see the rebates and incentives available to you.',
    idleHintPageForm: 'Once your address is complete, the rebates and incentives available to you appear here.',
    checking: 'Checking incentives for your address…',
    yourUtility: (name) => `Your utility: ${name}`,
    total: (amount) => `Up to ${amount} in incentives`,
    resultAnnouncement: (amount, utility) => `Found up to ${amount} in incentives from ${utility}.`,
    about: (device, place) => (device ? `${device} at ${place}: ` : `${place}: `),
    programTotal: (amount) => `Program total: ${amount}`,
    showOptions: (options, eligible) =>
      `${plural('en', options, { one: 'Show the option', other: 'Show the # options' })} (${eligible} eligible)`,
    hideOptions: 'Hide the options',
    ofProgram: (program) => `, ${program}`,
    resultRegion: 'Your incentives',
    eligible: 'Eligible',
    notEligible: 'Not eligible',
    tierAmount: (amount) => `Amount: ${amount}`,
    howCalculated: 'How it is calculated:',
    whyNot: 'Why not',
    alsoNeeded: 'You will also need to',
    alreadyMet: 'Already met',
    device: (name) => `Device: ${name}`,
    zeroHeading: 'No incentives for this device at this address',
    zeroBody: (programs) =>
      plural('en', programs, {
        one: 'We checked # program in your area.',
        other: 'We checked # programs in your area.',
      }),
    pickUtilityLegend: 'Which utility sends your electricity bill?',
    pickUtilityHelp: 'More than one utility serves this address. Pick yours to see your incentives.',
    pickUtilitySubmit: 'Show my incentives',
    claim: (amount) => `Claim ${amount}`,
    claimNewTab: '(opens Leap in a new tab)',
    staleResult: 'These results are for the details you entered before. Check again to update them.',
    staleAutomatic: 'Your address changed: updating these results…',
    staleMissing: (label) => `These results are for your previous address. Fill in “${label}” to update them.`,
    staleInvalid: (label) => `These results are for your previous address. Check “${label}” to update them.`,
  },
  es: {
    checkerHeading: 'Consulte sus incentivos',
    street1: 'Dirección',
    street2: 'Apartamento, suite, unidad',
    city: 'Ciudad',
    state: 'Estado',
    postalCode: 'Código postal',
    country: 'País',
    unitedStates: 'Estados Unidos',
    buildingType: 'Tipo de vivienda',
    buildingTypes: {
      RESIDENTIAL: 'Casa unifamiliar',
      MULTIFAMILY: 'Apartamento o edificio multifamiliar',
      MANUFACTURED_HOME: 'Casa prefabricada',
      COMMERCIAL: 'Negocio o edificio comercial',
    },
    optional: '(opcional)',
    submit: 'Consultar incentivos',
    submitting: 'Consultando…',
    fieldErrors: {
      required: 'Complete este campo.',
      too_long: 'El texto es demasiado largo.',
      invalid_state: 'Use el código de dos letras del estado, por ejemplo CA.',
      invalid_postal_code: 'Use un código postal de 5 dígitos, por ejemplo 97701 (o ZIP+4, por ejemplo 97701-1234).',
      invalid_country: 'Use el código de dos letras del país, por ejemplo US.',
      invalid: 'Revise este valor.',
    },
    formHasErrors: (count) => plural('es', count, { one: 'Corrija # campo.', other: 'Corrija # campos.' }),
    idleHint: 'Ingrese su dirección para ver los reembolsos e incentivos disponibles para usted.',
    idleHintPageForm:
      'Cuando su dirección esté completa, aquí aparecerán los reembolsos e incentivos disponibles para usted.',
    checking: 'Consultando los incentivos para su dirección…',
    yourUtility: (name) => `Su compañía eléctrica: ${name}`,
    total: (amount) => `Hasta ${amount} en incentivos`,
    resultAnnouncement: (amount, utility) => `Encontramos hasta ${amount} en incentivos de ${utility}.`,
    about: (device, place) => (device ? `${device} en ${place}: ` : `${place}: `),
    programTotal: (amount) => `Total del programa: ${amount}`,
    showOptions: (options, eligible) =>
      `${plural('es', options, { one: 'Ver la opción', other: 'Ver las # opciones' })} (${eligible} ${eligible === 1 ? 'elegible' : 'elegibles'})`,
    hideOptions: 'Ocultar las opciones',
    ofProgram: (program) => `, ${program}`,
    resultRegion: 'Sus incentivos',
    eligible: 'Elegible',
    notEligible: 'No elegible',
    tierAmount: (amount) => `Monto: ${amount}`,
    howCalculated: 'Cómo se calcula:',
    whyNot: 'Por qué no',
    alsoNeeded: 'También deberá',
    alreadyMet: 'Requisitos cumplidos',
    device: (name) => `Equipo: ${name}`,
    zeroHeading: 'No hay incentivos para este equipo en esta dirección',
    zeroBody: (programs) =>
      plural('es', programs, { one: 'Revisamos # programa en su zona.', other: 'Revisamos # programas en su zona.' }),
    pickUtilityLegend: '¿Qué compañía le envía la factura de electricidad?',
    pickUtilityHelp: 'Más de una compañía da servicio a esta dirección. Elija la suya para ver sus incentivos.',
    pickUtilitySubmit: 'Ver mis incentivos',
    claim: (amount) => `Reclamar ${amount}`,
    claimNewTab: '(abre Leap en una pestaña nueva)',
    staleResult: 'Estos resultados corresponden a los datos que ingresó antes. Vuelva a consultar para actualizarlos.',
    staleAutomatic: 'Su dirección cambió: actualizando estos resultados…',
    staleMissing: (label) =>
      `Estos resultados corresponden a su dirección anterior. Complete «${label}» para actualizarlos.`,
    staleInvalid: (label) =>
      `Estos resultados corresponden a su dirección anterior. Revise «${label}» para actualizarlos.`,
  },
};
