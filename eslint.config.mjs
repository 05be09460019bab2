// Lint for the whole repository: typescript-eslint's recommended rules for the TypeScript, Lit's
// and the custom-element rules for the element, lit-a11y for its templates, and Prettier (run on its
// own, `npm run format`) owning layout, so no rule here argues about white space.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '**/node_modules/', '.stand-in-data/', 'custom-elements.json', 'docs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,js,cjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // `_name` marks a parameter a signature requires but the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...litA11y.configs.recommended,
  },
  {
    files: ['test/**', 'test-dom/**', 'test-node/**'],
    rules: {
      // Chai's assertions are properties (`expect(x).to.be.undefined`): an expression statement is the assertion.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  prettier,
);
