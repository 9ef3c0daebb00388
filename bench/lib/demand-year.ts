/**
 * Generated demand for the forecast's tests and backtest: a site's DemandDay rows (one per queue
 * per open day) over a date range, from this file's OWN table of calendar effects — written
 * separately from the model (server/src/domain/demand-forecast.ts and calendar-effects.ts share
 * no code or constant with it), with its own sizes, shapes the model only approximates (the moving
 * season is a smooth bump, not two steps; a long weekend's backlog spills into a second day;
 * month-end builds up over three days), and noise the calendar does not explain: a level that
 * wanders slowly, day-to-day noise shared by the queues (weather) and per queue, and Poisson
 * counts per hour. Only the world's calendar is shared: which days are open comes from the
 * schedule (hoursOn: holidays, 年末年始, closures, special openings), as it does for an office.
 *
 * Presets (multipliers on an ordinary day):
 *
 * | effect | STANDARD_EFFECTS | OTHER_EFFECTS |
 * |---|---|---|
 * | weekday Mon … Fri | 1.25, 1.00, 0.90, 0.95, 1.05 | 1.05, 1.15, 1.00, 0.88, 0.97 |
 * | first open day after a holiday (closure < 3 days) | 1.35 | 1.18 |
 * | after ≥ 3 closed days (2nd open day gets a third of it) | 1.50 | 1.28 |
 * | first 2 open days of the month | 1.12 | 1.00 (none) |
 * | last 2 open days (3rd-last gets half) | 1.15 | 1.25 |
 * | moving season peak (certificates / filings / insurance; bump from 1 Mar, plateau 20 Mar–8 Apr, tail to 30 Apr) | 1.30 / 1.80 / 1.40 | 1.15 / 2.10 / 1.20 |
 * | last 3 open days of December | 1.25 | 1.40 |
 * | first 3 open days of January | 1.40 | 1.15 |
 * | pension payday (15th of even months or the open day before; certificates / filings / insurance) | 1.05 / 1.00 / 1.12 | 1.00 (none) |
 * | special opening (休日開庁, a half day) | 0.55 | 0.80 |
 * | level trend per year | +3 % | −4 % |
 *
 * Noise: the level wanders (AR(1) on its log, daily step sd 0.5 %, pull-back 0.5 %/day, so a
 * spread of ~5 % over months); each day × 1 ± 5 % shared by all queues and ± 5 % per queue
 * (log-normal); counts are Poisson per hour. The hourly curve per minute: a morning peak near
 * 10:00 (filings 10:30), a smaller bump near 13:45 with the dip between, halved after 16:00.
 */
import type { DemandContext, DemandDay } from '../../server/src/domain/demand-forecast.js';
import { hoursOn, type ScheduleContext } from '../../server/src/domain/schedule.js';
import { seededRandom } from '../../server/src/test-support/random.js';
import { sampleSite } from './year-data.js';

export type PerQueue = number | Readonly<Record<string, number>>;

export interface DemandEffects {
  name: string;
  /** Sun … Sat */
  weekday: readonly number[];
  afterHoliday: number;
  afterLongClosure: number;
  monthStart: number;
  monthEnd: number;
  movingSeason: PerQueue;
  yearEnd: number;
  newYear: number;
  pension: PerQueue;
  special: number;
  /** log-level change per year */
  trendPerYear: number;
}

export type DemandEffectName = Exclude<keyof DemandEffects, 'name' | 'weekday' | 'trendPerYear'>;

export const STANDARD_EFFECTS: DemandEffects = {
  name: 'standard',
  weekday: [1, 1.25, 1, 0.9, 0.95, 1.05, 1],
  afterHoliday: 1.35,
  afterLongClosure: 1.5,
  monthStart: 1.12,
  monthEnd: 1.15,
  movingSeason: { certificates: 1.3, filings: 1.8, insurance: 1.4 },
  yearEnd: 1.25,
  newYear: 1.4,
  pension: { certificates: 1.05, filings: 1, insurance: 1.12 },
  special: 0.55,
  trendPerYear: 0.03,
};

export const OTHER_EFFECTS: DemandEffects = {
  name: 'other',
  weekday: [1, 1.05, 1.15, 1, 0.88, 0.97, 1],
  afterHoliday: 1.18,
  afterLongClosure: 1.28,
  monthStart: 1,
  monthEnd: 1.25,
  movingSeason: { certificates: 1.15, filings: 2.1, insurance: 1.2 },
  yearEnd: 1.4,
  newYear: 1.15,
  pension: 1,
  special: 0.8,
  trendPerYear: -0.04,
};

