/**
 * An old ticket system's log of the sample office (site "naka"), as the CSV that the import route
 * and the admin command read (docs/history-import.md): two fiscal years by default, one line per
 * ticket, sorted by issue time, streamed line by line (never held whole).
 *
 * The calendar effects below are this generator's own, with their sizes written here and nowhere
 * else: the forecast model must find them in the data, not share them (issue 17's backtest is not
 * circular). `sizes` changes them and `off` switches any of them off, so a test can check that a
 * model finds an effect where it is and invents none where it is not.
 *
 *   node --conditions=source --import tsx bench/lib/history-year.ts FILE [scale]
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { isGoroDay, isIchiryuManbai, rokuyo } from '../../server/src/domain/old-calendar.js';
import { hoursOn, type ScheduleContext } from '../../server/src/domain/schedule.js';
import type { QueueDef, SiteDef } from '../../server/src/domain/site.js';
import { addDays, weekdayOf } from '../../server/src/domain/time.js';
import { seededRandom } from '../../server/src/test-support/random.js';
import { sampleSite } from './year-data.js';

/** The effects and their sizes (multipliers of a queue's or a service's daily arrivals, or added tickets). */
export const HISTORY_EFFECTS = {
  /** Sunday … Saturday: Monday busiest, midweek quietest */
  weekday: [1, 1.25, 1.0, 0.92, 0.95, 1.05, 1],
  /** the first open day after a holiday or a long weekend (3+ closed days, GW, 年末年始) */
  afterHoliday: 1.3,
  /** 引越しシーズン: 15 March – 15 April, per queue; the rest of March and April half of it */
  movingSeason: { certificates: 1.3, filings: 1.8, insurance: 1.15 },
  /** new tax certificates, 1 June – 15 July: extra 税証明 tickets, a share of the certificates' base */
  taxCertificates: 0.35,
  /** 婚姻届 (filings, service "marriage"): tickets added on 大安, 一粒万倍日 and memorable dates (they add up) */
  marriage: { taian: 8, ichiryuManbai: 5, goro: 12 },
  /** 年金支給日 (the 15th of even months, or the open day before): 国民年金 tickets, a share of the insurance base */
  pensionPayday: 0.4,
  /** the first and the last two open days of a month */
  monthEdge: 1.1,
  /** a special opening (the moving season's Sundays): per open hour, against an ordinary weekday's hour */
  specialOpening: 1.5,
  /** the share of counters at lunch 12:00–14:00 (half from 12 to 13, the other half from 13 to 14) */
  lunchDip: 0.5,
  /** no-shows among called tickets; walk-aways before the call grow with the wait (per hour of waiting) */
  noShow: 0.04,
  walkAwayPerHour: 0.06,
};
export type HistoryEffect = 'weekday' | 'afterHoliday' | 'movingSeason' | 'taxCertificates' | 'marriage' | 'pensionPayday' | 'monthEdge' | 'specialOpening' | 'lunchDip';

/** An ordinary weekday's tickets per queue at scale 1, its counters, and its services' shares. */
const BASE = {
  certificates: { tickets: 280, counters: 4, mix: { juminhyo: 0.45, inkan: 0.2, koseki: 0.15, tax: 0.2 } },
  filings: { tickets: 75, counters: 4, mix: { 'move-in': 0.3, 'move-out': 0.25, 'change-of-address': 0.2, birth: 0.15, marriage: 0.1 } },
  insurance: { tickets: 60, counters: 2, mix: { kokuho: 0.6, nenkin: 0.4 } },
} as const;
type QueueId = keyof typeof BASE;
/** arrivals by local hour on an ordinary day (peak 10–12), relative */
const HOURLY = [0, 0, 0, 0, 0, 0, 0, 0, 0.6, 0.9, 1.35, 1.3, 0.95, 1.0, 0.95, 0.85, 0.6, 0.4, 0.35, 0.3, 0, 0, 0, 0];

export interface HistoryYearOptions {
  /** first and last calendar day (default two fiscal years, 2024-04-01 – 2026-03-31) */
  from?: string;
  to?: string;
  /** tickets and counters × scale (1: ≈ 234,000 rows over the default two years; 1.75: ≈ 409,000) */
  scale?: number;
  seed?: number;
  /** effects switched off */
  off?: readonly HistoryEffect[];
  /** other sizes (e.g. a year with different effect sizes) */
  sizes?: Partial<typeof HISTORY_EFFECTS>;
}

export interface HistoryDayPlan {
  date: string;
  /** expected tickets per queue and service on this date (0 when closed): the generator's truth */
  expected: Record<string, Record<string, number>>;
}

const ctxOf = (site: SiteDef, q: QueueDef): ScheduleContext => ({
  schedule: q.schedule,
  siteClosedDays: site.closedDays,
  siteSpecialOpenings: site.specialOpenings,
  timeZone: site.timeZone,
});

