/** Meters v2 for your server jobs: one meter's details or enrollment, and the two searches, page by page. */
import type { MeterDetails, MeterEnrollment, MeterFilterRequest } from '../../core/types.generated.js';
import {
  ListMeterDetailsResponse,
  ListMeterEnrollmentsResponse,
  MeterDetailsResponse,
  MeterEnrollmentResponse,
} from '../../core/schemas/index.js';
import { callLeap } from '../leap.js';
import type { UpstreamConfig } from '../upstream.js';
import { eachItem } from './pages.js';

/** Every filter of Leap's meter searches; the client follows the pages itself. */
export type MeterSearchFilter = Omit<MeterFilterRequest, 'page_token'>;

const meterPath = (meterId: string) => `/v2/meters/${encodeURIComponent(meterId)}`;

export function meterDetails(upstream: UpstreamConfig, meterId: string): Promise<MeterDetails> {
  return callLeap(
    upstream,
    { service: 'grid', method: 'GET', path: meterPath(meterId), idempotent: true },
    MeterDetailsResponse,
  );
}

export function meterEnrollment(upstream: UpstreamConfig, meterId: string): Promise<MeterEnrollment> {
  return callLeap(
    upstream,
    { service: 'grid', method: 'GET', path: `${meterPath(meterId)}/enrollments`, idempotent: true },
    MeterEnrollmentResponse,
  );
}

/** One page of `POST /v2/meters/enrollments/search` (a search is a read: safe to retry). */
export async function enrollmentPage(upstream: UpstreamConfig, filter: MeterFilterRequest) {
  const page = await callLeap(
    upstream,
    { service: 'grid', method: 'POST', path: '/v2/meters/enrollments/search', body: filter, idempotent: true },
    ListMeterEnrollmentsResponse,
  );
  return { items: page.meters, next: page.next_page_token };
}

/** Leap's default and largest page unless the filter says otherwise (the client reads answers up to 16 MiB). */
const PAGE_SIZE = 500;

export function searchEnrollments(upstream: UpstreamConfig, filter: MeterSearchFilter = {}) {
  return eachItem((token) =>
    enrollmentPage(upstream, { page_size: PAGE_SIZE, ...filter, ...(token ? { page_token: token } : {}) }),
  );
}

export function searchDetails(upstream: UpstreamConfig, filter: MeterSearchFilter = {}) {
  return eachItem(async (token) => {
    const page = await callLeap(
      upstream,
      {
        service: 'grid',
        method: 'POST',
        path: '/v2/meters/search',
        body: { page_size: PAGE_SIZE, ...filter, ...(token ? { page_token: token } : {}) },
        idempotent: true,
      },
      ListMeterDetailsResponse,
    );
    return { items: page.meters, next: page.next_page_token };
  });
}
