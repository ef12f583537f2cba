import { defineConfig, type Plugin } from 'vite';

/**
 * `vite build`                the browser package: side-effect-free ES modules under dist/; Lit and React left external.
 * `vite build --mode cdn`     dist/cdn/leap-elements.js: one self-contained, minified ES module with Lit inlined.
 * `vite build --mode node`    dist/node/: the backend, the mock and the CLI, with hono, jose, zod and undici bundled, so
 *                             a browser-only install needs none of them.
 * `vite build --mode schemas` dist/node/schemas.js: the zod schemas, with zod as the partner's own (optional peer)
 *                             package; a missing zod fails at import with one line naming it.
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
  'server/node': 'src/server/node.ts',
  'mock/index': 'src/mock/index.ts',
  cli: 'src/cli/index.ts',
  'mock/cli': 'src/mock/cli.ts',
};

/** What the browser package leaves to the partner's install: the Lit family and React. */
const BROWSER_EXTERNAL = /^(lit|lit-html|@lit\/(reactive-element|task)|@lit-labs\/|react|react-dom)($|\/)/;

/** The package a bundled module comes from (`node_modules/@hono/node-server/dist/x.js` → `@hono/node-server`). */
function packageOf(id: string): string | null {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id.split('?')[0]!.replace(/\\/g, '/'));
  return match ? match[1]! : null;
}

/**
 * Bundled third-party code goes to one chunk per package under `vendor/`, minified: a runtime-neutral entry never
 * shares a chunk with a Node-only package (undici), and our own modules stay readable in stack traces.
 */
function minifyVendorChunks(): Plugin {
  return {
    name: 'leap-minify-vendor',
    async renderChunk(code, chunk) {
      if (!chunk.name.startsWith('vendor/')) return null;
      const { minify } = await import('terser');
      const result = await minify(code, { module: true, ecma: 2020, keep_classnames: true });
      return result.code ? { code: result.code, map: null } : null;
    },
  };
}

/**
 * dist/node/schemas.js checks for zod before loading the schemas (static imports would fail first, with a stack trace that
 * names our file instead of the package to install), then re-exports every schema.
 */
function guardedSchemasEntry(): Plugin {
  return {
    name: 'leap-schemas-guard',
    generateBundle(_options, bundle) {
      const impl = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry);
      if (!impl || impl.type !== 'chunk') throw new Error('schemas build: no entry chunk');
      this.emitFile({
        type: 'asset',
        fileName: 'schemas.js',
        source: [
          '// leap-elements/schemas: the zod schemas. zod is an optional peer dependency, checked first.',
          'try {',
          "  await import('zod/mini');",
          '} catch (error) {',
          "  if (error?.code !== 'ERR_MODULE_NOT_FOUND' && !/zod/.test(String(error?.message))) throw error;",
          "  throw new Error('leap-elements/schemas needs the zod package: npm install zod');",
          '}',
          `export const { ${impl.exports.join(', ')} } = await import('./${impl.fileName}');`,
          '',
        ].join('\n'),
      });
    },
  };
}

/**
 * Library mode leaves whitespace in ES output (so consumers' bundlers can still see pure annotations). The CDN file is
 * the end product, served as is: minify it fully, with terser's two compress passes (smaller than a single pass).
 */
export function minifyBundle(): Plugin {
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

/** How the `html` templates are minified (the browser tests read their templates minified alike). */
export const TEMPLATE_HTML_OPTIONS = {
  collapseWhitespace: true,
  conservativeCollapse: true,
  removeComments: false,
  removeAttributeQuotes: true,
};

/**
 * Minifies the CSS (Lightning CSS) and HTML inside Lit's `css` and `html` templates of our own modules. Whitespace is
 * collapsed conservatively (one space is kept where there was some), so inline text renders exactly as before.
 */
export function minifyTemplates(): Plugin {
  return {
    name: 'leap-minify-templates',
    enforce: 'pre',
    async transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(html|css)`/.test(code)) return null;
      const { minifyHTMLLiterals } = await import('minify-literals');
      const result = await minifyHTMLLiterals(code, { fileName: id, minifyOptions: TEMPLATE_HTML_OPTIONS });
      return result ? { code: result.code, map: result.map?.toString() ?? null } : null;
    },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'node') {
    return {
      plugins: [minifyVendorChunks()],
      ssr: { noExternal: true, target: 'node' },
      build: {
        outDir: 'dist/node',
        emptyOutDir: true,
        ssr: true,
        target: 'node20',
        minify: false,
        sourcemap: false,
        lib: { entry: nodeEntries, formats: ['es'] },
        rollupOptions: {
          // Optional peers: the partner installs the Redis client they use.
          external: (id: string) => id.startsWith('node:') || /^(redis|ioredis|@redis\/)($|\/)/.test(id),
          output: {
            entryFileNames: '[name].js',
            chunkFileNames: 'chunks/[name]-[hash].js',
            manualChunks: (id) => {
              const name = packageOf(id);
              return name ? `vendor/${name.replace('/', '-')}` : undefined;
            },
          },
        },
      },
    };
  }
  if (mode === 'schemas') {
    return {
      plugins: [guardedSchemasEntry()],
      // An SSR build leaves packages external unless told otherwise: everything but zod (the partner's own) is bundled,
      // so the installed package needs no dependency of its own here (csv-parse for the create-meters CSV).
      ssr: { noExternal: true, target: 'node' },
      build: {
        outDir: 'dist/node',
        emptyOutDir: false,
        ssr: true,
        target: 'es2022',
        minify: false,
        sourcemap: false,
        lib: { entry: { 'schemas.impl': 'src/schemas.ts' }, formats: ['es'] },
        rollupOptions: { external: (id: string) => /^zod($|\/)/.test(id), output: { entryFileNames: '[name].js' } },
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
        lib: { entry: 'src/cdn/bundle.ts', formats: ['es'], fileName: () => 'leap-elements.js' },
      },
    };
  }
  return {
    // Partners' bundlers minify our JavaScript but not the CSS and HTML inside Lit's templates: ship those minified.
    plugins: [minifyTemplates()],
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      minify: false,
      sourcemap: true,
      lib: { entry: browserEntries, formats: ['es'] },
      rollupOptions: {
        external: (id: string) => BROWSER_EXTERNAL.test(id),
        output: {
          preserveModules: true,
          preserveModulesRoot: 'src',
          // Bundled packages (@lit/react) keep their own folder: npm never ships a folder named node_modules.
          entryFileNames: (chunk) => `${chunk.name.replace(/^(.*\/)?node_modules\//, 'vendor/')}.js`,
        },
      },
    },
  };
});
