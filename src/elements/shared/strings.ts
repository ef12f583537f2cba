import type { SupportedLang } from './locale.js';

/**
 * Every user-facing string, one typed table per locale. A key missing from a locale is a type error, so Spanish can
 * never fall behind English silently. Functions take already-formatted values (money, dates) from `Intl`.
 */
/** Picks the plural form with `Intl.PluralRules`, so each language applies its own rules. */
function plural(locale: string, count: number, forms: { one: string; other: string }): string {
  return (new Intl.PluralRules(locale).select(count) === 'one' ? forms.one : forms.other).replace('#', String(count));
}

export interface Strings {
  // <leap-connect-button>
  connectLabel: string;
  connectNewTab: string;
  connectPreparing: string;
  connectUnavailable: (code: string) => string;
  connectSessionFailed: string;

  // <leap-incentive-checker>: form
  checkerHeading: string;
  street1: string;
  street2: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
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
  checking: string;
  misconfigured: (detail: string) => string;

  // results
  yourUtility: (name: string) => string;
  total: (amount: string) => string;
  resultAnnouncement: (amount: string, utility: string) => string;
  programTotal: (amount: string) => string;
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
  zeroReasons: string;
  pickUtilityLegend: string;
  pickUtilityHelp: string;
  pickUtilitySubmit: string;
  claim: (amount: string) => string;
  claimNewTab: string;
  staleResult: string;

  // errors
  errorAddressNotFound: string;
  errorInvalid: string;
  errorSession: string;
  errorRateLimited: (seconds: number) => string;
  errorUpstream: string;
  errorOffline: string;
  errorUnexpected: string;
  retry: string;

  // <leap-enrollment-status>
  enrollmentHeading: string;
  enrollmentStatuses: Record<
    'ACTIVE' | 'ELIGIBLE' | 'INELIGIBLE' | 'PENDING' | 'NOT_PARTICIPATING',
    { label: string; help: string }
  >;
  unknownStatusHelp: string;
  loading: string;
  programHeading: (program: string) => string;
  marketGroup: (name: string) => string;
  deliveryPeriods: string;
  periodRange: (start: string, end: string) => string;
  nextDeadline: (date: string, relative: string) => string;
  partnerActions: string;
  actionDeadline: (date: string, relative: string) => string;
  leapWorking: (count: number) => string;
  participation: string;
  participationPreferences: Record<'PARTICIPATE' | 'IDLE' | 'DISENROLL', string>;
  ongoing: string;
  fromUntil: (start: string, end: string) => string;
  fromOngoing: (start: string) => string;
  statusChanged: (status: string) => string;
  meterNotFound: string;
  noPrograms: string;

  // <leap-application-status>
  applicationsHeading: string;
  noApplications: string;
  applicationProgram: (id: string) => string;
  requestedAmount: (amount: string) => string;
  applicationStatuses: Record<
    | 'not_started'
    | 'in_progress'
    | 'awaiting_customer'
    | 'awaiting_partner'
    | 'completed'
    | 'submitted'
    | 'approved'
    | 'rejected',
    { label: string; help: string }
  >;
  decision: string;
  stepsLabel: string;
  applicationNotFound: string;
  applicationsLoaded: (count: number) => string;
  updatedOn: (date: string) => string;

  // <leap-connect-return>
  returnSuccess: string;
  returnMissing: string;
}