/** The day-level truth: expected tickets per queue and service on every date. */
export function* historyPlan(opts: HistoryYearOptions = {}): Generator<HistoryDayPlan> {
  const site = sampleSite();
  const e = { ...HISTORY_EFFECTS, ...opts.sizes };
  const on = (x: HistoryEffect) => !(opts.off ?? []).includes(x);
  const scale = opts.scale ?? 1;
  const from = opts.from ?? '2024-04-01';
  const to = opts.to ?? '2026-03-31';
  const filings = site.queues.find((q) => q.id === 'filings');
  if (!filings) throw new Error('the sample office has no filings queue');
  // an ordinary open weekday, by the filings queue (weekdays only; the Sunday openings are special)
  const ordinary = (d: string) => weekdayOf(d) >= 1 && weekdayOf(d) <= 5 && hoursOn(ctxOf(site, filings), d).kind === 'regular';
  const closedRunBefore = (d: string) => {
    let n = 0;
    while (n < 10 && !ordinary(addDays(d, -1 - n))) n++;
    return n;
  };
  const weekdayHoliday = (d: string, run: number) => Array.from({ length: run }, (_, i) => addDays(d, -1 - i)).some((x) => weekdayOf(x) >= 1 && weekdayOf(x) <= 5);
  const monthEdge = (d: string) => {
    const month = d.slice(0, 7);
    const firsts = [];
    const lasts = [];
    for (let x = `${month}-01`; x.startsWith(month); x = addDays(x, 1)) if (ordinary(x)) firsts.push(x);
    lasts.push(...firsts.slice(-2));
    return firsts.slice(0, 2).includes(d) || lasts.includes(d);
  };
  const payday = (d: string) => {
    const m = Number(d.slice(5, 7));
    if (m % 2 !== 0) return false;
    let pay = `${d.slice(0, 7)}-15`;
    while (!ordinary(pay)) pay = addDays(pay, -1);
    return pay === d;
  };

  for (let date = from; date <= to; date = addDays(date, 1)) {
    const expected: Record<string, Record<string, number>> = {};
    const md = date.slice(5);
    for (const q of site.queues) {
      const base = BASE[q.id as QueueId];
      const hours = hoursOn(ctxOf(site, q), date);
      if (!base || hours.kind === 'closed_day' || hours.intervals.length === 0) continue;
      const minutes = hours.intervals.reduce((s, [a, b]) => s + b - a, 0);
      const special = !ordinary(date);
      // a day's share of an ordinary day by its opening minutes (8.5 h)
      let f = special ? (minutes / 510) * (on('specialOpening') ? e.specialOpening : 1) : 1;
      if (!special && on('weekday')) f *= e.weekday[weekdayOf(date)] ?? 1;
      if (!special && on('afterHoliday')) {
        const run = closedRunBefore(date);
        if (run >= 3 || (run >= 1 && weekdayHoliday(date, run))) f *= e.afterHoliday;
      }
      if (!special && on('monthEdge') && monthEdge(date)) f *= e.monthEdge;
      if (on('movingSeason') && (md.startsWith('03') || md.startsWith('04'))) {
        const full = e.movingSeason[q.id as QueueId];
        f *= md >= '03-15' && md <= '04-15' ? full : 1 + (full - 1) / 2;
      }
      const tickets = base.tickets * scale * f;
      const mix: Record<string, number> = {};
      for (const [service, share] of Object.entries(base.mix)) mix[service] = tickets * share;
      if (q.id === 'certificates' && on('taxCertificates') && md >= '06-01' && md <= '07-15') mix.tax = (mix.tax ?? 0) + base.tickets * scale * e.taxCertificates;
      if (q.id === 'insurance' && on('pensionPayday') && payday(date)) mix.nenkin = (mix.nenkin ?? 0) + base.tickets * scale * e.pensionPayday;
      if (q.id === 'filings' && on('marriage')) {
        const extra = (rokuyo(date) === '大安' ? e.marriage.taian : 0) + (isIchiryuManbai(date) ? e.marriage.ichiryuManbai : 0) + (isGoroDay(date) ? e.marriage.goro : 0);
        mix.marriage = (mix.marriage ?? 0) + extra * scale;
      }
      expected[q.id] = mix;
    }
    yield { date, expected };
  }
}

