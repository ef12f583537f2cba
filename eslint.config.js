// ESLint: TypeScript, lit and lit-a11y rules; formatting is Prettier's job (checked by `npm run lint`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'test/artifacts/',
      'coverage/',
      'src/core/schemas/shapes.generated.ts',
      'src/core/types.generated.ts',
      'scratch/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/browser/**/*.ts', 'demo/**/*.ts'],
    plugins: { lit, 'lit-a11y': litA11y },
    languageOptions: { globals: globals.browser },
    rules: {
      ...lit.configs.recommended.rules,
      ...litA11y.configs.recommended.rules,
      'lit/no-invalid-html': 'error',
      'lit/no-useless-template-literals': 'error',
      'lit/attribute-value-entities': 'error',
    },
  },
  {
    files: [
      'test/**/*.{ts,mjs}',
      '*.{js,ts}',
      'demo/**/*.{ts,mjs}',
      'scripts/**/*.mjs',
      'src/server/**/*.ts',
      'src/mock/**/*.ts',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The WordPress plugin's scripts: plain browser JavaScript over WordPress's wp.* globals, no build step.
    files: ['integrations/wordpress/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, wp: 'readonly' } },
  },
  {
    // chai assertions such as `expect(x).to.be.true` are expressions by design.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      // core/ runs everywhere: no DOM, no Node.
      'no-restricted-imports': ['error', { patterns: ['node:*', '../elements/*', '../server/*', '../mock/*'] }],
      'no-restricted-globals': ['error', 'document', 'window', 'process', 'Buffer', 'localStorage'],
    },
  },
  {
    files: ['src/elements/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['node:*', '**/server/*', '**/mock/*'] }] },
  },
  {
    // Small files with one job: past 400 lines a file is doing two, tests included. Generated files and fixtures are data.
    files: [
      'src/**/*.ts',
      'scripts/**/*.{ts,mjs}',
      'demo/**/*.ts',
      'test/node/**/*.{ts,mts,mjs}',
      'test/browser/**/*.{ts,mts,mjs}',
      'test/support/**/*.{ts,mts,mjs}',
    ],
    ignores: ['**/*.generated.ts', 'src/mock/fixtures/**'],
    rules: { 'max-lines': ['error', { max: 400 }] },
  },
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  prettier,
);
