/**
 * The mock's Meters v2: details and enrollments of one meter (under both documented paths), and the three searches
 * with every documented filter and `next_page_token` paging.
 */
import type { Context, Hono } from 'hono';
import type { MockMeter } from './fixtures/meters.js';
import { decodePageToken, encodePageToken, readJson } from './http.js';
import type { MockLeapState } from './mock-leap.js';
import { gridError } from './responses.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface MeterFilter {
  meter_ids?: string[];
  partner_references?: string[];
  global_enrollment_statuses?: string[];
  meter_types?: string[];
  transmission_region?: string;
  customer_classification?: string;
  last_modified_date_time?: string;
  created_after_date_time?: string;
  created_before_date_time?: string;
  partner_action_required?: boolean;
  exclude_archived?: boolean;
  page_size?: number;
  page_token?: string;
}

export function registerMeters(app: Hono, state: MockLeapState): void {
  const byId = (c: Context) => {
    const id = c.req.param('id')!;
    if (!UUID.test(id)) return { error: gridError(c, 400, 'Meter id is not a UUID', { meter_id: id }) };
    const meter = state.meters.find((m) => m.enrollment.meter_id === id);
    return meter ? { meter } : { error: gridError(c, 404, 'Meter not found', { meter_id: id }) };
  };

  // The reference page names /details paths; the OpenAPI file names the shorter ones. Both are served.
  for (const path of ['/v2/meters/:id', '/v2/meters/:id/details']) {
    app.get(path, (c) => {
      const found = byId(c);
      return found.error ?? c.json(found.meter!.details);
    });
  }
  app.get('/v2/meters/:id/enrollments', (c) => {
    const found = byId(c);
    return found.error ?? c.json(found.meter!.enrollment);
  });

  const search = (pick: (m: MockMeter) => Record<string, unknown>) => async (c: Context) => {
    const json = await readJson(c);
    if (!json.ok) return gridError(c, 400, 'Request body must be JSON');
    const filter = (json.value ?? {}) as MeterFilter;
    if (typeof filter !== 'object' || Array.isArray(filter)) return gridError(c, 400, 'Request body must be an object');
    const size = filter.page_size ?? 500;
    if (!Number.isInteger(size) || size < 1 || size > 500) {
      return gridError(c, 400, 'page_size must be between 1 and 500', { page_size: size });
    }
    const offset = decodePageToken(filter.page_token);
    if (offset === null) return gridError(c, 400, 'Invalid page_token', { page_token: filter.page_token });
    for (const id of filter.meter_ids ?? []) {
      if (!UUID.test(id)) return gridError(c, 400, 'Meter id is not a UUID', { meter_id: id });
    }
    const since = (value: string | undefined) => (value ? Date.parse(value) : null);
    const modifiedSince = since(filter.last_modified_date_time);
    const createdAfter = since(filter.created_after_date_time);
    const createdBefore = since(filter.created_before_date_time);
    const matching = state.meters.filter(({ enrollment: e }) => {
      const audit = e.audit as { created_at: string; updated_at: string };
      const partnerActions = (e.required_actions as { partner: unknown[] }).partner;
      return (
        (!filter.meter_ids?.length || filter.meter_ids.includes(e.meter_id as string)) &&
        (!filter.partner_references?.length || filter.partner_references.includes(e.partner_reference as string)) &&
        (!filter.global_enrollment_statuses?.length ||
          filter.global_enrollment_statuses.includes(e.global_enrollment_status as string)) &&
        (!filter.meter_types?.length || filter.meter_types.includes(e.meter_type as string)) &&
        (!filter.transmission_region || filter.transmission_region === e.transmission_region) &&
        (!filter.customer_classification || filter.customer_classification === e.customer_classification) &&
        (modifiedSince === null || Date.parse(audit.updated_at) >= modifiedSince) &&
        (createdAfter === null || Date.parse(audit.created_at) >= createdAfter) &&
        (createdBefore === null || Date.parse(audit.created_at) < createdBefore) &&
        (filter.partner_action_required === undefined ||
          filter.partner_action_required === partnerActions.length > 0) &&
        (!filter.exclude_archived || !e.is_archived)
      );
    });
    const page = matching.slice(offset, offset + size);
    const next = offset + size < matching.length ? encodePageToken(offset + size) : null;
    return c.json({ next_page_token: next, meters: page.map(pick) });
  };

  app.post(
    '/v2/meters/search',
    search((m) => m.details),
  );
  app.post(
    '/v2/meters/details/search',
    search((m) => m.details),
  );
  app.post(
    '/v2/meters/enrollments/search',
    search((m) => m.enrollment),
  );
}
