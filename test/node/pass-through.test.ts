/**
 * Leap's answers passed on as the bytes that arrived, when nothing in them changes: the browser gets Leap's exact
 * bytes (formatting, escapes and number spellings included) over every transport, the answer is still checked against
 * its schema, and an answer that could spell a secret in any JSON form is masked instead of passed on.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { IncentivesResponse } from '../../src/core/schemas/incentives.js';
import { Application, ApplicationList } from '../../src/core/schemas/applications.js';
import { createMockLeap, MOCK_API_KEY } from '../../src/mock/index.js';
import { mayHoldSecret } from '../../src/server/redact.js';
import { createLeapHandler, type LeapHandlerOptions } from '../../src/server/index.js';
import { listen, nodeFetch } from '../../src/server/node.js';
import { BEND, TEST_SECRET } from './support.js';

const KEY = 'leap_live_PASSTHROUGH_KEY_4b8d1f';
const LOOKUP = JSON.stringify({ address: BEND, building_type: 'RESIDENTIAL', device_ids: [123] });

/** An upstream whose answer bytes the test decides, over a real socket. */
async function upstreamAnswering() {
  let answer: (request: Request) => Buffer | string = () => '{}';
  const server = await listen(async (request) => {
    const body = answer(request);
    return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
      headers: { 'content-type': 'application/json' },
    });
  });
  after(() => server.close());
  return {
    url: server.url,
    answer(next: typeof answer) {
      answer = next;
    },
  };
}

type Call = (path: string, init?: RequestInit) => Promise<Response>;

/** The backend in front of `upstream` three ways: called in-process (the runtime's fetch), with nodeFetch, served by listen. */
async function backends(upstreamUrl: string, options: Partial<LeapHandlerOptions> = {}) {
  const make = (extra: Partial<LeapHandlerOptions>) =>
    createLeapHandler({
      apiKey: KEY,
      incentivesBaseUrl: `${upstreamUrl}/alpha`,
      platformBaseUrl: upstreamUrl,
      sessionSecret: TEST_SECRET,
      rateLimit: false,
      upstreamRetries: 0,
      logger: () => {},
      ...options,
      ...extra,
    });
  const inProcess = make({});
  const withNodeFetch = make({ fetch: nodeFetch });
  const served = await listen(make({}));
  after(() => served.close());
  const all: Array<[string, Call]> = [
    ['runtime fetch', (path, init) => inProcess(new Request(`http://shop.test/api/leap${path}`, init))],
    ['nodeFetch', (path, init) => withNodeFetch(new Request(`http://shop.test/api/leap${path}`, init))],
    ['listen, no fetch option', (path, init) => fetch(`${served.url}/api/leap${path}`, init)],
  ];
  return all;
}

async function tokenFor(call: Call): Promise<string> {
  return ((await (await call('/session', { method: 'POST' })).json()) as { token: string }).token;
}

const withToken = (token: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
});

/** The mock's own answer to `path`, as text. */
async function mockAnswer(path: string, init: RequestInit = {}): Promise<string> {
  const mock = createMockLeap();
  const headers = { 'x-api-key': MOCK_API_KEY, 'content-type': 'application/json' };
  return (await mock(new Request(`http://leap.test${path}`, { ...init, headers }))).text();
}

/** JSON as some encoders write it: indented, every non-ASCII character escaped, a number with trailing zeros. */
function oddlyWritten(text: string): string {
  return JSON.stringify(JSON.parse(text), null, 3)
    .replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/("total_incentive_amount": )(\d+)/, '$1$2.000');
}

