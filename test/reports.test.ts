/**
 * Reports on generated days with known waits: the server derives its figures from the event
 * log; this test keeps its own record of what it did (issue, call, end times) and computes the
 * expected figures independently. Day and month, JSON and CSV (UTF-8 with BOM).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@madoguchi/shared';
import { request, SITE, startServer, type TestServer } from './support/server.js';

let s: TestServer;
const CLERK: Actor = { kind: 'clerk', id: 'tanaka' };
const KIOSK: Actor = { kind: 'device', id: 'kiosk' };
const MANAGER: Actor = { kind: 'manager', id: 'suzuki' };

interface Record_ {
  label: string;
  queue: string;
  finalQueue: string;
  issuedAt: number;
  calledAt: number | null;
  endedAt: number | null;
  counter: string | null;
  outcome: 'done' | 'no_show' | 'expired';
  transferred: boolean;
  date: string;
}

/** mulberry32: the same day every run */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const records: Record_[] = [];
const counterOpen = new Map<string, number>();
const counterBusy = new Map<string, number>();
const counterServed = new Map<string, number>();
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

/**
 * One Monday: counters 1, 2 (certificates) and 3 (filings) open 09:00–12:00; tickets arrive
 * every 0–4 minutes from 09:00 to 11:30; each counter, when free, calls its next ticket; service
 * 2–9 minutes; every 7th called ticket is a no-show; every 5th filings ticket is transferred to
 * certificates. Everything still waiting at 12:00 stays until the day ends (expired).
 */
function generateDay(date: string, seed: number): void {
  const e = s.m.engine;
  const rnd = prng(seed);
  const at = (hh: number, mm: number) => Date.parse(`${date}T00:00:00Z`) + (hh - 9) * 3_600_000 + mm * 60_000; // JST = UTC+9
  s.clock.set(at(9, 0));
  s.m.tick(); // a new business day: what waited on the previous one expires
  for (const c of ['1', '2', '3']) {
    e.setCounterState(SITE, c, 'open', MANAGER);
    add(counterOpen, `${date}|${c}`, 180);
  }
  const mine = new Map<string, Record_>();
  let nextArrival = at(9, 0);
  const freeAt = new Map<string, number>([['1', at(9, 0)], ['2', at(9, 0)], ['3', at(9, 0)]]);
  const current = new Map<string, { rec: Record_; calledAt: number; endAt: number; noShow: boolean; transfer: boolean }>();
  let calls = 0;
  let filings = 0;
  const close = at(12, 0);
  for (let now = at(9, 0); now < close; now += 60_000) {
    s.clock.set(now);
    // counters finish
    for (const [c, cur] of current) {
      if (cur.endAt > now) continue;
      const busyMin = (cur.endAt - cur.calledAt) / 60_000;
      s.clock.set(cur.endAt);
      if (cur.noShow) {
        e.noShow(SITE, c, CLERK);
        cur.rec.outcome = 'no_show';
        cur.rec.endedAt = cur.endAt;
      } else if (cur.transfer) {
        e.transfer(SITE, c, { queue: 'certificates' }, CLERK);
        cur.rec.transferred = true;
        cur.rec.finalQueue = 'certificates';
      } else {
        e.start(SITE, c, CLERK);
        e.complete(SITE, c, CLERK);
        cur.rec.outcome = 'done';
        cur.rec.endedAt = cur.endAt;
        add(counterServed, `${date}|${c}`, 1);
      }
      add(counterBusy, `${date}|${c}`, busyMin);
      current.delete(c);
      freeAt.set(c, cur.endAt);
      s.clock.set(now);
    }
    // arrivals
    while (nextArrival <= now && now < at(11, 30)) {
      const queue = rnd() < 0.6 ? 'certificates' : 'filings';
      const t = e.takeTicket(SITE, { queue }, KIOSK).ticket;
      const rec: Record_ = { label: t.label, queue, finalQueue: queue, issuedAt: now, calledAt: null, endedAt: null, counter: null, outcome: 'expired', transferred: false, date };
      mine.set(`${queue}:${t.label}`, rec);
      records.push(rec);
      nextArrival += Math.floor(rnd() * 5) * 60_000;
      if (nextArrival <= now) nextArrival = now + 60_000;
    }
    // free counters call
    for (const c of ['1', '2', '3']) {
      if (current.has(c) || (freeAt.get(c) ?? 0) > now) continue;
      const t = e.callNext(SITE, c, CLERK, { confirmNoShow: true });
      if (!t) continue;
      const rec = mine.get(`${t.queue}:${t.label}`) ?? [...mine.values()].find((r) => r.label === t.label);
      if (!rec) throw new Error(`unknown ticket ${t.label}`);
      calls += 1;
      const transfer = rec.calledAt === null && t.queue === 'filings' && ++filings % 5 === 0;
      if (rec.calledAt === null) {
        rec.calledAt = now;
        rec.counter = c;
      }
      const noShow = !transfer && calls % 7 === 0;
      const endAt = now + (noShow ? 1 : 2 + Math.floor(rnd() * 8)) * 60_000;
      current.set(c, { rec, calledAt: now, endAt, noShow, transfer });
    }
  }
  // 12:00: the counters close (a ticket at a counter is completed first)
  s.clock.set(close);
  for (const [c, cur] of current) {
    e.start(SITE, c, CLERK);
    e.complete(SITE, c, CLERK);
    cur.rec.outcome = 'done';
    cur.rec.endedAt = close;
    add(counterServed, `${date}|${c}`, 1);
    add(counterBusy, `${date}|${c}`, (close - cur.calledAt) / 60_000);
  }
  for (const c of ['1', '2', '3']) e.setCounterState(SITE, c, 'closed', MANAGER);
}

