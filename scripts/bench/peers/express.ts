/**
 * The Express 5 backend a partner would write by hand: cors with an allow-list, express-rate-limit, express.json,
 * a jsonwebtoken check, a zod schema for the body, and the global fetch to Leap with a deadline; Leap's answer is
 * parsed and sent with `res.json`.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
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

const Address = z.object({
  street_1: z.string().min(1),
  street_2: z.string().optional(),
  city: z.string().min(1),
  state_or_province_code: z.string().length(2),
  postal_code: z.string().regex(/^\d{5}(-\d{4})?$/),
  country_code: z.literal('US'),
});
const CheckBody = z
  .object({
    operation_type: z.enum(OPERATION_TYPES).default('lookup'),
    address: Address,
    building_type: z.enum(BUILDING_TYPES),
    device_ids: z.array(z.number().int().positive()).max(100).optional(),
    device_id: z.number().int().positive().optional(),
  })
  .strict();

type Customer = Request & { customer?: string };

function requireToken(req: Customer, res: Response, next: NextFunction) {
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!token) return void res.status(401).json({ error: 'missing token' });
  try {
    const claims = jwt.verify(token, SESSION_SECRET, {
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
    }) as jwt.JwtPayload;
    req.customer = claims.sub;
    next();
  } catch {
    res.status(401).json({ error: 'invalid token' });
  }
}

export async function startExpressPeer(upstreamUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.use(cors({ origin: [PAGE_ORIGIN], credentials: true }));
  app.use(rateLimit({ windowMs: 60_000, limit: RATE_LIMIT, standardHeaders: 'draft-8', legacyHeaders: false }));
  app.use(express.json({ limit: '16kb' }));
  app.post('/api/leap/incentives', requireToken, async (req: Customer, res) => {
    const body = CheckBody.safeParse(req.body);
    if (!body.success) return void res.status(400).json({ error: 'invalid request', issues: body.error.issues });
    try {
      const answer = await fetch(`${upstreamUrl}/alpha/incentives`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': UPSTREAM_KEY },
        body: JSON.stringify({ ...body.data, reference_id: req.customer }),
        signal: AbortSignal.timeout(10_000),
      });
      res.status(answer.status).json(await answer.json());
    } catch {
      res.status(502).json({ error: 'Leap is unavailable' });
    }
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
