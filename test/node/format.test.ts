import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, formatMoney, formatRelativeDays, isOpenEnded, normalizeStateCode } from '../../src/core/format.js';
import { checkLinkUrl } from '../../src/core/safe-url.js';

describe('format', () => {
  it('money through Intl, whole amounts without cents', () => {
    assert.equal(formatMoney(1250, 'USD', 'en-US'), '$1,250');
    assert.equal(formatMoney(1500.5, 'USD', 'en-US'), '$1,500.50');
    assert.match(formatMoney(750, 'USD', 'es'), /750/);
    assert.equal(formatMoney(5, 'NOPE', 'en-US'), 'NOPE 5');
  });

  it('state names as browsers autofill them', () => {
    assert.equal(normalizeStateCode(' Oregon '), 'OR');
    assert.equal(normalizeStateCode('new york'), 'NY');
    assert.equal(normalizeStateCode('ca'), 'CA');
    assert.equal(normalizeStateCode('Atlantis'), 'ATLANTIS');
  });

  it('open-ended periods and relative days', () => {
    assert.equal(isOpenEnded('9000-01-01T00:00:00Z'), true);
    assert.equal(isOpenEnded('2099-01-01T00:00:00Z'), false);
    assert.equal(isOpenEnded(null), true);
    const now = new Date('2026-01-01T12:00:00Z');
    assert.equal(formatRelativeDays('2026-01-13T12:00:00Z', 'en', now), 'in 12 days');
    assert.equal(formatRelativeDays('2026-01-02T12:00:00Z', 'en', now), 'tomorrow');
    assert.equal(formatRelativeDays('2025-12-29T12:00:00Z', 'en', now), '3 days ago');
    assert.equal(formatRelativeDays('2026-01-13T12:00:00Z', 'es', now), 'dentro de 12 días');
    assert.equal(formatDate('not a date', 'en'), 'not a date');
    assert.equal(formatDate('2026-03-05T12:00:00Z', 'en-US'), 'Mar 5, 2026');
  });
});

describe('checkLinkUrl', () => {
  it('accepts only https links on allowed hosts', () => {
    assert.equal(checkLinkUrl('https://app.leap.energy/connect/abc123').ok, true);
    assert.equal(checkLinkUrl('https://connect.incentives.leap.energy/acme/refId/1').ok, true);
    assert.deepEqual(checkLinkUrl('javascript:alert(1)'), { ok: false, reason: 'not_https' });
    assert.deepEqual(checkLinkUrl('data:text/html,x'), { ok: false, reason: 'not_https' });
    assert.deepEqual(checkLinkUrl('http://app.leap.energy/x'), { ok: false, reason: 'not_https' });
    assert.deepEqual(checkLinkUrl('https://app.leap.energy.evil.example/x'), { ok: false, reason: 'host_not_allowed' });
    assert.deepEqual(checkLinkUrl('https://user:pw@app.leap.energy/x'), { ok: false, reason: 'credentials' });
    assert.deepEqual(checkLinkUrl('not a url'), { ok: false, reason: 'unparseable' });
    assert.deepEqual(checkLinkUrl(''), { ok: false, reason: 'missing' });
    assert.equal(checkLinkUrl('https://a.partner.example/x', ['.partner.example']).ok, true);
    assert.equal(checkLinkUrl('https://partner.example/x', ['.partner.example']).ok, false);
  });
});