function poisson(mean: number, rand: () => number): number {
  if (mean <= 0) return 0;
  if (mean > 40) {
    const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    return Math.max(0, Math.round(mean + z * Math.sqrt(mean)));
  }
  let k = 0;
  for (let p = rand(), limit = Math.exp(-mean); p > limit; p *= rand()) k++;
  return k;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** seconds since local midnight → ISO with the JST offset (the sample office is in Asia/Tokyo, no DST) */
const stamp = (date: string, s: number) => `${date}T${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(Math.floor(s % 60))}+09:00`;

interface Ticket {
  queue: string;
  service: string;
  issued: number;
  line: string;
}

/** The log's lines, header first, each ending in "\n", sorted by issue time. */
export function* historyYearLines(opts: HistoryYearOptions = {}): Generator<string> {
  const site = sampleSite();
  const e = { ...HISTORY_EFFECTS, ...opts.sizes };
  const lunchDip = !(opts.off ?? []).includes('lunchDip');
  const rand = seededRandom(opts.seed ?? 20240401);
  const scale = opts.scale ?? 1;
  yield 'queue,issued_at,called_at,finished_at,service,counter,state\n';
  for (const { date, expected } of historyPlan(opts)) {
    const tickets: Ticket[] = [];
    for (const q of site.queues) {
      const mix = expected[q.id];
      const base = BASE[q.id as QueueId];
      if (!mix || !base) continue;
      const { intervals } = hoursOn(ctxOf(site, q), date);
      // issuing: from opening to the cutoff, arrivals by the hourly profile
      const windows = intervals.map(([a, b]) => [a * 60, (b - q.schedule.cutoffMinutes) * 60] as const).filter(([a, b]) => b > a);
      const weight = (s: number) => HOURLY[Math.floor(s / 3600)] ?? 0;
      const draws: Array<{ service: string; issued: number }> = [];
      for (const [service, mean] of Object.entries(mix)) {
        for (let n = poisson(mean, rand); n > 0; ) {
          const w = windows[Math.floor(rand() * windows.length)];
          if (!w) break;
          const s = w[0] + rand() * (w[1] - w[0]);
          // thinning against the peak weight: arrivals follow the hourly profile
          if (rand() * 1.35 <= weight(s)) {
            draws.push({ service, issued: Math.floor(s) });
            n--;
          }
        }
      }
      draws.sort((a, b) => a.issued - b.issued);
      // the counters of this queue, each with its lunch hour; the office adds two at filings in the moving season
      const md = date.slice(5);
      const extra = q.id === 'filings' && md >= '03-15' && md <= '04-15' ? 2 : 0;
      const counters = Array.from({ length: Math.max(1, Math.round(base.counters * scale) + extra) }, (_, i) => ({
        id: `${q.id.slice(0, 1).toUpperCase()}${i + 1}`,
        free: 0,
        lunch: lunchDip && i / (base.counters * scale + extra) < e.lunchDip * 2 ? (i % 2 === 0 ? 12 * 3600 : 13 * 3600) : -1,
      }));
      const ready = (c: (typeof counters)[number], t: number) => (c.lunch >= 0 && t >= c.lunch && t < c.lunch + 3600 ? c.lunch + 3600 : t);
      for (const d of draws) {
        let best = counters[0];
        let start = Infinity;
        for (const c of counters) {
          const t = ready(c, Math.max(c.free, d.issued));
          if (t < start) [best, start] = [c, t];
        }
        if (!best) continue;
        const minutes = q.services.find((s) => s.id === d.service)?.defaultServiceMinutes ?? q.defaultServiceMinutes;
        const wait = (start - d.issued) / 3600;
        let called = '';
        let finished = '';
        let state = 'cancelled';
        // nobody is called after 23:00: the rest have gone home (a day's log ends on its day)
        if (start < 23 * 3600 && rand() >= 0.005 + e.walkAwayPerHour * wait) {
          called = stamp(date, start);
          if (rand() < e.noShow) {
            state = 'no_show';
            best.free = start + 60;
          } else {
            // service times: a gamma(4)-like spread around the service's mean
            const service = (minutes * 60 * (-Math.log(rand() * rand() * rand() * rand()) / 4)) | 0;
            best.free = start + Math.max(30, service);
            finished = stamp(date, Math.min(best.free, 86_399));
            state = 'done';
          }
        }
        const counter = state === 'cancelled' ? '' : best.id;
        tickets.push({ queue: q.id, service: d.service, issued: d.issued, line: `${q.id},${stamp(date, d.issued)},${called},${finished},${d.service},${counter},${state}\n` });
      }
    }
    tickets.sort((a, b) => a.issued - b.issued);
    for (const t of tickets) yield t.line;
  }
}

/** Writes the log to `file`, streaming; the number of tickets written. */
export async function writeHistoryYear(file: string, opts: HistoryYearOptions = {}): Promise<number> {
  const out = createWriteStream(file);
  let rows = -1;
  for (const line of historyYearLines(opts)) {
    rows++;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, scale] = process.argv.slice(2);
  if (!file) throw new Error('usage: history-year.ts FILE [scale]');
  const rows = await writeHistoryYear(file, { scale: scale ? Number(scale) : 1 });
  process.stdout.write(`${rows} tickets written to ${file}\n`);
}
