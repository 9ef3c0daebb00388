import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { App } from './context.js';

/** The browser apps, each built by Vite into `<name>/dist` and served at `/<name>/`. */
export const PAGES = ['kiosk', 'display', 'counter', 'manager', 'status'] as const;

export async function registerPages(app: App, root: string): Promise<string[]> {
  const served: string[] = [];
  for (const page of PAGES) {
    const dir = join(root, page, 'dist');
    if (!existsSync(join(dir, 'index.html'))) continue;
    await app.register(fastifyStatic, {
      root: dir,
      prefix: `/${page}/`,
      decorateReply: served.length === 0,
      // hashed assets can be cached for long; index.html must always be fresh
      setHeaders: (res, path) => {
        res.header('cache-control', path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
      },
    });
    app.get(`/${page}`, async (_req, reply) => reply.redirect(`/${page}/`, 301));
    served.push(page);
  }
  return served;
}
