import { plural, type StringTables } from '../shared/strings.js';

/** Text of `<leap-application-status>`. */
export interface ApplicationStrings {
  applicationsHeading: string;
  noApplications: string;
  /** Stands for the program's name when Leap sends none (its id means nothing to a customer). */
  rebateApplication: string;
  requestedAmount: (amount: string) => string;
  applicationStatuses: Record<
    | 'not_started'
    | 'in_progress'
    | 'awaiting_customer'
    | 'awaiting_partner'
    | 'completed'
    | 'submitted'
    | 'approved'
    | 'rejected'
    | 'withdrawn',
    { label: string; help: string }
  >;
  decision: string;
  stepsLabel: string;
  /** Said after a finished step's name (its ✓ is not read out). */
  stepCompleted: string;
  applicationNotFound: string;
  applicationsLoaded: (count: number) => string;
  updatedOn: (date: string) => string;
}

export const APPLICATION_STRINGS: StringTables<ApplicationStrings> = {
  en: {
    applicationsHeading: 'Your rebate applications',
    noApplications: 'You have no rebate applications yet.',
    rebateApplication: 'Rebate application',
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
      withdrawn: {
        label: 'Withdrawn',
        help: 'This application was withdrawn and will not be reviewed. Contact us if you did not expect this.',
      },
    },
    decision: 'Decision',
    stepsLabel: 'Application progress',
    stepCompleted: 'completed',
    applicationNotFound: 'We could not find this application.',
    applicationsLoaded: (count) => plural('en', count, { one: '# application.', other: '# applications.' }),
    updatedOn: (date) => `Updated ${date}`,
  },
  es: {
    applicationsHeading: 'Sus solicitudes de reembolso',
    noApplications: 'Todavía no tiene solicitudes de reembolso.',
    rebateApplication: 'Solicitud de reembolso',
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
      withdrawn: {
        label: 'Retirada',
        help: 'Esta solicitud se retiró y no se revisará. Contáctenos si no lo esperaba.',
      },
    },
    decision: 'Decisión',
    stepsLabel: 'Progreso de la solicitud',
    stepCompleted: 'completado',
    applicationNotFound: 'No encontramos esta solicitud.',
    applicationsLoaded: (count) => plural('es', count, { one: '# solicitud.', other: '# solicitudes.' }),
    updatedOn: (date) => `Actualizada el ${date}`,
  },
};
