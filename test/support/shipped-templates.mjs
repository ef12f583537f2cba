// The elements' `html` templates, whitespace-minified in the browser tests as `npm run build` ships them
// (vite.config.ts `minifyTemplates`), so what the build collapses (a space at a template's edge) is collapsed in what
// the tests read too. CSS stays as written: the documentation tests read the styles' own defaults.
// TypeScript modules load because test/run.mjs starts the runner with `--import tsx`.
import { minifyHTMLLiterals } from 'minify-literals';
import { TEMPLATE_HTML_OPTIONS } from '../../vite.config.ts';

export function shippedTemplates(rootDir) {
  return {
    name: 'leap-shipped-templates',
    async transform(context) {
      if (!/^\/src\/.*\.ts$/.test(context.path) || typeof context.body !== 'string') return undefined;
      if (!/\bhtml`/.test(context.body)) return undefined;
      const result = await minifyHTMLLiterals(context.body, {
        fileName: rootDir + context.path.slice(1),
        minifyOptions: TEMPLATE_HTML_OPTIONS,
        shouldMinifyCSS: () => false,
      });
      return result ? { body: result.code } : undefined;
    },
  };
}
