/**
 * The OpenAPI 3.1 document of the partner backend's routes (what the browser, or a partner's server on another
 * stack, calls), generated from the same zod schemas the backend validates with. Written to
 * src/server/openapi.generated.ts; the backend serves it at `GET {base}/openapi.json` and the build ships it as
 * dist/openapi.json.
 *
 *   npm run generate           writes the file (with the shapes and the types)
 *   npm run generate -- --check exits 1 when the committed file is stale (run by the tests)
 *   node --import tsx scripts/openapi.ts --json dist/openapi.json   writes the document itself (run by the build)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import { format, resolveConfig } from 'prettier';
import {
  CustomerMeterList,
  HealthResponse,
  ProblemResponse,
  PartnerSessionRequest,
  SessionResponse,
} from '../src/core/schemas/backend.js';
import { CheckIncentivesBody, IncentivesResponse } from '../src/core/schemas/incentives.js';
import { Application, ApplicationList, APPLICATION_STATUSES } from '../src/core/schemas/applications.js';
import { MeterEnrollmentResponse } from '../src/core/schemas/enrollments.js';
import { METER_TYPES } from '../src/core/schemas/grid-enums.js';

export const OPENAPI_FILE = fileURLToPath(new URL('../src/server/openapi.generated.ts', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** Request bodies are described as the backend accepts them, answers as it sends them. */
const REQUESTS = { CheckIncentivesBody, PartnerSessionRequest };
const ANSWERS = {
  SessionResponse,
  IncentivesResponse,
  ApplicationList,
  Application,
  MeterEnrollmentResponse,
  CustomerMeterList,
  HealthResponse,
  ProblemResponse,
};

function components(schemas: Record<string, z.ZodMiniType>, io: 'input' | 'output') {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: out } = z.toJSONSchema(registry, {
    io,
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Record<string, unknown>> };
  for (const schema of Object.values(out)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return out;
}

const ref = (id: keyof typeof ANSWERS | keyof typeof REQUESTS) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: keyof typeof ANSWERS | keyof typeof REQUESTS) => ({ 'application/json': { schema: ref(id) } });
const problem = (description: string) => ({ description, content: json('ProblemResponse') });

/** The errors every route can answer (the status table of docs/backend.md). */
const COMMON_ERRORS = {
  '403': problem('The `Origin` is not allowed (`details.origin` names it).'),
  '429': problem('Rate limited: `Retry-After` header and `details.retry_after_seconds`.'),
};
const PROXIED_ERRORS = {
  '401': problem('Missing, expired or invalid session token (`WWW-Authenticate: Bearer`).'),
  ...COMMON_ERRORS,
  '502': problem('Leap unreachable, failing, refusing the API key, or answering in an unexpected shape.'),
  '504': problem('Leap did not answer before the deadline.'),
};
const bearer = [{ sessionToken: [] }];

