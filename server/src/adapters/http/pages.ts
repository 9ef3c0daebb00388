import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { App } from './context.js';
import { pointNoscriptHop, statusHopHref, ticketHopHref } from './plain-pages/noscript.js';

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
  // the status page through a route of its own, so that its noscript hop keeps ?site= and ?lang= (plain-pages/noscript.ts)
  const statusPage = join(root, 'status', 'dist', 'index.html');
  if (existsSync(statusPage)) {
    app.get('/status/', async (req, reply) =>
      reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(pointNoscriptHop(await readFile(statusPage, 'utf8'), statusHopHref(req.query))),
    );
  }
  // the phone page's service worker (status/public/sw.js) at /t/, so that its scope is every phone page; always
  // revalidated, so that a new version reaches the phones at their next visit
  const phoneWorker = join(root, 'status', 'dist', 'sw.js');
  if (existsSync(phoneWorker)) {
    app.get('/t/sw.js', async (_req, reply) =>
      reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(await readFile(phoneWorker, 'utf8')),
    );
  }
  // the ticket's phone page, the second entry of the status app: the QR code on every ticket points to /t/{token}
  const phonePage = join(root, 'status', 'dist', 'ticket.html');
  if (existsSync(phonePage)) {
    app.get('/t/:token', async (req, reply) =>
      reply
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(pointNoscriptHop(await readFile(phonePage, 'utf8'), ticketHopHref((req.params as { token: string }).token, req.query))),
    );
  }
  // a booking's own page, the third entry of the status app: the booking's QR code and link point to /b/{token}
  const bookingPage = join(root, 'status', 'dist', 'booking.html');
  if (existsSync(bookingPage)) {
    app.get('/b/:token', async (_req, reply) => reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(await readFile(bookingPage, 'utf8')));
  }
  return served;
}
