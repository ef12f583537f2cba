/**
 * The browser's answer checks (`matchesShape` with the JSON Schema in src/core/schemas/shapes.generated.ts) against
 * the zod schemas they come from: up to date, and accepting and refusing the same answers, documented examples and mock
 * answers alike, and thousands of corrupted variants of them. The backend's compiled shapes (answer-check.ts) too.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { generateShapes, GENERATED_FILE, shapeOf } from '../../scripts/shapes.js';
import { IncentivesResponse } from '../../src/core/schemas/incentives.js';
import {
  Application,
  ApplicationList,
  ApplicationListView,
  ApplicationView,
} from '../../src/core/schemas/applications.js';
import { MeterEnrollmentResponse, MeterEnrollmentView } from '../../src/core/schemas/enrollments.js';
import { checkAnswer, matchesShape, type Shape } from '../../src/core/schemas/shape.js';
import {
  ApplicationListViewShape,
  ApplicationViewShape,
  IncentivesResponseShape,
  MeterEnrollmentViewShape,
} from '../../src/core/schemas/shapes.generated.js';
import { LeapApiError } from '../../src/core/errors.js';
import { answerCheck, compileShape } from '../../src/server/answer-check.js';
import { DEMO_REFERENCE_ID, MOCK_ADDRESSES } from '../../src/mock/index.js';
import { startMock, TEST_API_KEY } from './support.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const quickstart = JSON.parse(readFileSync(new URL('./fixtures/quickstart.json', import.meta.url), 'utf8')) as {
  responses: Json[];
  applicationList: Json;
};

const { url } = await startMock();
const incentivesHeaders = { 'x-api-key': TEST_API_KEY, 'content-type': 'application/json' };
const gridHeaders = { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' };

async function json(path: string, init: RequestInit = {}): Promise<Json> {
  const response = await fetch(`${url}${path}`, init);
  assert.equal(response.status, 200, `${path} answered ${response.status}`);
  return (await response.json()) as Json;
}

/** Real answers: the documented examples plus what the mock serves for every fixture. */
async function samples() {
  const incentives: Json[] = [...quickstart.responses];
  for (const fixture of MOCK_ADDRESSES) {
    incentives.push(
      await json('/alpha/incentives', {
        method: 'POST',
        headers: incentivesHeaders,
        body: JSON.stringify({
          reference_id: `shapes-${fixture.postal_code}`,
          address: {
            street_1: fixture.street_1,
            city: fixture.city,
            state_or_province_code: fixture.state,
            postal_code: fixture.postal_code,
            country_code: 'US',
          },
          building_type: 'RESIDENTIAL',
          device_ids: [123, 123],
        }),
      }),
    );
  }
  const list = await json(`/alpha/applications?refId=${DEMO_REFERENCE_ID}`, { headers: incentivesHeaders });
  const ids = ((list as { results: Array<{ id: number }> }).results ?? []).map((a) => a.id);
  const applications: Json[] = [];
  for (const id of ids) applications.push(await json(`/alpha/applications/${id}`, { headers: incentivesHeaders }));
  const search = (await json('/v2/meters/enrollments/search', {
    method: 'POST',
    headers: gridHeaders,
    body: JSON.stringify({ page_size: 100 }),
  })) as { meters: Json[] };
  return {
    incentives,
    lists: [list, quickstart.applicationList],
    applications,
    enrollments: search.meters,
  };
}

const real = await samples();

/** `view`: the zod schema the element's shape comes from; `full`: Leap's whole answer, which the partner backend checks. */
const CASES: Array<{
  name: string;
  view: z.ZodMiniType;
  full: z.ZodMiniType;
  shape: Shape;
  samples: Json[];
}> = [
  {
    name: 'IncentivesResponse',
    view: IncentivesResponse,
    full: IncentivesResponse,
    shape: IncentivesResponseShape,
    samples: real.incentives,
  },
  {
    name: 'MeterEnrollmentView',
    view: MeterEnrollmentView,
    full: MeterEnrollmentResponse,
    shape: MeterEnrollmentViewShape,
    samples: real.enrollments,
  },
  {
    name: 'ApplicationListView',
    view: ApplicationListView,
    full: ApplicationList,
    shape: ApplicationListViewShape,
    samples: real.lists,
  },
  {
    name: 'ApplicationView',
    view: ApplicationView,
    full: Application,
    shape: ApplicationViewShape,
    samples: real.applications,
  },
];

