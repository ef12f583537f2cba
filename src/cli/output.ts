/** What the job commands print: data on stdout (lines a program can read), everything else on stderr. */
import { LeapApiError } from '../core/errors.js';

// A reader that stops early (`| head`) closes the pipe: that ends the command quietly, as with any Unix tool.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** Writes to stdout, waiting when the reader is slower than we are, so memory stays flat for any output size. */
export async function writeOut(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
}

/** A progress or warning line on stderr. */
export function note(command: string, line: string): void {
  process.stderr.write(`leap-elements ${command}: ${line}\n`);
}

/** Columns padded to their widest cell; the last column is left as it is. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

/** One line for a failure: Leap's words for a `LeapApiError`, the message otherwise; never a stack trace. */
export function describeFailure(error: unknown): string {
  if (error instanceof LeapApiError) {
    const problems = (error.details as { problems?: unknown[] }).problems;
    return `${error.status} ${error.title}${problems ? ` (${problems.length} problems)` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}
