/** `GET {base}/applications` and `GET {base}/applications/:id`: the token's customer's rebate applications only. */
import { Hono } from 'hono';
import { LeapApiError } from '../../core/errors.js';
import { Application, ApplicationList, APPLICATION_STATUSES } from '../../core/schemas/applications.js';
import type { BackendEnv } from '../context.js';
import { callLeapAsSent } from '../leap.js';
import { customerOnly } from '../middleware/customer.js';
import type { BackendConfig } from '../options.js';
import { allowOnly, leapAnswerAsSent, problem } from '../responses.js';
import { ID_PATTERN } from './ids.js';

export function applicationRoutes(config: BackendConfig): Hono<BackendEnv> {
  const app = new Hono<BackendEnv>();
  const customer = customerOnly(config);

  app.get('/applications', customer, async (c) => {
    const status = c.req.query('application_status');
    const limitText = c.req.query('limit');
    const fields: Record<string, string> = {};
    if (status !== undefined && !(APPLICATION_STATUSES as readonly string[]).includes(status)) {
      fields.application_status = `expected one of ${APPLICATION_STATUSES.join(', ')}`;
    }
    if (limitText !== undefined && !/^(100|[1-9]\d?)$/.test(limitText))
      fields.limit = 'expected an integer from 1 to 100';
    if (Object.keys(fields).length) return problem(c, 400, 'Invalid request', { fields });
    const list = await callLeapAsSent(
      config.upstream,
      {
        service: 'incentives',
        method: 'GET',
        path: '/applications',
        // refId always comes from the token; customer_id is never forwarded.
        query: {
          refId: c.get('referenceId'),
          application_status: status,
          page_token: c.req.query('page_token'),
          limit: limitText,
        },
        idempotent: true,
      },
      ApplicationList,
    );
    return leapAnswerAsSent(c, list.sent, list.data, config.secrets);
  });

  app.get('/applications/:id', customer, async (c) => {
    const id = c.req.param('id');
    if (!ID_PATTERN.test(id)) return problem(c, 404, 'Application not found', {});
    try {
      const application = await callLeapAsSent(
        config.upstream,
        {
          service: 'incentives',
          method: 'GET',
          path: `/applications/${encodeURIComponent(id)}`,
          query: { refId: c.get('referenceId') },
          idempotent: true,
          ownedResource: true,
        },
        Application,
      );
      return leapAnswerAsSent(c, application.sent, application.data, config.secrets);
    } catch (error) {
      // Leap checks ownership through refId; any refusal reads as not found.
      if (error instanceof LeapApiError && [400, 404].includes(error.status)) {
        return problem(c, 404, 'Application not found', {});
      }
      throw error;
    }
  });

  allowOnly(app, '/applications', 'GET');
  allowOnly(app, '/applications/:id', 'GET');
  return app;
}
