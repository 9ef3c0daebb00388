import { Type } from 'typebox';
import { DomainError } from '@madoguchi/shared';
import { SiteId, type App, type HttpDeps } from '../context.js';
import { LANG_TAG_PATTERN, plainLanguage } from './language.js';
import { renderStatusPage, renderUnknownSite } from './status-page.js';
import { renderTicketPage, renderUnknownTicket } from './ticket-page.js';

/**
 * How often a plain page reloads itself. 30 s: the scripted status page re-reads the status as
 * often when its socket is down; a call reaches the phone within 30 s, while a called ticket
 * stays called for minutes (the clerk recalls it `recallsBeforeNoShow` times before a no-show);
 * and a feature phone downloads the whole page (about 3 KB) each time, so a citizen waiting an
 * hour costs 120 small requests, not a battery and a data plan.
 */
export const PLAIN_REFRESH_SECONDS = 30;

const LangTag = Type.String({ maxLength: 35, pattern: LANG_TAG_PATTERN });

const HTML = 'text/html; charset=utf-8';

/**
 * The status page and a ticket's phone page as server-rendered HTML, for browsers that run no
 * scripts (feature phones, a call center's plain browser): the scripted pages' `<noscript>` leads
 * here (noscript.ts). Same queries as the JSON routes, same catalogue, all seven languages.
 */
export function plainPageRoutes(app: App, { engine, config }: HttpDeps): void {
  app.get(
    '/status/plain',
    {
      schema: {
        tags: ['public'],
        summary: '混雑状況 as plain HTML that reloads itself every 30 s (no scripts); `site` defaults to the first site',
        querystring: Type.Object({ site: Type.Optional(SiteId), lang: Type.Optional(LangTag) }),
      },
    },
    async (req, reply) => {
      const lang = plainLanguage(req.query.lang, req.headers['accept-language']);
      reply.type(HTML).header('vary', 'accept-language');
      const site = req.query.site === undefined ? config.sites[0] : config.sites.find((s) => s.id === req.query.site);
      if (!site) return reply.status(404).header('cache-control', 'no-cache').send(renderUnknownSite(lang));
      // as cacheable as the status answer it shows (GET …/status)
      reply.header('cache-control', 'public, max-age=5, stale-while-revalidate=10');
      return renderStatusPage({ lang, site, sites: config.sites, status: engine.status(site.id), refreshSeconds: PLAIN_REFRESH_SECONDS });
    },
  );

  app.get(
    '/t/:token/plain',
    {
      schema: {
        tags: ['public'],
        summary: 'a ticket’s phone page as plain HTML that reloads itself every 30 s (no scripts); never cached',
        params: Type.Object({ token: Type.String({ minLength: 1, maxLength: 128 }) }),
        querystring: Type.Object({ lang: Type.Optional(LangTag) }),
      },
    },
    async (req, reply) => {
      const lang = plainLanguage(req.query.lang, req.headers['accept-language']);
      reply.type(HTML).header('cache-control', 'no-store').header('vary', 'accept-language');
      let ticket;
      try {
        ticket = engine.ticketStatus(req.params.token);
      } catch (e) {
        if (e instanceof DomainError && e.code === 'NOT_FOUND') return reply.status(404).send(renderUnknownTicket(lang));
        throw e;
      }
      const site = config.sites.find((s) => s.id === ticket.site);
      if (!site) return reply.status(404).send(renderUnknownTicket(lang));
      const at = new Date(engine.deps.clock.now().getTime()).toISOString();
      return renderTicketPage({ lang, token: req.params.token, ticket, site, at, refreshSeconds: PLAIN_REFRESH_SECONDS });
    },
  );
}
