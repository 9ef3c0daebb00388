import { Type } from 'typebox';
import { CounterSchema, DomainError, IssuingStateSchema, LocalizedTextSchema, Nullable } from '@madoguchi/shared';
import { allow } from '../auth-hooks.js';
import { CounterParams, errors, security, SiteParam, type App, type HttpDeps } from '../context.js';

const Num = Nullable(Type.Number());

const AlertSchema = Type.Object({
  key: Type.String(),
  kind: Type.Union([Type.Literal('wait'), Type.Literal('waiting'), Type.Literal('counter_paused'), Type.Literal('printer'), Type.Literal('button'), Type.Literal('device_flood')]),
  queue: Type.Optional(Type.String()),
  counter: Type.Optional(Type.String()),
  printer: Type.Optional(Type.String()),
  button: Type.Optional(Type.String()),
  device: Type.Optional(Type.String()),
  value: Num,
  threshold: Num,
  since: Nullable(Type.String()),
  detail: Nullable(Type.String()),
});

const ButtonStatusSchema = Type.Object({
  id: Type.String(),
  counter: Type.String(),
  vendorId: Type.Integer(),
  productId: Type.Integer(),
  serial: Nullable(Type.String()),
  path: Nullable(Type.String()),
  connected: Type.Boolean(),
  detail: Nullable(Type.String()),
  lastPressAt: Nullable(Type.String()),
  lastResult: Nullable(
    Type.Object({ at: Type.String(), action: Type.String(), ok: Type.Boolean(), label: Nullable(Type.String()), code: Nullable(Type.String()) }),
  ),
});

const DashboardSchema = Type.Object({
  at: Type.String(),
  businessDate: Type.String(),
  thresholds: Type.Object({ counterPausedMinutes: Type.Integer() }),
  queues: Type.Array(
    Type.Object({
      id: Type.String(),
      name: LocalizedTextSchema,
      issuing: IssuingStateSchema,
      closedReason: Nullable(Type.String()),
      waiting: Type.Integer(),
      longestWaitMinutes: Num,
      averageWaitToday: Num,
      averageWaitLast30: Num,
      estimatedWaitMinutes: Num,
      issued: Type.Integer(),
      served: Type.Integer(),
      noShows: Type.Integer(),
      openCounters: Type.Number(),
      alerts: Type.Object({ waitMinutes: Type.Integer(), waiting: Type.Integer() }),
    }),
  ),
  counters: Type.Array(Type.Intersect([CounterSchema, Type.Object({ currentSeconds: Nullable(Type.Integer()), stateSince: Nullable(Type.String()) })])),
  printers: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), health: Type.String(), detail: Nullable(Type.String()) })),
  buttons: Type.Array(ButtonStatusSchema),
  alerts: Type.Array(AlertSchema),
  failedPrints: Type.Array(
    Type.Object({
      job: Type.Integer(),
      ticketId: Type.Integer(),
      label: Type.String(),
      printer: Type.String(),
      kiosk: Nullable(Type.String()),
      reason: Nullable(Type.String()),
      at: Type.String(),
    }),
  ),
});

const MovePreviewSchema = Type.Object({
  counter: Type.String(),
  queues: Type.Array(
    Type.Object({
      id: Type.String(),
      waiting: Type.Integer(),
      before: Num,
      after: Num,
      countersBefore: Type.Number(),
      countersAfter: Type.Number(),
    }),
  ),
  nextTicket: Type.Object({ before: Nullable(Type.String()), after: Nullable(Type.String()) }),
});

const MoveQuery = Type.Object(
  {
    queues: Type.String({ minLength: 1, maxLength: 512, description: 'comma-separated queue ids' }),
    primaryQueue: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);

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
