/**
 * What a page pays for the elements it shows: the CDN loader's files a page with one element (or the account page's
 * two) loads, built fresh into the run's temp folder, and what `leap-elements/react` adds to a Vite + React app that
 * renders one wrapper (apps built from the packed package, scripts/react-apps.ts). Every budget gates the command.
 */
import { loaderPage, type LoaderPage } from '../cdn-loader.js';
import { buildReactApp, reactAppFolder, type ReactApp } from '../react-apps.js';
import { KB, kb, verdict, type BenchOptions, type Row, type SectionReport } from './stats.js';

/** Single-file builds of one element (the size section's), the nearest peer of each loader page. */
export interface SingleFiles {
  button: number;
  checker: number;
}

const LOADER_PAGES = [
  { label: 'only the connect button', files: ['leap-connect-button'], budget: 9, peer: 'button' },
  { label: 'only the checker', files: ['leap-incentive-checker'], budget: 22, peer: 'checker' },
  {
    label: "the account page's elements (enrollment + application status)",
    files: ['leap-status'],
    budget: 22,
    peer: null,
  },
] as const;

const REACT_BUDGETS: Array<{ app: ReactApp; label: string; budget: number | null }> = [
  { app: 'checker', label: 'only LeapIncentiveChecker', budget: 22 },
  { app: 'button', label: 'only LeapConnectButton', budget: 9 },
  { app: 'all', label: 'all five wrappers', budget: null },
];

const LOADER_BUDGET = 1.5;

const short = (file: string) => file.replace(/^(elements|chunks)\//, '').replace(/\.js$/, '');
const parts = (page: LoaderPage) => page.files.map((f) => `${short(f.file)} ${kb(f.gzip, 2)}`).join(' + ');

/** `loaderDir`: the loader's files, freshly built by `buildLoader()`. */
export async function runPages(
  { log }: BenchOptions,
  loaderDir: string,
  singleFiles: SingleFiles,
): Promise<SectionReport> {
  const loader = loaderPage(loaderDir, []);

  const rows: Row[] = [
    {
      section: 'Size',
      figure: 'CDN loader (dist/cdn/loader.js)',
      measured: `${kb(loader.gzip, 2)} gzip`,
      target: `≤ ${LOADER_BUDGET.toFixed(1)} KB gzip`,
      verdict: verdict(loader.gzip <= LOADER_BUDGET * KB),
      gate: true,
    },
  ];
  for (const spec of LOADER_PAGES) {
    const page = loaderPage(loaderDir, spec.files);
    rows.push({
      section: 'Size',
      figure: `Page with ${spec.label}, through the loader: JavaScript transferred`,
      measured: `${kb(page.gzip)} gzip in ${page.files.length} requests (${parts(page)})`,
      target: `≤ ${spec.budget.toFixed(1)} KB gzip`,
      verdict: verdict(page.gzip <= spec.budget * KB),
      baseline: spec.peer
        ? `nearest peer, the element's single-file build: ${kb(singleFiles[spec.peer])} in 1 request`
        : undefined,
      gate: true,
    });
  }

  log('pages: Vite + React apps from the packed package');
  const app = reactAppFolder();
  const sizes = new Map<ReactApp, number>();
  try {
    for (const name of ['baseline', 'checker', 'button', 'all'] as const)
      sizes.set(name, buildReactApp(app, name).gzip);
  } finally {
    app.remove();
  }
  const baseline = sizes.get('baseline')!;
  for (const spec of REACT_BUDGETS) {
    const added = sizes.get(spec.app)! - baseline;
    rows.push({
      section: 'Size',
      figure: `React app rendering ${spec.label}: added to the production bundle`,
      measured: `${kb(added)} gzip`,
      target: spec.budget === null ? '— (reported)' : `≤ ${spec.budget.toFixed(1)} KB gzip`,
      verdict: spec.budget === null ? 'info' : verdict(added <= spec.budget * KB),
      baseline: `the same app without leap-elements: ${kb(baseline)} gzip`,
      gate: spec.budget !== null,
    });
  }

  const notes = [
    'Loader pages: `buildLoader()` (scripts/cdn-loader.ts, as `npm run build` runs it) writes loader.js, chunks/ and ' +
      "elements/ into a temp folder; a page's cost is loader.js plus the element files it uses and every chunk they " +
      'import, each file once, gzip level 9 (what a CDN sends), one request per file. The nearest peer is the same ' +
      "element's single-file build from the size section: one request, no loader, nothing shared with other elements.",
    'React: scripts/react-apps.ts installs the packed package with React, React DOM and Vite (the versions this ' +
      'repository uses) into a fresh folder and builds one production app per case; the figure is the gzip bytes of ' +
      'all the JavaScript the app loads minus the same app rendering nothing of ours.',
  ];
  return { rows, notes };
}
