/**
 * The mock Leap on a loopback port for the contract suites, with a `call` that sends one real HTTP request and holds
 * the answer to Leap's published files: every answer is checked by the generic validator and must carry
 * `x-leap-mock: 1`. The statuses the files do not document for an operation are collected for comparison with
 * docs/mock.md.
 */
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { createMockLeap, type MockLeapOptions } from '../../src/mock/index.js';
import { listen } from '../../src/server/node.js';
import { OpenApiContract } from './openapi-contract.js';

export const CONTRACT_KEY = 'leap_contract_key_5f1d9c2a7b';

/**
 * The one place the mock answers `null` where the files type a string: a delivery period's market group before the
 * meter is placed in one, exactly as seed 001 (Leap's "Sync Meter Inventory" guide) shows it. Listed in docs/mock.md.
 */
export const SEED_NULLS = /\/program_enrollment\/\d+\/market_group_(id|name)$/;

function valueAt(body: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      body,
    );
}

export interface Answer {
  status: number;
  contentType: string | null;
  body: unknown;
  text: string;
  headers: Headers;
  operationId: string;
  undocumented: boolean;
  followedExample: string[];
  problems: string[];
}

export interface CallOptions {
  body?: unknown;
  /** Sent as it is (CSV) instead of JSON. */
  text?: string;
  headers?: Record<string, string>;
  /** `null`: no Authorization header at all. */
  key?: string | null;
  /** Checked as this path of the files (the reference page's `/details` aliases of the meter paths). */
  as?: string;
}

/** A meter with Leap's global required fields only, for create-meters requests. */
export const meter = (partner_reference: string, postal_code = '94105') => ({
  partner_reference,
  transmission_region: 'CAISO',
  customer_classification: 'RESIDENTIAL',
  load_types: ['HVAC'],
  meter_type: 'DEVICE',
  customer: {
    street_1: '1 Market St',
    postal_code,
    city: 'San Francisco',
    state_or_province_code: 'CA',
    country_code: 'US',
  },
});

let shared: OpenApiContract | undefined;
/** The four files, parsed and compiled once per test file. */
export function contract(): OpenApiContract {
  return (shared ??= new OpenApiContract());
}

export async function contractMock(options: MockLeapOptions = {}) {
  const mock = createMockLeap({ apiKeys: [CONTRACT_KEY], ...options });
  const server = await listen(mock);
  after(async () => {
    mock.dispose();
    await server.close();
  });
  /** Every (operation, status) answered that its operation does not document. */
  const undocumented = new Set<string>();
  /** Where an answer followed a file's own example against its schema, and where it kept a seed's null. */
  const followedExample = new Set<string>();
  const seedNulls = new Set<string>();

  /** Sends one request; fails the test when the answer breaks the files or lacks `x-leap-mock: 1`. */
  async function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key !== null) headers.authorization = `Bearer ${options.key ?? CONTRACT_KEY}`;
    let payload: string | undefined;
    if (options.text !== undefined) {
      payload = options.text;
      headers['content-type'] ??= 'text/csv';
    } else if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${server.url}${path}`, { method, headers, body: payload });
    const text = await response.text();
    const contentType = response.headers.get('content-type');
    let body: unknown = text;
    if (contentType?.includes('json')) body = JSON.parse(text);
    assert.equal(response.headers.get('x-leap-mock'), '1', `${method} ${path}: x-leap-mock`);
    const checked = contract().checkAnswer(method, options.as ?? path, response.status, contentType, body);
    const problems = checked.problems.filter((problem) => {
      const pointer = /: (\/\S*) must be string$/.exec(problem)?.[1];
      const seedNull = pointer !== undefined && SEED_NULLS.test(pointer) && valueAt(body, pointer) === null;
      if (seedNull) seedNulls.add(pointer.replace(/^.*\/program_enrollment\/\d+/, '/program_enrollment/*'));
      return !seedNull;
    });
    assert.deepEqual(problems, [], `${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    if (checked.undocumented) undocumented.add(`${checked.operationId} ${response.status}`);
    for (const problem of checked.followedExample) followedExample.add(problem.replace(/\/\d+(?=\/|\s)/g, '/*'));
    return { status: response.status, contentType, body, text, headers: response.headers, ...checked, problems };
  }

  /** A request outside the files (the mock's own connect flow, a route it does not serve): only `x-leap-mock` checked. */
  async function raw(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${CONTRACT_KEY}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.equal(response.headers.get('x-leap-mock'), '1', `${method} ${path}: x-leap-mock`);
    return { status: response.status, body: await response.json() };
  }

  return { url: server.url, mock, call, raw, undocumented, followedExample, seedNulls };
}
