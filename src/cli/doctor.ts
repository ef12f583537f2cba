/**
 * `leap-elements doctor --backend <url> --origin <page origin>`: checks a deployment the way the elements will use it,
 * one line per check with ✓ or ✗ and the fix: the backend answers, `GET {base}/healthz`, the CORS preflight for the
 * page's origin, a session (a guest one, or a server-to-server one with LEAP_PARTNER_SECRET from the environment) and
 * one eligibility lookup. Then, as information that fails nothing: whether webhooks are configured and whether the
 * upstream is the mock or Leap. Exit 0 when every check passed, 1 otherwise, 2 for wrong usage.
 */
import { parseArgs } from 'node:util';

const USAGE =
  'Usage: leap-elements doctor --backend <base URL, e.g. https://shop.example.com/api/leap> --origin <your page origin, e.g. https://shop.example.com> [--device-id <id>] [--reference-id <id>]';

/** An address the mock knows (and Leap geocodes): 456 Main St, Bend, OR. */
const SAMPLE_ADDRESS = {
  street_1: '456 Main St',
  city: 'Bend',
  state_or_province_code: 'OR',
  postal_code: '97701',
  country_code: 'US',
};

/** How long one request may take before the check says so. */
const TIMEOUT_MS = 15_000;

export type CheckMark = '✓' | '✗' | 'ℹ';

export interface CheckLine {
  mark: CheckMark;
  check: string;
  text: string;
}

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

type Fetch = typeof fetch;

export interface DoctorOptions {
  backend: string;
  origin: string;
  deviceId: number;
  referenceId: string;
  partnerSecret?: string | undefined;
  fetch?: Fetch;
}

