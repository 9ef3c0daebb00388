import { Type } from 'typebox';
import { CallNextBody, CallTicketBody, CounterReplySchema, CountersReplySchema, DomainError, TicketReplySchema, TransferBody, UpdateCounterBody } from '@madoguchi/shared';
import { actorOf, allow } from '../auth-hooks.js';
import { CounterParams, emptyBodyAsObject, errors, security, SiteParam, type App, type HttpDeps } from '../context.js';

const clerk = allow({ role: 'clerk', devices: ['counter'] });

/** The clerk's actions at a counter, and the manager's changes to a counter. */
export function counterRoutes(app: App, { engine }: HttpDeps): void {
  app.get(
    '/api/v1/sites/:site/counters',
    {
      onRequest: clerk,
      schema: { tags: ['staff'], security, params: SiteParam, response: { 200: CountersReplySchema, ...errors(401, 403, 404) } },
    },
    async (req) => ({ counters: engine.counters(req.params.site) }),
  );

  app.post(
    '/api/v1/sites/:site/counters/:counter/call-next',
    {
      onRequest: clerk,
      preValidation: emptyBodyAsObject,
      config: { action: 'counter.call-next' },
      schema: {
        tags: ['staff'],
        summary: '呼出: the next ticket for this counter (204 when nothing waits)',
        security,
        params: CounterParams,
        body: CallNextBody,
        response: { 200: TicketReplySchema, 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const t = engine.callNext(req.params.site, req.params.counter, actorOf(req), { confirmNoShow: req.body.confirmNoShow ?? false });
      return t ? { ticket: t } : reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/sites/:site/counters/:counter/call',
    {
      onRequest: clerk,
      config: { action: 'counter.call-out-of-order' },
      schema: {
        tags: ['staff'],
        summary: 'call a chosen waiting ticket out of order (recorded in the audit log)',
        security,
        params: CounterParams,
        body: CallTicketBody,
        response: { 200: TicketReplySchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => ({
      ticket: engine.callTicket(req.params.site, req.params.counter, req.body.ticket, actorOf(req), {
        confirmNoShow: req.body.confirmNoShow ?? false,
      }),
    }),
  );

  const simple = [
    ['recall', '再呼出: announce the current ticket again', (s: string, c: string, a: ReturnType<typeof actorOf>) => engine.recall(s, c, a)],
    ['start', 'the citizen arrived: now serving', (s: string, c: string, a: ReturnType<typeof actorOf>) => engine.start(s, c, a)],
    ['complete', 'served: done', (s: string, c: string, a: ReturnType<typeof actorOf>) => engine.complete(s, c, a)],
    ['no-show', '不在: the called citizen did not come', (s: string, c: string, a: ReturnType<typeof actorOf>) => engine.noShow(s, c, a)],
  ] as const;
  for (const [name, summary, run] of simple) {
    app.post(
      `/api/v1/sites/:site/counters/:counter/${name}`,
      {
        onRequest: clerk,
        config: { action: `counter.${name}` },
        schema: { tags: ['staff'], summary, security, params: CounterParams, response: { 200: TicketReplySchema, ...errors(401, 403, 404, 409) } },
      },
      async (req) => ({ ticket: run(req.params.site, req.params.counter, actorOf(req)) }),
    );
  }

  app.post(
    '/api/v1/sites/:site/counters/:counter/transfer',
    {
      onRequest: clerk,
      config: { action: 'counter.transfer' },
      schema: {
        tags: ['staff'],
        summary: '回付: the same citizen and label go on to another queue',
        security,
        params: CounterParams,
        body: TransferBody,
        response: { 200: TicketReplySchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => ({
      ticket: engine.transfer(req.params.site, req.params.counter, { queue: req.body.queue, service: req.body.service ?? null }, actorOf(req)),
    }),
  );

  app.put(
    '/api/v1/sites/:site/counters/:counter',
    {
      onRequest: allow({ role: 'clerk' }),
      config: { action: 'counter.update' },
      schema: {
        tags: ['manager'],
        summary: 'open/pause/close a counter (clerks: only one no other clerk is signed in to, which they sign in to), and which queues it serves (managers)',
        security,
        params: CounterParams,
        body: UpdateCounterBody,
        response: { 200: CounterReplySchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const b = req.body;
      if (b.state === undefined && b.queues === undefined && b.primaryQueue === undefined) {
        throw new DomainError('VALIDATION', 'send state and/or queues', { field: 'state' });
      }
      const p = req.principal;
      if (p?.kind !== 'staff') throw new DomainError('FORBIDDEN', 'only staff change a counter');
      const isManager = p.role === 'manager' || p.role === 'admin';
      if (!isManager && (b.queues !== undefined || b.primaryQueue !== undefined)) {
        throw new DomainError('FORBIDDEN', 'moving a counter to other queues needs the role manager', { field: 'queues' });
      }
      // the clerk's name is the signed-in user's, never one the request makes up; `clerk: null`
      // (a manager signing a clerk out) and one's own name are the only values accepted
      if (b.clerk !== undefined && b.clerk !== null && b.clerk !== p.username) {
        throw new DomainError('FORBIDDEN', 'the clerk of a counter is whoever signs in to it', { field: 'clerk' });
      }
      if (!isManager && b.clerk === null) throw new DomainError('FORBIDDEN', 'signing a clerk out needs the role manager', { field: 'clerk' });
      const { clerk, ...rest } = b;
      // a clerk acts on their own counter only (or a free one, which they sign in to); managers on any
      const who = isManager ? (clerk !== undefined ? { clerk } : {}) : b.state !== undefined ? { actingClerk: p.username } : {};
      const view = engine.updateCounter(req.params.site, req.params.counter, { ...rest, ...who }, actorOf(req));
      return { counter: view };
    },
  );
}
