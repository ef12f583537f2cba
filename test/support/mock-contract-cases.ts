/**
 * What the mock contract suite sends and compares: receivers for the mock's webhooks without a network, the requests
 * of every implemented operation with the status each must answer, a walk over any listing, and the places where
 * Leap's files contradict themselves.
 */
import assert from 'node:assert/strict';
import { meter, type Answer, type CallOptions } from './mock-http.js';

export const SEEDED = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
export const UNKNOWN = '00000000-0000-4000-8000-ffffffffffff';
export const RECEIVER = 'https://receiver.example/leap';

/** Receivers the mock's webhooks reach, without a network: one answers 200, one 500, one cannot be reached. */
export const receivers: typeof fetch = async (input) => {
  const url = String(input);
  if (url.startsWith('https://unreachable.example')) throw new TypeError('fetch failed');
  return new Response(url.startsWith('https://failing.example') ? 'down' : 'ok', {
    status: url.startsWith('https://failing.example') ? 500 : 200,
  });
};

/** A create-meters CSV of one meter, as a partner writes it. */
export const CSV = [
  'partner_reference,transmission_region,customer_classification,load_types,meter_type,street_1,postal_code,city,state_or_province_code,country_code',
  'contract-csv-1,PJM,RESIDENTIAL,HVAC;EV_CHARGING,UTILITY_METER,2 Main St,19103,Philadelphia,PA,US',
].join('\n');

/** The id named `field` in a successful answer (a created job or webhook). */
export async function created(answer: Promise<Answer>, field: string): Promise<string> {
  const { status, body } = await answer;
  assert.ok(status < 300, `${status} ${JSON.stringify(body)}`);
  return (body as Record<string, string>)[field]!;
}

/** The operations the files define that the mock does not serve: the two marked "[Leap frontend only]". */
export const NOT_IMPLEMENTED = ['listMeterBatchJobsFilters', 'listProvisionalAssetsFilters'];

/** Refusals every operation answers in its file's shape: another key (403), no key (401), a failure (500). */
export const WRONG_KEY: CallOptions = { key: 'a-key-the-mock-does-not-accept' };
export const NO_KEY: CallOptions = { key: null };
export const FAULT: CallOptions = { headers: { 'x-mock-fault': '500' } };

/** Requests of every implemented operation, around one created `job` and `webhook`, and the status each answers. */
export function operationCases(job: string, webhook: string): Array<[string, string, CallOptions, number]> {
  const [wrong, none, fault] = [WRONG_KEY, NO_KEY, FAULT];
  return [
    ['GET', `/v2/meters/${SEEDED}`, {}, 200],
    ['GET', '/v2/meters/00000000-0000-4000-8000-000000000001', {}, 200],
    ['GET', '/v2/meters/abcdef', {}, 400],
    ['GET', `/v2/meters/${SEEDED}`, none, 401],
    ['GET', `/v2/meters/${SEEDED}`, wrong, 403],
    ['GET', `/v2/meters/${UNKNOWN}`, {}, 404],
    ['GET', `/v2/meters/${SEEDED}`, fault, 500],
    ['GET', `/v2/meters/${SEEDED}/enrollments`, {}, 200],
    ['GET', '/v2/meters/abcdef/enrollments', {}, 400],
    ['GET', `/v2/meters/${SEEDED}/enrollments`, none, 401],
    ['GET', `/v2/meters/${SEEDED}/enrollments`, wrong, 403],
    ['GET', `/v2/meters/${UNKNOWN}/enrollments`, {}, 404],
    ['GET', `/v2/meters/${SEEDED}/enrollments`, fault, 500],
    ['POST', '/v2/meters/search', { body: { page_size: 20 } }, 200],
    ['POST', '/v2/meters/search', { body: { meter_ids: ['abcdef'] } }, 400],
    ['POST', '/v2/meters/search', { body: {}, ...none }, 401],
    ['POST', '/v2/meters/search', { body: {}, ...wrong }, 403],
    ['POST', '/v2/meters/search', { body: {}, ...fault }, 500],
    ['POST', '/v2/meters/enrollments/search', { body: { page_size: 20 } }, 200],
    ['POST', '/v2/meters/enrollments/search', { body: { global_enrollment_statuses: ['DONE'] } }, 400],
    ['POST', '/v2/meters/enrollments/search', { body: {}, ...none }, 401],
    ['POST', '/v2/meters/enrollments/search', { body: {}, ...wrong }, 403],
    ['POST', '/v2/meters/enrollments/search', { body: {}, ...fault }, 500],
    ['POST', '/v1.1/jobs/meters', { body: { assets: [meter('contract-json-2')] } }, 201],
    ['POST', '/v1.1/webhooks', { body: { receiver_url: RECEIVER, event_types: ['meter.created'] } }, 200],
    ['GET', `/v1.1/jobs/meters/${job}`, {}, 200],
    ['GET', '/v1.1/jobs/meters', {}, 200],
    [
      'POST',
      '/v1.1/jobs/meters',
      { body: { assets: [{ ...meter('contract-bad'), transmission_region: 'MARS' }] } },
      400,
    ],
    ['POST', '/v1.1/jobs/meters', { text: `${CSV}\n"never closed` }, 400],
    ['POST', '/v1.1/jobs/meters?update_existing=yes', { body: { assets: [meter('contract-q')] } }, 400],
    ['POST', '/v1.1/jobs/meters?file_name=a%2Fb.csv', { body: { assets: [meter('contract-q')] } }, 400],
    ['POST', '/v1.1/jobs/meters', { body: { assets: [] }, ...wrong }, 403],
    ['POST', '/v1.1/jobs/meters', { body: { assets: [] }, ...fault }, 500],
    ['POST', '/v1.1/meters', { body: { onboarding_token: 'token', provisional_asset: meter('contract-single') } }, 200],
    ['POST', '/v1.1/meters', { body: { onboarding_token: 'token', provisional_asset: meter('contract-single') } }, 200],
    ['POST', '/v1.1/meters', { body: { provisional_asset: { partner_reference: 'x' } } }, 400],
    ['POST', '/v1.1/meters?update_existing=1', { body: {} }, 400],
    ['GET', '/v1.1/provisional-assets', {}, 200],
    ['GET', '/v1.1/provisional-assets?filter=colour:blue', {}, 400],
    ['GET', '/v1.1/webhooks', {}, 200],
    ['GET', '/v1.1/webhooks', none, 401],
    ['GET', '/v1.1/webhooks', wrong, 403],
    ['GET', '/v1.1/webhooks', fault, 500],
    ['POST', '/v1.1/webhooks', { body: { receiver_url: RECEIVER, event_types: [] }, ...none }, 401],
    ['POST', '/v1.1/webhooks', { body: { receiver_url: RECEIVER, event_types: [] }, ...wrong }, 403],
    ['PUT', `/v1.1/webhooks/${webhook}`, { body: { receiver_url: RECEIVER, event_types: ['meter.created'] } }, 200],
    ['PUT', `/v1.1/webhooks/${UNKNOWN}`, { body: { receiver_url: RECEIVER, event_types: [] } }, 404],
    ['PUT', `/v1.1/webhooks/${webhook}`, { body: {}, ...none }, 401],
    ['PUT', `/v1.1/webhooks/${webhook}`, { body: {}, ...wrong }, 403],
    ['POST', `/v1.1/webhooks/${webhook}/test`, { body: { webhook_event_type: 'meter.created' } }, 200],
    ['POST', `/v1.1/webhooks/${UNKNOWN}/test`, { body: { webhook_event_type: 'meter.created' } }, 404],
    ['POST', `/v1.1/webhooks/${webhook}/test`, { body: {}, ...none }, 401],
    ['POST', `/v1.1/webhooks/${webhook}/test`, { body: {}, ...wrong }, 403],
    ['DELETE', `/v1.1/webhooks/${UNKNOWN}`, {}, 404],
    ['DELETE', `/v1.1/webhooks/${webhook}`, none, 401],
    ['DELETE', `/v1.1/webhooks/${webhook}`, wrong, 403],
    ['DELETE', `/v1.1/webhooks/${webhook}`, {}, 200],
  ];
}

