/**
 * Helpers of the Redis rate-limit store suites: both client libraries set up as the store wants them, a logger that
 * keeps its lines, and calls to a backend's session and applications routes.
 */
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import type { Logger } from '../../src/server/index.js';

export const reconnectStrategy = (retries: number) => Math.min(retries * 50, 500);

/** node-redis set up as the store wants it: while disconnected, commands fail at once instead of queueing. */
export async function nodeRedisClient(url: string) {
  const client = createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy } });
  // It reconnects on its own; without a listener an `error` event would crash the test process.
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** ioredis set up the same way. */
export async function ioRedisClient(url: string) {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    retryStrategy: reconnectStrategy,
  });
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** A logger that keeps its lines as `level message`; `at(level)` picks those of one level. */
export function recorder() {
  const lines: string[] = [];
  const logger: Logger = (level, message) => lines.push(`${level} ${message}`);
  return { lines, logger, at: (level: string) => lines.filter((line) => line.startsWith(`${level} `)) };
}

/** Calls `probe` until `done` accepts its value; gives up after `timeoutMs`. */
export async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The whole numbers from `from` to `to`, both included. */
export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** A guest session from the backend at `base`. */
export async function guestSession(base: string): Promise<{ token: string; reference_id: string }> {
  const response = await fetch(`${base}/session`, { method: 'POST' });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as { token: string; reference_id: string };
}

/** One cheap authenticated call; its body is read so the connection is free again. */
export async function applications(base: string, token: string) {
  const started = performance.now();
  const response = await fetch(`${base}/applications`, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  return { status: response.status, headers: response.headers, ms: performance.now() - started };
}
