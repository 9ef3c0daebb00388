import { Type } from 'typebox';
import { DashboardSchema, DomainError, MovePreviewSchema, MoveQuery } from '@madoguchi/shared';
import { allow } from '../auth-hooks.js';
import { CounterParams, errors, security, SiteParam, type App, type HttpDeps } from '../context.js';

const ClockBody = Type.Object(
  {
    advanceMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 366 * 86_400_000 })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

/** The floor manager's live figures and alerts, and the estimate of a counter move. */
export function managerRoutes(app: App, { engine, hardware }: HttpDeps): void {
  app.get(
    '/api/v1/sites/:site/dashboard',
    {
      onRequest: allow({ role: 'manager' }),
      schema: {
        tags: ['manager'],
        summary: 'per queue and per counter figures, printer and button health, and the active alerts',
        security,
        params: SiteParam,
        response: { 200: DashboardSchema, ...errors(401, 403, 404) },
      },
    },
    async (req, reply) => reply.header('cache-control', 'no-store').send(engine.dashboard(req.params.site, hardware.buttonStatuses(req.params.site))),
  );

  app.get(
    '/api/v1/sites/:site/counters/:counter/move-preview',
    {
      onRequest: allow({ role: 'manager' }),
      schema: {
        tags: ['manager'],
        summary: 'the estimated waits before and after moving the counter to `queues` (nothing changes)',
        security,
        params: CounterParams,
        querystring: MoveQuery,
        response: { 200: MovePreviewSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const queues = [...new Set(req.query.queues.split(',').map((q) => q.trim()).filter((q) => q !== ''))];
      return engine.movePreview(req.params.site, req.params.counter, queues, req.query.primaryQueue ?? null);
    },
  );

  // the simulator's and the tests' virtual clock: only on a server started with a manual clock
  const manual = hardware.manualClock;
  if (manual) {
    app.post(
      '/api/v1/clock',
      {
        onRequest: allow({ role: 'admin' }),
        config: { action: 'clock.set' },
        schema: {
          tags: ['admin'],
          summary: 'moves the manual clock (MANUAL_CLOCK servers only), then runs the periodic checks',
          security,
          body: ClockBody,
          response: { 200: Type.Object({ now: Type.String() }), ...errors(400, 401, 403) },
        },
      },
      async (req) => {
        if (req.body.to !== undefined) manual.set(req.body.to);
        else if (req.body.advanceMs !== undefined) manual.advance(req.body.advanceMs);
        else throw new DomainError('VALIDATION', 'give advanceMs or to', { field: 'advanceMs' });
        hardware.tick();
        return { now: manual.now().toISOString() };
      },
    );
  }
}
