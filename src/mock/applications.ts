/**
 * The mock's applications: `GET /alpha/applications` (filters and pages as documented; the list is a truncated view),
 * `GET` and `PATCH /alpha/applications/:id` (with `refId`, only the customer's own).
 */
import type { Context, Hono } from 'hono';
import { ApplicationPatch, APPLICATION_STATUSES } from '../core/schemas/applications.js';
import { issuesToFields } from '../core/schemas/common.js';
import type { MockApplication } from './fixtures/applications.js';
import { decodePageToken, encodePageToken, readJson } from './http.js';
import type { MockLeapState } from './types.js';
import { incentivesError } from './responses.js';

function summary(app: MockApplication) {
  // The list is a truncated view: no customer_devices, no approval_date. program_name is a mock extra.
  const { reference_id: _ref, customer_devices: _devices, approval_date: _approval, ...rest } = app;
  return rest;
}

function full(app: MockApplication) {
  const { reference_id: _ref, ...rest } = app;
  return rest;
}

export function registerApplications(app: Hono, state: MockLeapState): void {
  app.get('/alpha/applications', (c) => {
    const refId = c.req.query('refId');
    const customerId = c.req.query('customer_id');
    const status = c.req.query('application_status');
    const limitText = c.req.query('limit');
    const limit = limitText === undefined ? 50 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return incentivesError(c, 400, 'limit must be an integer from 1 to 100.', { limit: 'out_of_range' });
    }
    if (status !== undefined && !(APPLICATION_STATUSES as readonly string[]).includes(status)) {
      return incentivesError(c, 400, `Unknown application_status "${status}".`, { application_status: 'invalid' });
    }
    const offset = decodePageToken(c.req.query('page_token'));
    if (offset === null) return incentivesError(c, 400, 'Invalid page_token.', { page_token: 'invalid' });
    const matching = state.applications.filter(
      (a) =>
        (refId === undefined || a.reference_id === refId) &&
        (customerId === undefined || String(a.customer_id) === customerId) &&
        (status === undefined || a.status === status),
    );
    const page = matching.slice(offset, offset + limit);
    const next = offset + limit < matching.length ? encodePageToken(offset + limit) : null;
    return c.json({ next_page_token: next, results: page.map(summary) });
  });

  const find = (c: Context) => {
    const id = c.req.param('id');
    const refId = c.req.query('refId');
    const found = state.applications.find((a) => String(a.id) === id);
    // With refId, Leap also checks the application belongs to that customer.
    if (!found || (refId !== undefined && found.reference_id !== refId)) return null;
    return found;
  };

  app.get('/alpha/applications/:id', (c) => {
    const found = find(c);
    return found ? c.json(full(found)) : incentivesError(c, 404, 'Application not found.');
  });

  app.patch('/alpha/applications/:id', async (c) => {
    const found = find(c);
    if (!found) return incentivesError(c, 404, 'Application not found.');
    const json = await readJson(c);
    if (!json.ok) return incentivesError(c, 400, 'Request body must be JSON.');
    const parsed = ApplicationPatch.safeParse(json.value);
    if (!parsed.success) return incentivesError(c, 400, 'Invalid request', issuesToFields(parsed.error.issues));
    const { customer, customer_devices, ...top } = parsed.data;
    Object.assign(found, top);
    if (customer) found.customer = { ...found.customer, ...customer };
    for (const device of customer_devices ?? []) {
      const existing = found.customer_devices.find((d) => String(d.id) === String(device.id));
      if (existing) Object.assign(existing, device);
      else found.customer_devices.push({ ...device });
    }
    found.updated_at = state.now().toISOString();
    return c.json(full(found));
  });
}