const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe('answers passed on as the bytes that arrived', () => {
  it('POST /incentives: the browser gets Leap’s exact bytes, raw UTF-8 or escaped, over every transport', async () => {
    const upstream = await upstreamAnswering();
    const mock = await mockAnswer('/alpha/incentives', {
      method: 'POST',
      body: JSON.stringify({ ...JSON.parse(LOOKUP), reference_id: 'placeholder' }),
    });
    assert.match(mock, /–/, 'the mock answer has raw non-ASCII text');
    for (const [transport, call] of await backends(upstream.url)) {
      const token = await tokenFor(call);
      // Leap echoes the customer's reference id, which the backend checks against the token's.
      const referenceId = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string })
        .sub;
      for (const [form, write] of [
        ['as the mock writes it', (text: string) => text],
        ['oddly written', oddlyWritten],
      ] as const) {
        const sent = Buffer.from(write(mock.replace('"placeholder"', JSON.stringify(referenceId))));
        upstream.answer(() => sent);
        const response = await call('/incentives', withToken(token, { method: 'POST', body: LOOKUP }));
        assert.equal(response.status, 200, `${transport}, ${form}`);
        assert.equal(response.headers.get('content-type'), 'application/json');
        assert.deepEqual(await bytesOf(response), sent, `${transport}, ${form}: bytes differ`);
      }
    }
  });

  it('GET /applications and /applications/:id: Leap’s exact bytes too', async () => {
    const upstream = await upstreamAnswering();
    const list = oddlyWritten(await mockAnswer('/alpha/applications?refId=demo-customer'));
    const one = JSON.parse(list).results[0];
    const single = `{ "id" : ${JSON.stringify(one.id)}, "status" : ${JSON.stringify(one.status)}, "note": "caf\\u00e9 \\u2013 ok" }`;
    upstream.answer((request) => (new URL(request.url).pathname === '/alpha/applications' ? list : single));
    for (const [transport, call] of await backends(upstream.url)) {
      const token = await tokenFor(call);
      const listed = await call('/applications', withToken(token));
      assert.equal(listed.status, 200, transport);
      assert.equal((await bytesOf(listed)).toString(), list, transport);
      const fetched = await call(`/applications/${one.id}`, withToken(token));
      assert.equal(fetched.status, 200, transport);
      assert.equal((await bytesOf(fetched)).toString(), single, transport);
    }
  });

  it('an answer that does not match its schema is still refused (502), not passed on', async () => {
    const upstream = await upstreamAnswering();
    upstream.answer(() => '{"incentives": {"total_incentive_amount": "lots", "by_program": []}}');
    for (const [transport, call] of await backends(upstream.url)) {
      const response = await call('/incentives', withToken(await tokenFor(call), { method: 'POST', body: LOOKUP }));
      assert.equal(response.status, 502, transport);
      assert.ok(!(await response.text()).includes('lots'), transport);
    }
  });

  it('the schemas of passed-on answers change nothing they check: parsed equals sent', async () => {
    const incentives = JSON.parse(
      await mockAnswer('/alpha/incentives', {
        method: 'POST',
        body: JSON.stringify({ ...JSON.parse(LOOKUP), reference_id: 'r-1' }),
      }),
    );
    const list = JSON.parse(await mockAnswer('/alpha/applications?refId=demo-customer'));
    const application = JSON.parse(await mockAnswer(`/alpha/applications/${list.results[0].id}?refId=demo-customer`));
    for (const [schema, value] of [
      [IncentivesResponse, incentives],
      [ApplicationList, list],
      [Application, application],
    ] as const) {
      assert.deepEqual(schema.parse(value), value);
    }
  });
});

