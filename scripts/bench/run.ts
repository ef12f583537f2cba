/**
 * `npm run bench`: bundle sizes, browser speed and backend load, printed as a table and written to BENCHMARKS.md.
 *
 *   npm run bench                   full run (about 4 minutes on 2 cores), writes BENCHMARKS.md
 *   npm run bench -- --quick        fewer iterations and a 10 s load test; prints only (add --write to write)
 *   npm run bench -- --only=size    run some sections (size, browser, backend, peers, jobs, deploy, reliability); never writes BENCHMARKS.md
 *   npm run bench -- --only=peers --write    one section, its block of BENCHMARKS.md replaced (the rest kept)
 *   npm run bench -- --only=peers --peer-sizes=1k --peer-connections=10
 *                                   a part of the peer matrix (answer sizes 1k, 50k, 500k; connection counts)
 *
 * Exit code 1 when a size budget is exceeded; speed figures are reported against their targets without failing.
 */
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { runSize } from './size.js';
import { runPages } from './pages.js';
import { runLoaderBrowser } from './loader-pages.js';
import { buildLoader } from '../cdn-loader.js';
import { runBrowser } from './browser.js';
import { runBackend } from './backend.js';
import { peerMatrix, runPeers, FULL_MATRIX } from './peers.js';
import { runDeploy } from './deploy.js';
import { runReliability } from './reliability.js';
import { runSafeDefaults } from './safe-defaults.js';
import { runJobs } from './jobs.js';
import { markdownTable, type BenchOptions, type Row, type SectionReport } from './stats.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
  .map((s) => s.trim());
const unknown = args.filter(
  (a) => !['--quick', '--write'].includes(a) && !/^--(only|peer-sizes|peer-connections)=/.test(a),
);
if (unknown.length) {
  console.error(
    `Unknown option(s): ${unknown.join(' ')}. Options: --quick, --write, --only=size,browser,backend,peers,jobs,deploy,reliability, --peer-sizes=1k,50k,500k, --peer-connections=10,100`,
  );
  process.exit(2);
}
const matrix = peerMatrix(args);
if (typeof matrix === 'string') {
  console.error(matrix);
  process.exit(2);
}
const fullMatrix =
  matrix.sizes.length === FULL_MATRIX.sizes.length && matrix.connections.join() === FULL_MATRIX.connections.join();
const wanted = (section: string) => !only || only.includes(section);
// BENCHMARKS.md reports every section and the whole peer matrix, or nothing.
const write = !only && fullMatrix && (!quick || args.includes('--write'));
// `--only=… --write`: the sections run replace their own block of BENCHMARKS.md (appended when absent), the rest stays.
const writeBlock = Boolean(only) && fullMatrix && !quick && args.includes('--write');

const started = performance.now();
const loadAtStart = loadavg();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const options: BenchOptions = { quick, root, log: (line) => console.log(`[${elapsed()}] ${line}`) };

const sections: SectionReport[] = [];
let chromiumVersion = 'not run';
let workDir: string | null = null;
try {
  if (wanted('size') || wanted('browser')) {
    // The size step builds the CDN file the browser step serves.
    const size = await runSize(options);
    workDir = size.workDir;
    // The loader's files, as `npm run build` writes them: the page budgets and the browser's loader pages use them.
    const loaderDir = join(workDir, 'loader');
    options.log('pages: CDN loader files');
    await buildLoader(loaderDir);
    if (wanted('size')) sections.push(size, await runPages(options, loaderDir, size.singleFiles));
    if (wanted('browser')) {
      const browser = await runBrowser(options, size.cdnFile);
      chromiumVersion = browser.chromiumVersion;
      sections.push(browser, await runLoaderBrowser(options, loaderDir, size.cdnFile));
    }
  }
  if (wanted('backend')) sections.push(await runBackend(options));
  if (wanted('peers')) sections.push(await runPeers(options, matrix));
  if (wanted('jobs')) sections.push(await runJobs(options));
  if (wanted('deploy')) sections.push(await runDeploy(options));
  if (wanted('reliability')) sections.push(await runReliability(options), await runSafeDefaults(options));
} finally {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}
const runtimeSeconds = (performance.now() - started) / 1000;

const rows: Row[] = sections.flatMap((s) => s.rows);
const failedBudgets = rows.filter((r) => r.gate && r.verdict === 'fail');

// Console table.
const columns: Array<[string, (r: Row) => string]> = [
  ['Section', (r) => r.section],
  ['Figure', (r) => r.figure],
  ['Measured', (r) => r.measured],
  ['Target', (r) => r.target],
  ['Verdict', (r) => (r.verdict === 'info' ? '—' : r.verdict.toUpperCase()) + (r.gate ? ' (budget)' : '')],
];
const widths = columns.map(([title, get]) => Math.min(90, Math.max(title.length, ...rows.map((r) => get(r).length))));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
console.log(`\n${line(columns.map(([title]) => title))}`);
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) {
  console.log(line(columns.map(([, get]) => get(row))));
  if (row.baseline) console.log(`${' '.repeat(widths[0]! + 2)}  vs ${row.baseline}`);
}

