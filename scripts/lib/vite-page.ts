import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, type UserConfig } from 'vite';

/**
 * The Vite configuration every page shares: served by the madoguchi server at `/<page>/`
 * (server/src/adapters/http/pages.ts), `@madoguchi/shared` from its sources (the `source` condition of
 * its package exports), and in `vite dev`
 * the API and the socket proxied to a server started with `npm start`.
 */
export function pageConfig(page: string, pageUrl: string, inputs?: Record<string, string>): UserConfig {
  const here = (p: string): string => decodeURIComponent(new URL(p, pageUrl).pathname);
  const server = 'http://localhost:3000';
  return defineConfig({
    base: `/${page}/`,
    plugins: [react()],
    resolve: { conditions: ['source', ...defaultClientConditions] },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      rolldownOptions: {
        ...(inputs ? { input: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, here(v)])) } : {}),
        // shared/ also holds the server's TypeBox schemas; the pages use none of them at run time
        treeshake: { moduleSideEffects: (id: string) => !/[\\/](shared[\\/]src|node_modules[\\/]typebox)[\\/]/.test(id) },
      },
    },
    server: { proxy: { '/api': server, '/socket.io': { target: server, ws: true } } },
  });
}
