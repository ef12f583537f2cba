import { defineConfig, type Plugin } from 'vite';

/**
 * `vite build`            the npm package: side-effect-free ES modules under dist/, dependencies left external.
 * `vite build --mode cdn` dist/cdn/leap-elements.js: one self-contained, minified ES module with Lit inlined.
 * `vite build --mode node` dist/node/: the partner backend (`leap-elements/server`) and the mock (`leap-elements/mock`).
 * `vite` (npm run dev)    serves index.html and the demo pages.
 */
const browserEntries = {
  index: 'src/index.ts',
  define: 'src/define.ts',
  'core/index': 'src/core/index.ts',
  'elements/connect-button/connect-button': 'src/elements/connect-button/connect-button.ts',
  'elements/incentive-checker/incentive-checker': 'src/elements/incentive-checker/incentive-checker.ts',
  'elements/enrollment-status/enrollment-status': 'src/elements/enrollment-status/enrollment-status.ts',
  'elements/application-status/application-status': 'src/elements/application-status/application-status.ts',
  'elements/connect-return/connect-return': 'src/elements/connect-return/connect-return.ts',
  'react/index': 'src/react/index.ts',
};

const nodeEntries = {
  'server/index': 'src/server/index.ts',
  'mock/index': 'src/mock/index.ts',
  'mock/cli': 'src/mock/cli.ts',
};

/**
 * Library mode leaves whitespace in ES output (so consumers' bundlers can still see pure annotations). The CDN file is
 * the end product, served as is: minify it fully, with terser's two compress passes (smaller than a single pass).
 */
function minifyBundle(): Plugin {
  return {
    name: 'leap-minify-cdn',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const { minify } = await import('terser');
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        const result = await minify(file.code, { module: true, ecma: 2020, compress: { passes: 2 } });
        file.code = result.code ?? file.code;
        // The map no longer matches the minified code: drop it rather than ship a wrong one.
        file.map = null;
      }
    },
  };
}

/**
 * Minifies the CSS (Lightning CSS) and HTML inside Lit's `css` and `html` templates of our own modules. Whitespace is
 * collapsed conservatively (one space is kept where there was some), so inline text renders exactly as before.
 */
function minifyTemplates(): Plugin {
  return {
    name: 'leap-minify-templates',
    enforce: 'pre',
    async transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(html|css)`/.test(code)) return null;
      const { minifyHTMLLiterals } = await import('minify-literals');
      const result = await minifyHTMLLiterals(code, {
        fileName: id,
        html: {
          collapseWhitespace: true,
          conservativeCollapse: true,
          removeComments: false,
          removeAttributeQuotes: true,
        },
      });
      return result ? { code: result.code, map: result.map } : null;
    },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'node') {
    // The partner backend and the mock: Node-side modules, never part of the browser entries.
    return {
      build: {
        outDir: 'dist/node',
        emptyOutDir: true,
        ssr: true,
        target: 'node20',
        minify: false,
        sourcemap: false,
        lib: { entry: nodeEntries, formats: ['es'] },
        rollupOptions: {
          external: (id: string) => /^(lit|@lit\/|zod|hono|jose|@hono\/|node:)/.test(id),
          output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
        },
      },
    };
  }
  if (mode === 'cdn') {
    return {
      plugins: [minifyTemplates(), minifyBundle()],
      resolve: { conditions: ['browser', 'production', 'module', 'import', 'default'] },
      build: {
        outDir: 'dist/cdn',
        emptyOutDir: true,
        target: 'es2022',
        minify: true,
        sourcemap: false,
        lib: { entry: 'src/cdn.ts', formats: ['es'], fileName: () => 'leap-elements.js' },
      },
    };
  }
  return {
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      minify: false,
      sourcemap: true,
      lib: { entry: browserEntries, formats: ['es'] },
      rollupOptions: {
        external: (id: string) =>
          /^(lit|@lit\/|@lit-labs\/|zod|hono|jose|@hono\/|node:|react($|\/|-dom($|\/)))/.test(id),
        output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
      },
    },
  };
});