/** One request, read whole; a failure to connect becomes the reason in words. */
async function ask(fetcher: Fetch, url: URL, init: RequestInit = {}): Promise<Answer | { error: string }> {
  try {
    const response = await fetcher(url, { redirect: 'manual', ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: the text says what it is.
    }
    return { status: response.status, headers: response.headers, body, text };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${TIMEOUT_MS / 1000} s`
        : (cause?.code ?? cause?.message ?? (error as Error).message);
    return { error: reason };
  }
}

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** What an answer was, in a few words: `404 text/html`, `401 "Not signed in"`. */
function said(answer: Answer): string {
  const title = record(answer.body).title;
  const type = answer.headers.get('content-type')?.split(';')[0] ?? 'no content type';
  return typeof title === 'string' ? `${answer.status} "${title}"` : `${answer.status} ${type}`;
}

/** Runs every check in order; a check that cannot run (the backend is unreachable) is reported as failed once. */
export async function diagnose(options: DoctorOptions): Promise<CheckLine[]> {
  const fetcher = options.fetch ?? fetch;
  const base = new URL(options.backend.replace(/\/*$/, '/'));
  const at = (path: string) => new URL(path, base);
  const origin = options.origin;
  const lines: CheckLine[] = [];
  const pass = (check: string, text: string) => lines.push({ mark: '✓', check, text });
  const fail = (check: string, text: string) => lines.push({ mark: '✗', check, text });
  const info = (check: string, text: string) => lines.push({ mark: 'ℹ', check, text });
  let mock = false;

  // Reachable and healthy.
  const health = await ask(fetcher, at('healthz'));
  if ('error' in health) {
    fail(
      'reachable',
      `${base.origin} did not answer (${health.error}). Fix: start the backend (npx leap-elements serve), or check the URL, DNS, port and certificate.`,
    );
    return lines;
  }
  pass('reachable', `${base.origin} answered`);
  const healthBody = record(health.body);
  if (health.headers.get('x-leap-mock') === '1' || healthBody.upstream === 'mock') mock = true;
  if (health.status === 200 && healthBody.status === 'ok') {
    pass('health', `GET ${at('healthz').pathname}: ok (upstream: ${String(healthBody.upstream ?? 'not said')})`);
  } else if (health.status === 503) {
    fail(
      'health',
      `GET ${at('healthz').pathname} answered 503: ${String(healthBody.problem ?? 'degraded')}. Fix: check LEAP_API_KEY (and LEAP_ENVIRONMENT for a staging key); the backend's log says more.`,
    );
  } else {
    fail(
      'health',
      `GET ${at('healthz').pathname} answered ${said(health)}. Fix: --backend must be the backend's base path (where /session is, e.g. ${base.origin}/api/leap), and the backend a version with /healthz.`,
    );
  }

  // CORS, as the browser asks before a call with a token. The checks after it send the page's Origin only when it is
  // allowed, so a refused origin is said once, here, and the session is checked on its own.
  let pageOrigin: Record<string, string> = { origin };
  if (new URL(origin).origin === base.origin) {
    pass('CORS', `the page is on the backend's own origin: no CORS needed`);
  } else {
    const preflight = await ask(fetcher, at('incentives'), {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    const allowed =
      !('error' in preflight) &&
      preflight.status < 300 &&
      [origin, '*'].includes(preflight.headers.get('access-control-allow-origin') ?? '') &&
      /authorization/i.test(preflight.headers.get('access-control-allow-headers') ?? '');
    if (allowed) pass('CORS', `${origin} may call the backend (preflight allowed)`);
    else {
      pageOrigin = {};
      fail(
        'CORS',
        `${origin} is not allowed (${'error' in preflight ? preflight.error : said(preflight)}). Fix: add ${origin} to LEAP_ALLOWED_ORIGINS (leap-elements serve) or to the allowedOrigins option, exactly as the browser writes it (scheme, host, port; no path).`,
      );
    }
  }

  // A session, as the page or the partner's server gets one.
  const serverToServer = Boolean(options.partnerSecret);
  const session = await ask(fetcher, at('session'), {
    method: 'POST',
    headers: {
      ...pageOrigin,
      accept: 'application/json',
      ...(serverToServer
        ? { authorization: `Bearer ${options.partnerSecret}`, 'content-type': 'application/json' }
        : {}),
    },
    body: serverToServer ? JSON.stringify({ reference_id: options.referenceId }) : undefined,
  });
  const sessionBody = 'error' in session ? {} : record(session.body);
  const token = typeof sessionBody.token === 'string' ? sessionBody.token : null;
  if (sessionBody.mock === true || ('headers' in session && session.headers.get('x-leap-mock') === '1')) mock = true;
  const how = serverToServer ? 'server-to-server (LEAP_PARTNER_SECRET)' : 'guest';
  if ('error' in session) fail('session', `POST /session did not answer (${session.error}).`);
  else if (session.status === 200 && token && typeof sessionBody.reference_id === 'string') {
    pass('session', `${how}: a token for ${sessionBody.reference_id}`);
  } else if (session.status === 401 && !serverToServer) {
    fail(
      'session',
      `guest sessions are refused (${said(session)}). Fix: set LEAP_PARTNER_SECRET in this shell to check the server-to-server path your app uses, or LEAP_GUEST_SESSIONS=1 on the backend for anonymous pages.`,
    );
  } else if (session.status === 401) {
    fail('session', `the partner secret was refused (${said(session)}). Fix: use the backend's LEAP_PARTNER_SECRET.`);
  } else {
    fail('session', `POST ${at('session').pathname} answered ${said(session)}; expected 200 with a token.`);
  }

  // One lookup, with that token.
  if (!token) fail('eligibility lookup', 'not tried: no session.');
  else {
    const lookup = await ask(fetcher, at('incentives'), {
      method: 'POST',
      headers: { ...pageOrigin, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        operation_type: 'lookup',
        address: SAMPLE_ADDRESS,
        building_type: 'RESIDENTIAL',
        device_ids: [options.deviceId],
      }),
    });
    const result = 'error' in lookup ? {} : record(lookup.body);
    if ('headers' in lookup && lookup.headers.get('x-leap-mock') === '1') mock = true;
    if ('error' in lookup) fail('eligibility lookup', `POST /incentives did not answer (${lookup.error}).`);
    else if (lookup.status === 200 && 'incentives' in result) {
      const total = record(result.incentives).total_incentive_amount;
      pass(
        'eligibility lookup',
        `456 Main St, Bend, OR with device ${options.deviceId}: answered (total ${String(total)})`,
      );
    } else if (lookup.status === 400 || lookup.status === 404 || lookup.status === 422) {
      // Leap answered: the path works; it refused this sample (a device id your catalog does not have, say).
      pass(
        'eligibility lookup',
        `Leap answered ${said(lookup)} to the sample request: the path works (pass --device-id with one of your devices to see a result).`,
      );
    } else {
      fail(
        'eligibility lookup',
        `answered ${said(lookup)}. Fix: ${lookup.status === 502 || lookup.status === 504 ? 'Leap refused the key or did not answer: check LEAP_API_KEY and the backend log.' : 'see the backend log.'}`,
      );
    }
  }

  // Information only.
  const webhooks = await ask(fetcher, at('webhooks/leap'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if ('error' in webhooks) info('webhooks', `could not tell (${webhooks.error})`);
  else if (webhooks.status === 401 || webhooks.status === 403) {
    info('webhooks', 'configured: POST /webhooks/leap checks the x-leap-webhook-secret header');
  } else if (webhooks.status === 404) {
    info('webhooks', 'not configured: set LEAP_WEBHOOK_SECRET to receive Leap webhooks at POST /webhooks/leap');
  } else info('webhooks', `POST /webhooks/leap answered ${said(webhooks)}`);
  info(
    'upstream',
    mock
      ? 'the mock Leap: sample data only (the elements show a "Sample data" badge); set LEAP_API_KEY for Leap'
      : 'Leap',
  );
  return lines;
}

export async function runDoctor(
  args: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        backend: { type: 'string' },
        origin: { type: 'string' },
        'device-id': { type: 'string' },
        'reference-id': { type: 'string' },
      },
    }));
  } catch (error) {
    console.error(`leap-elements doctor: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const problems: string[] = [];
  const backend = values.backend ?? '';
  const origin = values.origin ?? '';
  if (!URL.canParse(backend) || !/^https?:$/.test(new URL(backend).protocol)) {
    problems.push('--backend must be the backend’s base URL, e.g. https://shop.example.com/api/leap');
  }
  if (!URL.canParse(origin) || new URL(origin).origin !== origin.replace(/\/$/, '')) {
    problems.push('--origin must be your page’s origin (scheme, host, port), e.g. https://shop.example.com');
  }
  const deviceId = Number(values['device-id'] ?? 123);
  if (!Number.isInteger(deviceId) || deviceId <= 0) problems.push('--device-id must be a positive integer');
  if (problems.length) {
    for (const problem of problems) console.error(`leap-elements doctor: ${problem}`);
    console.error(USAGE);
    return 2;
  }
  const lines = await diagnose({
    backend,
    origin: new URL(origin).origin,
    deviceId,
    referenceId: values['reference-id'] ?? 'doctor-check',
    partnerSecret: env.LEAP_PARTNER_SECRET || undefined,
  });
  const width = Math.max(...lines.map((line) => line.check.length));
  for (const line of lines) console.log(`${line.mark} ${line.check.padEnd(width)}  ${line.text}`);
  return lines.some((line) => line.mark === '✗') ? 1 : 0;
}
