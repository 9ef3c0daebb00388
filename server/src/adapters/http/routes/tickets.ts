import { Type, type Static } from 'typebox';
import type { TakenTicket } from '../../../app/ticket-use-cases.js';
import { DomainError, IssuedTicketSchema, PrintReplySchema, ReprintBody, TakeTicketBody, TicketReplySchema, TicketsReplySchema } from '@madoguchi/shared';
import { actorOf, allow } from '../auth-hooks.js';
import { emptyBodyAsObject, errors, IdParams, security, SiteParam, type App, type HttpDeps } from '../context.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,128}$/;

/** 発券 from a kiosk, and the staff actions on a ticket by id. */
/** The wire's IssuedTicket from a ticket just taken (a walk-in's, or a booked citizen's at check-in). */
export const issuedAnswer = (r: TakenTicket, publicUrl: string): Static<typeof IssuedTicketSchema> => ({
  id: r.ticket.id,
  label: r.ticket.label,
  queue: r.ticket.queue,
  service: r.ticket.service,
  issuedAt: r.ticket.issuedAt,
  ahead: r.ahead,
  estimatedWaitMinutes: r.estimatedWaitMinutes,
  token: r.token,
  trackUrl: `${publicUrl}/t/${r.token}`,
  priority: r.ticket.priority,
  lowCounter: r.ticket.lowCounter,
  businessDate: r.ticket.businessDate,
  print: r.print,
});

export function ticketRoutes(app: App, { engine, config }: HttpDeps): void {
  app.post(
    '/api/v1/sites/:site/tickets',
    {
      onRequest: allow({ devices: ['kiosk'], role: 'manager' }),
      config: { action: 'ticket.take' },
      schema: {
        tags: ['kiosk'],
        summary: 'take a ticket; the same Idempotency-Key returns the same ticket, never a second one',
        security,
        params: SiteParam,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: TakeTicketBody,
        description:
          'A kiosk device may take `issueLimit.burst` tickets at once and `issueLimit.perMinute` a minute (configuration, ' +
          'per site or per kiosk; default 30 and 10). Past it: 429 RATE_LIMITED with Retry-After, nothing written, no number ' +
          'used, and the manager is alerted (device_flood). 409 NUMBERS_EXHAUSTED once the queue’s range is used up for the day.',
        response: { 200: IssuedTicketSchema, 201: IssuedTicketSchema, ...errors(400, 401, 403, 404, 409, 429, 507) },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))) {
        throw new DomainError('VALIDATION', 'Idempotency-Key: 1–128 of A-Z a-z 0-9 _ . : -', { field: 'Idempotency-Key' });
      }
      const r = await engine.takeTicketGrouped(
        req.params.site,
        {
          queue: req.body.queue,
          service: req.body.service ?? null,
          priority: req.body.priority ?? false,
          lowCounter: req.body.lowCounter ?? false,
          ...(req.body.language ? { language: req.body.language } : {}),
          idempotencyKey: key ?? null,
          kiosk: req.principal?.kind === 'device' ? req.principal.name : null,
        },
        actorOf(req),
      );
      return reply.status(r.created ? 201 : 200).send(issuedAnswer(r, config.publicUrl));
    },
  );

  app.post(
    '/api/v1/sites/:site/tickets/:id/reinstate',
    {
      onRequest: allow({ role: 'clerk', devices: ['counter'] }),
      config: { action: 'ticket.reinstate' },
      schema: { tags: ['staff'], security, params: IdParams, response: { 200: TicketReplySchema, ...errors(401, 403, 404, 409) } },
    },
    async (req) => ({ ticket: engine.reinstate(req.params.site, Number(req.params.id), actorOf(req)) }),
  );

  app.post(
    '/api/v1/sites/:site/tickets/:id/cancel',
    {
      onRequest: allow({ role: 'clerk' }),
      config: { action: 'ticket.cancel' },
      schema: { tags: ['staff'], security, params: IdParams, response: { 200: TicketReplySchema, ...errors(401, 403, 404, 409) } },
    },
    async (req) => ({ ticket: engine.cancel(req.params.site, Number(req.params.id), actorOf(req)) }),
  );

  app.post(
    '/api/v1/sites/:site/tickets/:id/reprint',
    {
      onRequest: allow({ role: 'clerk' }),
      preValidation: emptyBodyAsObject,
      config: { action: 'ticket.reprint' },
      schema: {
        tags: ['staff'],
        summary: 'print a ticket’s slip again (after the printer was fixed), optionally on another printer',
        security,
        params: IdParams,
        body: ReprintBody,
        response: { 202: PrintReplySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) =>
      reply.status(202).send({ print: engine.reprint(req.params.site, Number(req.params.id), actorOf(req), req.body.printer ?? null) }),
  );

  app.post(
    '/api/v1/sites/:site/print-jobs/:id/discard',
    {
      onRequest: allow({ role: 'clerk' }),
      config: { action: 'print.discard' },
      schema: { tags: ['staff'], summary: 'give up on a failed slip', security, params: IdParams, response: { 204: Type.Null(), ...errors(401, 403, 404, 409) } },
    },
    async (req, reply) => {
      engine.discardPrintJob(req.params.site, Number(req.params.id), actorOf(req));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/sites/:site/tickets',
    {
      onRequest: allow({ role: 'clerk', devices: ['counter'] }),
      schema: {
        tags: ['staff'],
        summary: 'today’s tickets of the site',
        security,
        params: SiteParam,
        response: { 200: TicketsReplySchema, ...errors(401, 403, 404) },
      },
    },
    async (req) => ({ tickets: engine.ticketsOfToday(req.params.site) }),
  );
}