/** The same table with some effects switched off (×1). */
export function without(effects: DemandEffects, ...off: DemandEffectName[]): DemandEffects {
  const out: DemandEffects = { ...effects, name: `${effects.name} without ${off.join(', ')}` };
  for (const k of off) out[k] = 1;
  return out;
}

export const sizeFor = (s: PerQueue, queue: string): number => (typeof s === 'number' ? s : (s[queue] ?? 1));

/** The sample office's queues and their ordinary-day volume (≈ 2,700 tickets a day). */
export const SAMPLE_QUEUES: ReadonlyArray<{ id: string; base: number; serviceMinutes: number; counters: number }> = [
  { id: 'certificates', base: 1000, serviceMinutes: 5, counters: 4 },
  { id: 'filings', base: 900, serviceMinutes: 12, counters: 6 },
  { id: 'insurance', base: 800, serviceMinutes: 10, counters: 5 },
];

/**
 * The sample office's schedule (site "naka", its certificates queue's hours: Friday evenings
 * and the moving season's Sunday openings) and its queues, with `defaultDailyArrivals` as an
 * office would set them before having data (a round guess, not the generator's volumes).
 */
export function sampleDemandContext(defaultDailyArrivals = 700): DemandContext {
  const site = sampleSite();
  const queue = site.queues.find((q) => q.id === 'certificates') ?? site.queues[0];
  if (!queue) throw new Error('the sample office has no queue');
  const schedule: ScheduleContext = {
    schedule: queue.schedule,
    siteClosedDays: site.closedDays,
    siteSpecialOpenings: site.specialOpenings,
    timeZone: site.timeZone,
  };
  return { schedule, queues: SAMPLE_QUEUES.map((q) => ({ id: q.id, defaultDailyArrivals })) };
}

export interface DemandYearOptions {
  from?: string;
  to?: string;
  effects?: DemandEffects;
  seed?: number;
  /** day-to-day noise (log sd, shared and per queue) and the level's daily step; 0 for clean data in tests */
  dayNoise?: number;
  levelStep?: number;
  queues?: ReadonlyArray<{ id: string; base: number; serviceMinutes: number; counters: number }>;
}

// ---- the generator's own calendar arithmetic (deliberately not the model's) ----

const DAY = 86_400_000;
const toMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const shift = (date: string, n: number) => fromMs(toMs(date) + n * DAY);
const WEEK = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

interface World {
  open: (date: string) => boolean;
  /** issuing intervals (minutes since midnight): opening hours less 受付終了 */
  issuing: (date: string) => Array<[number, number]>;
  /** normally has weekly hours on this weekday */
  usual: (date: string) => boolean;
  special: (date: string) => boolean;
}

function world(ctx: ScheduleContext): World {
  const memo = new Map<string, Array<[number, number]>>();
  const issuing = (date: string) => {
    let v = memo.get(date);
    if (!v) {
      const { kind, intervals } = hoursOn(ctx, date);
      v = kind === 'closed_day' ? [] : intervals.map(([a, b]): [number, number] => [a, b - ctx.schedule.cutoffMinutes]).filter(([a, b]) => b > a);
      memo.set(date, v);
    }
    return v;
  };
  const open = (date: string) => issuing(date).length > 0;
  const usual = (date: string) => (ctx.schedule.weekly[WEEK[new Date(toMs(date)).getUTCDay()] ?? 'sun'] ?? []).length > 0;
  // open although the plain week (no special openings, no extra hours) says closed
  const plain: ScheduleContext = { ...ctx, siteSpecialOpenings: [], schedule: { ...ctx.schedule, specialOpenings: [], extended: [] } };
  return { open, issuing, usual, special: (d) => open(d) && (!usual(d) || hoursOn(plain, d).kind === 'closed_day') };
}

