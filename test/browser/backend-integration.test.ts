/**
 * The elements against backends set up the ways docs/backend.md describes: sessions from the partner's own server with the
 * other routes on the backend (`api-base`), and a backend that refuses the page's origin (a dev proxy rewriting Host).
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { LeapIncentiveChecker } from '../../src/elements/incentive-checker/incentive-checker.js';
import type { IncentivesResult } from '../../src/core/types.generated.js';
import type { LeapFailureError } from '../../src/core/failure.js';
import type { LeapErrorDetail } from '../../src/elements/shared/events.js';
import { clearSessions } from '../../src/elements/shared/session.js';
import { captureWarnings, expectNoLitWarnings } from './helpers.js';

const BEND = {
  street_1: '456 Main St',
  city: 'Bend',
  state_or_province_code: 'OR',
  postal_code: '97701',
  country_code: 'US',
};

describe('elements and the backend', () => {
  afterEach(() => {
    clearSessions();
    expectNoLitWarnings();
  });

  it("session from the partner's own endpoint, the other routes at api-base", async () => {
    const el = await fixture<LeapIncentiveChecker>(
      html`<leap-incentive-checker
        session-endpoint="/partner/leap-session"
        api-base="/api/partner/leap"
        device-ids="123"
      ></leap-incentive-checker>`,
    );
    el.address = BEND;
    const result = oneEvent(el, 'leap-result');
    void el.check();
    const { detail } = (await result) as CustomEvent<{ result: IncentivesResult }>;
    expect(detail.result.incentives.total_incentive_amount).to.equal(750);
    // The partner's endpoint chose the customer.
    expect(detail.result.reference_id).to.equal('demo-customer');
  });

  it('a backend that refuses the page’s origin: the customer sees the error, the console names the origin and the option', async () => {
    const warnings = captureWarnings();
    try {
      const el = await fixture<LeapIncentiveChecker>(
        html`<leap-incentive-checker
          session-endpoint="/api/proxied/leap/session"
          device-ids="123"
        ></leap-incentive-checker>`,
      );
      el.address = BEND;
      const failed = oneEvent(el, 'leap-error');
      // check() rejects with the cause the event reports.
      const checked = el.check().then(
        () => 'answered',
        (error: LeapFailureError) => [error.code, error.failure.kind],
      );
      const { detail } = (await failed) as CustomEvent<LeapErrorDetail>;
      expect(detail.status).to.equal(403);
      expect(detail.code).to.equal('ORIGIN_REFUSED');
      expect(detail.kind).to.equal('origin-refused');
      expect(await checked).to.deep.equal(['ORIGIN_REFUSED', 'origin-refused']);
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="error"]')?.textContent).to.contain(
        'This feature is not available on this page.',
      );
    } finally {
      const seen = warnings.restore();
      const refusal = seen.filter((line) => line.includes('the backend refuses'));
      expect(refusal).to.have.length(1);
      expect(refusal[0]).to.contain(location.origin).and.contain('allowedOrigins').and.contain('LEAP_ALLOWED_ORIGINS');
    }
  });
});
