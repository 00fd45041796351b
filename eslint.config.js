import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'http', 'https', 'net', 'crypto', 'child_process', 'url', 'ws'];

/** Where a file may run is decided by its folder; a wrong import is a lint error, not a review comment. */
const boundary = (message, patterns) => ({ 'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group, message })) }] });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.stryker-tmp*/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
    },
  },
  {
    // Playwright fixtures declare their dependencies by destructuring, an empty pattern included.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src-shared/**'],
    rules: boundary('src-shared is plain TypeScript: no Node, DOM, Electron or React.', [
      [...nodeBuiltins, 'electron', 'react', 'react-dom', 'zustand', '**/src-main/**', '**/src-renderer/**', '**/src-preload/**'],
    ]),
  },
  {
    files: ['src-renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // We do not run the React Compiler, so its memoisation warnings do not apply.
      'react-hooks/incompatible-library': 'off',
      ...boundary('The renderer runs in a sandboxed page: no Node, Electron, or main-process code.', [
        [...nodeBuiltins, 'electron', 'openai', '**/src-main/**', '**/src-preload/**'],
      ]),
    },
  },
  {
    files: ['src-preload/**'],
    rules: boundary('The preload exposes the contract only: import electron and src-shared, nothing else.', [
      [...nodeBuiltins, 'react', 'openai', '**/src-main/**', '**/src-renderer/**'],
    ]),
  },
  {
    files: ['src-main/**'],
    rules: boundary('Main-process code must not import renderer or preload code.', [
      ['react', 'react-dom', 'zustand', '**/src-renderer/**', '**/src-preload/**'],
    ]),
  },
  {
    files: ['src-main/**'],
    ignores: ['src-main/hosts/electron/**'],
    rules: boundary('Only src-main/hosts/electron may import electron; the services also run in the web host.', [
      ['electron', 'react', 'react-dom', 'zustand', '**/src-renderer/**', '**/src-preload/**'],
    ]),
  },
);
