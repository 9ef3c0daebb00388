/**
 * The history import over HTTP (api.md `POST /api/v1/sites/{site}/history`, docs/history-import.md),
 * through the real server on a real SQLite file with an injected clock:
 * - an import answers 202 with what it did; the daily and monthly reports of an imported day show
 *   its figures (read from its kept summary, never re-derived from the empty event log);
 * - a second import of the same file imports nothing twice;
 * - a bad line: 400 naming the line and the column, nothing of its day imported;
 * - a past day holding live tickets and today are skipped and counted; today's tickets and the
 *   numbering are untouched;
 * - the span of the history for managers; who may call (401 / 403), the body (413 / 415).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DailyReport, HistoryImport, HistorySpan, MonthlyReport } from '@madoguchi/shared';
import { HISTORY_BODY_LIMIT } from '../server/src/adapters/http/routes/history.js';
import { expectError, request, SITE, startServer, type TestServer } from './support/server.js';

const HEADER = 'queue,issued_at,called_at,finished_at,service,counter,state\n';
/** Friday 3 April 2026, 10:00 JST: a day that will hold a live ticket */
const FRIDAY_10 = '2026-04-03T01:00:00Z';
/** Monday 6 April 2026, 10:00 JST */
const MONDAY_10 = '2026-04-06T01:00:00Z';

const row = (queue: string, date: string, issued: string, called: string, finished: string, counter = '1', service = `${queue}-short`) =>
  `${queue},${date}T${issued}:00+09:00,${called && `${date}T${called}:00+09:00`},${finished && `${date}T${finished}:00+09:00`},${service},${counter},\n`;

/** Two past days (Mon 30 and Tue 31 March): 3 + 2 tickets, one a no-show. */
const PAST =
  HEADER +
  row('certificates', '2026-03-30', '09:00', '09:02', '09:07') +
  row('certificates', '2026-03-30', '09:01', '09:07', '09:17') +
  row('filings', '2026-03-30', '09:30', '09:40', '') .replace(',\n', ',no_show\n') +
  row('certificates', '2026-03-31', '10:00', '10:00', '10:04') +
  row('filings', '2026-03-31', '11:00', '11:10', '11:30', '2');

