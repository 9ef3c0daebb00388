// @ts-check
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** A page speaks to the server over HTTP and the socket, in the shapes of `@madoguchi/shared`. */
const NO_SERVER = { group: ['@madoguchi/server', '@madoguchi/server/*', '**/server/**'], message: 'Pages never import the server: they reach it over HTTP and the socket, typed by @madoguchi/shared.' };
/** shared's files are reached through its package exports (shared/package.json), never by path. */
const NO_SHARED_INTERNALS = {
  group: ['@madoguchi/shared/*', '!@madoguchi/shared/web', '**/shared/src', '**/shared/src/**', '**/shared/dist/**'],
  message: 'Import @madoguchi/shared or @madoguchi/shared/web (its package exports), not its files by path.',
};

/** The pages (and shared/web, which only they bundle): no server, shared only through its exports. */
export const pageRules = {
  pages: { 'no-restricted-imports': ['error', { patterns: [NO_SERVER, NO_SHARED_INTERNALS] }] },
  sharedWeb: {
    'no-restricted-imports': [
      'error',
      { patterns: [NO_SERVER, NO_SHARED_INTERNALS, { regex: '^(\\.\\./)+src(/|$)', message: 'shared/web takes shared/src through @madoguchi/shared, as the pages do.' }] },
    ],
  },
};

const ROOT = dirname(fileURLToPath(import.meta.url));
/** The npm workspaces of the root package.json: each a package reached by its name and exports. */
const WORKSPACES = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).workspaces;
/** @param {string} file @returns {string | undefined} the workspace a path lies in */
const workspaceOf = (file) => {
  const top = relative(ROOT, file).split(sep)[0];
  return WORKSPACES.includes(top) ? top : undefined;
};

/**
 * A relative import that leaves its workspace for another (`../../shared/web/api-error` from the
 * kiosk) bypasses that package's exports, so its inside can no longer move freely. The repository's
 * own tooling outside the workspaces (test/, bench/, scripts/) may still reach in by path.
 * @type {import('eslint').Rule.RuleModule}
 */
const noCrossWorkspaceImport = {
  meta: {
    type: 'problem',
    docs: { description: 'no relative import from one workspace into another' },
    schema: [],
    messages: { cross: "'{{source}}' reaches into {{to}}/ by a relative path: import @madoguchi/{{to}} (its package exports)." },
  },
  create(context) {
    const from = workspaceOf(context.filename);
    if (!from) return {};
    /** @param {{ source?: import('estree').Node | null }} node */
    const check = (node) => {
      const source = node.source?.type === 'Literal' ? node.source.value : undefined;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = workspaceOf(resolve(dirname(context.filename), source));
      if (to && to !== from) context.report({ node: node.source ?? node, messageId: 'cross', data: { source, to } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
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
  { plugins: { madoguchi: { rules: { 'no-cross-workspace-import': noCrossWorkspaceImport } } }, rules: { 'madoguchi/no-cross-workspace-import': 'error' } },
  { files: ['{kiosk,display,counter,status,manager}/src/**/*.{ts,tsx}'], rules: pageRules.pages },
  { files: ['shared/web/**/*.{ts,tsx}'], rules: pageRules.sharedWeb },
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
