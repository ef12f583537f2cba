/**
 * Settings → Leap Elements: "Test connection" runs the plugin's checks on the server against the URL in the form
 * (saved or not) and the secret typed there (or the saved one), and lists each result with what to fix.
 */
(function (wp) {
  const { __ } = wp.i18n;
  const button = document.getElementById('leap-elements-test');
  const results = document.getElementById('leap-elements-test-results');
  if (!button || !results) return;

  // Dashicons, as in the rest of the admin (symbols such as ⚠ would be turned into emoji images by WordPress).
  const ICONS = { pass: 'yes-alt', fail: 'dismiss', info: 'info-outline', mock: 'warning' };
  const WORDS = {
    pass: __('Passed', 'leap-elements'),
    fail: __('Failed', 'leap-elements'),
    info: __('Information', 'leap-elements'),
    mock: __('Warning', 'leap-elements'),
  };

  /** One line per check: an icon (with its word for screen readers), the check's name, and what was found. */
  function show(checks, ok) {
    const list = document.createElement('ul');
    for (const check of checks) {
      const item = document.createElement('li');
      item.className = `leap-elements-check is-${check.outcome}`;
      const symbol = document.createElement('span');
      symbol.className = `leap-elements-check-symbol dashicons dashicons-${ICONS[check.outcome] ?? 'marker'}`;
      symbol.setAttribute('aria-hidden', 'true');
      const word = document.createElement('span');
      word.className = 'screen-reader-text';
      word.textContent = `${WORDS[check.outcome] ?? ''}: `;
      const name = document.createElement('strong');
      name.textContent = check.check;
      item.append(symbol, word, name, ` ${check.detail}`);
      list.append(item);
    }
    const summary = document.createElement('p');
    summary.className = 'leap-elements-test-summary';
    summary.textContent = ok
      ? __('Every check passed.', 'leap-elements')
      : __('A check failed: see above for what to fix.', 'leap-elements');
    results.replaceChildren(summary, list);
  }

  /**
   * What only the browser can tell: the plugin's routes answer at the address the elements call (with plain permalinks,
   * /index.php/wp-json/…, which some servers do not pass to PHP), and the Authorization header that carries the
   * session token reaches PHP (some Apache setups drop it).
   */
  async function browserCheck({ url, nonce }) {
    const check = __("This site's routes", 'leap-elements');
    let answer;
    try {
      const response = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'x-wp-nonce': nonce, authorization: 'Bearer leap-elements-check' },
      });
      answer = response.ok ? await response.json() : null;
    } catch {
      answer = null;
    }
    if (!answer) {
      return {
        check,
        outcome: 'fail',
        detail: `${__('The plugin’s routes do not answer at', 'leap-elements')} ${url}. ${__('Choose a permalink structure other than Plain under Settings → Permalinks, or let your web server pass /index.php/… paths to PHP.', 'leap-elements')}`,
      };
    }
    if (!answer.authorization) {
      return {
        check,
        outcome: 'fail',
        detail: __(
          'Your web server removes the Authorization header before PHP, so every call of the elements would be refused. On Apache, add: SetEnvIf Authorization "(.*)" HTTP_AUTHORIZATION=$1',
          'leap-elements',
        ),
      };
    }
    return {
      check,
      outcome: 'pass',
      detail: __('Browsers reach the plugin’s routes on this site, with their session header.', 'leap-elements'),
    };
  }

  let running = false;
  button.addEventListener('click', async () => {
    if (running) return;
    // aria-disabled rather than disabled: a disabled button would drop the keyboard focus.
    running = true;
    button.setAttribute('aria-disabled', 'true');
    results.replaceChildren(document.createTextNode(__('Testing the connection…', 'leap-elements')));
    try {
      const answer = await wp.apiFetch({
        path: '/leap-elements/v1/connection-test',
        method: 'POST',
        data: {
          backend_url: document.getElementById('leap-elements-backend-url')?.value ?? '',
          partner_secret: document.getElementById('leap-elements-partner-secret')?.value ?? '',
        },
      });
      const browser = await browserCheck(answer.browser_check);
      show([...answer.checks, browser], answer.ok && browser.outcome === 'pass');
    } catch (error) {
      const message = error && error.message ? error.message : String(error);
      results.replaceChildren(document.createTextNode(`${__('The test could not run:', 'leap-elements')} ${message}`));
    } finally {
      running = false;
      button.removeAttribute('aria-disabled');
    }
  });
})(window.wp);
