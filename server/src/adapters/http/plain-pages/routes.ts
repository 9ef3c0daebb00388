import { Type } from 'typebox';
import { DomainError } from '@madoguchi/shared';
import { SiteId, type App, type HttpDeps } from '../context.js';
import { LANG_TAG_PATTERN, plainLanguage } from './language.js';
import type { StatusCache } from '../status-cache.js';
import type { PlainPage } from './refresh.js';
import { renderStatusPage, renderUnknownSite } from './status-page.js';
import { renderTicketPage, renderUnknownTicket } from './ticket-page.js';

const LangTag = Type.String({ maxLength: 35, pattern: LANG_TAG_PATTERN });
/** `off` stops the page's reloading (refresh.ts) */
const RefreshChoice = Type.Union([Type.Literal('on'), Type.Literal('off')]);

const HTML = 'text/html; charset=utf-8';

/**
 * The reload is sent as the `Refresh` header, which browsers treat as `<meta http-equiv="refresh">`
 * (the HTML standard says so): an automatic reload in the document itself is what checkers flag
 * as a time limit the visitor cannot see or stop, and this one can be stopped (refresh.ts).
 */
const withRefresh = (page: PlainPage) => (page.refreshSeconds === null ? {} : { refresh: String(page.refreshSeconds) });

/**
 * The status page and a ticket's phone page as server-rendered HTML, for browsers that run no
 * scripts (feature phones, a call center's plain browser): the scripted pages' `<noscript>` leads
 * here (noscript.ts). Same queries as the JSON routes, the same catalogue, all seven languages.
 */
export function plainPageRoutes(app: App, { engine, config }: HttpDeps, statuses: StatusCache): void {
  app.get(
    '/status/plain',
    {
      schema: {
        tags: ['public'],
        summary: '混雑状況 as plain HTML for browsers without scripts, reloading itself every 30 s unless `refresh=off`',
        querystring: Type.Object({ site: Type.Optional(SiteId), lang: Type.Optional(LangTag), refresh: Type.Optional(RefreshChoice) }),
      },
    },
    async (req, reply) => {
      const lang = plainLanguage(req.query.lang, req.headers['accept-language']);
      reply.type(HTML).header('vary', 'accept-language');
      const site = req.query.site === undefined ? config.sites[0] : config.sites.find((s) => s.id === req.query.site);
      if (!site) return reply.status(404).header('cache-control', 'no-cache').send(renderUnknownSite(lang));
      const page = renderStatusPage({ lang, site, sites: config.sites, status: statuses.of(site.id).status, refresh: req.query.refresh ?? 'on' });
      // as cacheable as the status answer it shows (GET …/status)
      return reply.headers({ 'cache-control': 'public, max-age=5, stale-while-revalidate=10', ...withRefresh(page) }).send(page.html);
    },
  );

  app.get(
    '/t/:token/plain',
    {
      schema: {
        tags: ['public'],
        summary: 'a ticket’s phone page as plain HTML for browsers without scripts, reloading itself every 30 s unless `refresh=off`; never cached',
        params: Type.Object({ token: Type.String({ minLength: 1, maxLength: 128 }) }),
        querystring: Type.Object({ lang: Type.Optional(LangTag), refresh: Type.Optional(RefreshChoice) }),
      },
    },
    async (req, reply) => {
      const visitorLanguage = () => plainLanguage(req.query.lang, req.headers['accept-language']);
      reply.type(HTML).header('cache-control', 'no-store').header('vary', 'accept-language');
      let ticket;
      try {
        ticket = engine.ticketStatus(req.params.token);
      } catch (e) {
        if (e instanceof DomainError && e.code === 'NOT_FOUND') return reply.status(404).send(renderUnknownTicket(visitorLanguage()));
        throw e;
      }
      const site = config.sites.find((s) => s.id === ticket.site);
      if (!site) return reply.status(404).send(renderUnknownTicket(visitorLanguage()));
      const lang = plainLanguage(req.query.lang, req.headers['accept-language'], ticket.language);
      const at = new Date(engine.deps.clock.now().getTime()).toISOString();
      const page = renderTicketPage({ lang, token: req.params.token, ticket, site, at, refresh: req.query.refresh ?? 'on' });
      return reply.headers(withRefresh(page)).send(page.html);
    },
  );
}
