/**
 * The partner backend of the server suites: the mock Leap behind it, three customers with a session each, and the
 * check that an error answer is Leap's envelope and nothing more. Each suite starts its own (in-process, cheap).
 */
import assert from 'node:assert/strict';
import { startBackend, startMock } from '../node/support.js';

/** `x-test-user` header → the reference id `authenticate()` gives that customer. */
export const customers = { alice: 'customer-alice', bob: 'customer-b', demo: 'demo-customer' };

export const BOB_METER = '9b2f4c1e-8d3a-4e5b-9c6d-7e8f9a0b1c2d';
export const DEMO_METER = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

/** The mock Leap and a backend in front of it that allows https://shop.example.com, with alice, demo and bob signed in. */
export async function startShop() {
  const upstream = await startMock();
  const backend = await startBackend(upstream.url, { customers, allowedOrigins: ['https://shop.example.com'] });
  const alice = await backend.session({ 'x-test-user': 'alice' });
  const demo = await backend.session({ 'x-test-user': 'demo' });
  const bob = await backend.session({ 'x-test-user': 'bob' });
  return { upstream, backend, alice, demo, bob };
}

export async function body(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

export function assertEnvelope(value: Record<string, unknown>, status: number): void {
  assert.equal(value.status, status);
  assert.equal(typeof value.title, 'string');
  assert.ok('details' in value, 'errors carry details');
  assert.deepEqual(Object.keys(value).sort(), ['details', 'status', 'title']);
}