const post = (s: TestServer, body: string | Buffer, headers: Record<string, string> = {}, token = s.admin.bearer) =>
  s.app.inject({ method: 'POST', url: `/api/v1/sites/${SITE}/history`, payload: body, headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', ...headers } });

describe('POST /api/v1/sites/{site}/history', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startServer({ now: MONDAY_10 });
    s.m.tick();
    await s.m.demand.idle();
  });
  afterEach(async () => {
    await s.close();
  });

  it('imports past days (202), and the daily and monthly reports of those days show their figures', async () => {
    const res = await post(s, PAST);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json<HistoryImport>()).toEqual({ imported: 5, skipped: 0, days: ['2026-03-30', '2026-03-31'] });

    const day = (await request(s.app, 'GET', `/api/v1/sites/${SITE}/reports/daily?date=2026-03-30`, { token: s.manager.bearer })).json<DailyReport>();
    expect(day.issued).toBe(3);
    expect(day.served).toBe(2);
    expect(day.noShows).toBe(1);
    const certificates = day.queues.find((q) => q.queue === 'certificates');
    // waits 2 and 6 minutes; service 5 and 10
    expect(certificates?.waits).toMatchObject({ count: 2, mean: 4, max: 6 });
    expect(certificates?.serviceTimes).toMatchObject({ count: 2, mean: 7.5 });
    expect(day.arrivalsByHour[9]).toBe(3);
    // counter "1" is a configured counter: its calls and busy time are in the report
    expect(day.counters.find((c) => c.counter === '1')).toMatchObject({ called: 3, served: 2 });

    const month = (await request(s.app, 'GET', `/api/v1/sites/${SITE}/reports/monthly?month=2026-03`, { token: s.manager.bearer })).json<MonthlyReport>();
    expect(month.issued).toBe(5);
    expect(month.days.filter((d) => d.issued > 0)).toEqual([
      expect.objectContaining({ date: '2026-03-30', issued: 3, served: 2, noShows: 1 }),
      expect.objectContaining({ date: '2026-03-31', issued: 2, served: 2, noShows: 0 }),
    ]);

    // the kept summary is the day's report: re-deriving it from the (empty) event log is refused by the database
    s.m.store.saveReportDay(SITE, '2026-03-30', { lines: [], counters: [], transfers: [] }, Date.parse(MONDAY_10));
    const again = (await request(s.app, 'GET', `/api/v1/sites/${SITE}/reports/daily?date=2026-03-30`, { token: s.manager.bearer })).json<DailyReport>();
    expect(again.issued).toBe(3);

    // the forecast refits on the imported days, marked imported
    await s.m.demand.idle();
    const demand = s.m.database.connection.prepare(`SELECT queue_id, arrivals, imported FROM demand_days WHERE site_id = ? AND business_date = '2026-03-30' ORDER BY queue_id`).all(SITE);
    expect(demand).toEqual([
      { queue_id: 'certificates', arrivals: 2, imported: 1 },
      { queue_id: 'filings', arrivals: 1, imported: 1 },
    ]);
    const forecast = (await request(s.app, 'GET', `/api/v1/sites/${SITE}/forecast?days=1`)).json<{ historyDays: number }>();
    expect(forecast.historyDays).toBeGreaterThanOrEqual(2);
  });

  it('imports nothing twice: the same file again adds nothing; a file with one more row adds that row', async () => {
    expect((await post(s, PAST)).json<HistoryImport>().imported).toBe(5);
    expect((await post(s, PAST)).json<HistoryImport>()).toEqual({ imported: 0, skipped: 0, days: [] });
    const more = PAST + row('certificates', '2026-03-31', '15:00', '15:01', '15:09');
    expect((await post(s, more)).json<HistoryImport>()).toEqual({ imported: 1, skipped: 0, days: ['2026-03-31'] });
    const day = (await request(s.app, 'GET', `/api/v1/sites/${SITE}/reports/daily?date=2026-03-31`, { token: s.manager.bearer })).json<DailyReport>();
    expect(day.issued).toBe(3);
  });

  it('a bad line: 400 naming the line and the column; nothing of its day is imported', async () => {
    const bad = HEADER + row('certificates', '2026-03-30', '09:00', '09:02', '09:07') + row('certificates', '2026-03-30', '09:10', '09:05', '09:20');
    const e = expectError(await post(s, bad), 400, 'VALIDATION', 'called_at');
    expect(e.message).toContain('line 3, column called_at');
    expect(e.reason).toContain('line 3');
    expect(e.message).toContain('nothing was imported');
    const count = s.m.database.connection.prepare('SELECT COUNT(*) AS n FROM imported_days').get() as { n: number };
    expect(count.n).toBe(0);
    const day = (await request(s.app, 'GET', `/api/v1/sites/${SITE}/reports/daily?date=2026-03-30`, { token: s.manager.bearer })).json<DailyReport>();
    expect(day.issued).toBe(0);
    // an unknown queue names the queue column
    expectError(await post(s, HEADER + row('parking', '2026-03-30', '09:00', '', '', '')), 400, 'VALIDATION', 'queue');
  });

  it('who may import: 401 without a token, 403 for a manager; the body: 415 for JSON, 413 past the limit', async () => {
    const anon = await s.app.inject({ method: 'POST', url: `/api/v1/sites/${SITE}/history`, payload: PAST, headers: { 'content-type': 'text/csv' } });
    expectError(anon, 401, 'UNAUTHORIZED');
    expectError(await post(s, PAST, {}, s.manager.bearer), 403, 'FORBIDDEN');
    expectError(await post(s, JSON.stringify({ rows: [] }), { 'content-type': 'application/json' }), 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type');
    expectError(await post(s, Buffer.alloc(HISTORY_BODY_LIMIT + 1, 0x41)), 413, 'PAYLOAD_TOO_LARGE', 'body');
    const count = s.m.database.connection.prepare('SELECT COUNT(*) AS n FROM imported_days').get() as { n: number };
    expect(count.n).toBe(0);
  });

  it('GET …/history: the span of the history and the last import, for managers', async () => {
    expect((await request(s.app, 'GET', `/api/v1/sites/${SITE}/history`, { token: s.manager.bearer })).json<HistorySpan>()).toEqual({
      firstDate: null,
      lastDate: null,
      days: 0,
      importedDays: 0,
      lastImport: null,
    });
    await post(s, PAST);
    const span = (await request(s.app, 'GET', `/api/v1/sites/${SITE}/history`, { token: s.manager.bearer })).json<HistorySpan>();
    expect(span).toMatchObject({ firstDate: '2026-03-30', lastDate: '2026-03-31', days: 2, importedDays: 2 });
    expect(span.lastImport?.at).toBe(new Date(MONDAY_10).toISOString());
    expect(span.lastImport?.source).toBe('http (admin)');
    expectError(await request(s.app, 'GET', `/api/v1/sites/${SITE}/history`, { token: s.clerk.bearer }), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'GET', `/api/v1/sites/${SITE}/history`), 401, 'UNAUTHORIZED');
  });
});

