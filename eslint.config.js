import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'http', 'https', 'net', 'crypto', 'child_process', 'url', 'ws'];

/** Where a file may run is decided by its folder; a wrong import is a lint error, not a review comment. */
const boundary = (message, patterns) => ({ 'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group, message })) }] });

const rendererOutside = {
  group: [...nodeBuiltins, 'electron', 'openai', '**/src-main/**', '**/src-preload/**'],
  message: 'The renderer runs in a sandboxed page: no Node, Electron, or main-process code.',
};
/** A relative import that reaches into one of the named renderer folders, at any depth. */
const into = (folders, message) => ({ regex: `^\\.\\.?/(?:.*/)?(?:${folders.join('|')})/`, message });
const packages = (names, message) => ({ group: names, message });

/**
 * The page's folders are layers that import only downward: shell → views → state → engine → platform.
 * Each rule names the layer that refused the import and what it may use instead.
 */
function rendererLayers() {
  const base = 'src-renderer/src';
  const rule = (files, patterns, ignores) => ({
    files: files.map((file) => `${base}/${file}`),
    ...(ignores ? { ignores: ignores.map((file) => `${base}/${file}`) } : {}),
    rules: { 'no-restricted-imports': ['error', { patterns: [rendererOutside, ...patterns] }] },
  });
  const platform = [
    into(['engine', 'state', 'views', 'shell'], 'platform/ is the bottom layer: it may import src-shared only.'),
    packages(['react', 'react-dom', 'react-dom/*', 'zustand/*'], 'platform/ has no React and no stores.'),
    { regex: '^zustand$', message: 'platform/ has no React and no stores.' },
  ];
  const engine = [
    into(['state', 'views', 'shell'], 'engine/ may import platform/ and src-shared only: pass state in, or let state/ call the engine.'),
    packages(['react', 'react-dom', 'react-dom/*'], 'engine/ has no React.'),
    { regex: '^zustand$', message: 'engine/ has no zustand stores (zustand/vanilla for its own observables).' },
  ];
  const state = [into(['views', 'shell'], 'state/ may import engine/ and platform/ only: a store never knows its views.')];
  const siblingView = {
    regex: '^\\.\\./(?!common/)[^./][^/]*/',
    message:
      'A view imports its own folder, views/common, state, engine and platform; never a sibling view (move shared code to views/common or state).',
  };
  return [
    rule(['platform/**'], platform),
    rule(['engine/**'], engine, ['engine/live/**', 'engine/replay/**']),
    rule(['engine/live/**'], [...engine, into(['replay'], 'The live session and replay never import each other.')]),
    rule(['engine/replay/**'], [...engine, into(['live'], 'The live session and replay never import each other.')]),
    rule(['state/**'], state, ['state/**/*Store.ts', 'state/liveActions.ts', 'state/replayActions.ts']),
    rule(
      ['state/**/*Store.ts'],
      [...state, { regex: 'Actions$', message: 'A store never imports an actions module: actions read and write stores, not the other way.' }],
    ),
    rule(
      ['state/liveActions.ts'],
      [...state, { regex: '(?:replayActions|/replay/)', message: 'The live session and replay never import each other.' }],
    ),
    rule(
      ['state/replayActions.ts'],
      [...state, { regex: '(?:liveActions|/live/)', message: 'The live session and replay never import each other.' }],
    ),
    rule(['views/**'], [into(['shell'], 'views/ never import the shell.'), siblingView]),
  ];
}

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
  ...rendererLayers(),
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
