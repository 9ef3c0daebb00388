import { Type } from 'typebox';
import { DomainError } from '@madoguchi/shared';
import { allow } from '../auth-hooks.js';
import { errors, security, SiteParam, type App, type HttpDeps } from '../context.js';

const DateQuery = Type.Object({ date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' }) }, { additionalProperties: false });

const Stats = Type.Object({
  count: Type.Integer(),
  mean: Type.Union([Type.Number(), Type.Null()]),
  median: Type.Union([Type.Number(), Type.Null()]),
  p90: Type.Union([Type.Number(), Type.Null()]),
  max: Type.Union([Type.Number(), Type.Null()]),
});

const DailyReportSchema = Type.Object({
  date: Type.String(),
  issued: Type.Integer(),
  served: Type.Integer(),
  noShows: Type.Integer(),
  arrivalsByHour: Type.Array(Type.Integer()),
  queues: Type.Array(
    Type.Object({
      queue: Type.String(),
      issued: Type.Integer(),
      served: Type.Integer(),
      noShows: Type.Integer(),
      cancelled: Type.Integer(),
      expired: Type.Integer(),
      transfersIn: Type.Integer(),
      waits: Stats,
      serviceTimes: Stats,
      noShowRate: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
  services: Type.Array(Type.Object({ queue: Type.String(), service: Type.String(), served: Type.Integer(), waits: Stats, serviceTimes: Stats })),
  satisfaction: Type.Array(Type.Object({ queue: Type.String(), answers: Type.Integer(), mean: Type.Union([Type.Number(), Type.Null()]) })),
});

function checkDate(date: string): void {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date) {
    throw new DomainError('VALIDATION', `not a calendar date: ${date}`, { field: 'date' });
  }
}

/** PDCA: a day's figures and every ticket's timeline, derived from the event log. */
export function reportRoutes(app: App, { engine }: HttpDeps): void {
  app.get(
    '/api/v1/sites/:site/reports/daily',
    {
      onRequest: allow({ role: 'manager' }),
      schema: { tags: ['manager'], security, params: SiteParam, querystring: DateQuery, response: { 200: DailyReportSchema, ...errors(400, 401, 403, 404) } },
    },
    async (req) => {
      checkDate(req.query.date);
      return engine.dailyReport(req.params.site, req.query.date);
    },
  );

  app.get(
    '/api/v1/sites/:site/reports/daily.csv',
    {
      onRequest: allow({ role: 'manager' }),
      schema: { tags: ['manager'], security, params: SiteParam, querystring: DateQuery, response: { 200: Type.String(), ...errors(400, 401, 403, 404) } },
    },
    async (req, reply) => {
      checkDate(req.query.date);
      const csv = engine.dailyCsv(req.params.site, req.query.date);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${req.params.site}-${req.query.date}.csv"`)
        .send(csv);
    },
  );
}
