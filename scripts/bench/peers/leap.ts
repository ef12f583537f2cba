/**
 * leap-elements as the peer benchmark runs it, in the two ways a partner deploys it: `createLeapHandler` served by
 * `listen` (no `fetch` option: the transport a partner gets by default on Node), and the standalone server
 * `leap-elements serve` configured by environment only. Both allow the page origin, keep rate limiting on with limits
 * that never refuse, and check tokens, bodies and Leap's answers as always.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { runServe } from '../../../src/cli/serve.js';
import { createLeapHandler } from '../../../src/server/index.js';
import { listen } from '../../../src/server/node.js';
import { PAGE_ORIGIN, RATE_LIMIT, SESSION_SECRET, UPSTREAM_KEY } from './common.js';

export async function startLeapHandler(upstreamUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const handler = createLeapHandler({
    apiKey: UPSTREAM_KEY,
    incentivesBaseUrl: `${upstreamUrl}/alpha`,
    platformBaseUrl: upstreamUrl,
    sessionSecret: SESSION_SECRET,
    allowedOrigins: [PAGE_ORIGIN],
    rateLimit: { ip: { limit: RATE_LIMIT, windowSeconds: 60 }, token: { limit: RATE_LIMIT, windowSeconds: 60 } },
    logger: () => {},
  });
  return listen(handler);
}

/** A port nobody listens on right now, for `serve`, which takes its port from the environment. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export async function startServe(upstreamUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freePort();
  const rule = `${RATE_LIMIT}/60`;
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    LEAP_API_KEY: UPSTREAM_KEY,
    LEAP_SESSION_SECRET: SESSION_SECRET,
    LEAP_ALLOWED_ORIGINS: PAGE_ORIGIN,
    LEAP_GUEST_SESSIONS: '1',
    LEAP_RATE_LIMIT_IP: rule,
    LEAP_RATE_LIMIT_TOKEN: rule,
    LEAP_INCENTIVES_BASE_URL: `${upstreamUrl}/alpha`,
    LEAP_PLATFORM_BASE_URL: upstreamUrl,
  };
  // Its start-up lines (where it listens, the per-instance rate-limit note) are not the benchmark's; kept for a failure.
  const said: string[] = [];
  const { log } = console;
  const stderrWrite = process.stderr.write.bind(process.stderr);
  console.log = (...args: unknown[]) => void said.push(args.join(' '));
  process.stderr.write = (chunk: string | Uint8Array) => said.push(String(chunk)) > 0;
  let exitCode: number | undefined;
  const exited = runServe(env).then((code) => (exitCode = code));
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let tries = 0; ; tries += 1) {
      if (exitCode !== undefined || tries > 200)
        throw new Error(`leap-elements serve did not start: ${said.join(' ')}`);
      const up = await fetch(`${url}/api/leap/openapi.json`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    console.log = log;
    process.stderr.write = stderrWrite;
  }
  return {
    url,
    close: async () => {
      // Its "finishing requests in flight" line is not the benchmark's either.
      process.stderr.write = () => true;
      process.emit('SIGTERM');
      await exited;
      process.stderr.write = stderrWrite;
    },
  };
}
