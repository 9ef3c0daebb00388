// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Imports the pure domain must never make: IO, frameworks, the database. */
const IO_MODULES = [
  'fastify',
  'fastify/*',
  '@fastify/*',
  'better-sqlite3',
  'socket.io',
  'socket.io-client',
  'pino',
  'node-hid',
  'node:fs',
  'node:fs/*',
  'fs',
  'fs/*',
  'node:net',
  'net',
  'node:http',
  'http',
  'node:https',
  'https',
  'node:child_process',
  'child_process',
  'node:worker_threads',
  'node:crypto',
  'crypto',
  'node:os',
  'os',
  'node:process',
  'process',
  'node:dgram',
  'node:dns',
  'node:timers',
];

const NO_SYSTEM_CLOCK = [
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Use the injected Clock, not Date.now().',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'Use the injected Clock, not new Date().',
  },
  {
    selector: "MemberExpression[object.name='process']",
    message: 'The core does not read the process (env, argv, hrtime); config.ts and main.ts do.',
  },
];

/** The layers of docs/architecture.md ("Layers"): domain → shared; app → domain, ports, shared. */
export const boundaryRules = {
  domain: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: IO_MODULES, message: 'The domain is pure: no IO, frameworks or database.' },
          { group: ['**/app/*', '**/adapters/*', '**/ports/*', '../app/**', '../adapters/**', '../ports/**', '**/main', '**/config'], message: 'The domain imports only domain and shared.' },
        ],
      },
    ],
    'no-restricted-syntax': ['error', ...NO_SYSTEM_CLOCK],
  },
  app: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: IO_MODULES, message: 'Use cases reach IO only through ports.' },
          { group: ['../adapters/**', '**/adapters/*', '**/main', '../config', '../config.js'], message: 'Use cases import domain, ports and shared only.' },
        ],
      },
    ],
    'no-restricted-syntax': ['error', ...NO_SYSTEM_CLOCK],
  },
};

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'coverage/**', '**/*.d.ts', 'test/fixtures/lint/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
      eqeqeq: ['error', 'always'],
    },
  },
  // browser pages
  { files: ['{kiosk,display,counter,status,manager}/src/**/*.{ts,tsx}', 'shared/web/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['server/src/domain/**/*.ts'], ignores: ['**/*.test.ts'], rules: boundaryRules.domain },
  { files: ['server/src/app/**/*.ts'], ignores: ['**/*.test.ts'], rules: boundaryRules.app },
  {
    // only config.ts and main.ts read the environment
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/config.ts', 'server/src/main.ts', 'server/src/cli/**', '**/*.test.ts', 'server/src/test-support/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read the environment in config.ts only.' }],
    },
  },
  // ports never import adapters: a port says what the app needs, an adapter implements it (proof: test/lint-boundaries.test.ts)
  {
    files: ['server/src/ports/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../adapters/**', '**/adapters/**'], message: 'Ports never import adapters: an adapter implements a port, never the other way round.' }] },
      ],
    },
  },
);
