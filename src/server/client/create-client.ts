/**
 * `createLeapClient()`: Leap's APIs for your server jobs (Leap ships no client library). The same upstream layer as
 * the backend: the key checked once and masked everywhere, a deadline per call, retries with backoff for calls that
 * are safe to repeat, answers read to at most 16 MiB (Leap's largest page is a few MiB; the browser's routes keep their
 * 1 MiB) and checked against the zod schemas, and every failure a `LeapApiError` (with Leap's own title and details:
 * this client is for your server, never a browser).
 */
import type {
  CreateMeter,
  MeterDetails,
  MeterEnrollment,
  WebhookEvent,
  WebhookRequest,
} from '../../core/types.generated.js';
import { resolveUpstream, type UpstreamOptions } from '../upstream-config.js';
import { getApplication, listApplications, updateApplication, type ApplicationFilter } from './applications.js';
import {
  createMeters,
  meterJob,
  waitForMeterJob,
  type CreateMetersOptions,
  type MeterJob,
  type WaitOptions,
} from './create-meters.js';
import { EnrollmentSync, type SyncOptions } from './enrollment-sync.js';
import { meterDetails, meterEnrollment, searchDetails, searchEnrollments, type MeterSearchFilter } from './meters.js';
import { createWebhook, deleteWebhook, listWebhooks, testWebhook, updateWebhook } from './webhooks.js';

/**
 * The most a server job reads of one answer: a page of 500 enrollments (Leap's largest) runs to a few MiB, so this
 * leaves room while still bounding memory. The backend's browser-facing routes keep their 1 MiB.
 */
export const MAX_SERVER_ANSWER_BYTES = 16 * 1024 * 1024;

export interface LeapClientOptions extends UpstreamOptions {
  /** How long one attempt may take; a read that hangs is given up and tried again. Default 30 000 ms. */
  timeoutMs?: number;
  /** Extra attempts for calls that are safe to repeat, after a 5xx or a lost connection. Default 3. */
  retries?: number;
  /** First backoff step in ms (full jitter, doubling). Default 500. */
  backoffMs?: number;
}

export function createLeapClient(options: LeapClientOptions = {}) {
  const attemptTimeoutMs = options.timeoutMs ?? 30_000;
  const retries = options.retries ?? 3;
  const backoffMs = options.backoffMs ?? 500;
  const { upstream } = resolveUpstream(options, {
    who: 'createLeapClient',
    secrets: [],
    // Every attempt its full time, and the backoff between them.
    timeoutMs: attemptTimeoutMs * (retries + 1) + backoffMs * 2 ** retries,
    attemptTimeoutMs,
    retries,
    backoffMs,
    audience: 'server',
    maxAnswerBytes: MAX_SERVER_ANSWER_BYTES,
  });
  return {
    meters: {
      details: (meterId: string): Promise<MeterDetails> => meterDetails(upstream, meterId),
      enrollment: (meterId: string): Promise<MeterEnrollment> => meterEnrollment(upstream, meterId),
      /** Every meter's details matching `filter`, page after page. */
      searchDetails: (filter?: MeterSearchFilter): AsyncIterable<MeterDetails> => searchDetails(upstream, filter),
      /** Every meter's enrollment matching `filter`, page after page. */
      searchEnrollments: (filter?: MeterSearchFilter): AsyncIterable<MeterEnrollment> =>
        searchEnrollments(upstream, filter),
      /** One incremental pass of the daily inventory poll (see `EnrollmentSync`). */
      syncEnrollments: (sync: SyncOptions) => new EnrollmentSync(upstream, sync),
      /** Starts a create-meters job from meters (JSON) or CSV text; checks the global required fields first. */
      create: (meters: CreateMeter[] | string, createOptions?: CreateMetersOptions) =>
        createMeters(upstream, meters, createOptions),
      job: (jobId: string): Promise<MeterJob> => meterJob(upstream, jobId),
      waitForJob: (jobId: string, wait?: WaitOptions): Promise<MeterJob> => waitForMeterJob(upstream, jobId, wait),
    },
    applications: {
      /** Every application matching `filter` (your organization's only), page after page. */
      list: (filter?: ApplicationFilter) => listApplications(upstream, filter),
      get: (id: string | number, getOptions?: { refId?: string }) => getApplication(upstream, id, getOptions),
      update: (id: string | number, patch: Parameters<typeof updateApplication>[2]) =>
        updateApplication(upstream, id, patch),
      /** The applications waiting for your claimed fields (`application_status=awaiting_partner`). */
      awaitingPartner: () => listApplications(upstream, { status: 'awaiting_partner' }),
    },
    webhooks: {
      /** Every subscription of your organization (with its custom headers, which may hold your secret). */
      list: () => listWebhooks(upstream),
      /** Subscribes `receiver_url` to `event_types`; answers the new `webhook_id`. */
      create: (subscription: WebhookRequest) => createWebhook(upstream, subscription),
      /** Replaces every setting of a subscription. */
      update: (webhookId: string, subscription: WebhookRequest) => updateWebhook(upstream, webhookId, subscription),
      delete: (webhookId: string) => deleteWebhook(upstream, webhookId),
      /** Leap sends `event` to the subscription's receiver once; answers what the receiver did. */
      test: (webhookId: string, event: WebhookEvent | { webhook_event_type: string; [field: string]: unknown }) =>
        testWebhook(upstream, webhookId, event),
    },
  };
}

export type LeapClient = ReturnType<typeof createLeapClient>;