// ---- independent statistics ----
function expectedStats(values: number[]) {
  if (values.length === 0) return { count: 0, mean: null, median: null, p90: null, max: null };
  const v = [...values].sort((a, b) => a - b);
  const q = (p: number) => {
    const i = (v.length - 1) * p;
    const lo = Math.floor(i);
    return v[lo]! + (v[Math.ceil(i)]! - v[lo]!) * (i - lo);
  };
  const r = (x: number) => Math.round(x * 10) / 10;
  return { count: v.length, mean: r(v.reduce((a, b) => a + b, 0) / v.length), median: r(q(0.5)), p90: r(q(0.9)), max: r(v[v.length - 1]!) };
}
const waitOf = (r: Record_) => (r.calledAt === null ? null : (r.calledAt - r.issuedAt) / 60_000);

const DAYS = ['2026-04-06', '2026-04-13', '2026-04-20'];

beforeAll(async () => {
  s = await startServer({ now: '2026-04-06T00:00:00Z' });
  DAYS.forEach((d, i) => generateDay(d, 42 + i));
  s.clock.set('2026-04-21T01:00:00Z');
  s.m.tick(); // the last day rolls over: what still waited expires
  // the sessions of the first day have ended two weeks later
  managerToken = (await s.m.auth.login(s.manager.username, s.manager.password, 'bearer')).token;
  clerkToken = (await s.m.auth.login(s.clerk.username, s.clerk.password, 'bearer')).token;
}, 60_000);
let managerToken = '';
let clerkToken = '';
afterAll(async () => {
  await s?.close();
});

const get = async <T>(path: string): Promise<T> => {
  const res = await request(s.app, 'GET', `/api/v1/sites/${SITE}${path}`, { token: managerToken });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
};

interface Stats {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  max: number | null;
}
interface Report {
  issued: number;
  served: number;
  noShows: number;
  arrivalsByHour: number[];
  queues: Array<{ queue: string; issued: number; served: number; noShows: number; expired: number; transfersIn: number; waits: Stats }>;
  counters: Array<{ counter: string; served: number; busyMinutes: number; openMinutes: number; utilisation: number | null }>;
  transfers: Array<{ from: string; to: string; count: number }>;
}

