/**
 * A customer's trip through Leap Connect, played by the mock (demo and tests only; Leap has no such route):
 * `POST /mock/connect-sessions` with `{reference_id, utility?, meters?, delay_ms?}` starts a session that moves through
 * `CREATED` → `UPDATED` → `COMPLETED` and, at the end, creates the customer's meters with `partner_reference` set to
 * the reference id, sending the webhooks Leap would send (`connect_session.updated`,
 * `connect_session.authorization_updated`, `meter.created`). `GET /mock/connect-sessions/:id` shows where it is.
 */
import type { Context, Hono } from 'hono';
import { UTILITY_NAMES } from '../core/schemas/grid-enums.js';
import { PartnerReference } from '../core/schemas/meters.js';
import { connectedMeter } from './fixtures/meters.js';
import type { MockLeapState } from './mock-leap.js';
import { gridError } from './responses.js';

export interface MockConnectSession {
  session_id: string;
  reference_id: string;
  utility: string;
  status: 'CREATED' | 'UPDATED' | 'COMPLETED';
  meter_ids: string[];
}

export function registerConnectSessions(app: Hono, state: MockLeapState, defaultDelayMs: number): void {
  const sessions = new Map<string, MockConnectSession>();

  const publish = (session: MockConnectSession) =>
    state.webhooks.send({
      webhook_event_type: 'connect_session.updated',
      partner_reference: session.reference_id,
      status: session.status,
    });
  const authorization = (session: MockConnectSession, status: 'INITIATED' | 'COMPLETED') =>
    state.webhooks.send({
      webhook_event_type: 'connect_session.authorization_updated',
      partner_reference: session.reference_id,
      utility_name: session.utility,
      status,
    });

  app.post('/mock/connect-sessions', async (c: Context) => {
    let body: Record<string, unknown>;
    try {
      body = (await c.req.json()) as Record<string, unknown>;
    } catch {
      return gridError(c, 400, 'Request body must be JSON');
    }
    const referenceId = body.reference_id;
    if (typeof referenceId !== 'string' || !PartnerReference.safeParse(referenceId).success) {
      return gridError(c, 400, 'reference_id is required: 3 to 256 characters', { field: 'reference_id' });
    }
    const utility = typeof body.utility === 'string' ? body.utility.toUpperCase() : 'PGE';
    if (!(UTILITY_NAMES as readonly string[]).includes(utility)) {
      return gridError(c, 400, 'Unknown utility', { field: 'utility' });
    }
    const count = Number(body.meters ?? 2);
    const delay = Number(body.delay_ms ?? defaultDelayMs);
    if (!Number.isInteger(count) || count < 1 || count > 5 || !Number.isFinite(delay) || delay < 0 || delay > 600_000) {
      return gridError(c, 400, 'meters must be 1 to 5 and delay_ms 0 to 600000');
    }
    const session: MockConnectSession = {
      session_id: crypto.randomUUID(),
      reference_id: referenceId,
      utility,
      status: 'CREATED',
      meter_ids: [],
    };
    sessions.set(session.session_id, session);
    publish(session);
    state.later(delay / 2, () => {
      session.status = 'UPDATED';
      publish(session);
      authorization(session, 'INITIATED');
    });
    state.later(delay, () => {
      for (let i = 0; i < count; i += 1) {
        const meter = connectedMeter(referenceId, utility, state.now());
        state.meters.push(meter);
        session.meter_ids.push(meter.enrollment.meter_id as string);
        state.webhooks.send({
          webhook_event_type: 'meter.created',
          meter_id: meter.enrollment.meter_id,
          partner_reference: referenceId,
          transmission_region: meter.enrollment.transmission_region,
          meter_type: meter.enrollment.meter_type,
        });
      }
      authorization(session, 'COMPLETED');
      session.status = 'COMPLETED';
      publish(session);
    });
    return c.json(session, 201);
  });

  app.get('/mock/connect-sessions/:id', (c: Context) => {
    const session = sessions.get(c.req.param('id')!);
    return session ? c.json(session) : gridError(c, 404, 'Connect session not found');
  });
}
