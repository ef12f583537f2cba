/**
 * What `leap-elements/react` adds to a partner's React app: small Vite + React apps built for production from the
 * packed package, one rendering nothing of ours (the baseline), one per wrapper, and one rendering all five. The
 * figures are gzip bytes of the JavaScript each app's page loads, minus the baseline. Used by a test (the wrappers
 * tree-shake) and by `npm run bench` (the budgets).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { freshApp, type FreshApp } from './fresh-install.js';

export const REACT_APPS = {
  baseline: [],
  checker: ['LeapIncentiveChecker'],
  button: ['LeapConnectButton'],
  all: [
    'LeapConnectButton',
    'LeapIncentiveChecker',
    'LeapEnrollmentStatus',
    'LeapApplicationStatus',
    'LeapConnectReturn',
  ],
} as const satisfies Record<string, readonly string[]>;
export type ReactApp = keyof typeof REACT_APPS;

const versionOf = (name: string) =>
  (
    JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as {
      version: string;
    }
  ).version;

/** Installs the packed package with React and Vite (the versions this repository uses) into a fresh app folder. */
export function reactAppFolder(): FreshApp {
  return freshApp(['react', 'react-dom', 'vite'].map((name) => `${name}@${versionOf(name)}`));
}

function source(components: readonly string[]): string {
  const used = components.length ? `import { ${components.join(', ')} } from 'leap-elements/react';\n` : '';
  const children = components.map((name) => `createElement(${name}, { key: '${name}' })`).join(', ');
  return `import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
${used}createRoot(document.getElementById('root')).render(createElement('main', null, 'Shop'${children ? `, ${children}` : ''}));
`;
}

/** Builds one app; answers the gzip bytes of its JavaScript and the text of it (to look for what is in it). */
export function buildReactApp(app: FreshApp, name: ReactApp): { gzip: number; code: string } {
  app.write(
    `${name}/index.html`,
    '<!doctype html><html><body><div id="root"></div><script type="module" src="./main.js"></script></body></html>',
  );
  app.write(`${name}/main.js`, source(REACT_APPS[name]));
  const result = app.run(join(app.dir, 'node_modules/.bin/vite'), ['build', name, '--logLevel', 'error'], {
    NODE_ENV: 'production',
  });
  if (result.status !== 0) throw new Error(`vite build of the ${name} app failed:\n${result.stderr}`);
  const assets = join(app.dir, name, 'dist/assets');
  const files = readdirSync(assets).filter((file) => file.endsWith('.js'));
  const code = files.map((file) => readFileSync(join(assets, file), 'utf8')).join('\n');
  return {
    gzip: files.reduce((sum, file) => sum + gzipSync(readFileSync(join(assets, file)), { level: 9 }).length, 0),
    code,
  };
}