const cpu = cpus();
const machine = {
  CPU: `${cpu[0]?.model.trim() ?? 'unknown'} × ${cpu.length} cores`,
  Memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GB`,
  OS: `${platform()} ${release()}`,
  'Node.js': process.version,
  Chromium: chromiumVersion,
  'Load average (1 min) at start / end': `${loadAtStart[0]!.toFixed(2)} / ${loadavg()[0]!.toFixed(2)}`,
  Date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  'Bench runtime': `${runtimeSeconds.toFixed(0)} s${quick ? ' (quick mode)' : ''}`,
};
console.log(
  `\n${Object.entries(machine)
    .map(([k, v]) => `${k}: ${v}`)
    .join(' · ')}`,
);
console.log(
  failedBudgets.length
    ? `\nSize budget exceeded: ${failedBudgets.map((r) => r.figure).join('; ')}`
    : '\nEvery size budget holds.',
);

/** Markdown would take `<leap-…>` for HTML: tag names outside code spans become code. */
const md = (text: string) => text.replace(/(?<!`)<(\/?leap-[a-z-]+)>(?!`)/g, '`<$1>`');

if (write) {
  const verdictCell = (r: Row) =>
    (r.verdict === 'pass' ? 'pass' : r.verdict === 'fail' ? '**fail**' : '—') + (r.gate ? ' (budget)' : '');
  const markdown = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (scripts/bench/)${quick ? ' in quick mode (fewer iterations, 10 s load test)' : ''}. ` +
      'Size budgets gate the command: it exits with code 1 when one is exceeded. Speed figures are reported against ' +
      'their targets and never fail the run; “—” marks a figure reported without a target. Figures are medians over ' +
      'many runs; ratios and differences are measured side by side in the same run. The machine was not reserved for ' +
      'the run: the load average below shows what else was running.',
    '',
    '## Machine',
    '',
    markdownTable(
      ['Item', 'Value'],
      Object.entries(machine).map(([k, v]) => [k, v]),
    ),
    '',
    '## Results',
    '',
    markdownTable(
      ['Section', 'Figure', 'Measured', 'Target', 'Verdict', 'Comparison'],
      rows.map((r) => [r.section, md(r.figure), md(r.measured), r.target, verdictCell(r), md(r.baseline ?? '')]),
    ),
    '',
    failedBudgets.length
      ? `Size budgets exceeded: ${failedBudgets.map((r) => md(r.figure)).join('; ')}.`
      : 'Every size budget holds.',
    '',
    '## Comparisons',
    '',
    ...sections.flatMap((s) => s.comparisons ?? []).map((c) => `- ${md(c)}`),
    '',
    '## Method',
    '',
    ...sections.flatMap((s) => s.notes).map((n) => `- ${md(n)}`),
    '',
    '## Details',
    '',
    ...sections.flatMap((s) => s.details ?? []).flatMap((d) => [md(d), '']),
  ].join('\n');
  const file = `${root}BENCHMARKS.md`;
  const config = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(markdown, { ...config, filepath: file }));
  console.log(`Wrote ${file}`);
}

if (writeBlock) {
  const name = only!.join(',');
  const verdictCell = (r: Row) => (r.verdict === 'pass' ? 'pass' : r.verdict === 'fail' ? '**fail**' : '—');
  const block = [
    `<!-- bench:${name} -->`,
    '',
    `## Run on its own: ${name}`,
    '',
    `Written by \`npm run bench -- --only=${name} --write\` on ${machine.Date} (${machine['Bench runtime']}, load ` +
      `average ${machine['Load average (1 min) at start / end']} at start / end, ${machine.CPU}, Node.js ${process.version}); ` +
      'the sections above come from the last full run.',
    '',
    markdownTable(
      ['Section', 'Figure', 'Measured', 'Target', 'Verdict', 'Comparison'],
      rows.map((r) => [r.section, md(r.figure), md(r.measured), r.target, verdictCell(r), md(r.baseline ?? '')]),
    ),
    '',
    ...sections.flatMap((s) => s.comparisons ?? []).map((c) => `- ${md(c)}`),
    '',
    ...sections.flatMap((s) => s.notes).map((n) => `- ${md(n)}`),
    '',
    ...sections.flatMap((s) => s.details ?? []).flatMap((d) => [md(d), '']),
    `<!-- /bench:${name} -->`,
  ].join('\n');
  const file = `${root}BENCHMARKS.md`;
  const current = readFileSync(file, 'utf8');
  const marked = new RegExp(`<!-- bench:${name} -->[\\s\\S]*<!-- /bench:${name} -->`);
  const next = marked.test(current) ? current.replace(marked, () => block) : `${current.trimEnd()}\n\n${block}\n`;
  const config = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(next, { ...config, filepath: file }));
  console.log(`Wrote the ${name} block of ${file}`);
}

console.log(`Total runtime: ${runtimeSeconds.toFixed(0)} s`);
// Vite and the browser leave handles behind for a few seconds; the report is complete.
process.exit(failedBudgets.length ? 1 : 0);
