/**
 * The Fastify 5 backend a partner would write by hand: @fastify/cors with an allow-list, @fastify/rate-limit,
 * @fastify/jwt, a JSON Schema for the body (Fastify's own validation), and the global fetch to Leap with a deadline;
 * Leap's answer is parsed and sent as an object.
 */
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import cors from '@fastify/cors';
import fastifyJwt from '@fastify/jwt';
import rateLimit from '@fastify/rate-limit';
import {
  BUILDING_TYPES,
  OPERATION_TYPES,
  PAGE_ORIGIN,
  RATE_LIMIT,
  SESSION_SECRET,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  UPSTREAM_KEY,
} from './common.js';

const positiveInt = { type: 'integer', minimum: 1 } as const;
const checkBody = {
  type: 'object',
  additionalProperties: false,
  required: ['address', 'building_type'],
  properties: {
    operation_type: { type: 'string', enum: OPERATION_TYPES, default: 'lookup' },
    address: {
      type: 'object',
      additionalProperties: false,
      required: ['street_1', 'city', 'state_or_province_code', 'postal_code', 'country_code'],
      properties: {
        street_1: { type: 'string', minLength: 1 },
        street_2: { type: 'string' },
        city: { type: 'string', minLength: 1 },
        state_or_province_code: { type: 'string', minLength: 2, maxLength: 2 },
        postal_code: { type: 'string', pattern: '^\\d{5}(-\\d{4})?$' },
        country_code: { const: 'US' },
      },
    },
    building_type: { type: 'string', enum: BUILDING_TYPES },
    device_ids: { type: 'array', items: positiveInt, maxItems: 100 },
    device_id: positiveInt,
  },
} as const;

export async function startFastifyPeer(upstreamUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify({ logger: false, bodyLimit: 16 * 1024 });
  await app.register(cors, { origin: [PAGE_ORIGIN], credentials: true });
  await app.register(rateLimit, { max: RATE_LIMIT, timeWindow: 60_000 });
  await app.register(fastifyJwt, {
    secret: SESSION_SECRET,
    verify: { algorithms: ['HS256'], allowedIss: TOKEN_ISSUER, allowedAud: TOKEN_AUDIENCE },
  });
  app.post(
    '/api/leap/incentives',
    {
      schema: { body: checkBody },
      onRequest: async (request, reply) => {
        try {
          await request.jwtVerify();
        } catch {
          return reply.code(401).send({ error: 'invalid token' });
        }
      },
    },
    async (request, reply) => {
      const customer = (request.user as { sub?: string }).sub;
      try {
        const answer = await fetch(`${upstreamUrl}/alpha/incentives`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': UPSTREAM_KEY },
          body: JSON.stringify({ ...(request.body as object), reference_id: customer }),
          signal: AbortSignal.timeout(10_000),
        });
        return reply.code(answer.status).send(await answer.json());
      } catch {
        return reply.code(502).send({ error: 'Leap is unavailable' });
      }
    },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    close: () => app.close(),
  };
}
