// The elements' `html` and `css` templates, minified in the browser tests exactly as `npm run build` ships them
// (vite.config.ts `minifyTemplates`), so whitespace the build collapses is collapsed in what the tests read too.
// TypeScript modules load because test/run.mjs starts the runner with `--import tsx`.
import { minifyTemplates } from '../../vite.config.ts';

export function shippedTemplates(rootDir) {
  const minify = minifyTemplates();
  return {
    name: 'leap-shipped-templates',
    async transform(context) {
      if (!/^\/src\/.*\.ts$/.test(context.path) || typeof context.body !== 'string') return undefined;
      const result = await minify.transform.call({}, context.body, rootDir + context.path.slice(1));
      return result ? { body: result.code } : undefined;
    },
  };
}
