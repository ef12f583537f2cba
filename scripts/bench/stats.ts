/** Shared helpers for the benchmark: statistics, formatting and the result row every section reports. */

export type Verdict = 'pass' | 'fail' | 'info';

/** One figure of the report. Only rows with `gate: true` (size budgets) decide the exit code. */
export interface Row {
  section: 'Size' | 'Browser' | 'Backend' | 'Peers' | 'Jobs' | 'Deploy' | 'Reliability';
  figure: string;
  measured: string;
  target: string;
  verdict: Verdict;
  /** The comparison baseline, when there is one (Lit floor, direct mock call, the other i18n approach). */
  baseline?: string;
  gate?: boolean;
}

/** Extra prose a section wants in BENCHMARKS.md (method notes, breakdowns). */
export interface SectionReport {
  rows: Row[];
  notes: string[];
  /** Markdown blocks (tables) placed after the notes. */
  details?: string[];
  /** One sentence per comparison baseline (Lit floor, direct mock call, i18n approaches). */
  comparisons?: string[];
}

export interface BenchOptions {
  quick: boolean;
  root: string;
  log: (line: string) => void;
}

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

export const max = (values: readonly number[]): number => (values.length ? Math.max(...values) : Number.NaN);

/** 1 KB = 1,024 bytes throughout the report. */
export const KB = 1024;

export function kb(bytes: number, digits = 1): string {
  return `${(bytes / KB).toFixed(digits)} KB`;
}

export function ms(value: number, digits = 2): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)} ms` : 'n/a';
}

export function mb(bytes: number, digits = 2): string {
  return `${(bytes / (1024 * 1024)).toFixed(digits)} MB`;
}

export function signedMb(bytes: number, digits = 2): string {
  const value = bytes / (1024 * 1024);
  return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(digits)} MB`;
}

export function verdict(ok: boolean): Verdict {
  return ok ? 'pass' : 'fail';
}

export const sleep = (msDelay: number) => new Promise<void>((resolve) => setTimeout(resolve, msDelay));

/** A Markdown table; cells are escaped for pipes. */
export function markdownTable(header: string[], rows: string[][]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}
