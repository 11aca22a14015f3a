// One lint configuration for every package (ESLint flat config). `npm run lint` runs it and
// Prettier's check; `npm test` and CI run `npm run lint` first.
//
// Module boundaries (docs/architecture.md): imports flow one way, and the rule below refuses
// any import against that direction:
//   shared   imports nothing of server or web (it is the contract both sides read);
//   web      imports shared, never server;
//   server   imports shared; inside it, connectors know nothing of metrics, plan or sync, and
//            metrics nothing of connectors or sync;
//   test     (the cross-package tests, spec files included) reaches the server only through its
//            test kit, server/test/testing.ts, never server/src directly.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/** Elements of the code base, most specific first (the first pattern that matches a file names its element). */
const elements = [
  { type: 'shared', pattern: 'shared/src' },
  { type: 'web', pattern: 'web/src' },
  { type: 'server-connectors', pattern: 'server/src/connectors' },
  { type: 'server-metrics', pattern: 'server/src/metrics' },
  { type: 'server-plan', pattern: 'server/src/plan' },
  { type: 'server-sync', pattern: 'server/src/sync' },
  { type: 'server', pattern: 'server/src' },
  { type: 'server-tests', pattern: 'server/test' },
  // the whole path, so that server/test (above) is not taken for it
  { type: 'e2e', pattern: 'test/**', partialMatch: false },
  { type: 'scripts', pattern: 'scripts' },
];

const serverParts = ['server', 'server-connectors', 'server-metrics', 'server-plan', 'server-sync'];

/** A policy: files of element `from` may import elements of the types `to` (and nothing else of ours). */
const allow = (from, to) => ({ from: { element: { type: from } }, allow: { to: { element: { type: to } } } });

/** Where the boundaries rule looks for elements and how it resolves imports. */
const boundarySettings = {
  'boundaries/elements': elements,
  'boundaries/include': ['shared/src/**', 'web/src/**', 'server/src/**', 'server/test/**', 'test/**'],
  'import/resolver': {
    typescript: {
      noWarnOnMultipleProjects: true,
      project: ['tsconfig.base.json', 'server/tsconfig.json', 'web/tsconfig.json', 'shared/tsconfig.json'],
    },
    node: true,
  },
};

/** The cross-package tests may import each other, the server's test kit, shared and web: not server/src. */
const E2E_MAY_IMPORT = ['e2e', 'server-tests', 'shared', 'web'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      'data/**',
      '.nx/**',
      'test/artifacts/**',
      'test/data/**',
      'web/public/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_`-prefixed names are deliberately unused (destructuring away a field, a callback's first argument).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Nest's injection tokens and CommonJS entry points use require and empty classes on purpose.
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      // A connector with no data of a family answers with an empty async generator.
      'require-yield': 'off',
      // Output goes through the Nest logger or the CLI's writers; a deliberate console line says so.
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.cjs', 'server/bin/**/*.js', '**/jest.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  {
    // Command-line scripts and test servers talk to the terminal.
    files: ['scripts/**', '**/scripts/**', 'test/**', 'server/bin/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.test.ts', '**/*.test.tsx', 'test/**/*.ts', 'server/test/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
    rules: {
      // Tests build partial doubles of large interfaces.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Boundaries hold for the code that ships; a test may reach across to check two modules together.
    files: ['shared/src/**/*.ts', 'web/src/**/*.{ts,tsx}', 'server/src/**/*.ts', 'server/test/**/*.ts', 'test/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.test.ts', '**/*.test.tsx'],
    plugins: { boundaries },
    settings: boundarySettings,
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            allow('shared', ['shared']),
            allow('web', ['web', 'shared']),
            allow('server', [...serverParts, 'shared']),
            allow('server-sync', [...serverParts, 'shared']),
            allow('server-plan', ['server', 'server-plan', 'server-metrics', 'shared']),
            allow('server-metrics', ['server', 'server-metrics', 'server-plan', 'shared']),
            allow('server-connectors', ['server', 'server-connectors', 'shared']),
            allow('server-tests', [...serverParts, 'server-tests', 'shared']),
            allow('e2e', E2E_MAY_IMPORT),
          ],
        },
      ],
    },
  },
  {
    // The cross-package tests, their spec files too, reach the server through server/test/testing.ts only.
    files: ['test/**/*.spec.ts'],
    plugins: { boundaries },
    settings: boundarySettings,
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: [allow('e2e', E2E_MAY_IMPORT)] }],
    },
  },
  prettier,
);
