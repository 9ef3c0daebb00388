import { Type } from 'typebox';
import { DailyReportSchema, DateQuery, DomainError, MonthlyReportSchema, MonthQuery } from '@madoguchi/shared';
import { allow } from '../auth-hooks.js';
import { errors, security, SiteParam, type App, type HttpDeps } from '../context.js';

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
    '/api/v1/sites/:site/reports/monthly',
    {
      onRequest: allow({ role: 'manager' }),
      schema: { tags: ['manager'], security, params: SiteParam, querystring: MonthQuery, response: { 200: MonthlyReportSchema, ...errors(400, 401, 403, 404) } },
    },
    async (req) => engine.monthlyReport(req.params.site, req.query.month),
  );

  const csv = (url: string, query: typeof DateQuery | typeof MonthQuery, summary: string, make: (site: string, period: string) => string, name: string) =>
    app.get(
      url,
      {
        onRequest: allow({ role: 'manager' }),
        schema: { tags: ['manager'], summary, security, params: SiteParam, querystring: query, response: { 200: Type.String(), ...errors(400, 401, 403, 404) } },
      },
      async (req, reply) => {
        const q = req.query as { date?: string; month?: string };
        const period = q.date ?? q.month ?? '';
        if (q.date !== undefined) checkDate(q.date);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${req.params.site}-${period}${name}.csv"`)
          .send(make(req.params.site, period));
      },
    );
  csv('/api/v1/sites/:site/reports/daily.csv', DateQuery, "every ticket's timeline, UTF-8 with BOM", engine.dailyCsv, '');
  csv('/api/v1/sites/:site/reports/monthly.csv', MonthQuery, "every ticket's timeline of the month, UTF-8 with BOM", engine.monthlyCsv, '');
  csv('/api/v1/sites/:site/reports/daily-summary.csv', DateQuery, 'the figures per queue, UTF-8 with BOM', engine.dailySummaryCsv, '-summary');
  csv('/api/v1/sites/:site/reports/monthly-summary.csv', MonthQuery, 'the figures per queue of the month, UTF-8 with BOM', engine.monthlySummaryCsv, '-summary');
}