export function buildDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'leap-elements partner backend',
      version: pkg.version,
      description:
        'The routes the leap-elements web components call. Every route is relative to the base path (default `/api/leap`). Errors are always `{title, status, details}`.',
    },
    servers: [{ url: '/api/leap' }],
    paths: {
      '/session': {
        post: {
          operationId: 'createSession',
          summary: 'A short-lived token for one customer.',
          description:
            "Who the customer is: the partner's server (`Authorization: Bearer <partner secret>` and a `reference_id` body), the partner's own login (`authenticate`, or a JWT checked against a JWKS), or a guest session.",
          security: [{}, { partnerSecret: [] }],
          requestBody: { required: false, content: json('PartnerSessionRequest') },
          responses: {
            '200': { description: 'The session.', content: json('SessionResponse') },
            '400': problem('The partner server sent an invalid `reference_id`.'),
            '401': problem('Not signed in (authenticate refused, wrong partner secret, or no way to sign in).'),
            ...COMMON_ERRORS,
            '503': problem("The partner's sign-in service (JWKS) is unreachable."),
          },
        },
      },
      '/incentives': {
        post: {
          operationId: 'checkIncentives',
          summary: "Leap's incentive eligibility for the session's customer (`reference_id` comes from the token).",
          security: bearer,
          requestBody: { required: true, content: json('CheckIncentivesBody') },
          responses: {
            '200': {
              description: "Leap's answer; an unsafe `connect_url` is set to null.",
              content: json('IncentivesResponse'),
            },
            '400': problem('Invalid JSON or fields (`details.fields`), or Leap refused the request.'),
            '413': problem('Body over 16 KiB.'),
            ...PROXIED_ERRORS,
          },
        },
      },
      '/applications': {
        get: {
          operationId: 'listApplications',
          summary: "The session's customer's rebate applications.",
          security: bearer,
          parameters: [
            {
              name: 'application_status',
              in: 'query',
              required: false,
              schema: { type: 'string', enum: [...APPLICATION_STATUSES] },
            },
            { name: 'page_token', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } },
          ],
          responses: {
            '200': { description: 'One page of applications.', content: json('ApplicationList') },
            '400': problem('Invalid query (`details.fields`).'),
            ...PROXIED_ERRORS,
          },
        },
      },
      '/applications/{id}': {
        get: {
          operationId: 'getApplication',
          summary: "One application, when it is the session's customer's.",
          security: bearer,
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } },
          ],
          responses: {
            '200': { description: 'The application.', content: json('Application') },
            '404': problem("Not found, or not this customer's (the same answer)."),
            ...PROXIED_ERRORS,
          },
        },
      },
      '/meters': {
        get: {
          operationId: 'listMeters',
          summary: "The session's customer's meters (Leap's enrollment search by `partner_reference`), at most 500.",
          security: bearer,
          parameters: [
            { name: 'meter_type', in: 'query', required: false, schema: { type: 'string', enum: [...METER_TYPES] } },
          ],
          responses: {
            '200': {
              description: 'Every meter of the customer, with its utility.',
              content: json('CustomerMeterList'),
            },
            '400': problem('Invalid query (`details.fields`).'),
            ...PROXIED_ERRORS,
          },
        },
      },
      '/meters/{meterId}/enrollment': {
        get: {
          operationId: 'getMeterEnrollment',
          summary: "One meter's enrollment, when its `partner_reference` is the session's customer.",
          security: bearer,
          parameters: [
            {
              name: 'meterId',
              in: 'path',
              required: true,
              schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
            },
          ],
          responses: {
            '200': { description: 'The enrollment.', content: json('MeterEnrollmentResponse') },
            '404': problem("Not found, or not this customer's (the same answer)."),
            ...PROXIED_ERRORS,
          },
        },
      },
      '/healthz': {
        get: {
          operationId: 'getHealth',
          summary: 'For load balancers and uptime checks: no token, no CORS grant, not rate limited.',
          security: [{}],
          responses: {
            '200': {
              description: 'Serving; `upstream` says whether answers come from Leap or a mock.',
              content: json('HealthResponse'),
            },
            '503': {
              description: 'Degraded: Leap refused the API key (at start or since); `problem` says what to fix.',
              content: json('HealthResponse'),
            },
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          summary: 'This document.',
          security: [{}],
          responses: {
            '200': {
              description: 'The OpenAPI document.',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
          },
        },
      },
    },
    components: {
      schemas: { ...components(REQUESTS, 'input'), ...components(ANSWERS, 'output') },
      securitySchemes: {
        sessionToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'The token from POST /session.',
        },
        partnerSecret: {
          type: 'http',
          scheme: 'bearer',
          description: "The backend's partner secret (LEAP_PARTNER_SECRET): only from the partner's own server.",
        },
      },
    },
  };
}

export async function generateOpenApi(): Promise<string> {
  const source = [
    '// Generated by scripts/openapi.ts from the zod schemas. Do not edit: run `npm run generate`.',
    '/** The OpenAPI 3.1 document of the backend routes, served at `GET {base}/openapi.json`. */',
    `export const OPENAPI_DOCUMENT = ${JSON.stringify(buildDocument())} as const;`,
    '',
  ].join('\n');
  return format(source, { ...(await resolveConfig(OPENAPI_FILE)), parser: 'typescript' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const jsonAt = process.argv.indexOf('--json');
  const code = await generateOpenApi();
  if (jsonAt > 0) {
    writeFileSync(process.argv[jsonAt + 1]!, `${JSON.stringify(buildDocument(), null, 2)}\n`);
  } else if (process.argv.includes('--check')) {
    if (readFileSync(OPENAPI_FILE, 'utf8') !== code) {
      console.error('src/server/openapi.generated.ts is out of date with the zod schemas: run `npm run generate`.');
      process.exit(1);
    }
  } else {
    writeFileSync(OPENAPI_FILE, code);
    console.log(`Wrote ${OPENAPI_FILE}`);
  }
}
