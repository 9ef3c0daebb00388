/**
 * Retention on a generated run of business days, on the injected clock: ticket-level rows of
 * days past the period go only once their day summary is kept, reports of those days read the
 * same from the summaries, and phone tokens go when the ticket's day is over.
 */
import { describe, expect, it } from 'vitest';
import { SqliteRetentionStore } from '../adapters/sqlite/sqlite-retention-store.js';
import { addDays } from '../domain/time.js';
import { CLERK, config, harness, KIOSK, openCounters, site, type Harness } from '../test-support/fixtures.js';
import { HousekeepingJob, type HousekeepingLog } from './housekeeping.js';

const SITE = 'naka';
const FIRST = '2026-03-02';
const DAYS = 12;
const RETENTION = { days: 7, backups: 3 };
const quiet: HousekeepingLog = { info: () => undefined, error: () => undefined };

/** 10:00 in Tokyo on `date` */
const at10 = (date: string) => `${date}T01:00:00Z`;

/**
 * Each day: three tickets; two served at counter 1 (one of them rated 2 + day-of-month % 4), one
 * left waiting, which the next day's rollover expires. Returns the phone tokens by day.
 */
function generateDays(h: Harness, first: string, n: number): Map<string, string[]> {
  const tokens = new Map<string, string[]>();
  for (let i = 0; i < n; i++) {
    const date = addDays(first, i);
    h.clock.set(at10(date));
    openCounters(h, SITE, ['1']);
    const issued = [0, 1, 2].map(() => h.engine.takeTicket(SITE, { queue: 'certificates' }, KIOSK));
    for (let k = 0; k < 2; k++) {
      h.clock.advanceMinutes(7);
      h.engine.callNext(SITE, '1', CLERK);
      h.clock.advanceMinutes(5);
      h.engine.complete(SITE, '1', CLERK);
    }
    h.engine.giveFeedback(issued[0]!.token, 2 + (Number(date.slice(8)) % 4));
    tokens.set(date, issued.map((t) => t.token));
  }
  return tokens;
}

function job(h: Harness, retention = RETENTION): HousekeepingJob {
  const j = new HousekeepingJob({
    store: new SqliteRetentionStore(h.database),
    clock: h.clock,
    retention,
    siteIds: [SITE],
    businessDate: (s) => h.store.siteDay(s).businessDate,
    keepDaySummary: (s, date) => h.engine.dailyReport(s, date),
    log: quiet,
  });
  j.start();
  return j;
}

const count = (h: Harness, sql: string, ...params: unknown[]) => Number(h.database.connection.prepare(sql).pluck().get(...params));

function newHarness(): Harness {
  return harness({ config: config(site(SITE, { demo: true })), now: at10(FIRST) });
}

/** DAYS generated days, and the next day rolled over: the first days are past retention. */
function generatedRun(): { h: Harness; today: string } {
  const h = newHarness();
  generateDays(h, FIRST, DAYS);
  const today = addDays(FIRST, DAYS);
  h.clock.set(at10(today));
  h.engine.rolloverDay(SITE);
  return { h, today };
}

