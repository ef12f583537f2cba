/** The grid platform's error envelope, whatever shape of body Leap answers with. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GridErrorResponse, parseGridError } from '../../src/core/schemas/grid-errors.js';

describe('grid-platform errors', () => {
  it('accepts details as an object or as the create-meters array', () => {
    assert.equal(
      GridErrorResponse.safeParse({ title: 'Meter not found', status: 404, details: { meter_id: 'x' } }).success,
      true,
    );
    const batch = GridErrorResponse.parse({
      title: 'Bad Request',
      status: 400,
      details: [{ message: 'Missing required parameter', json_index: 1, problem_field: 'partner_reference' }],
    });
    assert.ok(Array.isArray(batch.details));
  });

  it('normalises string, JSON-text and foreign bodies into the envelope', () => {
    assert.deepEqual(parseGridError('', 502), { title: 'HTTP 502', status: 502, details: {} });
    assert.deepEqual(parseGridError('{"title":"Unauthorized","status":401,"details":{}}', 401), {
      title: 'Unauthorized',
      status: 401,
      details: {},
    });
    assert.deepEqual(parseGridError({ message: 'Forbidden', requestId: 'r1' }, 403), {
      title: 'Forbidden',
      status: 403,
      details: { message: 'Forbidden', requestId: 'r1' },
    });
    assert.deepEqual(parseGridError(undefined, 500), { title: 'HTTP 500', status: 500, details: {} });
  });
});
