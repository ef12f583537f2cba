/**
 * Fault suite, hostile upstream: an upstream that echoes the key, redirects or floods, a 403 for another customer's
 * resource, and a malformed API key. Each case reproduces a weakness found in review and holds the fix.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLeapHandler } from '../../src/server/index.js';
import { nodeFetch } from '../../src/server/node.js';
import { backend, hostileUpstream, KEY, LOOKUP, withToken } from '../support/hostile-backend.js';
import { TEST_SECRET } from './support.js';

describe('fault suite: an upstream that echoes the key', () => {
  const echoes: Array<[string, number, () => Response]> = [
    [
      'message',
      400,
      () => Response.json({ error: 'Bad Request', message: `bad key ${KEY}`, requestId: 'req_1' }, { status: 400 }),
    ],
    [
      'title',
      404,
      () => Response.json({ title: `No such thing for ${KEY}`, status: 404, details: {} }, { status: 404 }),
    ],
    ['error', 422, () => Response.json({ error: KEY }, { status: 422 })],
    [
      'nested details',
      400,
      () =>
        Response.json(
          { title: 'Invalid', details: { fields: { street_1: `required (${KEY})` }, headers: { 'x-api-key': KEY } } },
          { status: 400 },
        ),
    ],
    ['plain text', 409, () => new Response(`conflict: x-api-key=${KEY}`, { status: 409 })],
    [
      'a key-named field',
      400,
      () => Response.json({ details: { api_key: KEY, requestId: `r-${KEY}` } }, { status: 400 }),
    ],
    [
      '429 with a long Retry-After',
      429,
      () => Response.json({ message: KEY }, { status: 429, headers: { 'retry-after': '999999' } }),
    ],
  ];

  for (const [where, status, answer] of echoes) {
    it(`${status} with the key in its ${where}: a fixed title, allow-listed fields only, the key masked everywhere`, async () => {
      const upstream = await hostileUpstream();
      const { call, session, logs } = backend({
        incentivesBaseUrl: `${upstream.url}/alpha`,
        platformBaseUrl: upstream.url,
      });
      upstream.answer(answer);
      const response = await call('/incentives', withToken(await session(), { method: 'POST', body: LOOKUP }));
      const text = await response.text();
      assert.equal(response.status, status);
      assert.ok(!text.includes(KEY), text);
      assert.ok(![...response.headers.values()].some((v) => v.includes(KEY)));
      assert.ok(!logs.some((line) => line.includes(KEY)), logs.join('\n'));
      const body = JSON.parse(text) as { title: string; details: Record<string, unknown> };
      assert.ok(!body.title.includes('key'), body.title);
      assert.deepEqual(
        Object.keys(body.details).filter((k) => !['fields', 'requestId', 'address', 'retry_after_seconds'].includes(k)),
        [],
      );
      if (status === 429) assert.ok(Number(response.headers.get('retry-after')) <= 3600);
    });
  }

  it('a 200 answer that echoes the key is passed on with the key masked', async () => {
    const upstream = await hostileUpstream();
    const { call, session } = backend({ incentivesBaseUrl: `${upstream.url}/alpha`, platformBaseUrl: upstream.url });
    upstream.answer(() =>
      Response.json({
        incentives: { total_incentive_amount: 0, by_program: [] },
        debug: { received_headers: { 'x-api-key': KEY }, note: `"${KEY}"` },
      }),
    );
    const response = await call('/incentives', withToken(await session(), { method: 'POST', body: LOOKUP }));
    const text = await response.text();
    assert.equal(response.status, 200);
    assert.ok(!text.includes(KEY));
    assert.match(text, /\[redacted\]/);
  });

  for (const status of [301, 302, 307, 308, 402, 405, 418, 451]) {
    it(`status ${status} becomes 502, and a redirect is never followed`, async () => {
      const upstream = await hostileUpstream();
      upstream.answer((request) =>
        new URL(request.url).pathname.endsWith('/elsewhere')
          ? Response.json({ incentives: { total_incentive_amount: 1, by_program: [] } })
          : new Response(JSON.stringify({ message: KEY }), {
              status,
              headers: { location: `${upstream.url}/alpha/elsewhere` },
            }),
      );
      for (const transport of [undefined, nodeFetch]) {
        const { call, session } = backend({
          incentivesBaseUrl: `${upstream.url}/alpha`,
          platformBaseUrl: upstream.url,
          ...(transport ? { fetch: transport } : {}),
        });
        const response = await call('/incentives', withToken(await session(), { method: 'POST', body: LOOKUP }));
        assert.equal(response.status, 502);
        assert.ok(!(await response.text()).includes(KEY));
      }
      assert.ok(!upstream.seen.includes('/alpha/elsewhere'), 'the redirect was not followed');
    });
  }
});

describe('fault suite: an upstream that floods', () => {
  for (const [label, transport] of [
    ['fetch', undefined],
    ['nodeFetch', nodeFetch],
  ] as const) {
    it(`${label}: a declared 200 MB answer is refused before reading; an undeclared 2 MiB stream after 1 MiB`, async () => {
      const upstream = await hostileUpstream();
      const { call, session, logs } = backend({
        incentivesBaseUrl: `${upstream.url}/alpha`,
        platformBaseUrl: upstream.url,
        ...(transport ? { fetch: transport } : {}),
      });
      let pulled = 0;
      const chunk = new Uint8Array(64 * 1024).fill(32);
      const stream = (total: number) =>
        new ReadableStream<Uint8Array>({
          pull(controller) {
            if (pulled >= total) return controller.close();
            pulled += chunk.byteLength;
            controller.enqueue(chunk);
          },
        });
      upstream.answer(
        () => new Response(stream(200 * 1024 * 1024), { headers: { 'content-length': String(200 * 1024 * 1024) } }),
      );
      const token = await session();
      const declared = await call('/incentives', withToken(token, { method: 'POST', body: LOOKUP }));
      assert.equal(declared.status, 502);
      assert.ok(pulled < 200 * 1024 * 1024, 'the flood was not read to its end');

      pulled = 0;
      upstream.answer(() => new Response(stream(2 * 1024 * 1024)));
      const streamed = await call('/incentives', withToken(token, { method: 'POST', body: LOOKUP }));
      assert.equal(streamed.status, 502);
      assert.equal(((await streamed.json()) as { title: string }).title, 'Leap answered with too much data');
      assert.equal(logs.filter((line) => line.includes('more than the backend reads')).length, 2);
    });
  }
});

describe('fault suite: a 403 for another customer’s resource', () => {
  it('reads as not found on the per-customer routes, and as a refused key only where no customer is involved', async () => {
    const upstream = await hostileUpstream();
    const { call, session, logs } = backend({
      incentivesBaseUrl: `${upstream.url}/alpha`,
      platformBaseUrl: upstream.url,
    });
    upstream.answer(() => Response.json({ title: 'Forbidden', status: 403, details: {} }, { status: 403 }));
    const token = await session();
    const application = await call('/applications/123', withToken(token));
    const meter = await call('/meters/3fa85f64-5717-4562-b3fc-2c963f66afa6/enrollment', withToken(token));
    upstream.answer(() => Response.json({ title: 'Not found', status: 404, details: {} }, { status: 404 }));
    const missing = await call('/applications/124', withToken(token));
    assert.equal(application.status, 404);
    assert.equal(meter.status, 404);
    assert.deepEqual(await application.json(), await missing.json(), 'a 403 and a 404 look the same');
    assert.equal(
      logs.filter((line) => line.startsWith('error')).length,
      0,
      'no "key refused" alarm for a 403 on a resource',
    );
    upstream.answer(() => Response.json({ message: 'Forbidden' }, { status: 403 }));
    const lookup = await call('/incentives', withToken(token, { method: 'POST', body: LOOKUP }));
    assert.equal(lookup.status, 502);
    assert.match(((await lookup.json()) as { title: string }).title, /not authorized/);
  });
});

describe('fault suite: a malformed API key', () => {
  for (const bad of ['leap_live_abc\ndef', 'leap_live_abc def', 'leap_live_abc\u00e9', 'leap_live_abc\u0007']) {
    it(`is refused at construction without repeating it (${JSON.stringify(bad)})`, () => {
      assert.throws(
        () => createLeapHandler({ apiKey: bad, sessionSecret: TEST_SECRET, logger: () => {} }),
        (error: Error) =>
          /printable ASCII/.test(error.message) &&
          !error.message.includes('abc') &&
          !error.message.includes('leap_live'),
      );
    });
  }
  it('surrounding whitespace is trimmed, not refused', async () => {
    const upstream = await hostileUpstream();
    let received = '';
    upstream.answer((request) => {
      received = request.headers.get('x-api-key') ?? '';
      return Response.json({ incentives: { total_incentive_amount: 0, by_program: [] } });
    });
    const { call, session } = backend({
      apiKey: ` ${KEY}\n`,
      incentivesBaseUrl: `${upstream.url}/alpha`,
      platformBaseUrl: upstream.url,
    });
    assert.equal((await call('/incentives', withToken(await session(), { method: 'POST', body: LOOKUP }))).status, 200);
    assert.equal(received, KEY);
  });
});
