/**
 * A customer's trip through Leap Connect, played by the mock (demo and tests only; Leap has no such route):
 * `POST /mock/connect-sessions` with `{reference_id, utility?, meters?, delay_ms?, outcome?}` starts a session and
 * `GET /mock/connect-sessions/:id` shows where it is. The `outcome` decides the trip, each step sending the webhooks
 * Leap would (`connect_session.updated`, `connect_session.authorization_updated`, `meter.created`):
 * - `completed` (default): CREATED → UPDATED (authorization INITIATED) → COMPLETED (authorization COMPLETED), and the
 *   customer's meters are created with `partner_reference` set to the reference id;
 * - `failed`: CREATED → UPDATED (authorization INITIATED) → authorization FAILED → CLOSED, no meter;
 * - `closed`: CREATED → CLOSED, the customer left before choosing a utility.
 */
import type { Context, Hono } from 'hono';
import { UTILITY_NAMES } from '../core/schemas/grid-enums.js';
import { PartnerReference } from '../core/schemas/meters.js';
import { connectedMeter } from './fixtures/meters.js';
import { readJson } from './http.js';
import { MOCK_LIMITS } from './limits.js';
import { gridError } from './responses.js';
import type { MockConnectSession, MockLeapState } from './types.js';

const OUTCOMES = ['completed', 'failed', 'closed'] as const;
type Outcome = MockConnectSession['outcome'];

export function registerConnectSessions(app: Hono, state: MockLeapState, defaultDelayMs: number): void {
  const sessions = state.connectSessions;

  const move = (session: MockConnectSession, status: MockConnectSession['status']) => {
    session.status = status;
    state.webhooks.send({
      webhook_event_type: 'connect_session.updated',
      partner_reference: session.reference_id,
      status,
    });
  };
  const authorization = (session: MockConnectSession, status: 'INITIATED' | 'COMPLETED' | 'FAILED') =>
    state.webhooks.send({
      webhook_event_type: 'connect_session.authorization_updated',
      partner_reference: session.reference_id,
      utility_name: session.utility,
      status,
    });

  const finish = (session: MockConnectSession, count: number) => {
    if (session.outcome === 'failed') {
      authorization(session, 'FAILED');
      return move(session, 'CLOSED');
    }
    for (let i = 0; i < count; i += 1) {
      const meter = connectedMeter(session.reference_id, session.utility, state.now());
      state.meters.push(meter);
      session.meter_ids.push(meter.enrollment.meter_id as string);
      state.webhooks.send({
        webhook_event_type: 'meter.created',
        meter_id: meter.enrollment.meter_id,
        partner_reference: session.reference_id,
        transmission_region: meter.enrollment.transmission_region,
        meter_type: meter.enrollment.meter_type,
      });
    }
    authorization(session, 'COMPLETED');
    move(session, 'COMPLETED');
  };

  app.post('/mock/connect-sessions', async (c: Context) => {
    const json = await readJson(c);
    const body = (json.ok && typeof json.value === 'object' && json.value ? json.value : null) as Record<
      string,
      unknown
    > | null;
    if (!body) return gridError(c, 400, 'Request body must be a JSON object');
    const referenceId = body.reference_id;
    if (typeof referenceId !== 'string' || !PartnerReference.safeParse(referenceId).success) {
      return gridError(c, 400, 'reference_id is required: 3 to 256 characters', { field: 'reference_id' });
    }
    const utility = typeof body.utility === 'string' ? body.utility.toUpperCase() : 'PGE';
    if (!(UTILITY_NAMES as readonly string[]).includes(utility)) {
      return gridError(c, 400, 'Unknown utility', { field: 'utility' });
    }
    const outcome = (body.outcome ?? 'completed') as Outcome;
    if (!OUTCOMES.includes(outcome)) {
      return gridError(c, 400, `outcome must be one of ${OUTCOMES.join(', ')}`, { field: 'outcome' });
    }
    const count = Number(body.meters ?? 2);
    const delay = Number(body.delay_ms ?? defaultDelayMs);
    if (!Number.isInteger(count) || count < 1 || count > 5 || !Number.isFinite(delay) || delay < 0 || delay > 600_000) {
      return gridError(c, 400, 'meters must be 1 to 5 and delay_ms 0 to 600000');
    }
    if (sessions.size >= MOCK_LIMITS.connectSessions) {
      return gridError(c, 429, `The mock keeps at most ${MOCK_LIMITS.connectSessions} connect sessions: restart it`);
    }
    if (outcome === 'completed' && state.createdMeters + count > MOCK_LIMITS.createdMeters) {
      return gridError(c, 429, `The mock creates at most ${MOCK_LIMITS.createdMeters} meters: restart it`);
    }
    const session: MockConnectSession = {
      session_id: crypto.randomUUID(),
      reference_id: referenceId,
      utility,
      outcome,
      status: 'CREATED',
      meter_ids: [],
    };
    sessions.set(session.session_id, session);
    // Counted now, so sessions still running cannot together pass the limit.
    if (outcome === 'completed') state.createdMeters += count;
    move(session, 'CREATED');
    if (outcome === 'closed') {
      state.later(delay, () => move(session, 'CLOSED'));
    } else {
      state.later(delay / 2, () => {
        move(session, 'UPDATED');
        authorization(session, 'INITIATED');
      });
      state.later(delay, () => finish(session, count));
    }
    return c.json(session, 201);
  });

  app.get('/mock/connect-sessions/:id', (c: Context) => {
    const session = sessions.get(c.req.param('id')!);
    return session ? c.json(session) : gridError(c, 404, 'Connect session not found');
  });
}
