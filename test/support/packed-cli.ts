/** The leap-elements CLI from the packed tarball, installed in a fresh app folder. */
import { after, before } from 'node:test';
import { join } from 'node:path';
import { freshApp, type FreshApp } from '../../scripts/fresh-install.js';

/** The packed package installed in a fresh app, as a partner installs it, for the tests of the describe that calls it. */
export function packedCli(): { readonly app: FreshApp; readonly bin: string } {
  const cli = { app: undefined as unknown as FreshApp, bin: '' };
  before(() => {
    cli.app = freshApp();
    cli.bin = join(cli.app.dir, 'node_modules/.bin/leap-elements');
  });
  after(() => cli.app.remove());
  return cli;
}
