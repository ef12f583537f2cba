/** MeterFilterRequest, the body of Leap's meter searches. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MeterFilterRequest } from '../../src/core/schemas/meters.js';

describe('MeterFilterRequest (search bodies)', () => {
  it('accepts the polling filter and closes its enums', () => {
    const body = { last_modified_date_time: '2024-10-21T11:43:05.892Z', page_size: 500, meter_ids: [] };
    assert.deepEqual(MeterFilterRequest.parse(body), body);
    assert.equal(MeterFilterRequest.safeParse({ global_enrollment_statuses: ['SOME_FUTURE_STATUS'] }).success, false);
  });

  it('rejects out-of-range pages, malformed ids and misspelt filters', () => {
    assert.equal(MeterFilterRequest.safeParse({ page_size: 501 }).success, false);
    assert.equal(MeterFilterRequest.safeParse({ meter_ids: ['abcdef'] }).success, false);
    assert.equal(MeterFilterRequest.safeParse({ partner_references: ['a/b'] }).success, false);
    assert.equal(MeterFilterRequest.safeParse({ last_modified: '2024-10-21T11:43:05Z' }).success, false);
    assert.equal(MeterFilterRequest.safeParse({ created_after_date_time: 'yesterday' }).success, false);
  });
});
