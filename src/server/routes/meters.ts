/** `GET {base}/meters/:meterId/enrollment`: one meter's enrollment, only when it is the token's customer's. */
import { Hono } from 'hono';
import { LeapApiError } from '../../core/errors.js';
import { MeterEnrollmentResponse } from '../../core/schemas/enrollments.js';
import type { BackendEnv } from '../context.js';
import { callLeap } from '../leap.js';
import { customerOnly } from '../middleware/customer.js';
import type { BackendConfig } from '../options.js';
import { allowOnly, leapAnswer, problem } from '../responses.js';
import { ID_PATTERN } from './ids.js';

export function meterRoutes(config: BackendConfig): Hono<BackendEnv> {
  const app = new Hono<BackendEnv>();
  const customer = customerOnly(config);
  app.get('/meters/:meterId/enrollment', customer, async (c) => {
    const meterId = c.req.param('meterId');
    // Not found and not yours look the same, so ids of other customers' meters cannot be probed.
    const notFound = () => problem(c, 404, 'Meter not found', {});
    if (!ID_PATTERN.test(meterId)) return notFound();
    try {
      const enrollment = await callLeap(
        config.upstream,
        {
          service: 'grid',
          method: 'GET',
          path: `/v2/meters/${encodeURIComponent(meterId)}/enrollments`,
          idempotent: true,
          ownedResource: true,
        },
        MeterEnrollmentResponse,
      );
      if (enrollment.partner_reference !== c.get('referenceId')) return notFound();
      return leapAnswer(c, enrollment, config.secrets);
    } catch (error) {
      if (error instanceof LeapApiError && [400, 404].includes(error.status)) return notFound();
      throw error;
    }
  });
  allowOnly(app, '/meters/:meterId/enrollment', 'GET');
  return app;
}