describe('HousekeepingJob', () => {
  it('deletes the ticket-level rows of days past the period, only once each day is summarised, and the reports of those days do not change', async () => {
    const { h, today } = generatedRun();
    const cutoff = addDays(today, -RETENTION.days);
    const purgeable = Array.from({ length: DAYS }, (_, i) => addDays(FIRST, i)).filter((d) => d < cutoff);
    expect(purgeable).toHaveLength(5);
    // the first two days were never reported: the job keeps their summaries itself
    for (const d of purgeable.slice(2)) h.engine.dailyReport(SITE, d);
    const month = h.engine.monthlyReport(SITE, '2026-03');
    const csvs = purgeable.map((d) => h.engine.dailyCsv(SITE, d));
    const eventsBefore = count(h, 'SELECT count(*) FROM events');

    const [result] = await job(h).dayClosed();

    expect(result?.daysPurged).toEqual(purgeable);
    expect(result?.deleted).toEqual({ tickets: 15, events: expect.any(Number), printJobs: 0, feedback: 5 });
    expect(count(h, 'SELECT count(*) FROM tickets WHERE business_date < ?', cutoff)).toBe(0);
    expect(count(h, 'SELECT count(*) FROM tickets WHERE business_date >= ?', cutoff)).toBe(3 * (DAYS - 5));
    expect(count(h, 'SELECT count(*) FROM events WHERE ticket_id IS NOT NULL AND ticket_id NOT IN (SELECT id FROM tickets)')).toBe(0);
    expect(count(h, 'SELECT count(*) FROM events')).toBe(eventsBefore - (result?.deleted.events ?? 0));
    // events not about a ticket (counters opening) stay: they are not per citizen
    expect(count(h, "SELECT count(*) FROM events WHERE type = 'counter:updated'")).toBeGreaterThan(0);
    expect(count(h, 'SELECT count(*) FROM feedback')).toBe(DAYS - 5);
    expect(count(h, 'SELECT count(*) FROM purged_days')).toBe(5);
    // a purged day's summary is its only record: the database keeps it
    expect(() => h.database.connection.prepare('DELETE FROM report_days WHERE business_date = ?').run(purgeable[0])).toThrow(/FOREIGN KEY/);

    expect(h.engine.monthlyReport(SITE, '2026-03')).toEqual(month);
    expect(purgeable.map((d) => h.engine.dailyCsv(SITE, d))).toEqual(csvs);
    h.close();
  });

  it('keeps the bookings of a purged day as counts in its summary: the month report says the same after their rows go', async () => {
    const { h, today } = generatedRun();
    const insert = h.database.connection.prepare(
      `INSERT INTO bookings (site_id, queue_id, business_date, slot_start, slot_end, code, token, state, created_at, created_day)
       VALUES (?, 'certificates', ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // the first (purged) day: 2 checked in, 1 no-show, 1 cancelled; a kept day: 1 no-show
    const states: Array<[string, string]> = [
      [FIRST, 'checked_in'],
      [FIRST, 'checked_in'],
      [FIRST, 'no_show'],
      [FIRST, 'cancelled'],
      [addDays(today, -1), 'no_show'],
    ];
    states.forEach(([date, state], i) => insert.run(SITE, date, at10(date), at10(date), `C${i}`, `token-${i}`, state, at10(FIRST), FIRST));
    const bookings = () => h.engine.monthlyReport(SITE, '2026-03').queues.find((q) => q.queue === 'certificates')?.bookings;
    expect(bookings()).toEqual({ booked: 4, checkedIn: 2, noShows: 2, cancelled: 1 });

    const [result] = await job(h).dayClosed();

    expect(result?.daysPurged).toContain(FIRST);
    expect(count(h, 'SELECT count(*) FROM bookings WHERE business_date = ?', FIRST)).toBe(0);
    expect(bookings()).toEqual({ booked: 4, checkedIn: 2, noShows: 2, cancelled: 1 });
    expect(h.engine.dailyReport(SITE, FIRST).queues.find((q) => q.queue === 'certificates')?.bookings).toEqual({ booked: 3, checkedIn: 2, noShows: 1, cancelled: 1 });
    h.close();
  });

  it('keeps every day within the period (400 days by default: a day 400 days old stays), and a second run deletes nothing more', async () => {
    const h = newHarness();
    generateDays(h, FIRST, 3);
    // FIRST is 401 days old, the next day exactly 400
    h.clock.set(at10(addDays(FIRST, 401)));
    h.engine.rolloverDay(SITE);
    const j = job(h, { days: 400, backups: 14 });
    const [first] = await j.dayClosed();
    expect(first?.daysPurged).toEqual([FIRST]);
    expect(count(h, 'SELECT count(*) FROM tickets')).toBe(6);
    const [second] = await j.dayClosed();
    expect(second?.daysPurged).toEqual([]);
    expect(second?.tokensCleared).toBe(0);
    h.close();
  });

  it('clears the phone tokens of ended tickets once their day is over: the phone page shows "done" until then', async () => {
    const h = newHarness();
    const tokens = generateDays(h, FIRST, 1).get(FIRST) ?? [];
    const j = job(h);
    await j.dayClosed();
    // the same day: served tickets still answer, with their state, and take an answer
    expect(h.engine.ticketStatus(tokens[1]!)).toMatchObject({ state: 'done' });
    expect(h.engine.ticketStatus(tokens[2]!)).toMatchObject({ state: 'waiting' });

    h.clock.set(at10(addDays(FIRST, 1)));
    h.engine.rolloverDay(SITE);
    const [result] = await j.dayClosed();
    expect(result?.tokensCleared).toBe(3);
    for (const t of tokens) expect(() => h.engine.ticketStatus(t)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    const stored = h.database.connection.prepare('SELECT token, token_cleared_at FROM tickets').all() as Array<{ token: string; token_cleared_at: string | null }>;
    expect(stored.every((r) => /^~[0-9a-f]{32}$/.test(r.token) && r.token_cleared_at !== null)).toBe(true);
    expect(new Set(stored.map((r) => r.token)).size).toBe(3);
    h.close();
  });

  it('does nothing before start() or after stop()', async () => {
    const h = newHarness();
    generateDays(h, FIRST, 1);
    h.clock.set(at10(addDays(FIRST, 30)));
    h.engine.rolloverDay(SITE);
    const j = new HousekeepingJob({
      store: new SqliteRetentionStore(h.database),
      clock: h.clock,
      retention: RETENTION,
      siteIds: [SITE],
      businessDate: (s) => h.store.siteDay(s).businessDate,
      keepDaySummary: (s, d) => h.engine.dailyReport(s, d),
      log: quiet,
    });
    expect(await j.dayClosed()).toEqual([]);
    j.start();
    await j.stop();
    expect(await j.dayClosed()).toEqual([]);
    expect(count(h, 'SELECT count(*) FROM tickets')).toBe(3);
    h.close();
  });
});

describe('SqliteRetentionStore', () => {
  it('refuses to delete a day without a summary, and the event log still refuses any other delete', () => {
    const h = newHarness();
    generateDays(h, FIRST, 1);
    h.clock.set(at10(addDays(FIRST, 30)));
    h.engine.rolloverDay(SITE);
    const store = new SqliteRetentionStore(h.database);
    expect(() => store.purgeDay(SITE, FIRST, h.clock.now().getTime())).toThrow(/no day summary/);
    expect(count(h, 'SELECT count(*) FROM tickets')).toBe(3);
    expect(() => h.database.connection.prepare('DELETE FROM events WHERE ticket_id IS NOT NULL').run()).toThrow(/append-only/);
    h.engine.dailyReport(SITE, FIRST);
    // summarised but not being purged: still append-only
    expect(() => h.database.connection.prepare('DELETE FROM events WHERE ticket_id IS NOT NULL').run()).toThrow(/append-only/);
    expect(store.purgeDay(SITE, FIRST, h.clock.now().getTime()).tickets).toBe(3);
    h.close();
  });

  it('gives the pages of deleted days back to the file system (auto_vacuum INCREMENTAL)', async () => {
    const h = newHarness();
    expect(h.database.connection.pragma('auto_vacuum', { simple: true })).toBe(2);
    generateDays(h, FIRST, DAYS);
    h.clock.set(at10(addDays(FIRST, DAYS + 30)));
    h.engine.rolloverDay(SITE);
    await job(h).dayClosed();
    expect(h.database.connection.pragma('freelist_count', { simple: true })).toBe(0);
    h.close();
  });
});
