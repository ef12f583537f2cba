import { plural, type StringTables } from '../shared/strings.js';

/** The required actions a customer can take themselves; every other type is the partner's or Leap's to take. */
export const CUSTOMER_ACTION_TYPES = [
  'IS_AUTHORIZED',
  'DOCUMENTS_SIGNED',
  'HAS_AMI',
  'NOT_ENROLLED_IN_CONFLICTING_PROGRAM',
  'ADDRESS',
] as const;
export type CustomerActionType = (typeof CUSTOMER_ACTION_TYPES)[number];

/** Text of `<leap-enrollment-status>`. */
export interface EnrollmentStrings {
  enrollmentHeading: string;
  enrollmentStatuses: Record<
    'ACTIVE' | 'ELIGIBLE' | 'INELIGIBLE' | 'PENDING' | 'NOT_PARTICIPATING',
    { label: string; help: string }
  >;
  programHeading: (program: string) => string;
  deliveryPeriods: string;
  periodRange: (start: string, end: string) => string;
  nextDeadline: (date: string, relative: string) => string;
  partnerActions: string;
  /**
   * What the customer can do, by Leap's `action_type` (Leap's own descriptions are written for you, the partner, and
   * are never shown). Actions of other types are yours to take: counted in `providerWorking`.
   */
  customerActions: Record<CustomerActionType, string>;
  actionDeadline: (date: string, relative: string) => string;
  providerWorking: (count: number) => string;
  leapWorking: (count: number) => string;
  participation: string;
  participationPreferences: Record<'PARTICIPATE' | 'IDLE' | 'DISENROLL', string>;
  ongoing: string;
  fromUntil: (start: string, end: string) => string;
  fromOngoing: (start: string) => string;
  statusChanged: (status: string) => string;
  meterNotFound: string;
  noPrograms: string;
  /** Heading of the list of every meter (no `meter-id`). */
  metersHeading: string;
  /** Each meter's card: its type, and its utility when known. */
  meterTitle: (type: string, utility: string | null) => string;
  meterTypes: Record<'UTILITY_METER' | 'SUBMETER' | 'DEVICE', string>;
  noMeters: string;
  noMetersHelp: string;
  metersLoaded: (count: number) => string;
}

export const ENROLLMENT_STRINGS: StringTables<EnrollmentStrings> = {
  en: {
    enrollmentHeading: 'Program enrollment',
    enrollmentStatuses: {
      ACTIVE: { label: 'Active', help: 'This device is enrolled and taking part in the program.' },
      ELIGIBLE: { label: 'Eligible', help: 'Checks are complete. Enrollment starts with the next delivery period.' },
      INELIGIBLE: { label: 'Not eligible', help: 'This device cannot take part right now. See the actions below.' },
      PENDING: { label: 'Pending', help: 'Eligibility and enrollment checks are still running.' },
      NOT_PARTICIPATING: { label: 'Not participating', help: 'This device is not taking part at the moment.' },
    },
    programHeading: (program) => `Program ${program}`,
    deliveryPeriods: 'Delivery periods',
    periodRange: (start, end) => `${start} – ${end}`,
    nextDeadline: (date, relative) => `Next enrollment deadline: ${date} (${relative})`,
    partnerActions: 'Actions needed',
    customerActions: {
      IS_AUTHORIZED: 'Reconnect your utility account so this device can stay enrolled.',
      DOCUMENTS_SIGNED: 'Sign the program documents we sent you.',
      HAS_AMI: 'Your utility meter is not a smart meter yet. Ask your utility to install one.',
      NOT_ENROLLED_IN_CONFLICTING_PROGRAM:
        'This device is in another program that conflicts with this one. Leave that program to take part.',
      ADDRESS: 'Check that the service address on your utility account is correct.',
    },
    actionDeadline: (date, relative) => `Due ${date} (${relative})`,
    providerWorking: (count) =>
      plural('en', count, { one: 'We are taking care of # step.', other: 'We are taking care of # steps.' }),
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
    metersHeading: 'Your connected devices',
    meterTitle: (type, utility) => (utility ? `${type} · ${utility}` : type),
    meterTypes: { UTILITY_METER: 'Utility meter', SUBMETER: 'Submeter', DEVICE: 'Device' },
    noMeters: 'No connected devices yet',
    noMetersHelp:
      'Once you connect your utility account, your meters and devices appear here with their program status.',
    metersLoaded: (count) => plural('en', count, { one: '# connected device.', other: '# connected devices.' }),
  },
  es: {
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
    programHeading: (program) => `Programa ${program}`,
    deliveryPeriods: 'Periodos de entrega',
    periodRange: (start, end) => `${start} – ${end}`,
    nextDeadline: (date, relative) => `Próxima fecha límite de inscripción: ${date} (${relative})`,
    partnerActions: 'Acciones necesarias',
    customerActions: {
      IS_AUTHORIZED: 'Vuelva a conectar su cuenta de la compañía eléctrica para que este equipo siga inscrito.',
      DOCUMENTS_SIGNED: 'Firme los documentos del programa que le enviamos.',
      HAS_AMI: 'Su medidor todavía no es un medidor inteligente. Pida a su compañía eléctrica que le instale uno.',
      NOT_ENROLLED_IN_CONFLICTING_PROGRAM:
        'Este equipo está en otro programa incompatible con este. Salga de ese programa para participar.',
      ADDRESS: 'Revise que la dirección de servicio de su cuenta de la compañía eléctrica sea correcta.',
    },
    actionDeadline: (date, relative) => `Vence el ${date} (${relative})`,
    providerWorking: (count) =>
      plural('es', count, { one: 'Nos estamos ocupando de # paso.', other: 'Nos estamos ocupando de # pasos.' }),
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
    metersHeading: 'Sus dispositivos conectados',
    meterTitle: (type, utility) => (utility ? `${type} · ${utility}` : type),
    meterTypes: { UTILITY_METER: 'Medidor de la compañía eléctrica', SUBMETER: 'Submedidor', DEVICE: 'Dispositivo' },
    noMeters: 'Aún no hay dispositivos conectados',
    noMetersHelp:
      'Cuando conecte su cuenta de la compañía eléctrica, sus medidores y dispositivos aparecerán aquí con el estado de sus programas.',
    metersLoaded: (count) =>
      plural('es', count, { one: '# dispositivo conectado.', other: '# dispositivos conectados.' }),
  },
};