describe('a secret echoed by Leap is masked, however it is written', () => {
  const escaped = (text: string, upper = false) =>
    [...text]
      .map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .join('')
      [upper ? 'toUpperCase' : 'toString']()
      .replace(/\\U/g, '\\u');
  const echoes: Array<[string, (key: string) => string]> = [
    ['plainly', (key) => key],
    ['every character escaped', (key) => escaped(key)],
    ['every character escaped, upper-case hex', (key) => escaped(key, true)],
    ['its first character escaped', (key) => escaped(key[0]!) + key.slice(1)],
    ['one character in the middle escaped', (key) => key.slice(0, 9) + escaped(key[9]!) + key.slice(10)],
  ];

  for (const [how, write] of echoes) {
    it(`the key ${how}, in a value and in a field name`, async () => {
      const upstream = await upstreamAnswering();
      upstream.answer(
        () =>
          `{"incentives":{"total_incentive_amount":0,"by_program":[]},"debug":{"sent":"x-api-key: ${write(KEY)}","${write(KEY)}":1}}`,
      );
      for (const [transport, call] of await backends(upstream.url)) {
        const response = await call('/incentives', withToken(await tokenFor(call), { method: 'POST', body: LOOKUP }));
        const text = await response.text();
        assert.equal(response.status, 200, transport);
        assert.ok(!text.includes(KEY), `${transport}: ${text}`);
        assert.ok(!JSON.stringify(JSON.parse(text)).includes(KEY), `${transport}: the parsed answer holds the key`);
        assert.match(text, /\[redacted\]/, transport);
      }
    });
  }

  it('a key with a slash, echoed with an escaped slash', async () => {
    const slashKey = 'leap_live/SLASHED_KEY_91c2';
    const upstream = await upstreamAnswering();
    upstream.answer(
      () => `{"incentives":{"total_incentive_amount":0,"by_program":[]},"k":"${slashKey.replace('/', '\\/')}"}`,
    );
    for (const [transport, call] of await backends(upstream.url, { apiKey: slashKey })) {
      const response = await call('/incentives', withToken(await tokenFor(call), { method: 'POST', body: LOOKUP }));
      assert.equal(response.status, 200, transport);
      assert.ok(!JSON.stringify(await response.json()).includes(slashKey), transport);
    }
  });

  it('the session secret echoed', async () => {
    const upstream = await upstreamAnswering();
    upstream.answer(() => `{"incentives":{"total_incentive_amount":0,"by_program":[]},"s":"${TEST_SECRET}"}`);
    for (const [transport, call] of await backends(upstream.url)) {
      const response = await call('/incentives', withToken(await tokenFor(call), { method: 'POST', body: LOOKUP }));
      assert.equal(response.status, 200, transport);
      assert.ok(!JSON.stringify(await response.json()).includes(TEST_SECRET), transport);
    }
  });
});

describe('mayHoldSecret', () => {
  /** A JSON string literal of `text`, each character written one of the ways JSON allows, chosen by `ways`. */
  const written = (text: string, ways: number[]) => {
    let out = '';
    const units = [...text];
    units.forEach((ch, i) => {
      const way = ways[i % ways.length]!;
      const hex = Array.from({ length: ch.length }, (_, k) => ch.charCodeAt(k).toString(16).padStart(4, '0'));
      const escape = hex.map((h) => `\\u${way % 2 ? h.toUpperCase() : h}`).join('');
      const short: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '/': '\\/' };
      if (ch === '"' || ch === '\\' || ch.charCodeAt(0) < 0x20) out += way % 3 === 0 && short[ch] ? short[ch] : escape;
      else if (way % 3 === 0) out += ch;
      else if (way % 3 === 1 && short[ch]) out += short[ch];
      else out += way % 5 === 0 ? escape : ch;
    });
    return `"${out}"`;
  };

  /** Any character, often one JSON may write in more than one way. */
  const tricky = fc.oneof(
    fc.constantFrom('/', '"', '\\', '\n', '\t', '\u0001', 'é', '–', '𐀀'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  );

  it('is true for every JSON text whose parsed value holds a secret, however the secret is escaped', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: tricky, minLength: 8, maxLength: 24 }),
        fc.string({ unit: 'binary', maxLength: 12 }),
        fc.string({ unit: 'binary', maxLength: 12 }),
        fc.array(fc.nat(30), { minLength: 1, maxLength: 30 }),
        (secret, before, after, ways) => {
          const json = `{"a":${written(before + secret + after, ways)}}`;
          assert.ok((JSON.parse(json) as { a: string }).a.includes(secret));
          return mayHoldSecret(json, [TEST_SECRET, secret]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is false for Leap’s ordinary answers: they are passed on without a rewrite', async () => {
    const answer = await mockAnswer('/alpha/incentives', {
      method: 'POST',
      body: JSON.stringify({ ...JSON.parse(LOOKUP), reference_id: 'r-1' }),
    });
    assert.equal(mayHoldSecret(answer, [KEY, TEST_SECRET]), false);
    assert.equal(mayHoldSecret(oddlyWritten(answer), [KEY, TEST_SECRET]), false);
  });
});
