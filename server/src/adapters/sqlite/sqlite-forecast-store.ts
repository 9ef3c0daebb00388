import type { ForecastAccuracy } from '@madoguchi/shared';
import type { DemandDay, DemandFit } from '../../domain/demand-forecast.js';
import type { ForecastStore, StoredFit } from '../../ports/forecast-store.js';
import type { SqliteDatabase } from './sqlite-database.js';

type DemandRow = [string, string, number, string, number, number, string, number];

/** The demand days and fitted forecasts (migration 0014) on the engine's connection. */
export class SqliteForecastStore implements ForecastStore {
  constructor(private readonly db: SqliteDatabase) {}

  private st(sql: string) {
    return this.db.statement(sql);
  }

  demandDays(siteId: string, fromDate: string, toDate: string): DemandDay[] {
    const rows = this.st(
      `SELECT business_date, queue_id, arrivals, hours, service_minutes, served, counter_hours, imported FROM demand_days
        WHERE site_id = ? AND business_date BETWEEN ? AND ? ORDER BY business_date, queue_id`,
    )
      .raw()
      .all(siteId, fromDate, toDate) as DemandRow[];
    return rows.map(([date, queue, arrivals, hours, serviceMinutes, served, counterHours, imported]) => ({
      date,
      queue,
      arrivals,
      hours: JSON.parse(hours) as number[],
      serviceMinutes,
      served,
      counterHours: JSON.parse(counterHours) as number[],
      imported: imported === 1,
    }));
  }

  demandDates(siteId: string, fromDate: string, toDate: string): Set<string> {
    const rows = this.st('SELECT DISTINCT business_date FROM demand_days WHERE site_id = ? AND business_date BETWEEN ? AND ?').raw().all(siteId, fromDate, toDate) as Array<[string]>;
    return new Set(rows.map((r) => r[0]));
  }

  saveDemandDay(siteId: string, rows: readonly DemandDay[]): void {
    const upsert = this.st(
      `INSERT INTO demand_days (site_id, business_date, queue_id, arrivals, hours, service_minutes, served, counter_hours, imported)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (site_id, business_date, queue_id) DO UPDATE SET arrivals = excluded.arrivals, hours = excluded.hours,
         service_minutes = excluded.service_minutes, served = excluded.served, counter_hours = excluded.counter_hours,
         imported = excluded.imported
       WHERE demand_days.imported = 0 OR excluded.imported = 1`,
    );
    this.db.transaction(() => {
      for (const d of rows) {
        upsert.run(siteId, d.date, d.queue, d.arrivals, JSON.stringify(d.hours), d.serviceMinutes, d.served, JSON.stringify(d.counterHours), d.imported ? 1 : 0);
      }
    });
  }

  firstActivityDate(siteId: string): string | null {
    const r = this.st(
      `SELECT MIN(d) FROM (SELECT MIN(business_date) AS d FROM tickets WHERE site_id = ?
                           UNION ALL SELECT MIN(business_date) FROM report_days WHERE site_id = ?
                           UNION ALL SELECT MIN(business_date) FROM demand_days WHERE site_id = ?)`,
    )
      .raw()
      .get(siteId, siteId, siteId) as [string | null] | undefined;
    return r?.[0] ?? null;
  }

  fit(siteId: string): StoredFit | null {
    const r = this.st('SELECT fitted_at, fit, accuracy FROM forecast_fits WHERE site_id = ?').raw().get(siteId) as [string, string, string] | undefined;
    if (!r) return null;
    return { fittedAt: Date.parse(r[0]), fit: JSON.parse(r[1]) as DemandFit, accuracy: JSON.parse(r[2]) as ForecastAccuracy };
  }

  saveFit(siteId: string, f: StoredFit): void {
    this.st(
      `INSERT INTO forecast_fits (site_id, fitted_at, fit, accuracy) VALUES (?, ?, ?, ?)
       ON CONFLICT (site_id) DO UPDATE SET fitted_at = excluded.fitted_at, fit = excluded.fit, accuracy = excluded.accuracy`,
    ).run(siteId, new Date(f.fittedAt).toISOString(), JSON.stringify(f.fit), JSON.stringify(f.accuracy));
  }
}
