/**
 * How a program reaches Leap, resolved once from its options: the key (checked, never repeated in a message), which
 * Leap (production, staging, a mock on a port, or the embedded mock in-process), the transport, the deadline and
 * retries, and a logger that masks every secret. The backend (`createLeapHandler`) and the server-side client
 * (`createLeapClient`) share it.
 */
import { redactor } from './redact.js';
import { RAW_SEND, type Logger, type UpstreamConfig } from './upstream.js';

export const DEFAULT_INCENTIVES_BASE_URL = 'https://api.incentives.leap.energy/alpha';
export const DEFAULT_PLATFORM_BASE_URL = 'https://api.leap.energy';
/** Leap's staging grid platform; the Incentives API has one host, and test keys instead of a staging host. */
export const STAGING_PLATFORM_BASE_URL = 'https://api.staging.leap.energy';
const MOCK_PLACEHOLDER_KEY = 'leap_test_mock_key';
/** The in-process mock answers whatever host it is asked; this one can never resolve by accident. */
const MOCK_PLACEHOLDER_HOST = 'http://leap-mock.invalid';

export interface UpstreamOptions {
  /** Your Leap API key (`LEAP_API_KEY`). */
  apiKey?: string;
  /** Answer from a mock Leap: the embedded one in-process, or the one at the base URLs, or your own `fetch` handler. */
  mock?: boolean;
  /** `production` (default) or `staging` (the grid platform's staging host; staging keys work only there). */
  environment?: 'production' | 'staging';
  incentivesBaseUrl?: string;
  platformBaseUrl?: string;
  fetch?: typeof fetch;
  logger?: Logger;
}

export interface ResolvedUpstream {
  upstream: UpstreamConfig;
  /** Answers come from a mock Leap (`mock: true`), never from Leap itself. */
  mock: boolean;
  /** Masks the secrets before the caller's logger sees a line. */
  log: Logger;
}

/** The runtime's fetch, looked up on each call (tests and polyfills may replace it): the default transport. */
export const RUNTIME_FETCH: typeof fetch = (input, init) => fetch(input, init);

const defaultLogger: Logger = (level, message, fields) => {
  if (level === 'info') return;
  console.error(`[leap-elements] ${level}: ${message}`, fields ?? '');
};

/**
 * The key as Leap expects it. A malformed key (a pasted line break, a quote) is refused here with a message that does
 * not repeat it: sent as a header it would fail later with an error that quotes the header's value.
 */
function checkedApiKey(apiKey: string, who: string): string {
  const key = apiKey.trim();
  if (!/^[\x21-\x7e]+$/.test(key)) {
    throw new Error(
      `${who}: apiKey must be printable ASCII without spaces or line breaks (check LEAP_API_KEY for a pasted line break or quote).`,
    );
  }
  return key;
}

export function resolveUpstream(
  options: UpstreamOptions,
  settings: {
    /** Names the caller in error messages (`createLeapHandler`). */
    who: string;
    /** Other secrets to mask besides the key. */
    secrets: ReadonlyArray<string | undefined>;
    timeoutMs: number;
    attemptTimeoutMs?: number;
    retries: number;
    backoffMs: number;
    audience: UpstreamConfig['audience'];
    /** Told whether Leap accepts the key, as calls find out. */
    health?: UpstreamConfig['health'];
    maxAnswerBytes?: number;
  },
): ResolvedUpstream {
  if (options.mock !== undefined && typeof options.mock !== 'boolean') {
    throw new Error(`${settings.who}: mock must be true or false.`);
  }
  const mock = options.mock === true;
  const given = options.apiKey || (mock ? MOCK_PLACEHOLDER_KEY : undefined);
  if (!given) {
    // Never a mock by omission: a forgotten key must not turn into sample data shown to real customers.
    throw new Error(
      `${settings.who}: apiKey is required (set LEAP_API_KEY), or pass mock: true to answer from a mock Leap with sample data.`,
    );
  }
  if (options.environment !== undefined && !['production', 'staging'].includes(options.environment)) {
    throw new Error(`${settings.who}: environment must be "production" or "staging".`);
  }
  const apiKey = checkedApiKey(given, settings.who);
  const redact = redactor([apiKey, ...settings.secrets]);
  const userLog = options.logger ?? defaultLogger;
  const log: Logger = (level, message, fields) => userLog(level, redact(message), fields && redact(fields));
  // A network transport (the global fetch, nodeFetch) has nothing to reach in mock mode without base URLs: the embedded
  // mock answers. A fetch handler of your own (a mock instance you inspect) is used as given.
  const ownHandler = options.fetch && options.fetch !== globalThis.fetch && !(RAW_SEND in options.fetch);
  const inProcessMock = options.mock && !ownHandler && !options.incentivesBaseUrl && !options.platformBaseUrl;
  if (inProcessMock) {
    log('warn', 'Answering from the embedded mock Leap (sample data, no network): set apiKey for the real Leap API.');
  }
  const platform = options.environment === 'staging' ? STAGING_PLATFORM_BASE_URL : DEFAULT_PLATFORM_BASE_URL;
  return {
    log,
    mock,
    upstream: {
      apiKey,
      incentivesBaseUrl:
        options.incentivesBaseUrl ?? (options.mock ? `${MOCK_PLACEHOLDER_HOST}/alpha` : DEFAULT_INCENTIVES_BASE_URL),
      platformBaseUrl: options.platformBaseUrl ?? (options.mock ? MOCK_PLACEHOLDER_HOST : platform),
      fetch: inProcessMock ? embeddedMock() : (options.fetch ?? RUNTIME_FETCH),
      timeoutMs: settings.timeoutMs,
      ...(settings.attemptTimeoutMs ? { attemptTimeoutMs: settings.attemptTimeoutMs } : {}),
      retries: settings.retries,
      backoffMs: settings.backoffMs,
      log,
      redact,
      audience: settings.audience,
      ...(settings.health ? { health: settings.health } : {}),
      ...(settings.maxAnswerBytes ? { maxAnswerBytes: settings.maxAnswerBytes } : {}),
    },
  };
}

/**
 * The embedded mock as the upstream fetch, loaded on first use so a program that never asks for it does not pay for
 * loading its fixtures.
 */
function embeddedMock(): typeof fetch {
  let mock: Promise<typeof fetch> | undefined;
  return async (input, init) => {
    mock ??= import('../mock/mock-leap.js').then(({ createMockLeap }) => createMockLeap());
    return (await mock)(input, init);
  };
}
