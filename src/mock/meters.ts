/**
 * The mock's Meters v2: details and enrollments of one meter (under both documented paths), and the three searches
 * with every documented filter and `next_page_token` paging.
 */
import type { Context, Hono } from 'hono';
import type { MockMeter } from './fixtures/meters.js';
import { decodePageToken, encodePageToken, readJson } from './http.js';
import { meterMatcher, readMeterFilter } from './meter-filter.js';
import type { MockLeapState } from './types.js';
import { gridError } from './responses.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
    const json = await readJson(c, {});
    if (!json.ok) return gridError(c, 400, 'Request body must be JSON');
    if (typeof json.value !== 'object' || json.value === null || Array.isArray(json.value)) {
      return gridError(c, 400, 'Request body must be an object');
    }
    const reading = readMeterFilter(json.value);
    if (!reading.ok) return gridError(c, 400, reading.title, reading.details);
    const { filter } = reading;
    const size = filter.page_size ?? 500;
    const offset = decodePageToken(filter.page_token);
    if (offset === null) return gridError(c, 400, 'Invalid page_token', { page_token: filter.page_token });
    const matching = state.meters.filter(meterMatcher(filter));
    const page = matching.slice(offset, offset + size);
    // The last page has no next_page_token at all (the files type it as a string, never null).
    const next = offset + size < matching.length ? { next_page_token: encodePageToken(offset + size) } : {};
    return c.json({ ...next, meters: page.map(pick) });
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
