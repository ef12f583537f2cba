/**
 * What the job commands print: data on stdout (lines a program can read), everything else on stderr. Names, e-mails
 * and reasons come from Leap's answers, so control characters in them are shown as escapes, never sent to the
 * terminal: an ESC or OSC sequence in a customer's name could otherwise clear the screen, hide lines or set a title.
 */
import { CONTROL_CHARACTER_CLASS, CONTROL_CHARACTER_CLASS_BUT_NEWLINE } from '../core/control-characters.js';
import { LeapApiError } from '../core/errors.js';

const CONTROLS = new RegExp(CONTROL_CHARACTER_CLASS_BUT_NEWLINE, 'g');
const CONTROLS_AND_NEWLINES = new RegExp(CONTROL_CHARACTER_CLASS, 'g');

const escape = (character: string) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * `text` with every control character written as `\uXXXX`, line breaks kept. Valid inside JSON strings too, where
 * the same escape means the same character.
 */
export function printable(text: string): string {
  return text.replace(CONTROLS, escape);
}

// A reader that stops early (`| head`) closes the pipe: that ends the command quietly, as with any Unix tool.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** Writes to stdout, waiting when the reader is slower than we are, so memory stays flat for any output size. */
export async function writeOut(text: string): Promise<void> {
  if (!process.stdout.write(printable(text)))
    await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
}

/** A progress or warning line on stderr. */
export function note(command: string, line: string): void {
  process.stderr.write(printable(`leap-elements ${command}: ${line}\n`));
}

/** Columns padded to their widest cell; the last column is left as it is. */
export function table(headers: string[], rawRows: string[][]): string {
  // A cell is one line: its own line breaks are escaped too.
  const rows = rawRows.map((row) => row.map((cell) => cell.replace(CONTROLS_AND_NEWLINES, escape)));
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
