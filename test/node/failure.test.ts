/**
 * The one error model (src/core/failure.ts): failures by cause, and what each becomes (code, retry, docs row). Table
 * tests pin each cause; property tests hold every possible answer and every stray exception to the model.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  answerFailure,
  asFailureError,
  failureCode,
  isRetryable,
  LEAP_ERROR_CODES,
  LeapApiError,
  LeapFailureError,
  retryAfterSeconds,
  toFailure,
  type LeapFailure,
} from '../../src/core/index.js';
import { FAILURE_CAUSES } from '../../src/core/failure-causes.js';

const answer = (status: number, details: unknown = {}, title = 'Refused') =>
  toFailure(new LeapApiError({ status, title, details }));

describe('toFailure', () => {
  it('sorts HTTP answers by status and by the code they carry', () => {
    const cases: Array<[LeapFailure, string | null, boolean]> = [
      [answer(401), 'SESSION_REFUSED', false],
      [answer(403), 'SESSION_REFUSED', false],
      [answer(403, { origin: 'https://shop.example' }), 'ORIGIN_REFUSED', false],
      [answer(404), 'NOT_FOUND', false],
      [answer(429), 'RATE_LIMITED', true],
      [answer(400), 'INVALID_INPUT', false],
      [answer(422, { fields: { 'address.postal_code': 'invalid_postal_code' } }), 'INVALID_INPUT', false],
      [answer(400, { address: 'not_found' }), 'ADDRESS_NOT_FOUND', false],
      [answer(422, { name: 'ADDRESS_NOT_FOUND' }), 'ADDRESS_NOT_FOUND', false],
      [answer(502), 'UPSTREAM_DOWN', true],
      [answer(504), 'UPSTREAM_DOWN', true],
      [answer(409), 'UNEXPECTED', true],
    ];
    for (const [failure, code, retryable] of cases) {
      assert.equal(failureCode(failure), code, JSON.stringify(failure));
      assert.equal(isRetryable(failure), retryable, JSON.stringify(failure));
    }
  });

  it('knows "address not found" by its code, never by the words of a title', () => {
    assert.equal(answer(400, {}, 'Address could not be geocoded.').kind, 'http');
    assert.equal(answer(400, {}, 'Address not found').kind, 'http');
    assert.equal(answer(400, { address: 'not_found' }, 'Leap refused the request').kind, 'address-not-found');
  });

  it('keeps the fields at fault of a refused input', () => {
    assert.deepEqual(answer(400, { fields: { 'address.city': 'required' } }), {
      kind: 'invalid-input',
      fields: { 'address.city': 'required' },
      answer: { status: 400, title: 'Refused', details: { fields: { 'address.city': 'required' } } },
    });
  });

  it('reads the seconds to wait from a 429, 30 when it gives none', () => {
    assert.equal(retryAfterSeconds(answer(429, { retry_after_seconds: 12 })), 12);
    assert.equal(retryAfterSeconds(answer(429)), 30);
    assert.equal(retryAfterSeconds(answer(503)), null);
  });

  it('an abort is `aborted`, reported by nobody', () => {
    const failure = toFailure(new DOMException('stopped', 'AbortError'));
    assert.deepEqual(failure, { kind: 'aborted' });
    assert.equal(failureCode(failure), null);
  });

  it('an exception nobody made on purpose is a defect, never "offline" and never worth a retry', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'map')");
    const failure = toFailure(bug);
    assert.deepEqual(failure, { kind: 'internal', error: bug });
    assert.equal(failureCode(failure), 'INTERNAL_ERROR');
    assert.equal(isRetryable(failure), false);
  });

  it('a failure made where its cause is known passes through unchanged', () => {
    const made: LeapFailure = { kind: 'network', message: 'Failed to fetch' };
    const error = new LeapFailureError(made);
    assert.equal(toFailure(error), made);
    assert.equal(asFailureError(error), error);
    assert.equal(error.code, 'OFFLINE');
    assert.match(error.message, /No answer/);
    assert.equal(asFailureError(new RangeError('x')).failure.kind, 'internal');
  });

  it('a status 0 LeapApiError is not "offline": only the client says there was no answer', () => {
    assert.notEqual(failureCode(answer(0)), 'OFFLINE');
  });
});

/** Every failure the model can hold, with arbitrary contents. */
const anyFailure: fc.Arbitrary<LeapFailure> = fc.oneof(
  fc.record({ kind: fc.constant('network' as const), message: fc.string() }),
  fc.record({ kind: fc.constant('origin-refused' as const), origin: fc.webUrl() }),
  fc.record({
    kind: fc.constant('setup' as const),
    code: fc.constantFrom('INVALID_CONFIG', 'ADDRESS_FORM_UNREADABLE'),
    message: fc.string(),
  }),
  fc.record({ kind: fc.constant('invalid-input' as const), fields: fc.dictionary(fc.string(), fc.string()) }),
  fc.record({ kind: fc.constant('address-not-supported' as const), country: fc.string() }),
  fc.record({
    kind: fc.constant('unsafe-link' as const),
    reason: fc.constantFrom('missing', 'unparseable', 'not_https', 'credentials', 'host_not_allowed'),
  }),
  fc.constant({ kind: 'aborted' as const }),
  fc.record({ kind: fc.constant('internal' as const), error: fc.anything() }),
  fc
    .record({ status: fc.integer({ min: 0, max: 999 }), title: fc.string(), details: fc.anything() })
    .map((body) => answerFailure(body)),
  fc
    .record({
      status: fc.integer({ min: 100, max: 599 }),
      title: fc.string(),
      details: fc.record({ content_type: fc.string() }),
    })
    .map((body) => ({ kind: 'session-endpoint-invalid' as const, answer: body })),
);

describe('the error model as a whole', () => {
  it('every failure has a documented code (or none, for an abort) and a row in docs/errors.md that says so', () => {
    fc.assert(
      fc.property(anyFailure, (failure) => {
        const code = failureCode(failure);
        assert.equal(code === null, failure.kind === 'aborted');
        if (code) assert.ok(code in LEAP_ERROR_CODES, code);
        const row = FAILURE_CAUSES.find((r) => r.kind === failure.kind && r.code === code);
        assert.ok(row, `no row for ${failure.kind} → ${code}`);
        assert.equal(isRetryable(failure), row.retryable, `${failure.kind} → ${code}`);
      }),
    );
  });

  it('no HTTP answer, whatever its body, is taken for "no answer"', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.string(), fc.anything(), (status, title, details) => {
        const failure = toFailure(new LeapApiError({ status, title, details }));
        assert.notEqual(failure.kind, 'network');
        assert.notEqual(failure.kind, 'internal');
      }),
    );
  });

  it('anything else thrown is a defect', () => {
    fc.assert(
      fc.property(fc.anything(), (thrown) => {
        fc.pre(!(typeof thrown === 'object' && thrown !== null && 'name' in thrown));
        assert.equal(toFailure(thrown).kind, 'internal');
      }),
    );
  });
});
