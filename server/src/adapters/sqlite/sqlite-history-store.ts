import type { HistorySpan, HistoryStore } from '../../ports/history-store.js';
import type { ReportDay } from '../../ports/report-store.js';
import type { SqliteDatabase } from './sqlite-database.js';

/** The imported days (migration 0015) on the engine's connection. */
export class SqliteHistoryStore implements HistoryStore {
  constructor(private readonly db: SqliteDatabase) {}

  private st(sql: string) {
    return this.db.statement(sql);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn);
  }

  holdsLiveTickets(siteId: string, date: string): boolean {
    return (
      this.st('SELECT 1 FROM tickets WHERE site_id = ? AND business_date = ? LIMIT 1').get(siteId, date) !== undefined ||
      this.st('SELECT 1 FROM purged_days WHERE site_id = ? AND business_date = ?').get(siteId, date) !== undefined
    );
  }

  importedHashes(siteId: string, date: string): Set<string> {
    const rows = this.st('SELECT hash FROM history_hashes WHERE site_id = ? AND business_date = ?').raw().all(siteId, date) as Array<[string]>;
    return new Set(rows.map((r) => r[0]));
  }

  importedDay(siteId: string, date: string): ReportDay | null {
    const r = this.st(
      `SELECT r.counters, r.transfers, r.timelines FROM report_days r JOIN imported_days i USING (site_id, business_date)
        WHERE r.site_id = ? AND r.business_date = ?`,
    )
      .raw()
      .get(siteId, date) as [string, string, string] | undefined;
    if (!r) return null;
    return { counters: JSON.parse(r[0]) as ReportDay['counters'], transfers: JSON.parse(r[1]) as ReportDay['transfers'], lines: JSON.parse(r[2]) as ReportDay['lines'] };
  }

  saveImportedDay(siteId: string, date: string, day: ReportDay, hashes: readonly string[], at: number, source: string | null): void {
    const when = new Date(at).toISOString();
    this.db.transaction(() => {
      this.st(
        `INSERT INTO imported_days (site_id, business_date, rows, imported_at, source) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (site_id, business_date) DO UPDATE SET rows = excluded.rows, imported_at = excluded.imported_at, source = excluded.source`,
      ).run(siteId, date, day.lines.length, when, source);
      const add = this.st('INSERT OR IGNORE INTO history_hashes (site_id, business_date, hash) VALUES (?, ?, ?)');
      for (const h of hashes) add.run(siteId, date, h);
      // the kept row is protected against updates (report_days_imported_kept): replaced whole
      this.st('DELETE FROM report_days WHERE site_id = ? AND business_date = ?').run(siteId, date);
      this.st('INSERT INTO report_days (site_id, business_date, counters, transfers, timelines, computed_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        siteId,
        date,
        JSON.stringify(day.counters),
        JSON.stringify(day.transfers),
        JSON.stringify(day.lines),
        when,
      );
    });
  }

  span(siteId: string): HistorySpan {
    // days with tickets: kept summaries that hold any (an empty closed day is kept too), and live days not yet summarised
    const r = this.st(
      `WITH d AS (SELECT business_date FROM report_days WHERE site_id = ? AND timelines <> '[]'
                  UNION SELECT business_date FROM tickets WHERE site_id = ?)
       SELECT MIN(business_date), MAX(business_date), COUNT(*) FROM d`,
    )
      .raw()
      .get(siteId, siteId) as [string | null, string | null, number];
    const imported = this.st('SELECT COUNT(*) FROM imported_days WHERE site_id = ?').raw().get(siteId) as [number];
    const last = this.st('SELECT imported_at, source FROM imported_days WHERE site_id = ? ORDER BY imported_at DESC, business_date DESC LIMIT 1').raw().get(siteId) as
      | [string, string | null]
      | undefined;
    return { firstDate: r[0], lastDate: r[1], days: r[2], importedDays: imported[0], lastImport: last ? { at: last[0], source: last[1] } : null };
  }
}