/**
 * What zod decides, minus refinements (a date-time string that does not parse), which JSON Schema cannot say and the
 * browser checks therefore leave out. The elements format such values defensively.
 */
function zodAccepts(schema: z.ZodMiniType, value: unknown): boolean {
  const parsed = schema.safeParse(value);
  return parsed.success || parsed.error.issues.every((issue) => issue.code === 'custom');
}

/** Every path to a value inside `value`, the root included. */
function paths(value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...paths(item, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) out.push(...paths(item, [...prefix, key]));
  return out;
}

/** A copy of `value` with the node at `path` replaced (or removed when `replacement` is undefined). */
function mutate(value: Json, path: Array<string | number>, replacement: Json | undefined): Json | undefined {
  if (!path.length) return replacement;
  const copy = structuredClone(value) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (replacement === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else {
    node[last] = replacement;
  }
  return copy as Json;
}

const replacements = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constantFrom<Json>('', 'x', 0, -1, 1.5, 123, true, false, [], {}, ['a'], [1], { a: 1 }, '2026-01-01T00:00:00Z'),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

describe('browser answer checks (JSON Schema generated from zod)', () => {
  it('are up to date with the zod schemas (npm run generate)', () => {
    assert.equal(readFileSync(GENERATED_FILE, 'utf8'), generateShapes());
  });

  for (const { name, view, full, shape, samples } of CASES) {
    const validate = (value: unknown) => matchesShape(shape, value);
    const compiled = compileShape(shape);
    // The backend skips zod for an answer its compiled shape accepts: only where the shape is the whole schema.
    const backendCheck = answerCheck(full);
    if (backendCheck) assert.equal(view, full, `${name}: the backend's check stands for a view, not the schema`);
    it(`${name}: accept every documented example and mock answer (${samples.length})`, () => {
      assert.ok(samples.length > 0);
      for (const sample of samples) {
        assert.ok(full.safeParse(sample).success, `zod refuses a sample: ${JSON.stringify(sample).slice(0, 200)}`);
        assert.ok(validate(sample), `the browser check ${name} refuses ${JSON.stringify(sample).slice(0, 200)}`);
        assert.ok(compiled(sample), `the compiled check ${name} refuses ${JSON.stringify(sample).slice(0, 200)}`);
      }
    });

    it(`${name}: decide like its zod schema on corrupted answers`, () => {
      let refused = 0;
      fc.assert(
        fc.property(
          fc.nat({ max: samples.length - 1 }),
          fc.nat(),
          replacements,
          (sampleIndex, pathSeed, replacement) => {
            const sample = samples[sampleIndex]!;
            const all = paths(sample);
            const corrupted = mutate(sample, all[pathSeed % all.length]!, replacement);
            const expected = zodAccepts(view, corrupted);
            if (!expected) refused += 1;
            const text = String(JSON.stringify(corrupted)).slice(0, 300);
            assert.equal(validate(corrupted), expected, `disagree on ${text}`);
            assert.equal(compiled(corrupted), expected, `the compiled shape disagrees on ${text}`);
            if (backendCheck) assert.equal(backendCheck(corrupted), zodAccepts(full, corrupted), `backend: ${text}`);
            // A view only leaves fields out: whatever the full schema accepts, the element accepts too.
            if (zodAccepts(full, corrupted)) assert.ok(expected, `the view refuses a valid answer: ${text}`);
          },
        ),
        { numRuns: 1500 },
      );
      // The corruption must actually exercise refusals, or the comparison proves little.
      assert.ok(refused > 100, `only ${refused} corrupted answers were refused`);
    });
  }

  it('the generator refuses a schema that needs a keyword matchesShape does not know', () => {
    assert.throws(
      () => shapeOf(z.object({ kind: z.literal('a') }), 'Literal'),
      /Literal\.kind: JSON Schema keyword "\w+" is not supported/,
    );
  });

  it('checkAnswer returns the answer as is, or throws a 502 LeapApiError', () => {
    const sample = real.incentives[0];
    assert.equal(checkAnswer(IncentivesResponseShape, sample), sample);
    assert.throws(
      () => checkAnswer(IncentivesResponseShape, { incentives: { by_program: 'none' } }),
      (error: unknown) => error instanceof LeapApiError && error.status === 502,
    );
  });
});
