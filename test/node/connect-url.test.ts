import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  buildConnectUrl,
  chooseConnectFlow,
  ConnectUrlError,
  encodeLeapComponent,
  parseConnectReturn,
  type ConnectUrlOptions,
} from '../../src/core/connect-url.js';

function expectCode(fn: () => unknown, code: string, field?: string): ConnectUrlError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ConnectUrlError, `expected ConnectUrlError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (field) assert.equal(error.field, field);
    assert.ok(error.message.length > 20, 'message should tell a developer what to do');
    return error;
  }
  assert.fail(`expected ConnectUrlError ${code}, but nothing was thrown`);
}

describe('buildConnectUrl: the two documented URL shapes', () => {
  const cases: Array<{ name: string; options: ConnectUrlOptions; url: string; flow: 'direct' | 'connect' }> = [
    {
      name: 'direct to utility, production',
      options: { org: 'acme', utility: 'pge', refId: 'cust-1' },
      url: 'https://addleap.com/acme/pge/getting-started?refId=cust-1',
      flow: 'direct',
    },
    {
      name: 'direct to utility, staging',
      options: { org: 'acme', utility: 'sce', refId: 'cust-1', environment: 'staging' },
      url: 'https://staging.addleap.com/acme/sce/getting-started?refId=cust-1',
      flow: 'direct',
    },
    {
      name: 'direct, utility id case-insensitive',
      options: { org: 'acme', utility: 'SDGE', refId: 'x' },
      url: 'https://addleap.com/acme/sdge/getting-started?refId=x',
      flow: 'direct',
    },
    {
      name: 'Leap Connect with requested utilities',
      options: { org: 'acme', flow: 'ev-flow', requestedUtilities: ['coned'], refId: 'cust-1' },
      url: 'https://onboarding.leap.energy/acme/ev-flow?requestedUtilities=coned&refId=cust-1',
      flow: 'connect',
    },
    {
      name: 'Leap Connect preselects a known non-California utility',
      options: { org: 'acme', flow: 'ev-flow', utility: 'coned', refId: 'r' },
      url: 'https://onboarding.leap.energy/acme/ev-flow?requestedUtilities=coned&refId=r',
      flow: 'connect',
    },
    {
      name: 'Leap Connect without utility or refId',
      options: { org: 'acme', flow: 'ev-flow' },
      url: 'https://onboarding.leap.energy/acme/ev-flow',
      flow: 'connect',
    },
    {
      name: 'seed example for additional_redirect_params',
      options: {
        org: 'acme',
        utility: 'pge',
        refId: 'r',
        redirectParams: { state: 'abcdef123', test_parameter: 'value' },
      },
      url: 'https://addleap.com/acme/pge/getting-started?refId=r&additional_redirect_params=state%3Dabcdef123%26test_parameter%3Dvalue',
      flow: 'direct',
    },
    {
      name: 'redirect params as an un-encoded query string',
      options: { org: 'acme', utility: 'pge', redirectParams: 'state=abcdef123&test_parameter=value' },
      url: 'https://addleap.com/acme/pge/getting-started?additional_redirect_params=state%3Dabcdef123%26test_parameter%3Dvalue',
      flow: 'direct',
    },
    {
      name: 'redirect params as URLSearchParams',
      options: { org: 'acme', utility: 'pge', redirectParams: new URLSearchParams({ a: '1 2' }) },
      url: 'https://addleap.com/acme/pge/getting-started?additional_redirect_params=a%3D1%25202',
      flow: 'direct',
    },
    {
      name: 'host override keeps a path prefix',
      options: { org: 'acme', flow: 'f', connectBase: 'https://leap.example.test/start/' },
      url: 'https://leap.example.test/start/acme/f',
      flow: 'connect',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = buildConnectUrl(c.options);
      assert.equal(result.url, c.url);
      assert.equal(result.flow, c.flow);
    });
  }
});

describe('refId encoding', () => {
  const table: Array<[string, string]> = [
    ['plain-id_1.2*', 'plain-id_1.2*'],
    ['a b', 'a%20b'],
    ['&=#%/?', '%26%3D%23%25%2F%3F'],
    ["+~!'()", '%2B%7E%21%27%28%29'],
    ['José', 'Jos%C3%A9'],
    ['電力', '%E9%9B%BB%E5%8A%9B'],
    ['🔌', '%F0%9F%94%8C'],
  ];
  for (const [raw, encoded] of table) {
    it(`encodes ${JSON.stringify(raw)} as ${encoded}`, () => {
      const { url } = buildConnectUrl({ org: 'acme', utility: 'pge', refId: raw });
      assert.equal(url, `https://addleap.com/acme/pge/getting-started?refId=${encoded}`);
      assert.equal(parseConnectReturn(url).refId, raw);
    });
  }

  it('never writes a space as "+"', () => {
    assert.ok(!buildConnectUrl({ org: 'a', utility: 'pge', refId: 'a b c' }).url.includes('+'));
  });

  it('accepts exactly 255 encoded characters and refuses 256 without truncating', () => {
    const ok = buildConnectUrl({ org: 'a', utility: 'pge', refId: 'x'.repeat(255) });
    assert.ok(ok.url.endsWith(`refId=${'x'.repeat(255)}`));
    const error = expectCode(
      () => buildConnectUrl({ org: 'a', utility: 'pge', refId: 'x'.repeat(256) }),
      'REF_ID_TOO_LONG',
      'refId',
    );
    assert.match(error.message, /256/);
  });

  it('counts the encoded length, not the raw length', () => {
    // 85 spaces are 255 encoded characters; 86 are 258.
    buildConnectUrl({ org: 'a', utility: 'pge', refId: ' '.repeat(85) });
    expectCode(() => buildConnectUrl({ org: 'a', utility: 'pge', refId: ' '.repeat(86) }), 'REF_ID_TOO_LONG');
  });

  it('omits an empty refId and warns that a missing one is untraceable', () => {
    const empty = buildConnectUrl({ org: 'a', utility: 'pge', refId: '' });
    assert.equal(empty.url, 'https://addleap.com/a/pge/getting-started');
    assert.match(empty.reason, /not be traceable/);
    assert.doesNotMatch(buildConnectUrl({ org: 'a', utility: 'pge', refId: 'r' }).reason, /traceable/);
  });

  it('refuses unpaired surrogates instead of sending replacement characters', () => {
    expectCode(() => buildConnectUrl({ org: 'a', utility: 'pge', refId: 'ab\uD800' }), 'INVALID_CHARACTERS', 'refId');
  });
});

