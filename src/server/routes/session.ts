/**
 * `POST {base}/session`: a short-lived token for one customer. Who the customer is comes, in this order, from
 * - the partner's own server: `Authorization: Bearer <partnerSecret>` and `{"reference_id": "…"}` in the body;
 * - `authenticate(request)` (the partner's login, or `jwksAuthenticator`);
 * - a guest session with a fresh random reference id, when guest sessions are on.
 * Anything else is `401`.
 */
import { Hono, type Context } from 'hono';
import { LeapApiError } from '../../core/errors.js';
import { PartnerSessionRequest } from '../../core/schemas/backend.js';
import { referenceIdProblem } from '../../core/reference-id.js';
import type { BackendEnv } from '../context.js';
import { limitBody } from '../middleware/body-limit.js';
import { readJsonBody } from '../middleware/json-body.js';
import { MAX_BODY_BYTES, type BackendConfig } from '../options.js';
import { allowOnly, problem } from '../responses.js';
import { secretMatches } from '../secret.js';

type Who = { referenceId: string } | Response;

export function sessionRoutes(config: BackendConfig): Hono<BackendEnv> {
  const app = new Hono<BackendEnv>();

  // Only a partner server sends a body: a browser's request for a session has none.
  const fromPartnerServer = async (c: Context): Promise<Who> => {
    const body = await readJsonBody(c, PartnerSessionRequest, { expected: '{"reference_id": "<your customer id>"}' });
    return body instanceof Response ? body : { referenceId: body.data.reference_id };
  };

  const fromAuthenticator = async (c: Context): Promise<Who> => {
    let who: { referenceId: string } | null;
    try {
      who = await config.authenticate!(c.req.raw);
    } catch (error) {
      if (error instanceof LeapApiError) return problem(c, error.status, error.title, error.details);
      config.log('error', 'authenticate() threw', { error: error instanceof Error ? error.message : String(error) });
      return problem(c, 500, 'Could not check the user', {});
    }
    if (!who) return problem(c, 401, 'Not signed in', { reason: 'authenticate() refused this request.' });
    // A number is taken as its digits (`42` is refused all the same: Leap needs three characters or more).
    const given: unknown = who.referenceId;
    const referenceId = typeof given === 'number' ? String(given) : (given as string);
    const invalid = referenceIdProblem(referenceId);
    if (invalid) {
      config.log('error', `authenticate() returned a reference id Leap would refuse: it ${invalid}`);
      return problem(c, 400, 'Invalid reference id', {
        fields: { reference_id: `The customer's reference id ${invalid}.` },
      });
    }
    return { referenceId };
  };

  app.post('/session', limitBody(MAX_BODY_BYTES), async (c) => {
    const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim();
    const presented = config.partnerSecret !== null && bearer !== undefined;
    let who: Who;
    if (presented && (await secretMatches(config.partnerSecret!, bearer!))) {
      who = await fromPartnerServer(c);
    } else if (config.authenticate) {
      // A bearer that is not the partner secret may be the user's own token, for the authenticator to read.
      who = await fromAuthenticator(c);
    } else if (presented) {
      config.log('warn', 'Refused a server-to-server session: the partner secret does not match');
      who = problem(c, 401, 'Not signed in', { reason: 'The partner secret does not match.' });
    } else if (config.guestSessions) {
      who = { referenceId: `guest_${crypto.randomUUID().replace(/-/g, '')}` };
    } else {
      c.header('www-authenticate', 'Bearer');
      who = problem(c, 401, 'Not signed in', {
        reason: config.partnerSecret
          ? 'Sessions are issued to the partner server: send Authorization: Bearer <partner secret>.'
          : 'No way to sign in is configured on this backend.',
      });
    }
    if (who instanceof Response) return who;
    const { token, expiresAt } = await config.tokens.issue(who.referenceId);
    return c.json({
      token,
      expires_at: expiresAt.toISOString(),
      reference_id: who.referenceId,
      ...(config.mock ? { mock: true } : {}),
    });
  });
  allowOnly(app, '/session', 'POST');
  return app;
}
