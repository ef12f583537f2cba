/**
 * The customer's meters: `GET {base}/meters` lists them all (optionally one `meter_type`), and
 * `GET {base}/meters/:meterId/enrollment` is one meter's enrollment, only when it is the token's customer's.
 */
import { Hono } from 'hono';
import { LeapApiError } from '../../core/errors.js';
import { MeterEnrollmentResponse } from '../../core/schemas/enrollments.js';
import { METER_TYPES } from '../../core/schemas/grid-enums.js';
import type { BackendEnv } from '../context.js';
import { customerMeters } from '../customer-meters.js';
import { callLeap } from '../leap.js';
import { customerOnly } from '../middleware/customer.js';
import type { BackendConfig } from '../options.js';
import { allowOnly, leapAnswer, problem } from '../responses.js';
import { ID_PATTERN } from './ids.js';

export function meterRoutes(config: BackendConfig): Hono<BackendEnv> {
  const app = new Hono<BackendEnv>();
  const customer = customerOnly(config);

  app.get('/meters', customer, async (c) => {
    const meterType = c.req.query('meter_type');
    if (meterType !== undefined && !(METER_TYPES as readonly string[]).includes(meterType)) {
      return problem(c, 400, 'Invalid request', {
        fields: { meter_type: `expected one of ${METER_TYPES.join(', ')}` },
      });
    }
    const meters = await customerMeters(config.upstream, c.get('referenceId'), meterType);
    return leapAnswer(c, { meters }, config.secrets);
  });
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
  allowOnly(app, '/meters', 'GET');
  allowOnly(app, '/meters/:meterId/enrollment', 'GET');
  return app;
}