const en: Strings = {
  connectLabel: 'Connect your utility',
  connectNewTab: '(opens in a new tab)',
  connectPreparing: 'Preparing your secure link…',
  connectUnavailable: (code) => `This connection link is unavailable: setup error (${code}).`,
  connectSessionFailed: 'We could not prepare your connection link. Please reload the page to try again.',

  checkerHeading: 'Check your incentives',
  street1: 'Street address',
  street2: 'Apartment, suite, unit',
  city: 'City',
  state: 'State',
  postalCode: 'ZIP code',
  country: 'Country',
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
  formHasErrors: (count) => plural('en', count, { one: 'Please correct # field.', other: 'Please correct # fields.' }),
  idleHint: 'Enter your address to see the rebates and incentives available to you.',
  checking: 'Checking incentives for your address…',
  misconfigured: (detail) => `The incentive checker is not set up correctly: ${detail}`,

  yourUtility: (name) => `Your utility: ${name}`,
  total: (amount) => `Up to ${amount} in incentives`,
  resultAnnouncement: (amount, utility) => `Found up to ${amount} in incentives from ${utility}.`,
  programTotal: (amount) => `Program total: ${amount}`,
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
    plural('en', programs, { one: 'We checked # program in your area.', other: 'We checked # programs in your area.' }),
  zeroReasons: 'What stood in the way',
  pickUtilityLegend: 'Which utility sends your electricity bill?',
  pickUtilityHelp: 'More than one utility serves this address. Pick yours to see your incentives.',
  pickUtilitySubmit: 'Show my incentives',
  claim: (amount) => `Claim ${amount}`,
  claimNewTab: '(opens Leap in a new tab)',
  staleResult: 'These results are for the details you entered before. Check again to update them.',

  errorAddressNotFound: 'We could not find that address. Please check the street, city, state and ZIP code.',
  errorInvalid: 'Some details need correcting.',
  errorSession: 'We could not start a secure session. Please reload the page or sign in again.',
  errorRateLimited: (seconds) =>
    plural('en', seconds, {
      one: 'Too many checks. Please try again in # second.',
      other: 'Too many checks. Please try again in # seconds.',
    }),
  errorUpstream: 'The incentive service is not responding right now. Your details are kept: try again in a moment.',
  errorOffline: 'You appear to be offline. Check your connection and try again.',
  errorUnexpected: 'Something went wrong. Please try again.',
  retry: 'Try again',

  enrollmentHeading: 'Program enrollment',
  enrollmentStatuses: {
    ACTIVE: { label: 'Active', help: 'This device is enrolled and taking part in the program.' },
    ELIGIBLE: { label: 'Eligible', help: 'Checks are complete. Enrollment starts with the next delivery period.' },
    INELIGIBLE: { label: 'Not eligible', help: 'This device cannot take part right now. See the actions below.' },
    PENDING: { label: 'Pending', help: 'Eligibility and enrollment checks are still running.' },
    NOT_PARTICIPATING: { label: 'Not participating', help: 'This device is not taking part at the moment.' },
  },
  unknownStatusHelp: 'Leap reported a status this page does not know yet.',
  loading: 'Loading…',
  programHeading: (program) => `Program ${program}`,
  marketGroup: (name) => `Market group: ${name}`,
  deliveryPeriods: 'Delivery periods',
  periodRange: (start, end) => `${start} – ${end}`,
  nextDeadline: (date, relative) => `Next enrollment deadline: ${date} (${relative})`,
  partnerActions: 'Actions needed',
  actionDeadline: (date, relative) => `Due ${date} (${relative})`,
  leapWorking: (count) =>
    plural('en', count, { one: 'Leap is working on # item.', other: 'Leap is working on # items.' }),
  participation: 'Participation schedule',
  participationPreferences: { PARTICIPATE: 'Participating', IDLE: 'Paused', DISENROLL: 'Leaving the program' },
  ongoing: 'ongoing',
  fromUntil: (start, end) => `${start} – ${end}`,
  fromOngoing: (start) => `From ${start}, ongoing`,
  statusChanged: (status) => `Enrollment status: ${status}`,
  meterNotFound: 'We could not find this device.',
  noPrograms: 'No programs are assigned to this device yet.',

  applicationsHeading: 'Your rebate applications',
  noApplications: 'You have no rebate applications yet.',
  applicationProgram: (id) => `Program ${id}`,
  requestedAmount: (amount) => `Requested: ${amount}`,
  applicationStatuses: {
    not_started: { label: 'Not started', help: 'Your application is ready for you to begin.' },
    in_progress: { label: 'In progress', help: 'You have started your application. Finish it to submit your claim.' },
    awaiting_customer: { label: 'Waiting for you', help: 'The program needs something from you. Check your email.' },
    awaiting_partner: { label: 'Being completed', help: 'We are adding your purchase details to the application.' },
    completed: { label: 'Completed', help: 'Your application is complete and about to be submitted.' },
    submitted: { label: 'Submitted', help: 'The program is reviewing your application.' },
    approved: { label: 'Approved', help: 'Your rebate was approved.' },
    rejected: {
      label: 'Not approved',
      help: 'The program did not approve this application. Check your email for the reason.',
    },
  },
  decision: 'Decision',
  stepsLabel: 'Application progress',
  applicationNotFound: 'We could not find this application.',
  applicationsLoaded: (count) => plural('en', count, { one: '# application.', other: '# applications.' }),
  updatedOn: (date) => `Updated ${date}`,

  returnSuccess: 'Thank you! Your utility account is being connected. We will confirm here once it is done.',
  returnMissing:
    'This is the page you come back to after connecting your utility. We could not find a connection reference in the address, so there is nothing to show.',
};

