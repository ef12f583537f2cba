/**
 * `leap-elements/react` tree-shakes: Vite + React production builds from the packed package, each rendering one
 * wrapper, carry that element and register only its tag. (What each adds, against its budget, is in `npm run bench`.)
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildReactApp, reactAppFolder, type ReactApp } from '../../scripts/react-apps.js';
import type { FreshApp } from '../../scripts/fresh-install.js';

describe('leap-elements/react in a Vite + React app, from the packed package', { timeout: 240_000 }, () => {
  let app: FreshApp;
  const built = new Map<ReactApp, { gzip: number; code: string }>();
  const added = (name: ReactApp) => built.get(name)!.gzip - built.get('baseline')!.gzip;

  before(() => {
    app = reactAppFolder();
    for (const name of ['baseline', 'checker', 'button', 'all'] as const) built.set(name, buildReactApp(app, name));
  });
  after(() => app.remove());

  /** Does the app's code name `tag` as a string (a registration or a wrapper)? */
  const names = (name: ReactApp, tag: string) => new RegExp(`["'\`]${tag}["'\`]`).test(built.get(name)!.code);

  it('an app that renders only the checker registers only <leap-incentive-checker>', () => {
    assert.ok(names('checker', 'leap-incentive-checker'));
    const others = ['leap-connect-button', 'leap-enrollment-status', 'leap-application-status', 'leap-connect-return'];
    assert.deepEqual(
      others.filter((tag) => names('checker', tag)),
      [],
    );
  });

  it('an app that renders only the connect button carries no lit-html: the button is a ReactiveElement', () => {
    assert.ok(names('button', 'leap-connect-button'));
    assert.ok(!names('button', 'leap-incentive-checker'));
    // lit-html marks its template parts with this attribute prefix; the button renders without templates.
    assert.ok(!built.get('button')!.code.includes('$lit$'), 'no lit-html in the button-only app');
  });

  it('one wrapper adds a fraction of what all five add', () => {
    assert.ok(added('button') < added('all') / 3, `button ${added('button')} B, all ${added('all')} B`);
    assert.ok(added('checker') < added('all') * 0.75, `checker ${added('checker')} B, all ${added('all')} B`);
  });
});
