import { Type } from 'typebox';
import {
  DEFAULT_TARGET_WAIT_MINUTES,
  DomainError,
  FORECAST_DEFAULT_DAYS,
  ForecastQuery,
  ForecastSchema,
  MonthQuery,
  SitesComparisonSchema,
  StaffingQuery,
  StaffingSchema,
} from '@madoguchi/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { checkCalendarDate, type DemandForecasts } from '../../../app/demand-use-cases.js';
import { DEFAULT_FORECAST_LICENCE } from '../../../domain/site.js';
import { mayActOn } from '../../auth/auth-service.js';
import { allow } from '../auth-hooks.js';
import { errors, security, SiteParam, type App, type HttpDeps } from '../context.js';

/** The forecast is refitted once a day: a client may keep an answer 5 minutes, then revalidate (ETag). */
const FORECAST_CACHE = 'public, max-age=300';
const CC_BY_4 = 'https://creativecommons.org/licenses/by/4.0/';

/** The licence in a header: as it is when plain ASCII, percent-encoded otherwise (a Japanese licence name). */
const headerText = (s: string): string => (/^[\x20-\x7e]*$/.test(s) ? s : encodeURIComponent(s));

/** States the open data's licence: `X-License`, and for CC BY 4.0 a `Link` to its deed. */
function licenceHeaders(reply: FastifyReply, licence: string): void {
  reply.header('x-license', headerText(licence));
  if (licence === DEFAULT_FORECAST_LICENCE) reply.header('link', `<${CC_BY_4}>; rel="license"`);
}

/**
 * A query's whole-number fields arrive as text and the server's Ajv does not coerce types (a body's
 * "7" is not 7): these fields are turned into numbers before validation when they are plain digits,
 * and anything else is left for the schema to refuse, naming the field.
 */
const integerQuery =
  (...fields: string[]) =>
  async (req: FastifyRequest): Promise<void> => {
    const q = req.query as Record<string, unknown>;
    for (const f of fields) {
      const v = q[f];
      if (typeof v === 'string' && /^[0-9]{1,6}$/.test(v)) q[f] = Number(v);
    }
  };

/** 304 when the client holds this answer already. */
function notModified(req: FastifyRequest, etag: string): boolean {
  const inm = req.headers['if-none-match'];
  return inm !== undefined && inm.split(',').some((t) => t.trim() === etag || t.trim() === '*');
}

/** The congestion forecast calendar (public open data), the staffing plan and the comparison across sites. */
export function forecastRoutes(app: App, { config }: HttpDeps, demand: DemandForecasts): void {
  const window = (q: { from?: string | undefined; days?: number | undefined }) => {
    if (q.from !== undefined) checkCalendarDate(q.from, 'from');
    return { from: q.from, days: q.days ?? FORECAST_DEFAULT_DAYS };
  };
  // a 304 carries no body: never the length of a serialised null
  const emptyOn304 = async (_req: FastifyRequest, reply: FastifyReply, payload: unknown) => (reply.statusCode === 304 ? '' : payload);

  app.get(
    '/api/v1/sites/:site/forecast',
    {
      onSend: emptyOn304,
      preValidation: integerQuery('days'),
      schema: {
        tags: ['public'],
        summary: '混雑予測カレンダー: expected arrivals, level and wait per queue, day and hour; open data (licence stated); 304 to If-None-Match',
        params: SiteParam,
        querystring: ForecastQuery,
        response: { 200: ForecastSchema, 304: Type.Null(), ...errors(400, 404) },
      },
    },
    async (req, reply) => {
      const { from, days } = window(req.query);
      const { json, etag } = demand.forecast(req.params.site, from, days);
      reply.header('etag', etag).header('cache-control', FORECAST_CACHE).header('access-control-allow-origin', '*');
      licenceHeaders(reply, json.licence);
      if (notModified(req, etag)) return reply.status(304).send(null);
      return json;
    },
  );

  app.get(
    '/api/v1/sites/:site/forecast.csv',
    {
      onSend: emptyOn304,
      preValidation: integerQuery('days'),
      schema: {
        tags: ['public'],
        summary: 'the forecast as CSV, UTF-8 with BOM: one row per date × queue × open hour (open data, licence in X-License)',
        params: SiteParam,
        querystring: ForecastQuery,
        response: { 200: Type.String(), 304: Type.Null(), ...errors(400, 404) },
      },
    },
    async (req, reply) => {
      const { from, days } = window(req.query);
      const { csv, etag, licence } = demand.forecastCsv(req.params.site, from, days);
      const start = from ?? demand.today(req.params.site);
      reply
        .header('etag', etag)
        .header('cache-control', FORECAST_CACHE)
        .header('access-control-allow-origin', '*')
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${req.params.site}-forecast-${start}-${days}d.csv"`);
      licenceHeaders(reply, licence);
      if (notModified(req, etag)) return reply.status(304).send(null);
      return reply.send(csv);
    },
  );

  app.get(
    '/api/v1/sites/:site/staffing',
    {
      onRequest: allow({ role: 'manager' }),
      preValidation: integerQuery('targetWaitMinutes'),
      schema: {
        tags: ['manager'],
        summary: 'the staffing plan of a day: counters needed per queue and hour for the target wait (Erlang C) beside those planned, and the forecast’s measured accuracy',
        security,
        params: SiteParam,
        querystring: StaffingQuery,
        response: { 200: StaffingSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      checkCalendarDate(req.query.date, 'date');
      reply.header('cache-control', 'no-store');
      return demand.staffing(req.params.site, req.query.date, req.query.targetWaitMinutes ?? DEFAULT_TARGET_WAIT_MINUTES);
    },
  );

  /** The sites the caller may see: every site for an administrator or a user bound to none. */
  const visibleSites = (req: FastifyRequest): string[] => {
    const p = req.principal;
    if (!p || p.kind !== 'staff') throw new DomainError('FORBIDDEN', 'staff only');
    return config.sites.map((s) => s.id).filter((id) => mayActOn(p, id));
  };

  app.get(
    '/api/v1/reports/sites',
    {
      onRequest: allow({ role: 'manager' }),
      schema: {
        tags: ['manager'],
        summary: 'a month of every site the user may see, side by side: tickets, mean and p90 wait, no-show rate, satisfaction, busiest hour',
        security,
        querystring: MonthQuery,
        response: { 200: SitesComparisonSchema, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return demand.comparison(visibleSites(req), req.query.month);
    },
  );

  app.get(
    '/api/v1/reports/sites.csv',
    {
      onRequest: allow({ role: 'manager' }),
      schema: {
        tags: ['manager'],
        summary: 'the comparison across sites as CSV, UTF-8 with BOM',
        security,
        querystring: MonthQuery,
        response: { 200: Type.String(), ...errors(400, 401, 403) },
      },
    },
    async (req, reply) =>
      reply
        .header('cache-control', 'no-store')
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="sites-${req.query.month}.csv"`)
        .send(demand.comparisonCsv(visibleSites(req), req.query.month)),
  );
}
