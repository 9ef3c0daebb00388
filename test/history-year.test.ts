/**
 * The generated old-system log (bench/lib/history-year.ts) carries the calendar effects its
 * table documents, and reads through the history parser without a single error.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { historyPlan, historyYearLines, type HistoryYearOptions } from '../bench/lib/history-year.js';
import { sampleSite } from '../bench/lib/year-data.js';
import { parseHistoryCsv, type ParsedHistoryRow } from '../server/src/app/history-csv.js';
import { isGoroDay, isIchiryuManbai, rokuyo } from '../server/src/domain/old-calendar.js';
import { weekdayOf } from '../server/src/domain/time.js';

const YEAR: HistoryYearOptions = { from: '2025-04-01', to: '2026-03-31', seed: 7 };

interface DayCount {
  date: string;
  byService: Map<string, number>;
  byQueue: Map<string, number>;
}
const days: DayCount[] = [];
/** mean minutes from issue to call, and tickets, by local issue hour */
const waits = Array.from({ length: 24 }, () => ({ minutes: 0, called: 0, issued: 0 }));
let rows = 0;
let refused = 0;

beforeAll(async () => {
  const site = sampleSite();
  for await (const day of parseHistoryCsv(historyYearLines(YEAR), { timeZone: site.timeZone, queues: site.queues })) {
    if (!('rows' in day)) {
      refused++;
      continue;
    }
    const count: DayCount = { date: day.date, byService: new Map(), byQueue: new Map() };
    const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
    for (const r of day.rows as ParsedHistoryRow[]) {
      add(count.byQueue, r.queue);
      add(count.byService, `${r.queue}/${r.service}`);
      const hour = (new Date(r.issuedAt).getUTCHours() + 9) % 24;
      waits[hour]!.issued++;
      if (r.calledAt) {
        waits[hour]!.called++;
        waits[hour]!.minutes += (Date.parse(r.calledAt) - Date.parse(r.issuedAt)) / 60_000;
      }
    }
    rows += day.rows.length;
    days.push(count);
  }
}, 120_000);

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const weekdays = () => days.filter((d) => weekdayOf(d.date) >= 1 && weekdayOf(d.date) <= 5);
const of = (d: DayCount, key: string) => (key.includes('/') ? d.byService.get(key) : d.byQueue.get(key)) ?? 0;

describe('the generated log of an old ticket system', () => {
  it('parses whole: every day imports and no line is refused', () => {
    expect(refused).toBe(0);
    expect(days.length).toBeGreaterThan(240);
    expect(rows).toBeGreaterThan(100_000);
  });

  it('has busier Mondays than Wednesdays', () => {
    const mon = mean(weekdays().filter((d) => weekdayOf(d.date) === 1).map((d) => of(d, 'certificates')));
    const wed = mean(weekdays().filter((d) => weekdayOf(d.date) === 3).map((d) => of(d, 'certificates')));
    expect(mon / wed).toBeGreaterThan(1.2);
  });

  it('has the June tax certificates in the certificates queue only', () => {
    const month = (m: string, key: string) => mean(weekdays().filter((d) => d.date.slice(5, 7) === m).map((d) => of(d, key)));
    expect(month('06', 'certificates/tax') / month('05', 'certificates/tax')).toBeGreaterThan(2);
    expect(month('06', 'insurance') / month('05', 'insurance')).toBeLessThan(1.15);
  });

  it('has the moving season at filings', () => {
    const season = mean(weekdays().filter((d) => d.date.slice(5) >= '03-15' && d.date.slice(5) <= '04-15').map((d) => of(d, 'filings')));
    const autumn = mean(weekdays().filter((d) => d.date.slice(5, 7) === '10').map((d) => of(d, 'filings')));
    expect(season / autumn).toBeGreaterThan(1.5);
  });

  it('has more 婚姻届 on 大安 than on days with no reason to choose them', () => {
    const plain = (d: DayCount) => rokuyo(d.date) !== '大安' && !isIchiryuManbai(d.date) && !isGoroDay(d.date);
    const taian = mean(weekdays().filter((d) => rokuyo(d.date) === '大安').map((d) => of(d, 'filings/marriage')));
    const other = mean(weekdays().filter(plain).map((d) => of(d, 'filings/marriage')));
    expect(taian - other).toBeGreaterThan(4);
    const ichiryu = mean(weekdays().filter((d) => isIchiryuManbai(d.date) && rokuyo(d.date) !== '大安').map((d) => of(d, 'filings/marriage')));
    expect(ichiryu - other).toBeGreaterThan(2);
  });

  it('has the longest waits at 12:00–14:00 while arrivals peak at 10:00–12:00', () => {
    const wait = (hs: number[]) => hs.reduce((s, h) => s + waits[h]!.minutes, 0) / hs.reduce((s, h) => s + waits[h]!.called, 0);
    const issued = (hs: number[]) => hs.reduce((s, h) => s + waits[h]!.issued, 0);
    expect(issued([10, 11])).toBeGreaterThan(issued([12, 13]));
    expect(wait([12, 13])).toBeGreaterThan(1.5 * wait([10, 11]));
  });

  it('has the pension payday at insurance', () => {
    const payday = days.filter((d) => ['2025-06-13', '2025-08-15', '2025-10-15', '2025-12-15', '2026-02-13'].includes(d.date));
    expect(payday).toHaveLength(5);
    const others = weekdays().filter((d) => !payday.includes(d) && d.date.slice(5, 7) !== '03' && d.date.slice(5, 7) !== '04');
    expect(mean(payday.map((d) => of(d, 'insurance/nenkin'))) / mean(others.map((d) => of(d, 'insurance/nenkin')))).toBeGreaterThan(1.6);
  });

  it('opens on the moving season’s Sundays and stays closed on holidays', () => {
    expect(days.some((d) => d.date === '2026-03-22' && of(d, 'filings') > 0)).toBe(true);
    expect(days.some((d) => ['2025-05-05', '2025-11-03', '2026-01-02', '2025-06-08'].includes(d.date))).toBe(false);
  });
});

describe('the generator’s switches', () => {
  it('switches an effect off, leaving the others', () => {
    const plan = (opts: HistoryYearOptions) => [...historyPlan({ ...YEAR, to: '2025-06-30', ...opts })];
    const on = plan({});
    const off = plan({ off: ['marriage'] });
    const taian = on.findIndex((d) => rokuyo(d.date) === '大安' && d.expected.filings);
    expect(on[taian]?.expected.filings?.marriage).toBeGreaterThan(off[taian]?.expected.filings?.marriage ?? Infinity);
    expect(off[taian]?.expected.certificates).toEqual(on[taian]?.expected.certificates);
    const bigger = plan({ sizes: { marriage: { taian: 20, ichiryuManbai: 0, goro: 0 } } });
    expect(bigger[taian]?.expected.filings?.marriage).toBeGreaterThan(on[taian]?.expected.filings?.marriage ?? Infinity);
  });

  it('is the same log for the same seed and another for another', () => {
    const head = (seed: number) => [...take(historyYearLines({ ...YEAR, seed }), 500)].join('');
    expect(head(1)).toBe(head(1));
    expect(head(2)).not.toBe(head(1));
  });
});

function* take<T>(it: Iterable<T>, n: number): Generator<T> {
  for (const x of it) {
    if (n-- <= 0) return;
    yield x;
  }
}
