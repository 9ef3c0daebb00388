import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The page is served by the madoguchi server at /counter/ (server/src/adapters/http/pages.ts). */
const shared = decodeURIComponent(new URL('../shared/src/index.ts', import.meta.url).pathname);
/** `npm run dev -w @madoguchi/counter` proxies the API and the socket to a server started with `npm start` */
const server = 'http://localhost:3000';

export default defineConfig({
  base: '/counter/',
  plugins: [react()],
  resolve: { alias: { '@madoguchi/shared': shared } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      // shared/ also holds the server's TypeBox schemas and the citizens' catalogues; the console uses none of them
      treeshake: { moduleSideEffects: (id: string) => !/[\\/](shared[\\/]src|node_modules[\\/]typebox)[\\/]/.test(id) },
    },
  },
  server: {
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
    },
  },
});