describe('chooseConnectFlow', () => {
  it('picks direct only for a residential customer of pge, sce or sdge', () => {
    for (const utility of ['pge', 'sce', 'sdge']) {
      assert.equal(chooseConnectFlow({ utility }).flow, 'direct');
      assert.equal(chooseConnectFlow({ utility, customerType: 'residential', region: 'CAISO' }).flow, 'direct');
    }
  });

  it('sends commercial customers to Leap Connect and names the attestation', () => {
    const choice = chooseConnectFlow({ utility: 'pge', customerType: 'commercial' });
    assert.equal(choice.flow, 'connect');
    assert.match(choice.reason, /Prohibited Resources Attestation/);
  });

  it('sends unknown and missing utilities to Leap Connect', () => {
    assert.equal(chooseConnectFlow({ utility: 'smud' }).flow, 'connect');
    assert.match(chooseConnectFlow({ utility: 'smud' }).reason, /smud/);
    assert.equal(chooseConnectFlow({}).flow, 'connect');
    assert.equal(chooseConnectFlow({ utility: 'pge', region: 'NYISO' }).flow, 'connect');
  });

  it('honours mode "connect" even when direct would be possible', () => {
    assert.equal(chooseConnectFlow({ utility: 'pge', mode: 'connect' }).flow, 'connect');
  });

  it('refuses mode "direct" that Leap would not accept, rather than switching silently', () => {
    expectCode(
      () => chooseConnectFlow({ utility: 'pge', customerType: 'commercial', mode: 'direct' }),
      'DIRECT_NOT_ALLOWED',
      'customerType',
    );
    expectCode(() => chooseConnectFlow({ utility: 'coned', mode: 'direct' }), 'DIRECT_NOT_ALLOWED', 'utility');
    expectCode(
      () => chooseConnectFlow({ utility: 'pge', region: 'PJM', mode: 'direct' }),
      'DIRECT_NOT_ALLOWED',
      'region',
    );
    expectCode(() => chooseConnectFlow({ mode: 'direct' }), 'MISSING_UTILITY', 'utility');
  });

  it('rejects unknown option values', () => {
    expectCode(() => chooseConnectFlow({ mode: 'sideways' as never }), 'INVALID_OPTION', 'mode');
    expectCode(() => chooseConnectFlow({ customerType: 'industrial' as never }), 'INVALID_OPTION', 'customerType');
  });
});