/** The page sizes a schema names: its default, its example and its maximum. */
export const pageSizes = (schema: Record<string, unknown> | undefined) => [
  ...new Set([schema?.default, schema?.example, schema?.maximum].filter((n): n is number => typeof n === 'number')),
];

/** Follows a listing's page tokens to the end, checking each page; the ids it listed and the number of pages. */
export async function walk(
  fetchPage: (token?: string) => Promise<Answer>,
  listKey: string,
  size: number,
  idKey: string,
  extra?: string,
) {
  const ids: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const { status, body } = await fetchPage(token);
    assert.equal(status, 200);
    const page = body as Record<string, unknown> & { next_page_token?: string };
    const items = page[listKey] as Array<Record<string, string>>;
    assert.ok(items.length <= size);
    if (page.next_page_token !== undefined) assert.equal(items.length, size, 'every page but the last is full');
    assert.ok(!('next_page_token' in page) || typeof page.next_page_token === 'string', 'never a null token');
    ids.push(
      ...items.map((item) => [item[idKey], item.partner_reference, extra && item[extra]].filter(Boolean).join('/')),
    );
    token = page.next_page_token;
    pages += 1;
  } while (token);
  // Rows of one job may repeat a reference (a duplicate row): those lists are compared whole instead.
  if (!extra) assert.equal(new Set(ids).size, ids.length, 'no item twice');
  return { ids, pages };
}

/** Each place the files contradict themselves: how the validator words it, and the words docs/mock.md uses for it. */
export const CONTRADICTIONS = [
  {
    problem: /\/generator_fuel_type must be equal to one of the allowed values/,
    docs: '`generator_fuel_type: ""`',
  },
  { problem: /\/connection_references must NOT have duplicate items/, docs: '`connection_references`' },
  {
    problem:
      /^\/(meter_ids|global_enrollment_statuses|meter_types|load_types|action_type) must NOT have duplicate items/,
    docs: '`uniqueItems`',
  },
  {
    problem: /\/partner_reference must (NOT have fewer than 3 characters|match pattern)/,
    docs: '`partner_reference: ""`',
  },
  { problem: /^\/details must be object/, docs: '`details`' },
  {
    problem: /must have required property '(meter_id|transmission_region)'|must match "then" schema/,
    docs: '`transmission_region`',
  },
];
