import { Type } from 'typebox';
import { DomainError, FeedbackBody, QueuesReplySchema, SitesReplySchema, SiteStatusSchema, TicketStatusSchema } from '@madoguchi/shared';
import type { StatusCache } from '../status-cache.js';
import { errors, SiteParam, type App, type HttpDeps } from '../context.js';

/** Public, anonymous routes: sites, congestion status (cacheable) and a ticket by its token. */
export function publicRoutes(app: App, { engine, config, database, auth }: HttpDeps, statuses: StatusCache): void {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['public'],
        summary: 'liveness: 200 while the database answers; `store` says whether it can also write',
        description:
          '`store: "full"` means the disk under the database is full: writes answer 507 STORAGE_FULL, reads and the ' +
          'pages go on, audit rows wait in memory (`pendingAudit`), and writes resume by themselves once space is ' +
          'freed. It stays 200 on purpose: the process is healthy and serving, and a restart (what an orchestrator ' +
          'does on an unhealthy check) frees no space. Monitoring alerts on `store` (docs/operations.md).',
        response: {
          200: Type.Object({
            ok: Type.Literal(true),
            store: Type.Union([Type.Literal('ok'), Type.Literal('full')]),
            /** when the disk filled (ISO), while full */
            fullSince: Type.Union([Type.String(), Type.Null()]),
            /** writes refused since then */
            refusedWrites: Type.Integer(),
            pendingAudit: Type.Integer(),
          }),
        },
      },
    },
    async () => {
      database.check();
      database.storage.check(); // space freed since the last look shows at once, not after the retry period
      const c = database.storage.condition();
      return { ok: true as const, store: c.store, fullSince: c.since, refusedWrites: c.refused, pendingAudit: auth.pendingAuditRows() };
    },
  );

  app.get(
    '/api/v1/sites',
    {
      schema: {
        tags: ['public'],
        response: { 200: SitesReplySchema },
      },
    },
    async () => ({ sites: config.sites.map((s) => ({ id: s.id, name: s.name, kind: s.kind })) }),
  );

  app.get(
    '/api/v1/sites/:site/queues',
    {
      schema: {
        tags: ['public'],
        summary: 'the window types of a site and their procedures (for kiosks and the status page)',
        params: SiteParam,
        response: { 200: QueuesReplySchema, ...errors(404) },
      },
    },
    async (req, reply) => {
      const site = config.sites.find((s) => s.id === req.params.site);
      if (!site) throw new DomainError('NOT_FOUND', `unknown site "${req.params.site}"`, { field: 'site' });
      reply.header('cache-control', 'public, max-age=60');
      return {
        queues: site.queues.map((q) => ({
          id: q.id,
          name: q.name,
          services: q.services.map((s) => ({ id: s.id, name: s.name })),
          booking: q.booking ? { slotMinutes: q.booking.slotMinutes, daysAhead: q.booking.daysAhead } : null,
        })),
      };
    },
  );

  app.get(
    '/api/v1/sites/:site/status',
    {
      // a 304 carries no body: never the length of a serialised null, which a client would wait for
      onSend: async (_req, reply, payload) => (reply.statusCode === 304 ? '' : payload),
      schema: {
        tags: ['public'],
        summary: '混雑状況: waiting, estimated wait and last called per queue; answers 304 to If-None-Match',
        params: SiteParam,
        response: { 200: SiteStatusSchema, 304: Type.Null(), ...errors(404) },
      },
    },
    async (req, reply) => {
      const { status, etag } = statuses.of(req.params.site);
      reply.header('etag', etag);
      reply.header('cache-control', 'public, max-age=5, stale-while-revalidate=10');
      reply.header('access-control-allow-origin', '*');
      const inm = req.headers['if-none-match'];
      if (inm && inm.split(',').some((t) => t.trim() === etag)) return reply.status(304).send(null);
      return { ...status, at: new Date(engine.deps.clock.now().getTime()).toISOString() };
    },
  );

  app.get(
    '/api/v1/tickets/:token',
    {
      schema: {
        tags: ['public'],
        summary: 'the phone page’s view of one ticket, found only by its unguessable token',
        params: Type.Object({ token: Type.String({ minLength: 1, maxLength: 128 }) }),
        response: { 200: TicketStatusSchema, ...errors(404) },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      try {
        return engine.ticketStatus(req.params.token);
      } catch (e) {
        if (e instanceof DomainError && e.code === 'NOT_FOUND') throw new DomainError('NOT_FOUND', 'unknown ticket', { field: 'token' });
        throw e;
      }
    },
  );
}

/** The phone page's one-tap satisfaction question, after service. */
export function feedbackRoute(app: App, { engine }: HttpDeps): void {
  app.post(
    '/api/v1/tickets/:token/feedback',
    {
      config: { rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags: ['public'],
        summary: 'お客様ニーズの把握: one answer (1–5) per served ticket, no personal data',
        params: Type.Object({ token: Type.String({ minLength: 1, maxLength: 128 }) }),
        body: FeedbackBody,
        response: { 204: Type.Null(), ...errors(400, 404, 409) },
      },
    },
    async (req, reply) => {
      engine.giveFeedback(req.params.token, req.body.rating);
      return reply.status(204).send(null);
    },
  );
}
