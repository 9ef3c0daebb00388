import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, type HtmlTagDescriptor, type Plugin, type UserConfig } from 'vite';

/**
 * The Vite configuration every page shares: served by the madoguchi server at `/<page>/`
 * (server/src/adapters/http/pages.ts), the common head written by `pageShell`, `@madoguchi/shared`
 * from its sources (the `source` condition of its package exports), and in `vite dev` the API and
 * the socket proxied to a server started with `npm start`.
 */
export function pageConfig(page: string, pageUrl: string, inputs?: Record<string, string>): UserConfig {
  const here = (p: string): string => decodeURIComponent(new URL(p, pageUrl).pathname);
  const server = 'http://localhost:3000';
  return defineConfig({
    base: `/${page}/`,
    plugins: [react(), pageShell()],
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

/**
 * What every page's HTML has in common, written once: the charset, a viewport that fits the device
 * (unless the page declares its own, as the kiosk does to forbid zooming), no referrer sent from
 * the page, an empty icon (no request for /favicon.ico) and the `#root` React mounts on. Each
 * index.html (and status/ticket.html) keeps only its own: language, title, entry script and head
 * tags of its own.
 */
function pageShell(): Plugin {
  const meta = (attrs: Record<string, string>): HtmlTagDescriptor => ({ tag: 'meta', attrs, injectTo: 'head-prepend' });
  return {
    name: 'madoguchi-page-shell',
    transformIndexHtml: (html) => [
      meta({ charset: 'utf-8' }),
      ...(/<meta\s+name="viewport"/.test(html) ? [] : [meta({ name: 'viewport', content: 'width=device-width, initial-scale=1' })]),
      meta({ name: 'referrer', content: 'no-referrer' }),
      { tag: 'link', attrs: { rel: 'icon', href: 'data:,' }, injectTo: 'head-prepend' },
      { tag: 'div', attrs: { id: 'root' }, injectTo: 'body-prepend' },
    ],
  };
}