describe('live days are never touched', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startServer({ now: FRIDAY_10 });
    s.m.tick();
  });
  afterEach(async () => {
    await s.close();
  });

  it('a past day holding live tickets and today are skipped and counted; today’s tickets and numbering go on untouched', async () => {
    const take = async () => {
      const res = await request(s.app, 'POST', `/api/v1/sites/${SITE}/tickets`, { token: s.kiosk.token, body: { queue: 'certificates' } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: number; label: string; issuedAt: string }>();
    };
    await take(); // Friday: a live day
    s.clock.set(MONDAY_10);
    s.m.tick(); // Friday closes
    await s.m.demand.idle();
    const first = await take();
    const tickets = () => s.m.database.connection.prepare('SELECT id, label, state, issued_at FROM tickets ORDER BY id').all();
    const before = tickets();
    const keys = s.m.database.connection.prepare('SELECT COUNT(*) AS n FROM idempotency_keys').get();

    const file =
      HEADER +
      row('certificates', '2026-04-02', '09:00', '09:02', '09:07') + // Thursday: imported
      row('certificates', '2026-04-03', '09:00', '09:02', '09:07') + // Friday: live tickets → skipped
      row('filings', '2026-04-03', '09:05', '09:06', '09:08') +
      row('certificates', '2026-04-06', '08:50', '08:55', '09:00'); // today → skipped
    // the seeded sessions were signed in on Friday and have expired since: sign in again
    const admin = (await s.m.auth.login('admin', s.adminPassword, 'bearer')).token;
    const manager = (await s.m.auth.login(s.manager.username, s.manager.password, 'bearer')).token;
    const res = await post(s, file, {}, admin);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json<HistoryImport>()).toEqual({ imported: 1, skipped: 3, days: ['2026-04-02'] });

    // no ticket, event or idempotency key written; Friday's report is still its live one
    expect(tickets()).toEqual(before);
    expect(s.m.database.connection.prepare('SELECT COUNT(*) AS n FROM idempotency_keys').get()).toEqual(keys);
    expect(s.m.database.connection.prepare(`SELECT COUNT(*) AS n FROM imported_days WHERE business_date >= '2026-04-03'`).get()).toEqual({ n: 0 });
    const friday = (await request(s.app, 'GET', `/api/v1/sites/${SITE}/reports/daily?date=2026-04-03`, { token: manager })).json<DailyReport>();
    expect(friday.issued).toBe(1);
    const today = (await request(s.app, 'GET', `/api/v1/sites/${SITE}/reports/daily?date=2026-04-06`, { token: manager })).json<DailyReport>();
    expect(today.issued).toBe(1);

    // numbering goes on from today's first ticket
    const second = await take();
    expect(Number(second.label)).toBe(Number(first.label) + 1);
    expect(second.id).toBe(first.id + 1);
  });
});
