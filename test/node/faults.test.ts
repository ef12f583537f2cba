import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createLeapHandler } from '../../src/server/index.js';
import { nodeFetch } from '../../src/server/node.js';
import { createMockLeap } from '../../src/mock/index.js';
import { BEND, json, startBackend, startMock, TEST_API_KEY, TEST_SECRET } from './support.js';

const STACK_LINE = /\n\s+at |Error: |node:internal|\/src\//;

// Both upstream transports: the runtime's fetch, and nodeFetch (what docs/backend.md recommends on Node), whose answers the
// backend reads without a Response.
for (const [transport, fetcher] of [
  ['fetch', undefined],
  ['nodeFetch', nodeFetch],
] as const) {
  describe(`backend under upstream faults (${transport})`, () => {
    it('a slow upstream (5 s) inside the deadline still answers, once', async () => {
      const slow = await startMock({ latencyMs: 5_000 });
      const proxy = await startBackend(slow.url, fetcher ? { fetch: fetcher } : {});
      const session = await proxy.session();
      const started = performance.now();
      const response = await proxy.call('/incentives', {
        ...json({ address: BEND, building_type: 'RESIDENTIAL', device_id: 123 }),
        token: session.token,
      });
      const elapsed = performance.now() - started;
      assert.equal(response.status, 200);
      // The answer waited for the slow upstream: no early timeout, no wall-clock upper bound on a busy machine.
      assert.ok(elapsed >= 5_000, `answered after ${Math.round(elapsed)} ms`);
      assert.equal(
        slow.seen.filter((r) => r.path.startsWith('/alpha/incentives')).length,
        1,
        'no retry of a slow success',
      );
    });

    it('no error answer carries a stack trace or the key, whatever fails', async () => {
      const texts: string[] = [];
      for (const fault of ['500', '502', '503', '429', 'malformed-json', 'timeout'] as const) {
        const mock = await startMock({ fault, hangMs: 3_000 });
        const proxy = await startBackend(mock.url, {
          upstreamTimeoutMs: 500,
          upstreamRetries: 1,
          ...(fetcher ? { fetch: fetcher } : {}),
        });
        const session = await proxy.session();
        for (const [path, init] of [
          ['/incentives', json({ address: BEND, building_type: 'RESIDENTIAL', device_id: 123 })],
          ['/applications', {}],
          ['/meters/3fa85f64-5717-4562-b3fc-2c963f66afa6/enrollment', {}],
        ] as const) {
          const response = await proxy.call(path, { ...init, token: session.token });
          assert.ok(response.status >= 400, `${fault} ${path} → ${response.status}`);
          const body = (await response.json()) as Record<string, unknown>;
          assert.deepEqual(Object.keys(body).sort(), ['details', 'status', 'title'], `${fault} ${path}`);
          texts.push(JSON.stringify(body), ...proxy.logs);
        }
      }
      assert.deepEqual(
        texts.filter((t) => STACK_LINE.test(t) || t.includes(TEST_API_KEY)),
        [],
      );
    });
  });
}

describe('fuzzing the backend with arbitrary JSON bodies', () => {
  it('every body yields a result or a documented error, never a 500 or an unshaped answer', async () => {
    const mock = createMockLeap();
    const handler = createLeapHandler({
      mock: true,
      sessionSecret: TEST_SECRET,
      rateLimit: false,
      logger: () => {},
      fetch: (input, init) => mock(new Request(input, init)),
    });
    const session = (await (
      await handler(new Request('http://p.test/api/leap/session', { method: 'POST' }))
    ).json()) as {
      token: string;
    };
    const address = fc.record(
      {
        street_1: fc.oneof(fc.string(), fc.constant('456 Main St')),
        street_2: fc.string(),
        city: fc.oneof(fc.string(), fc.constant('Bend')),
        state_or_province_code: fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('OR', 'CA', 'zz')),
        postal_code: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('97701', '00000', '97701-1234')),
        country_code: fc.oneof(fc.string({ maxLength: 3 }), fc.constant('US')),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          operation_type: fc.oneof(fc.constantFrom('lookup', 'refresh', 'override'), fc.string()),
          address: fc.oneof(address, fc.jsonValue()),
          building_type: fc.oneof(fc.constantFrom('RESIDENTIAL', 'COMMERCIAL'), fc.string()),
          device_ids: fc.oneof(fc.array(fc.integer({ min: -5, max: 1000 }), { maxLength: 5 }), fc.jsonValue()),
          device_names: fc.array(fc.string({ unit: 'binary' }), { maxLength: 3 }),
          device_id: fc.oneof(fc.constantFrom(123, 32, 44), fc.integer()),
          create_application: fc.oneof(fc.boolean(), fc.jsonValue()),
          utility_eiaid: fc.oneof(fc.integer(), fc.string()),
          reference_id: fc.string(),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const response = await handler(
          new Request('http://p.test/api/leap/incentives', {
            method: 'POST',
            headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
            body: JSON.stringify(value),
          }),
        );
        assert.ok(
          [200, 400, 404, 413].includes(response.status),
          `status ${response.status} for ${JSON.stringify(value)}`,
        );
        const answer = (await response.json()) as Record<string, unknown>;
        if (response.status === 200) {
          assert.ok(answer.incentives && typeof answer.incentives === 'object');
        } else {
          assert.equal(answer.status, response.status);
          assert.equal(typeof answer.title, 'string');
          assert.ok('details' in answer);
        }
      }),
      { numRuns: 300 },
    );
  });
});
