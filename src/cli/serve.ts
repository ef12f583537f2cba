/**
 * `leap-elements serve`: the partner backend as a standalone server, for shops on Rails, Django, PHP or Shopify (or a
 * Docker container beside them). Configured by environment only (env-config.ts); `SIGTERM` lets the requests in
 * flight finish, then exits 0.
 */
import { createLeapHandler, type LeapHandler, type LeapHandlerOptions } from '../server/index.js';
import { jwksAuthenticator } from '../server/jwks.js';
import { listen, nodeFetch } from '../server/node.js';
import { RedisRateLimitStore } from '../server/redis-store.js';
import type { createClient as RedisClientFactory } from 'redis';
import type { RateLimitStore } from '../server/rate-limit.js';
import type { Logger } from '../server/upstream.js';
import { readServeEnv, type ServeConfig } from './env-config.js';
import { serveMock } from './serve-mock.js';
import { forwardWebhooks, logWebhooks } from './webhook-forward.js';

/** Log lines as one JSON object each, on stderr: what container platforms collect. */
const jsonLogger: Logger = (level, message, fields) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
};

/** How long `SIGTERM` waits for requests in flight before closing what is left. */
const DRAIN_MS = 10_000;

export async function runServe(env: Record<string, string | undefined> = process.env): Promise<number> {
  const { config, problems, warnings, unknown } = readServeEnv(env);
  // A misspelt variable is most likely why the configuration is not what was meant: said first, whatever follows.
  for (const line of unknown) console.error(`leap-elements serve: ${line}`);
  if (!config) {
    for (const line of problems) console.error(`leap-elements serve: ${line}`);
    console.error(
      'leap-elements serve: not started. Every variable is described in docs/backend.md ("Standalone server and Docker").',
    );
    return 1;
  }
  for (const line of warnings) jsonLogger('warn', line);

  const store = config.redisUrl ? await redisStore(config.redisUrl, config.redisTimeoutMs) : undefined;
  if (store === null) return 1;
  // On the embedded mock, its connect flow is also answered under the base path (serve-mock.ts).
  const embedded = config.mock && !config.incentivesBaseUrl && !config.platformBaseUrl;
  const mock = embedded ? serveMock(config) : undefined;
  let handler: LeapHandler;
  try {
    const leap = createLeapHandler({ ...handlerOptions(config, store), ...(mock ? { fetch: mock.upstream } : {}) });
    handler = mock ? mock.wrap(leap) : leap;
  } catch (error) {
    console.error(`leap-elements serve: not started: ${(error as Error).message}`);
    return 1;
  }
  let server: Awaited<ReturnType<typeof listen>>;
  try {
    server = await listen(handler, { port: config.port, hostname: config.host });
  } catch (error) {
    console.error(`leap-elements serve: cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`);
    return 1;
  }
  if (config.mock === 'local') {
    console.log(
      'leap-elements serve: no LEAP_API_KEY, so the embedded mock answers with sample data, on this machine only (127.0.0.1). Set LEAP_API_KEY for the real Leap API, or LEAP_MOCK=1 to serve the mock elsewhere.',
    );
  }
  console.log(`leap-elements serve: listening on ${server.url}${config.basePath} (upstream: ${upstreamName(config)})`);
  // One cheap call at start: a refused key is an error line now (and /healthz answers 503), not the first customer's
  // failure. The call logs its own failure.
  if (!config.mock) {
    void handler.checkUpstream().then((check) => {
      if (check.ok) jsonLogger('info', 'Leap accepts the API key');
    });
  }

  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      jsonLogger('info', `${signal}: finishing requests in flight, then stopping`);
      void server.close(DRAIN_MS).then(() => resolve(0));
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

export function handlerOptions(config: ServeConfig, store?: RateLimitStore): LeapHandlerOptions {
  return {
    ...(config.mock ? { mock: true } : { apiKey: config.apiKey }),
    sessionSecret: config.sessionSecret,
    basePath: config.basePath,
    allowedOrigins: config.allowedOrigins,
    partnerSecret: config.partnerSecret,
    authenticate: config.jwks ? jwksAuthenticator({ ...config.jwks, logger: jsonLogger }) : undefined,
    guestSessions: config.guestSessions,
    rateLimit: { ip: config.ipRule, token: config.tokenRule, store },
    trustProxy: config.trustProxy,
    incentivesBaseUrl: config.incentivesBaseUrl,
    platformBaseUrl: config.platformBaseUrl,
    environment: config.environment,
    webhookSecret: config.webhookSecret,
    onWebhook: webhookHandler(config),
    // The embedded mock runs in-process; the real API is called over pooled keep-alive connections.
    fetch: config.mock ? undefined : nodeFetch,
    logger: jsonLogger,
  };
}

function upstreamName(config: ServeConfig): string {
  if (!config.mock) return 'the Leap API';
  return config.incentivesBaseUrl || config.platformBaseUrl
    ? 'the mock Leap at the base URLs given'
    : 'the embedded mock Leap';
}

function webhookHandler(config: ServeConfig): LeapHandlerOptions['onWebhook'] {
  if (!config.webhookSecret) return undefined;
  if (!config.webhookForwardUrl) return logWebhooks(jsonLogger);
  return forwardWebhooks(config.webhookForwardUrl, config.webhookSecret, nodeFetch);
}

/**
 * The shared rate-limit store: the `redis` package is an optional peer, loaded only when LEAP_REDIS_URL is set. Null
 * (after one line saying why) when it is missing. An unreachable Redis does not stop the start: while it is away the
 * store counts on this instance alone (the same rules), warns, and reconnects by itself.
 */
async function redisStore(url: string, timeoutMs: number | undefined): Promise<RateLimitStore | null> {
  let createClient: typeof RedisClientFactory;
  try {
    ({ createClient } = await import('redis'));
  } catch {
    console.error(
      'leap-elements serve: LEAP_REDIS_URL is set, but the redis package is not installed: npm install redis',
    );
    return null;
  }
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5_000) },
  });
  // Connection errors are reported by the store (at most once a minute), not as an unhandled 'error' event.
  client.on('error', () => {});
  client.connect().catch(() => {});
  return new RedisRateLimitStore({ client, timeoutMs, logger: jsonLogger });
}
