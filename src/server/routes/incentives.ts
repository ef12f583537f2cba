/** `POST {base}/incentives`: Leap's eligibility check for the token's customer, its `connect_url` checked. */
import { Hono } from 'hono';
import { checkLinkUrl } from '../../core/safe-url.js';
import { CheckIncentivesBody, IncentivesResponse } from '../../core/schemas/incentives.js';
import type { BackendEnv } from '../context.js';
import { callLeapAsSent, UNEXPECTED } from '../leap.js';
import { customerOnly } from '../middleware/customer.js';
import { limitBody } from '../middleware/body-limit.js';
import { readJsonBody } from '../middleware/json-body.js';
import { MAX_BODY_BYTES, type BackendConfig } from '../options.js';
import { allowOnly, leapAnswer, leapAnswerAsSent, problem } from '../responses.js';

export function incentivesRoutes(config: BackendConfig): Hono<BackendEnv> {
  const app = new Hono<BackendEnv>();
  const bodyOptions = {
    fields: (fields: Record<string, string>) =>
      'reference_id' in fields
        ? { ...fields, reference_id: 'not allowed: the customer comes from the session token' }
        : fields,
  };
  app.post('/incentives', customerOnly(config, limitBody(MAX_BODY_BYTES)), async (c) => {
    // Read here rather than in a middleware step of its own: one async step less per call.
    const checked = await readJsonBody(c, CheckIncentivesBody, bodyOptions);
    if (checked instanceof Response) return checked;
    const referenceId = c.get('referenceId');
    const body = { operation_type: 'lookup' as const, ...checked.data, reference_id: referenceId };
    const { data, sent } = await callLeapAsSent(
      config.upstream,
      {
        service: 'incentives',
        method: 'POST',
        path: '/incentives',
        body,
        idempotent: body.operation_type === 'lookup' || body.operation_type === 'refresh',
      },
      IncentivesResponse,
    );
    if (data.reference_id && data.reference_id !== referenceId) {
      config.log('error', 'Leap answered for a different reference_id; refusing to pass it on');
      return problem(c, 502, UNEXPECTED, {});
    }
    if (data.connect_url !== undefined && data.connect_url !== null) {
      const check = checkLinkUrl(data.connect_url, config.options.allowedConnectHosts);
      if (!check.ok) {
        config.log('warn', 'Dropped a connect_url that is not an https URL on an allowed host', {
          reason: check.reason,
        });
        data.connect_url = null;
        return leapAnswer(c, data, config.secrets);
      }
    }
    // Nothing to change: Leap's own bytes, not a re-serialisation of them.
    return leapAnswerAsSent(c, sent, data, config.secrets);
  });
  allowOnly(app, '/incentives', 'POST');
  return app;
}
