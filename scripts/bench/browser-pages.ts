/** The pages the browser bench loads: each measured case on its own page, the synthetic 50 × 4 answer, the site. */
import { readFileSync } from 'node:fs';
import {
  afterFirstRender,
  attrs,
  headScript,
  page,
  PAINT_CASES,
  startPageServer,
  type PaintCase,
} from './bench-page.js';
import type { IncentivesResult } from '../../src/core/schemas/incentives.js';

export const BEND = { 'street-1': '456 Main St', city: 'Bend', state: 'OR', 'postal-code': '97701' };
const PORTLAND = { 'street-1': '100 SW Main St', city: 'Portland', state: 'OR', 'postal-code': '97204' };
const NOWHERE = { 'street-1': '1 Nowhere Rd', city: 'Bend', state: 'OR', 'postal-code': '00000' };

function paintPage(c: PaintCase): string {
  return page(
    c.tag,
    headScript(c.tag),
    `<main><${c.tag} ${attrs(c.attributes)}></${c.tag}></main>
<script type="module">__bench.beforeBundle = performance.now();</script>
<script type="module" src="/leap-elements.js"></script>
${afterFirstRender(c.tag)}`,
  );
}

export const CHECKER = 'leap-incentive-checker';

function renderPage(): string {
  return page(
    'render',
    headScript(CHECKER),
    `<main><${CHECKER} ${attrs({ 'session-endpoint': '/api/leap/session', 'device-ids': '123', ...BEND })}></${CHECKER}></main>
<script type="module" src="/leap-elements.js"></script>`,
  );
}

function clsPage(address: Record<string, string>): string {
  return page(
    'cls',
    headScript(CHECKER),
    `<main>
<h1>Thanks for your order</h1>
<p>Order #1042 is confirmed. Your Level 2 EV charger ships in 3–5 business days.</p>
<${CHECKER} ${attrs({ 'session-endpoint': '/api/leap/session', 'device-ids': '123', 'auto-check': true, 'result-height': '22rem', ...address })}></${CHECKER}>
<p id="after">Questions about your order? Reply to the confirmation email or call us any weekday from 8 am to 6 pm.
Installation can be booked from your account page once the charger has shipped.</p>
</main>
<script type="module" src="/leap-elements.js"></script>
${afterFirstRender(CHECKER)}
<script type="module">
const el = document.querySelector(${JSON.stringify(CHECKER)});
const after = document.getElementById('after');
el.addEventListener('leap-result', () => { __bench.outcome = 'result'; __bench.outcomeAt = performance.now(); });
el.addEventListener('leap-error', (e) => { __bench.outcome = 'error:' + e.detail.code; __bench.outcomeAt = performance.now(); });
await customElements.whenDefined(${JSON.stringify(CHECKER)});
await el.updateComplete;
requestAnimationFrame(() => requestAnimationFrame(() => {
  __bench.readyAt = performance.now();
  __bench.afterTopAtReady = after.getBoundingClientRect().top;
}));
</script>`,
  );
}

const blankPage = () =>
  page('heap', '', '<main id="host"></main><script type="module" src="/leap-elements.js"></script>');

/** 50 programs × 4 tiers, half of the tiers eligible, every list filled. */
export function syntheticResult(programs = 50, tiers = 4): IncentivesResult {
  const names = [
    'EV Charger Rebate',
    'Heat Pump Incentive',
    'Battery Storage Credit',
    'Panel Upgrade Grant',
    'Thermostat Bonus',
  ];
  const byProgram = Array.from({ length: programs }, (_, p) => {
    const tierResults = Array.from({ length: tiers }, (_, t) => {
      const eligible = (p + t) % 2 === 0;
      return {
        device_id: 123,
        device_name: 'Level 2 EV Charger',
        tier_id: p * 10 + t,
        tier_name: `Tier ${t + 1}: ${['Standard', 'Income-qualified', 'Multifamily', 'Bonus'][t % 4]}`,
        eligible,
        incentive_amount: eligible ? 250 + 50 * t : null,
        calculation_details: eligible
          ? { base_amount: 250 + 50 * t, calculation_method: 'Flat rebate per device' }
          : {},
        failed_requirements: eligible ? [] : ['Installed by a licensed electrician', 'Enrolled in a time-of-use rate'],
        ignored_requirements: eligible ? ['Proof of purchase within 90 days'] : [],
        completed_requirements: ['Customer of the utility', 'Residential building'],
      };
    });
    return {
      program_id: 1000 + p,
      program_name: `Program ${p + 1} – ${names[p % names.length]}`,
      total_incentive: tierResults.reduce((sum, t) => sum + (t.incentive_amount ?? 0), 0),
      eligible_combinations: tierResults.filter((t) => t.eligible).length,
      device_tier_results: tierResults,
    };
  });
  return {
    utility: { eiaid: 14354, name: 'PacifiCorp (Oregon)' },
    address: {
      street_1: '456 Main St',
      city: 'Bend',
      state_or_province_code: 'OR',
      postal_code: '97701',
      country_code: 'US',
    },
    building_type: 'RESIDENTIAL',
    customer_id: 5001,
    reference_id: 'demo-customer',
    programs_evaluated: programs,
    incentives: {
      total_incentive_amount: byProgram.reduce((sum, p) => sum + p.total_incentive, 0),
      total_eligible_combinations: byProgram.reduce((sum, p) => sum + (p.eligible_combinations ?? 0), 0),
      by_program: byProgram,
    },
    connect_url: 'https://app.leap.energy/connect/abc123',
  };
}

export function startSite(cdnFile: string) {
  const pages = new Map<string, string>([
    ['/render', renderPage()],
    ['/cls/bend', clsPage(BEND)],
    ['/cls/portland', clsPage(PORTLAND)],
    ['/cls/error', clsPage(NOWHERE)],
    ['/blank', blankPage()],
    ['/plain', page('plain', '', '<main><p>A page without leap-elements.</p></main>')],
    ...PAINT_CASES.map((c): [string, string] => [`/paint/${c.tag}`, paintPage(c)]),
  ]);
  return startPageServer({ pages, scripts: new Map([['/leap-elements.js', readFileSync(cdnFile)]]) });
}
