/**
 * Shared script of the Voltwise demo pages (checkout, order confirmation, article, account, connected). No inline
 * scripts or styles on those pages, so they can be served under a strict Content-Security-Policy.
 *
 * - Logs every `leap-*` event into the page's `#event-log`. The claim link behaves exactly as on a partner's site.
 * - Account: the connect button plays Leap Connect on the mock (demo only): the page cancels `leap-connect`, asks the
 *   demo server to start the mock's connect session, and lands on the Final Redirect page as Leap would. With the
 *   real API (no mock), the link is followed.
 * - Checkout: the checker reads the page's own shipping-address form (`address-form`), so the customer types it once.
 */
import '../src/define.js';

const MAX_LOG_LINES = 30;
const log = document.querySelector<HTMLOListElement>('#event-log');

const money = (amount: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(amount);

function source(event: Event): string {
  const target = event.target;
  return target instanceof Element ? `#${target.id || target.localName}` : '';
}

function logLine(text: string): void {
  if (!log) return;
  log.querySelector('.empty-log')?.remove();
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString('en-US', { hour12: false })} ${text}`;
  log.prepend(item);
  while (log.children.length > MAX_LOG_LINES) log.lastElementChild?.remove();
}

document.addEventListener('leap-result', (event) => {
  const { result } = event.detail;
  const utility = result.utility?.name ?? 'utility not decided';
  const total = money(result.incentives.total_incentive_amount);
  const programs = result.incentives.by_program.length;
  logLine(
    `leap-result ${source(event)}: ${utility}, up to ${total} (${programs} program${programs === 1 ? '' : 's'})` +
      (result.connect_url ? `, claim link ${result.connect_url}` : ''),
  );
});

document.addEventListener('leap-error', (event) => {
  const { code, message, status } = event.detail;
  logLine(`leap-error ${source(event)}: ${code}${status ? ` (HTTP ${status})` : ''}: ${message}`);
});

document.addEventListener('leap-claim', (event) => {
  logLine(`leap-claim ${source(event)}: ${money(event.detail.totalAmount)} → ${event.detail.url}`);
});

document.addEventListener('leap-connect', (event) => {
  const { flow, url, refId } = event.detail;
  logLine(`leap-connect ${source(event)}: ${flow} for ${refId ?? 'no refId'} → ${url}`);
});

document.addEventListener('leap-connected', (event) => {
  const { meters } = event.detail;
  logLine(`leap-connected ${source(event)}: ${meters.length} new meter${meters.length === 1 ? '' : 's'}`);
});

document.addEventListener('leap-meters', (event) => {
  const count = event.detail.meters.length;
  logLine(`leap-meters ${source(event)}: ${count} meter${count === 1 ? '' : 's'}`);
});

document.querySelector<HTMLElement>('#account-connect')?.addEventListener('leap-connect', (event) => {
  const { url, refId } = event.detail;
  if (!refId) return;
  event.preventDefault();
  void fetch('/api/mock/connect-sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reference_id: refId }),
  }).then((answer) =>
    window.location.assign(answer.ok ? `/demo/connected.html?refId=${encodeURIComponent(refId)}&campaign=spring` : url),
  );
});

document.addEventListener('leap-status', (event) => {
  const { meter_id, global_enrollment_status } = event.detail.enrollment;
  logLine(`leap-status ${source(event)}: meter ${meter_id} is ${global_enrollment_status}`);
});

document.addEventListener('leap-applications', (event) => {
  const count = event.detail.applications.length;
  logLine(`leap-applications ${source(event)}: ${count} application${count === 1 ? '' : 's'}`);
});

// The return URL is the customer's own: log which parameters came back, not their values (refId aside).
document.addEventListener('leap-connect-return', (event) => {
  const { refId, params } = event.detail;
  const names = Object.keys(params);
  logLine(
    `leap-connect-return ${source(event)}: refId ${refId ?? 'missing'}, ` +
      (names.length ? `params ${names.join(', ')}` : 'no other params'),
  );
});

// Checkout: the checker reads the shipping form itself (`address-form="shipping-form"`), so the customer types the
// address once. This demo has no payment step: a valid address goes straight to the confirmation page.
const shipping = document.querySelector<HTMLFormElement>('#shipping-form');
if (shipping) {
  shipping.addEventListener('submit', (event) => {
    event.preventDefault();
    window.location.assign('/demo/order-confirmation.html');
  });
}
