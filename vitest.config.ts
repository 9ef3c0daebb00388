import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    // tests run the workspaces' TypeScript sources, not their build output
    alias: {
      '@madoguchi/shared': src('./shared/src/index.ts'),
      '@madoguchi/printer': src('./printer/src/index.ts'),
    },
  },
  test: {
    include: ['{shared,printer,server}/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
  },
});
