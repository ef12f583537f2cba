/**
 * Every HTML code block of the README and docs/*.md, as a partner copies it: a browser test renders each one against
 * the mock (test/browser/doc-snippets.test.ts, fed by the test runner from this module).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface DocSnippet {
  /** `README.md`, `docs/backend.md`. */
  file: string;
  /** The line the block starts on, for the test's name. */
  line: number;
  html: string;
}

export function docSnippets(): DocSnippet[] {
  const files = [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  return files.flatMap((file) => {
    const text = readFileSync(join(root, file), 'utf8');
    return [...text.matchAll(/^```html\n([\s\S]*?)^```/gm)].map((match) => ({
      file,
      line: text.slice(0, match.index).split('\n').length,
      html: match[1]!,
    }));
  });
}
