/**
 * The temporary entries the size section builds besides the CDN file: single elements, the Lit floors, and the i18n
 * alternatives (a @lit/localize setup, and the project's own string tables, whole and per locale).
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ENTRIES: Record<string, string> = {
  'connect-button.js': `import { LeapConnectButton } from '../../../src/elements/connect-button/connect-button.ts';
customElements.define('leap-connect-button', LeapConnectButton);
`,
  'incentive-checker.js': `import { LeapIncentiveChecker } from '../../../src/elements/incentive-checker/incentive-checker.ts';
customElements.define('leap-incentive-checker', LeapIncentiveChecker);
`,
  // The floor: what any Lit element costs before it does anything.
  'lit-floor.js': `import { LitElement, html, css } from 'lit';
class BenchFloor extends LitElement {
  static properties = { name: {} };
  static styles = css\`:host { display: block; }\`;
  constructor() { super(); this.name = 'world'; }
  render() { return html\`<p>Hello, \${this.name}</p>\`; }
}
customElements.define('bench-floor', BenchFloor);
`,
  // The connect button's floor: Lit's ReactiveElement (reactive properties, attributes, styles) without lit-html.
  're-floor.js': `import { ReactiveElement, css } from '@lit/reactive-element';
class BenchFloor extends ReactiveElement {
  static properties = { name: {} };
  static styles = css\`:host { display: block; }\`;
  constructor() { super(); this.name = 'world'; }
  update(changed) { super.update(changed); this.renderRoot.textContent = \`Hello, \${this.name}\`; }
}
customElements.define('bench-floor', BenchFloor);
`,
  // i18n alternative: a minimal @lit/localize runtime setup (runtime mode) with one msg() call.
  'i18n-localize.js': `import { msg, configureLocalization } from '@lit/localize';
export const { getLocale, setLocale } = configureLocalization({
  sourceLocale: 'en',
  targetLocales: ['es'],
  loadLocale: async () => ({ templates: { s8c0ec1a5e5a1a9e1: 'Conecta tu compañía eléctrica' } }),
});
export const label = () => msg('Connect your utility');
`,
  // Used from a Lit element: what it adds on top of the Lit floor (the string tables get the same treatment).
  'i18n-localize-on-lit.js': `import { LitElement, html, css } from 'lit';
import { msg, configureLocalization, updateWhenLocaleChanges } from '@lit/localize';
export const { getLocale, setLocale } = configureLocalization({
  sourceLocale: 'en',
  targetLocales: ['es'],
  loadLocale: async () => ({ templates: { s8c0ec1a5e5a1a9e1: 'Conecta tu compañía eléctrica' } }),
});
class BenchFloor extends LitElement {
  static properties = { name: {} };
  static styles = css\`:host { display: block; }\`;
  constructor() { super(); this.name = 'world'; updateWhenLocaleChanges(this); }
  render() { return html\`<p>\${msg('Connect your utility')}, \${this.name}</p>\`; }
}
customElements.define('bench-floor', BenchFloor);
`,
};

/** JavaScript source for a value of the string table: strings, nested records and the functions' own source. */
function toSource(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `(${value.toString()})`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}: ${toSource(item)}`)
      .join(',\n')}}`;
  }
  return JSON.stringify(value);
}

/** Every string-table module: the shared one and each element's `*.strings.ts`. */
function stringModules(root: string): string[] {
  const elements = join(root, 'src', 'elements');
  const files = [join(elements, 'shared', 'strings.ts')];
  for (const dir of readdirSync(elements, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const file of readdirSync(join(elements, dir.name))) {
      if (file.endsWith('.strings.ts')) files.push(join(elements, dir.name, file));
    }
  }
  return files;
}

const isTables = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && 'en' in value && 'es' in value;

/**
 * The i18n entries for the current typed tables: every table of every module in both locales (alone and used from a
 * Lit element), and each locale alone as a generated module (values and helper functions serialized from the tables)
 * — what a per-locale setup would ship for that locale.
 */
export async function stringTableEntries(
  root: string,
  entryDir: string,
): Promise<{ entries: Record<string, string>; tables: string[] }> {
  const imports: string[] = [];
  const names: string[] = [];
  const helpers: string[] = [];
  const locales: Record<string, string[]> = {};
  for (const file of stringModules(root)) {
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const spec = relative(entryDir, file).split(sep).join('/');
    for (const [name, value] of Object.entries(module)) {
      if (isTables(value)) {
        imports.push(`import { ${name} } from '${spec}';`);
        names.push(name);
        for (const [lang, table] of Object.entries(value)) (locales[lang] ??= []).push(toSource(table));
      } else if (typeof value === 'function') {
        const source = value.toString();
        helpers.push(/^(async\s+)?function\b/.test(source) ? source : `const ${name} = ${source};`);
      }
    }
  }
  if (!names.length) throw new Error('No string tables found under src/elements');
  const entries: Record<string, string> = {
    'i18n-table.js': `${imports.join('\n')}\nexport const TABLES = [${names.join(', ')}];\n`,
    'i18n-table-on-lit.js': `import { LitElement, html, css } from 'lit';
${imports.join('\n')}
const TABLES = [${names.join(', ')}];
class BenchFloor extends LitElement {
  static properties = { name: {} };
  static styles = css\`:host { display: block; }\`;
  constructor() { super(); this.name = 'world'; }
  render() { return html\`<p>\${TABLES.map((t) => Object.keys(t[this.lang === 'es' ? 'es' : 'en']).length)}, \${this.name}</p>\`; }
}
customElements.define('bench-floor', BenchFloor);
`,
  };
  for (const [lang, tables] of Object.entries(locales)) {
    entries[`i18n-${lang}-only.js`] = `${helpers.join('\n')}\nexport const strings = [${tables.join(',\n')}];\n`;
  }
  return { entries, tables: names };
}