describe('daily report on a generated day', () => {
  const date = DAYS[0]!;
  const day = () => records.filter((r) => r.date === date);

  it('has the generated day: enough tickets, calls, no-shows, transfers and expiries to mean something', () => {
    expect(day().length).toBeGreaterThan(60);
    expect(day().filter((r) => r.outcome === 'no_show').length).toBeGreaterThan(2);
    expect(day().filter((r) => r.transferred).length).toBeGreaterThan(1);
  });

  it('equals the figures computed from the test’s own record', async () => {
    const r = await get<Report>(`/reports/daily?date=${date}`);
    expect(r.issued).toBe(day().length);
    expect(r.served).toBe(day().filter((x) => x.outcome === 'done').length);
    expect(r.noShows).toBe(day().filter((x) => x.outcome === 'no_show').length);
    const hours = Array.from({ length: 24 }, (_, h) => day().filter((x) => new Date(x.issuedAt + 9 * 3_600_000).getUTCHours() === h).length);
    expect(r.arrivalsByHour).toEqual(hours);
    for (const queue of ['certificates', 'filings']) {
      const issued = day().filter((x) => x.queue === queue);
      const final = day().filter((x) => x.finalQueue === queue);
      const q = r.queues.find((x) => x.queue === queue);
      expect(q, queue).toMatchObject({
        issued: issued.length,
        served: final.filter((x) => x.outcome === 'done').length,
        noShows: final.filter((x) => x.outcome === 'no_show').length,
        expired: final.filter((x) => x.outcome === 'expired').length,
        transfersIn: final.filter((x) => x.transferred && x.queue !== queue).length,
      });
      expect(q?.waits, queue).toEqual(expectedStats(issued.flatMap((x) => (waitOf(x) === null ? [] : [waitOf(x)!]))));
    }
    expect(r.transfers).toEqual([{ from: 'filings', to: 'certificates', count: day().filter((x) => x.transferred).length }]);
    for (const c of ['1', '2', '3']) {
      const busy = Math.round((counterBusy.get(`${date}|${c}`) ?? 0) * 10) / 10;
      expect(r.counters.find((x) => x.counter === c), c).toEqual(
        expect.objectContaining({ served: counterServed.get(`${date}|${c}`) ?? 0, busyMinutes: busy, openMinutes: 180, utilisation: Math.round((busy / 180) * 1000) / 1000 }),
      );
    }
    expect(r.counters.find((x) => x.counter === '4')).toMatchObject({ openMinutes: 0, utilisation: null });
  });

  it('daily.csv opens with a BOM and has one row per ticket; the summary CSV one row per queue', async () => {
    const res = await request(s.app, 'GET', `/api/v1/sites/${SITE}/reports/daily.csv?date=${date}`, { token: managerToken });
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = res.body.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '');
    expect(rows).toHaveLength(day().length + 1);
    expect(new Set(rows.slice(1).map((l) => l.split(',')[0])).size).toBe(day().length);
    const sum = await request(s.app, 'GET', `/api/v1/sites/${SITE}/reports/daily-summary.csv?date=${date}`, { token: managerToken });
    expect(sum.statusCode).toBe(200);
    expect([...sum.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = sum.body.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toMatch(/^queue,issued,served,no_shows/);
    const cert = lines.find((l) => l.startsWith('certificates,'))?.split(',');
    expect(Number(cert?.[1])).toBe(day().filter((x) => x.queue === 'certificates').length);
  });
});

describe('closed days', () => {
  it('keep their derived figures (report_days), answer the same from them, and are rebuilt when the rows are deleted', async () => {
    const db = s.m.database.connection;
    const kept = () => (db.prepare('SELECT count(*) AS n FROM report_days WHERE business_date = ?').get(DAYS[1]) as { n: number }).n;
    db.exec('DELETE FROM report_days');
    const derived = await get<Report>(`/reports/daily?date=${DAYS[1]}`);
    expect(kept()).toBe(1);
    expect(JSON.parse((db.prepare('SELECT timelines FROM report_days WHERE business_date = ?').get(DAYS[1]) as { timelines: string }).timelines)).toHaveLength(derived.issued);
    const fromKept = await get<Report>(`/reports/daily?date=${DAYS[1]}`);
    expect(fromKept).toEqual(derived);
    const csv = async () => (await request(s.app, 'GET', `/api/v1/sites/${SITE}/reports/daily.csv?date=${DAYS[1]}`, { token: managerToken })).body;
    const keptCsv = await csv();
    db.exec('DELETE FROM report_days');
    expect(await csv()).toBe(keptCsv);
    expect(await get<Report>(`/reports/daily?date=${DAYS[1]}`)).toEqual(derived);
    // the day still open is never kept
    await get<Report>('/reports/daily?date=2026-04-21');
    expect((db.prepare(`SELECT count(*) AS n FROM report_days WHERE business_date = '2026-04-21'`).get() as { n: number }).n).toBe(0);
  });
});

describe('monthly report', () => {
  it('sums the month’s days and computes waits over all its tickets', async () => {
    const r = await get<Report & { month: string; days: Array<{ date: string; issued: number; served: number; noShows: number; meanWait: number | null }> }>('/reports/monthly?month=2026-04');
    expect(r.month).toBe('2026-04');
    expect(r.issued).toBe(records.length);
    expect(r.days).toHaveLength(30);
    for (const d of r.days) {
      const mine = records.filter((x) => x.date === d.date);
      expect(d, d.date).toEqual({
        date: d.date,
        issued: mine.length,
        served: mine.filter((x) => x.outcome === 'done').length,
        noShows: mine.filter((x) => x.outcome === 'no_show').length,
        meanWait: expectedStats(mine.flatMap((x) => (waitOf(x) === null ? [] : [waitOf(x)!]))).mean,
      });
    }
    const cert = records.filter((x) => x.queue === 'certificates');
    expect(r.queues.find((q) => q.queue === 'certificates')?.waits).toEqual(expectedStats(cert.flatMap((x) => (waitOf(x) === null ? [] : [waitOf(x)!]))));
    expect(r.counters.find((c) => c.counter === '1')?.openMinutes).toBe(180 * DAYS.length);
    const csv = await request(s.app, 'GET', `/api/v1/sites/${SITE}/reports/monthly.csv?month=2026-04`, { token: managerToken });
    expect(csv.body.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '')).toHaveLength(records.length + 1);
  });

  it('400 for a malformed month, 403 for a clerk', async () => {
    for (const m of ['2026-13', '2026-4', 'april']) {
      const res = await request(s.app, 'GET', `/api/v1/sites/${SITE}/reports/monthly?month=${m}`, { token: managerToken });
      expect(res.statusCode, m).toBe(400);
      expect(res.json<{ error: { field: string } }>().error.field).toBe('month');
    }
    expect((await request(s.app, 'GET', `/api/v1/sites/${SITE}/reports/monthly?month=2026-04`, { token: clerkToken })).statusCode).toBe(403);
  });
});

describe('day close', () => {
  it('derives the closed day’s report figures when the day rolls over on the tick', async () => {
    const db = s.m.database.connection;
    s.clock.set('2026-04-21T03:00:00Z');
    s.m.engine.takeTicket(SITE, { queue: 'certificates' }, KIOSK);
    db.exec(`DELETE FROM report_days WHERE business_date = '2026-04-21'`);
    s.clock.set('2026-04-21T15:01:00Z'); // 00:01 JST on the 22nd
    s.m.tick();
    await new Promise((r) => setImmediate(r));
    const kept = db.prepare(`SELECT timelines FROM report_days WHERE site_id = '${SITE}' AND business_date = '2026-04-21'`).get() as { timelines: string } | undefined;
    expect(JSON.parse(kept?.timelines ?? '[]')).toHaveLength(1);
  });
});
