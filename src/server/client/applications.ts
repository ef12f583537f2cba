/**
 * Incentive applications for your server jobs (Leap's "Upload Claimed Fields"): find the applications that wait for
 * you, then complete them with the fields your systems hold.
 */
import { LeapApiError } from '../../core/errors.js';
import type { Application, ApplicationPatch, ApplicationSummary } from '../../core/types.generated.js';
import {
  Application as ApplicationSchema,
  ApplicationList,
  ApplicationPatch as ApplicationPatchSchema,
  issuesToFields,
} from '../../core/schemas/index.js';
import { callLeap } from '../leap.js';
import type { UpstreamConfig } from '../upstream.js';
import { eachItem } from './pages.js';

export interface ApplicationFilter {
  /** `awaiting_partner`, `completed`, … (any of Leap's application statuses). */
  status?: NonNullable<ApplicationPatch['status']>;
  /** One customer's applications (your reference id). */
  refId?: string;
  customerId?: string | number;
  /** Per page, 1 to 100. Default 100. */
  pageSize?: number;
}

const applicationPath = (id: string | number) => `/applications/${encodeURIComponent(String(id))}`;

export function listApplications(upstream: UpstreamConfig, filter: ApplicationFilter = {}) {
  return eachItem<ApplicationSummary>(async (token) => {
    const page = await callLeap(
      upstream,
      {
        service: 'incentives',
        method: 'GET',
        path: '/applications',
        query: {
          application_status: filter.status,
          refId: filter.refId,
          customer_id: filter.customerId === undefined ? undefined : String(filter.customerId),
          limit: String(filter.pageSize ?? 100),
          page_token: token,
        },
        idempotent: true,
      },
      ApplicationList,
    );
    return { items: page.results, next: page.next_page_token };
  });
}

export function getApplication(
  upstream: UpstreamConfig,
  id: string | number,
  options: { refId?: string } = {},
): Promise<Application> {
  return callLeap(
    upstream,
    {
      service: 'incentives',
      method: 'GET',
      path: applicationPath(id),
      query: { refId: options.refId },
      idempotent: true,
    },
    ApplicationSchema,
  );
}

/** A partial update: top-level fields (`status`, `approval_date`, …), `customer`, `customer_devices`. */
export async function updateApplication(
  upstream: UpstreamConfig,
  id: string | number,
  patch: ApplicationPatch,
): Promise<Application> {
  const parsed = ApplicationPatchSchema.safeParse(patch);
  if (!parsed.success) {
    throw new LeapApiError({
      status: 400,
      title: 'Invalid application update; nothing was sent',
      details: { fields: issuesToFields(parsed.error.issues) },
    });
  }
  return callLeap(
    upstream,
    // The same update twice leaves the same application: safe to retry.
    { service: 'incentives', method: 'PATCH', path: applicationPath(id), body: parsed.data, idempotent: true },
    ApplicationSchema,
  );
}
