// @ts-check
// The one ESLint config (flat). Prettier owns layout: no stylistic rules here. Type-aware rules
// (typescript-eslint's recommendedTypeChecked) run on the published sources, which the packages'
// tsconfigs include; tests, benches and scripts get the rules that need no types.
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const TS = '**/*.{ts,tsx,cts,mts}';
const TESTS = ['**/*.test.{ts,tsx}', '**/*.bench.{ts,tsx}', '**/test/**', '**/bench/**', '**/validator/**'];
/** Sources a package's tsconfig.json includes: the ones type information is there for. */
const SOURCES = ['packages/*/src/**/*.{ts,tsx,cts,mts}'];

// Core runs in browsers and Node alike and must be deterministic (docs/architecture.md).
const CORE_SOURCES = ['packages/core/src/**/*.ts'];
const builtins = builtinModules.filter((name) => !name.startsWith('_'));
// Only the runtime's clock and random source touch the host's time, timers and randomness.
const CLOCK_AND_RANDOM = ['packages/core/src/runtime/clock.ts', 'packages/core/src/runtime/random.ts'];
const NOT_IN_CORE = 'core is deterministic: use the Clock (runtime/clock.ts) or the seeded Random (runtime/random.ts)';

export default defineConfig(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '**/dist-viewer/',
      // Coverage reports, not the coverage sources (packages/*/src/coverage/).
      'coverage/',
      'packages/*/coverage/',
      'out/',
      'fixtures/',
      'packages/cli/viewer/',
      'packages/core/types/',
      'packages/core/.types-check-*/',
      'packages/core/src/definition/schema/validate-schema.generated.ts',
    ],
  },
  {
    files: [TS, '**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
  {
    // CommonJS on purpose: cold-start measurements and the hostile-input child process load through require().
    files: ['**/*.{cjs,cts}'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: SOURCES,
    ignores: TESTS,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Rejecting with what was caught (an unknown) or with an AbortSignal's reason (any) passes the error on
      // unchanged; rejecting with a string or a plain object is still reported.
      '@typescript-eslint/prefer-promise-reject-errors': [
        'error',
        { allowThrowingAny: true, allowThrowingUnknown: true },
      ],
      // Functions are `async` so that what they throw becomes a rejection, awaited or not.
      '@typescript-eslint/require-await': 'off',
      // Our objects are closures, never `this`-bound classes, and their interfaces declare members as
      // methods: every destructured `close` or `connect` would be reported, and none is a bug.
      '@typescript-eslint/unbound-method': 'off',
      // Reported as a warning: `String(value)` of a parsed template or recorded JSON is deliberate in most
      // of the places it reports; each should be read, and changed where an object can really reach it.
      '@typescript-eslint/no-base-to-string': 'warn',
    },
  },
  {
    // After the presets (recommendedTypeChecked sets these again): how this repository tunes them.
    files: [TS, '**/*.{js,mjs,cjs}'],
    rules: {
      // `_`-prefixed names are deliberately unused (a signature's position, a destructured rest).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // `ready && ready()` and `cond ? a() : b()` are calls; a bare expression that does nothing is still caught.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // An interface that only extends is how Vitest's and our own types are augmented (declaration merging).
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // A `let` read by a closure before its one assignment (a handler that needs the execution it starts).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Sanitizers and ANSI stripping match control characters on purpose.
      'no-control-regex': 'off',
      // Layout inside a regular expression literal is style, which Prettier and review own.
      'no-regex-spaces': 'off',
      // `let scope = this` walks a chain of scopes; arrow functions already make `self = this` needless.
      '@typescript-eslint/no-this-alias': 'off',
    },
  },
  {
    // Warnings, not errors, where others are changing the code now (the run loop, data flow, Map): the
    // few findings there are fixed with that work, so that this config lands without touching those lines.
    files: ['packages/core/src/runtime/**', 'packages/core/src/dataflow/**', 'packages/core/src/states/map.ts'],
    ignores: [...TESTS, 'packages/core/src/runtime/compile.ts'],
    rules: {
      '@typescript-eslint/no-unnecessary-type-assertion': 'warn',
      '@typescript-eslint/no-empty-object-type': 'warn',
      '@typescript-eslint/no-unused-vars': 'warn',
      '@typescript-eslint/no-unused-expressions': 'warn',
    },
  },
  {
    files: CORE_SOURCES,
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: builtins.map((name) => ({ name, message: 'core runs in browsers too: no Node builtins.' })),
          patterns: [
            { group: ['node:*'], message: 'core runs in browsers too: no Node builtins.' },
            { group: ['@aws-sdk/*'], message: 'core never talks to AWS: the AWS SDK belongs in @aslkit/lambda.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/^(node:|@aws-sdk\\u002F)/]',
          message: 'core runs in browsers too and never talks to AWS: no Node builtins, no AWS SDK.',
        },
      ],
    },
  },
  {
    files: CORE_SOURCES,
    ignores: [...TESTS, ...CLOCK_AND_RANDOM],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['Date', 'setTimeout', 'setInterval', 'setImmediate'].map((name) => ({ name, message: NOT_IN_CORE })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: NOT_IN_CORE },
        ...['Date', 'setTimeout', 'setInterval', 'setImmediate'].map((property) => ({
          object: 'globalThis',
          property,
          message: NOT_IN_CORE,
        })),
      ],
    },
  },
);
