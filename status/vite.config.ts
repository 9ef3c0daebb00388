import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * One app, two pages, both served by the madoguchi server (server/src/adapters/http/pages.ts):
 * `index.html` is the public congestion page at /status/ (embeddable in the ward homepage),
 * `ticket.html` the ticket's phone page, served at /t/{token} (the QR code on the ticket).
 * Assets live under /status/assets/ for both.
 */
const here = (p: string): string => decodeURIComponent(new URL(p, import.meta.url).pathname);
const shared = here('../shared/src/index.ts');
/** `npm run dev -w @madoguchi/status` proxies the API and the socket to a server started with `npm start` */
const server = 'http://localhost:3000';

export default defineConfig({
  base: '/status/',
  plugins: [react()],
  resolve: { alias: { '@madoguchi/shared': shared } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      input: { index: here('./index.html'), ticket: here('./ticket.html') },
      // shared/ also holds the server's TypeBox schemas; the pages use none of them at run time
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