describe('buildConnectUrl: invalid input', () => {
  it('requires org', () => {
    expectCode(() => buildConnectUrl({ org: '' }), 'MISSING_ORG', 'org');
    expectCode(() => buildConnectUrl({} as ConnectUrlOptions), 'MISSING_ORG', 'org');
  });

  it('requires flow whenever Leap Connect is chosen', () => {
    const error = expectCode(
      () => buildConnectUrl({ org: 'a', utility: 'pge', customerType: 'commercial' }),
      'MISSING_FLOW',
      'flow',
    );
    assert.match(error.message, /url-title/);
  });

  for (const bad of ['a/b', '..', '.', 'a..b', 'a b', 'a\tb', 'a\u0000b', 'a\u0085b', 'a?b', 'a#b', 'a%2Fb', 'a\\b']) {
    it(`rejects path segment ${JSON.stringify(bad)}`, () => {
      expectCode(() => buildConnectUrl({ org: bad, flow: 'f' }), 'INVALID_SEGMENT', 'org');
      expectCode(() => buildConnectUrl({ org: 'a', flow: bad }), 'INVALID_SEGMENT', 'flow');
    });
  }

  it('rejects reserved and empty redirect parameter names', () => {
    expectCode(
      () => buildConnectUrl({ org: 'a', flow: 'f', redirectParams: { refId: 'x' } }),
      'RESERVED_PARAM',
      'redirectParams',
    );
    expectCode(
      () => buildConnectUrl({ org: 'a', flow: 'f', redirectParams: 'additional_redirect_params=1' }),
      'RESERVED_PARAM',
    );
    expectCode(() => buildConnectUrl({ org: 'a', flow: 'f', redirectParams: '=1' }), 'INVALID_PARAM');
  });

  it('accepts only https hosts without credentials, query or fragment', () => {
    expectCode(
      () => buildConnectUrl({ org: 'a', flow: 'f', connectBase: 'http://evil.test' }),
      'INSECURE_BASE',
      'connectBase',
    );
    expectCode(
      () => buildConnectUrl({ org: 'a', utility: 'pge', directBase: 'javascript:alert(1)' }),
      'INSECURE_BASE',
      'directBase',
    );
    expectCode(() => buildConnectUrl({ org: 'a', flow: 'f', connectBase: 'not a url' }), 'INVALID_BASE');
    expectCode(() => buildConnectUrl({ org: 'a', flow: 'f', connectBase: 'https://u:p@h.test' }), 'INVALID_BASE');
    expectCode(() => buildConnectUrl({ org: 'a', flow: 'f', connectBase: 'https://h.test/?x=1' }), 'INVALID_BASE');
  });

  it('rejects an unknown environment', () => {
    expectCode(
      () => buildConnectUrl({ org: 'a', flow: 'f', environment: 'dev' as never }),
      'INVALID_OPTION',
      'environment',
    );
  });
});

describe('parseConnectReturn', () => {
  it('reads refId and custom parameters from a final redirect', () => {
    const result = parseConnectReturn(
      'https://partner.test/thanks?refId=cust%201&state=abcdef123&test_parameter=value',
    );
    assert.deepEqual(result, { refId: 'cust 1', params: { state: 'abcdef123', test_parameter: 'value' } });
  });

  it('accepts URL objects and relative URLs, and reports a missing refId as null', () => {
    assert.deepEqual(parseConnectReturn(new URL('https://p.test/?a=1')), { refId: null, params: { a: '1' } });
    assert.deepEqual(parseConnectReturn('/thanks?refId=x'), { refId: 'x', params: {} });
    assert.deepEqual(parseConnectReturn('/thanks?refId='), { refId: null, params: {} });
  });

  it('never throws on garbage', () => {
    assert.deepEqual(parseConnectReturn('http://[broken'), { refId: null, params: {} });
  });
});

describe('properties', () => {
  const text = fc.string({ unit: 'binary', maxLength: 40 });
  const key = text.filter((k) => k !== '' && k !== 'refId' && k !== 'additional_redirect_params');

  it('parseConnectReturn(buildConnectUrl(o).url) gives back refId and redirectParams', () => {
    fc.assert(
      fc.property(
        fc.record({
          refId: fc.option(text, { nil: undefined }),
          redirectParams: fc.dictionary(key, text, { maxKeys: 5 }),
          utility: fc.constantFrom('pge', 'sce', 'sdge', 'coned', undefined),
          customerType: fc.constantFrom('residential' as const, 'commercial' as const),
        }),
        (o) => {
          let built;
          try {
            built = buildConnectUrl({ org: 'acme', flow: 'flow', ...o });
          } catch (error) {
            // Only the documented refusals are acceptable.
            assert.ok(error instanceof ConnectUrlError);
            assert.ok(['REF_ID_TOO_LONG', 'INVALID_CHARACTERS'].includes(error.code), error.code);
            return;
          }
          const back = parseConnectReturn(built.url);
          assert.equal(back.refId, o.refId ? o.refId : null);
          assert.deepEqual(back.params, Object.fromEntries(Object.entries(o.redirectParams)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('every built URL uses only characters from the safe set, "%" escapes and URL syntax', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (refId) => {
        try {
          const { url } = buildConnectUrl({ org: 'acme', utility: 'pge', refId });
          assert.match(url, /^https:\/\/addleap\.com\/acme\/pge\/getting-started(\?refId=[0-9A-Za-z\-._*%]+)?$/);
        } catch (error) {
          assert.ok(error instanceof ConnectUrlError && error.code === 'REF_ID_TOO_LONG');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('arbitrary unicode in every option yields a result or a ConnectUrlError, never anything else', () => {
    fc.assert(
      fc.property(
        fc.record({ org: text, flow: text, utility: text, region: text, refId: text, redirectParams: text }),
        (o) => {
          try {
            const { url } = buildConnectUrl(o);
            assert.ok(new URL(url).protocol === 'https:');
          } catch (error) {
            assert.ok(error instanceof ConnectUrlError, String(error));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('encodeLeapComponent round-trips through decodeURIComponent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        assert.equal(decodeURIComponent(encodeLeapComponent(s)), s);
      }),
    );
  });
});