const es: Strings = {
  connectLabel: 'Conecte su compañía eléctrica',
  connectNewTab: '(se abre en una pestaña nueva)',
  connectPreparing: 'Preparando su enlace seguro…',
  connectUnavailable: (code) => `Este enlace de conexión no está disponible: error de configuración (${code}).`,
  connectSessionFailed:
    'No pudimos preparar su enlace de conexión. Vuelva a cargar la página para intentarlo de nuevo.',

  checkerHeading: 'Consulte sus incentivos',
  street1: 'Dirección',
  street2: 'Apartamento, suite, unidad',
  city: 'Ciudad',
  state: 'Estado',
  postalCode: 'Código postal',
  country: 'País',
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
  checking: 'Consultando los incentivos para su dirección…',
  misconfigured: (detail) => `El verificador de incentivos no está configurado correctamente: ${detail}`,

  yourUtility: (name) => `Su compañía eléctrica: ${name}`,
  total: (amount) => `Hasta ${amount} en incentivos`,
  resultAnnouncement: (amount, utility) => `Encontramos hasta ${amount} en incentivos de ${utility}.`,
  programTotal: (amount) => `Total del programa: ${amount}`,
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
  zeroReasons: 'Qué lo impidió',
  pickUtilityLegend: '¿Qué compañía le envía la factura de electricidad?',
  pickUtilityHelp: 'Más de una compañía da servicio a esta dirección. Elija la suya para ver sus incentivos.',
  pickUtilitySubmit: 'Ver mis incentivos',
  claim: (amount) => `Reclamar ${amount}`,
  claimNewTab: '(abre Leap en una pestaña nueva)',
  staleResult: 'Estos resultados corresponden a los datos que ingresó antes. Vuelva a consultar para actualizarlos.',

  errorAddressNotFound: 'No encontramos esa dirección. Revise la calle, la ciudad, el estado y el código postal.',
  errorInvalid: 'Algunos datos deben corregirse.',
  errorSession: 'No pudimos iniciar una sesión segura. Vuelva a cargar la página o inicie sesión de nuevo.',
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

  enrollmentHeading: 'Inscripción en el programa',
  enrollmentStatuses: {
    ACTIVE: { label: 'Activo', help: 'Este equipo está inscrito y participa en el programa.' },
    ELIGIBLE: {
      label: 'Elegible',
      help: 'Las verificaciones están completas. La inscripción comienza con el próximo periodo.',
    },
    INELIGIBLE: { label: 'No elegible', help: 'Este equipo no puede participar por ahora. Vea las acciones abajo.' },
    PENDING: { label: 'Pendiente', help: 'Las verificaciones de elegibilidad e inscripción siguen en curso.' },
    NOT_PARTICIPATING: { label: 'No participa', help: 'Este equipo no participa en este momento.' },
  },
  unknownStatusHelp: 'Leap informó un estado que esta página aún no conoce.',
  loading: 'Cargando…',
  programHeading: (program) => `Programa ${program}`,
  marketGroup: (name) => `Grupo de mercado: ${name}`,
  deliveryPeriods: 'Periodos de entrega',
  periodRange: (start, end) => `${start} – ${end}`,
  nextDeadline: (date, relative) => `Próxima fecha límite de inscripción: ${date} (${relative})`,
  partnerActions: 'Acciones necesarias',
  actionDeadline: (date, relative) => `Vence el ${date} (${relative})`,
  leapWorking: (count) =>
    plural('es', count, { one: 'Leap está trabajando en # asunto.', other: 'Leap está trabajando en # asuntos.' }),
  participation: 'Calendario de participación',
  participationPreferences: { PARTICIPATE: 'Participa', IDLE: 'En pausa', DISENROLL: 'Sale del programa' },
  ongoing: 'sin fecha de fin',
  fromUntil: (start, end) => `${start} – ${end}`,
  fromOngoing: (start) => `Desde ${start}, sin fecha de fin`,
  statusChanged: (status) => `Estado de inscripción: ${status}`,
  meterNotFound: 'No encontramos este equipo.',
  noPrograms: 'Todavía no hay programas asignados a este equipo.',

  applicationsHeading: 'Sus solicitudes de reembolso',
  noApplications: 'Todavía no tiene solicitudes de reembolso.',
  applicationProgram: (id) => `Programa ${id}`,
  requestedAmount: (amount) => `Solicitado: ${amount}`,
  applicationStatuses: {
    not_started: { label: 'Sin comenzar', help: 'Su solicitud está lista para que la comience.' },
    in_progress: { label: 'En curso', help: 'Comenzó su solicitud. Termínela para enviar su reclamo.' },
    awaiting_customer: {
      label: 'Esperando su respuesta',
      help: 'El programa necesita algo de usted. Revise su correo.',
    },
    awaiting_partner: { label: 'En preparación', help: 'Estamos agregando los datos de su compra a la solicitud.' },
    completed: { label: 'Completa', help: 'Su solicitud está completa y a punto de enviarse.' },
    submitted: { label: 'Enviada', help: 'El programa está revisando su solicitud.' },
    approved: { label: 'Aprobada', help: 'Su reembolso fue aprobado.' },
    rejected: {
      label: 'No aprobada',
      help: 'El programa no aprobó esta solicitud. Revise su correo para conocer el motivo.',
    },
  },
  decision: 'Decisión',
  stepsLabel: 'Progreso de la solicitud',
  applicationNotFound: 'No encontramos esta solicitud.',
  applicationsLoaded: (count) => plural('es', count, { one: '# solicitud.', other: '# solicitudes.' }),
  updatedOn: (date) => `Actualizada el ${date}`,

  returnSuccess:
    '¡Gracias! Estamos conectando su cuenta de la compañía eléctrica. Le confirmaremos aquí cuando termine.',
  returnMissing:
    'Esta es la página a la que vuelve después de conectar su compañía eléctrica. No encontramos una referencia de conexión en la dirección, así que no hay nada que mostrar.',
};

export const STRINGS: Readonly<Record<SupportedLang, Strings>> = { en, es };
