import type Database from 'better-sqlite3';
import type { PurgedDay, RetentionStore } from '../../ports/retention-store.js';
import type { SqliteDatabase } from './sqlite-database.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/** The housekeeping job's rows, on the database's one connection (one writer per process). */
export class SqliteRetentionStore implements RetentionStore {
  private readonly db: Database.Database;

  constructor(database: SqliteDatabase) {
    this.db = database.connection;
  }

  clearEndedTokens(siteId: string, beforeDate: string, at: number): number {
    // 128 random bits nobody was given, marked "~" (never a base64url token): the phone page's
    // link finds nothing from now on; the column stays NOT NULL UNIQUE
    return this.db
      .prepare(
        `UPDATE tickets SET token = '~' || lower(hex(randomblob(16))), token_cleared_at = ?
          WHERE site_id = ? AND business_date < ? AND token_cleared_at IS NULL
            AND state IN ('done', 'no_show', 'cancelled', 'expired')`,
      )
      .run(iso(at), siteId, beforeDate).changes;
  }

  datesWithTicketsBefore(siteId: string, beforeDate: string): string[] {
    return (
      this.db.prepare('SELECT DISTINCT business_date FROM tickets WHERE site_id = ? AND business_date < ? ORDER BY business_date').pluck().all(siteId, beforeDate) as string[]
    );
  }

  hasDaySummary(siteId: string, date: string): boolean {
    return this.db.prepare('SELECT 1 FROM report_days WHERE site_id = ? AND business_date = ?').get(siteId, date) !== undefined;
  }

  purgeDay(siteId: string, date: string, at: number): PurgedDay {
    const run = this.db.transaction((): PurgedDay => {
      const feedback = this.db
        .prepare(
          `SELECT t.queue_id AS queue, count(*) AS answers, sum(f.rating) AS sum FROM feedback f JOIN tickets t ON t.id = f.ticket_id
            WHERE t.site_id = ? AND t.business_date = ? GROUP BY t.queue_id ORDER BY t.queue_id`,
        )
        .all(siteId, date);
      // a day purged before keeps the totals it kept then (its answers are gone since)
      const kept = this.db
        .prepare(`UPDATE report_days SET feedback = coalesce(feedback, ?) WHERE site_id = ? AND business_date = ?`)
        .run(JSON.stringify(feedback), siteId, date);
      if (kept.changes !== 1) throw new Error(`no day summary of ${siteId} ${date}: its tickets are kept`);
      // so are its bookings' counts, which go with its tickets below
      const bookings = this.db
        .prepare('SELECT queue_id AS queueId, state, count(*) AS n FROM bookings WHERE site_id = ? AND business_date = ? GROUP BY queue_id, state ORDER BY queue_id, state')
        .all(siteId, date);
      if (bookings.length > 0) {
        this.db.prepare('UPDATE report_days SET bookings = coalesce(bookings, ?) WHERE site_id = ? AND business_date = ?').run(JSON.stringify(bookings), siteId, date);
      }
      // what lets the events trigger delete the day's events (and, by its foreign key, keeps the summary)
      this.db
        .prepare('INSERT INTO purged_days (site_id, business_date, purged_at) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET purged_at = excluded.purged_at')
        .run(siteId, date, iso(at));
      const day = `SELECT id FROM tickets WHERE site_id = ? AND business_date = ?`;
      // a counter still pointing at a ticket this old was left as it was: let go of it first
      this.db.prepare(`UPDATE counters SET current_ticket_id = NULL WHERE current_ticket_id IN (${day})`).run(siteId, date);
      const answers = this.db.prepare(`DELETE FROM feedback WHERE ticket_id IN (${day})`).run(siteId, date).changes;
      const printJobs = this.db.prepare(`DELETE FROM print_jobs WHERE ticket_id IN (${day})`).run(siteId, date).changes;
      this.db.prepare(`DELETE FROM idempotency_keys WHERE ticket_id IN (${day})`).run(siteId, date);
      const events = this.db.prepare(`DELETE FROM events WHERE ticket_id IN (${day})`).run(siteId, date).changes;
      // the day's bookings go with its tickets (their counts were kept above)
      this.db.prepare('DELETE FROM bookings WHERE site_id = ? AND business_date = ?').run(siteId, date);
      const tickets = this.db.prepare('DELETE FROM tickets WHERE site_id = ? AND business_date = ?').run(siteId, date).changes;
      this.db.prepare('DELETE FROM queue_days WHERE site_id = ? AND business_date = ?').run(siteId, date);
      return { tickets, events, printJobs, feedback: answers };
    });
    return run.immediate();
  }

  compact(): number {
    const before = Number(this.db.pragma('freelist_count', { simple: true }));
    this.db.pragma('incremental_vacuum');
    return before - Number(this.db.pragma('freelist_count', { simple: true }));
  }
}
