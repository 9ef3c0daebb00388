import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/** tests run the workspaces' TypeScript sources, not their build output: the `source` condition of their package exports */
const conditions = ['source', ...defaultServerConditions];

export default defineConfig({
  ssr: { resolve: { conditions } },
  test: {
    include: ['{shared,printer,server,display}/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
  },
});