/** The multiplier of every generated effect on an open date for a queue (the truth the model is tested against). */
export function trueMultiplier(w: World, e: DemandEffects, date: string, queue: string): Record<string, number> {
  const wd = new Date(toMs(date)).getUTCDay();
  const month = Number(date.slice(5, 7));
  const dom = Number(date.slice(8));
  const out: Record<string, number> = {};
  out.weekday = w.special(date) ? 1 : (e.weekday[wd] ?? 1);
  // closed run before, and before the previous open day (for the backlog's second day)
  const runBefore = (d: string) => {
    let n = 0;
    let hol = false;
    let x = shift(d, -1);
    while (n < 30 && !w.open(x)) {
      n++;
      if (w.usual(x)) hol = true;
      x = shift(x, -1);
    }
    return { n, hol, prevOpen: x };
  };
  const r = runBefore(date);
  let back = 1;
  if (r.n >= 3) back = e.afterLongClosure;
  else if (r.n > 0 && r.hol) back = e.afterHoliday;
  else if (r.n === 0) {
    const r2 = runBefore(r.prevOpen);
    if (r2.n >= 3) back = 1 + (e.afterLongClosure - 1) / 3;
  }
  out.backlog = back;
  // open days counted from either end of the month
  let fromStart = 0;
  for (let d = `${date.slice(0, 8)}01`; d <= date; d = shift(d, 1)) if (w.open(d)) fromStart++;
  let toEnd = 0;
  for (let d = date; d.slice(5, 7) === date.slice(5, 7); d = shift(d, 1)) if (w.open(d)) toEnd++;
  out.monthStart = fromStart <= 2 ? e.monthStart : 1;
  out.monthEnd = toEnd <= 2 ? e.monthEnd : toEnd === 3 ? 1 + (e.monthEnd - 1) / 2 : 1;
  // the moving season: a smooth bump
  const peak = sizeFor(e.movingSeason, queue);
  const md = month * 100 + dom;
  let shape = 0;
  if (md >= 301 && md < 320) shape = 0.25 + (0.75 * (dom - 1)) / 19;
  else if (md >= 320 && md <= 408) shape = 1;
  else if (md > 408 && md <= 420) shape = 1 - (0.8 * (dom - 8)) / 12;
  else if (md > 420 && md <= 430) shape = 0.2;
  out.moving = 1 + (peak - 1) * shape;
  out.yearEnd = month === 12 && toEnd <= 3 ? e.yearEnd : 1;
  out.newYear = month === 1 && fromStart <= 3 ? e.newYear : 1;
  let payday = false;
  if (month % 2 === 0 && dom <= 15) {
    let p = `${date.slice(0, 8)}15`;
    while (!w.open(p) && Number(p.slice(8)) > 1) p = shift(p, -1);
    payday = p === date;
  }
  out.pension = payday ? sizeFor(e.pension, queue) : 1;
  out.special = w.special(date) ? e.special : 1;
  return out;
}

/** The generator's hourly curve per minute for a queue, at minute-of-day m. */
function curve(queue: string, m: number): number {
  const h = m / 60;
  const morning = queue === 'filings' ? 10.5 : 10;
  const g = (mu: number, sd: number) => Math.exp(-0.5 * ((h - mu) / sd) ** 2);
  const v = 0.2 + g(morning, 1.1) + 0.55 * g(13.75, 0.8);
  return h >= 16 ? v * 0.5 : v;
}

function poisson(rand: () => number, lambda: number, normal: () => number): number {
  if (lambda <= 0) return 0;
  if (lambda > 40) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()));
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

/** Two years of the sample office by default (2024-04-01 … 2026-03-31). */
export function generateDemand(ctx: DemandContext, o: DemandYearOptions = {}): DemandDay[] {
  const from = o.from ?? '2024-04-01';
  const to = o.to ?? '2026-03-31';
  const e = o.effects ?? STANDARD_EFFECTS;
  const queues = o.queues ?? SAMPLE_QUEUES;
  const dayNoise = o.dayNoise ?? 0.05;
  const levelStep = o.levelStep ?? 0.005;
  const rand = seededRandom(o.seed ?? 17);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const w = world(ctx.schedule);
  const out: DemandDay[] = [];
  let wander = 0;
  const start = toMs(from);
  for (let d = from; d <= to; d = shift(d, 1)) {
    wander = 0.995 * wander + levelStep * normal();
    if (!w.open(d)) continue;
    const years = (toMs(d) - start) / (365 * DAY);
    const shared = dayNoise * normal();
    const issuing = w.issuing(d);
    for (const q of queues) {
      const m = trueMultiplier(w, e, d, q.id);
      const mult = Object.values(m).reduce((a, b) => a * b, 1);
      const mean = q.base * mult * Math.exp(e.trendPerYear * years + wander + shared + dayNoise * normal());
      // spread the day's mean over its issuing minutes by the curve, then count per hour
      const weights = new Array<number>(24).fill(0);
      for (const [a, b] of issuing) for (let m = a; m < b; m++) weights[Math.floor(m / 60)]! += curve(q.id, m + 0.5);
      const total = weights.reduce((a, b) => a + b, 0);
      const hours = weights.map((x) => poisson(rand, (mean * x) / total, normal));
      const arrivals = hours.reduce((a, b) => a + b, 0);
      const served = Math.round(arrivals * 0.97);
      out.push({
        date: d,
        queue: q.id,
        arrivals,
        hours,
        served,
        serviceMinutes: Math.round(served * q.serviceMinutes * Math.exp(0.05 * normal())),
        counterHours: weights.map((x) => (x > 0 ? q.counters : 0)),
      });
    }
  }
  return out;
}

/** The generator's own view of the schedule, for tests that compare with the truth. */
export const generatorWorld = (ctx: DemandContext): World => world(ctx.schedule);
