import { CALENDAR_EFFECTS, dayFacts } from './calendar-effects.js';
import { hoursOn, type ScheduleContext } from './schedule.js';
import { WEEKDAYS } from './site.js';
import { addDays, dayNumber, parseHHMM } from './time.js';

/**
 * The demand forecast (混雑予測): expected arrivals per queue per day and per hour, learned from
 * the site's own past days with the calendar effects a ward office sees (calendar-effects.ts).
 * Pure: the caller gives the days of history and the schedule; the fit is plain JSON, stored and
 * read back.
 *
 * The model, per queue (multiplicative):
 *
 *   arrivals(d) = exp(level + trend·t(d) + weekday[wd(d)] + Σ effect_k · [effect k on d] + recent shift)
 *
 * fitted as a ridge regression of log(arrivals + ½) by weighted least squares: each past day
 * weighs 2^(−age / 365 days) (last year's March still counts when forecasting this March), and
 * each coefficient is pulled towards its documented default below by a penalty worth a few days
 * of data. With no data a site gets the defaults; an effect the data shows is learned from the
 * days it marks; an effect the data lacks is shrunk towards ×1 as the days that would show it
 * accumulate (it is not invented). One reweighted pass (Huber) keeps an odd day (an outage, a
 * half-day) from bending the fit. After the fit, the residuals of the last weeks (weights halving
 * every 14 days) move the level — the slowly moving part the calendar does not explain.
 *
 * Hourly profile: an arrival intensity per minute for each hour of the day per queue, learned by
 * a fixed point (each day's hours ∝ intensity × issuing minutes in that hour, so a Friday's
 * evening hours or a half-day's short hours teach the same curve) and blended with the default
 * curve by the days seen in each hour. A day's hours are the intensity × that day's issuing
 * minutes (opening hours minus 受付終了), scaled to the day's arrivals: zero outside the hours.
 *
 * Defaults (the only numbers written by hand; data overrides them):
 *
 * | what | default | why |
 * |---|---|---|
 * | level (no data) | DemandQueue.defaultDailyArrivals | the site's own estimate of an ordinary day |
 * | weekday Mon / Tue / Wed / Thu / Fri (Sat, Sun when open weekly) | ×1.20 / 1.00 / 0.95 / 0.95 / 1.00 (1.00) | Monday is the busiest day in every ward's published 混雑予想; mid-week is quieter |
 * | afterHoliday | ×1.25 | the first open day after a holiday carries the closed day's errands |
 * | afterLongWeekend | ×1.40 | after 3+ closed days (GW, 3-day weekends) the backlog is larger |
 * | afterLongWeekend2 | ×1.10 | 連休明けの数日間: part of the backlog comes on the second day |
 * | monthStart | ×1.10 | 月初め: listed as busy by ward offices (benefits, new month's procedures) |
 * | monthEnd | ×1.10 | 月末: deadlines (届出 within 14 days, payments) |
 * | fiscalYearEnd (1–19 Mar) | ×1.15 | 年度末: moves and new jobs begin |
 * | movingPeak (20 Mar–10 Apr) | ×1.45 | the moving season's peak; wards call these days "very crowded" |
 * | fiscalYearStart (11–30 Apr) | ×1.15 | 年度初め: the season's tail |
 * | beforeYearEnd (last 3 open days of Dec) | ×1.20 | errands before the 年末年始 closure |
 * | afterNewYear (first 3 open days of Jan) | ×1.30 | the closure's backlog |
 * | pensionDay | ×1.05 | older citizens combine the bank and the ward office; small |
 * | specialOpening (休日開庁) | ×0.60 of the average weekday | a half-day opening draws fewer than a full day, though busy per hour |
 * | taxCertificates (1 Jun–15 Jul) | ×1.00 | the new 課税証明書 crowd the certificates queue in some wards, not others: the data decides, per queue |
 * | taian / ichiryuManbai / goroDay | ×1.00 | 婚姻届 add a few tickets on such days, to the filings queue only: the data decides, per queue |
 * | effect not in this table | ×1.00 | a new effect is learned from data only |
 * | prior weight: level / weekday / effect / trend | 0.05 / 2 / 0.5 / 20 weighted days | the level is the site's own; a weekday needs a few weeks to move, an effect a few of its days |
 * | prior weight: taxCertificates / taian, ichiryuManbai / goroDay | 20 / 15 / 2 weighted days | small or one-queue effects need more evidence than noise gives (EFFECT_PRIOR); memorable dates are a handful a year |
 * | recency half-life: fit / recent shift | 365 / 14 days | a year back keeps seasonal effects; the shift follows the last weeks |
 * | recent shift's prior weight | 3 weighted days | a few odd days do not move the level |
 * | Huber cut-off | 2.5 × the residuals' robust spread | an outage day weighs less |
 * | trend beyond the fit | at most 90 days | no long extrapolation |
 * | hourly intensity (per minute, 8 … 18 h) | 0.9, 1.4, 1.5, 1.3, 0.9, 1.1, 1.0, 0.8, 0.55, 0.35, 0.3; other hours 0.3 | busy 9–12, the lunch dip at 12, a second bump at 13–14, quiet after 16:00 |
 * | hourly prior weight | 5 days | a few weeks of data decide |
 * | level 1 … 5 | arrivals per issuing minute ÷ the typical weekday's: < 0.80, < 0.95, < 1.10, < 1.30, ≥ 1.30 | 3 is an ordinary day; 5 is the wards' "very crowded" |
 */

/** One queue's figures of one past business day (the forecast's input, kept in `demand_days`). */
export interface DemandDay {
  date: string;
  queue: string;
  /** tickets issued to the queue that day */
  arrivals: number;
  /** tickets issued per local hour, 24 entries */
  hours: number[];
  /** sum of the minutes at the counter of the day's completed tickets, and how many */
  serviceMinutes: number;
  served: number;
  /** counter-hours given to the queue per local hour (a counter shared by two queues counts half to each), 24 entries */
  counterHours: number[];
  /** the day came from an imported log, not from the live system */
  imported?: boolean;
}

export interface DemandQueue {
  id: string;
  /** the daily arrivals of an ordinary open day assumed before there is data (documented default) */
  defaultDailyArrivals: number;
  /** the queue's own opening hours when they differ from the context's (a queue without the moving season's Sunday opening) */
  schedule?: ScheduleContext;
}

export interface DemandContext {
  /** the site's schedule: of every queue that has none of its own */
  schedule: ScheduleContext;
  queues: readonly DemandQueue[];
}

/** One queue's fitted coefficients (log scale) and hourly intensity. */
export interface DemandQueueFit {
  id: string;
  /** weighted days of data behind it */
  days: number;
  level: number;
  /** per year, from `asOf` */
  trend: number;
  /** by weekday, 0 = Sunday */
  weekday: number[];
  /** by effect id (CALENDAR_EFFECTS); an effect missing here uses its default */
  effects: Record<string, number>;
  /** the last weeks' mean residual */
  shift: number;
  /** residual variance (log scale), for the mean of a log-normal day */
  variance: number;
  /** arrival intensity per issuing minute of each local hour (relative) */
  intensity: number[];
  /** the typical weekday's arrivals per issuing minute (level 3) */
  typicalPerMinute: number;
}

/** A fitted model: plain JSON, stored by the app and used until the next refit. */
export interface DemandFit {
  version: number;
  /** the last date of history it learned from */
  asOf: string;
  /** business days of history it stands on */
  historyDays: number;
  queues: DemandQueueFit[];
}

export interface DemandQueueForecast {
  id: string;
  arrivals: number;
  /** expected arrivals per local hour, 24 entries, summing to `arrivals` */
  hours: number[];
  level: 1 | 2 | 3 | 4 | 5;
}

export interface DemandDayForecast {
  date: string;
  open: boolean;
  queues: DemandQueueForecast[];
}

export const DEMAND_FIT_VERSION = 1;

/** Sun … Sat */
export const DEFAULT_WEEKDAY = [1, 1.2, 1, 0.95, 0.95, 1, 1] as const;
export const DEFAULT_EFFECTS: Readonly<Record<string, number>> = {
  afterHoliday: 1.25,
  afterLongWeekend: 1.4,
  afterLongWeekend2: 1.1,
  monthStart: 1.1,
  monthEnd: 1.1,
  fiscalYearEnd: 1.15,
  movingPeak: 1.45,
  fiscalYearStart: 1.15,
  beforeYearEnd: 1.2,
  afterNewYear: 1.3,
  pensionDay: 1.05,
  specialOpening: 0.6,
  taxCertificates: 1,
  taian: 1,
  ichiryuManbai: 1,
  goroDay: 1,
};
/** per minute, relative, by local hour */
export const DEFAULT_INTENSITY: readonly number[] = [
  0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.9, 1.4, 1.5, 1.3, 0.9, 1.1, 1, 0.8, 0.55, 0.35, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3,
];
const PRIOR = { level: 0.05, weekday: 2, effect: 0.5, trend: 20 };
/**
 * Effects that need more evidence than PRIOR.effect: where they show at all, they are a few
 * tickets a day (婚姻届) or a season one queue feels, and an office without them must not learn
 * one from noise (大安 falls on a sixth of all days; the season is 45 days of a wandering level).
 */
const EFFECT_PRIOR: Readonly<Record<string, number>> = { taxCertificates: 20, taian: 15, ichiryuManbai: 15, goroDay: 2 };
const HALF_LIFE_DAYS = 365;
const SHIFT_HALF_LIFE_DAYS = 14;
const SHIFT_PRIOR_DAYS = 3;
const HUBER_K = 2.5;
const MAX_TREND_DAYS = 90;
const PROFILE_PRIOR_DAYS = 5;
const LEVEL_BOUNDS = [0.8, 0.95, 1.1, 1.3] as const;

/** The local hours (0–23) in which the site is open on `date`. */
export function openHoursOn(ctx: ScheduleContext, date: string): number[] {
  const { kind, intervals } = hoursOn(ctx, date);
  if (kind === 'closed_day') return [];
  const hours: number[] = [];
  for (let h = 0; h < 24; h++) if (intervals.some(([a, b]) => a < (h + 1) * 60 && b > h * 60)) hours.push(h);
  return hours;
}

/** Minutes in each local hour during which tickets are issued (opening hours less 受付終了). */
const minutesMemo = new WeakMap<ScheduleContext, Map<string, number[]>>();
export function issuingMinutesOn(ctx: ScheduleContext, date: string): number[] {
  let m = minutesMemo.get(ctx);
  if (!m) minutesMemo.set(ctx, (m = new Map()));
  const hit = m.get(date);
  if (hit) return hit;
  const { kind, intervals } = hoursOn(ctx, date);
  const out = minutesOf(kind === 'closed_day' ? [] : intervals, ctx.schedule.cutoffMinutes);
  m.set(date, out);
  return out;
}

function minutesOf(intervals: ReadonlyArray<readonly [number, number]>, cutoff: number): number[] {
  const out = new Array<number>(24).fill(0);
  for (const [a, b0] of intervals) {
    const b = b0 - cutoff;
    for (let h = 0; h < 24; h++) out[h] = (out[h] ?? 0) + Math.max(0, Math.min(b, (h + 1) * 60) - Math.max(a, h * 60));
  }
  return out;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** The typical weekday's issuing minutes per hour: the mean over the weekdays with weekly hours. */
function typicalMinutes(ctx: ScheduleContext): number[] {
  const days = WEEKDAYS.map((w) => ctx.schedule.weekly[w] ?? []).filter((h) => h.length > 0);
  const out = new Array<number>(24).fill(0);
  for (const hours of days) {
    const m = minutesOf(hours.map(([a, b]) => [parseHHMM(a), parseHHMM(b)] as const), ctx.schedule.cutoffMinutes);
    m.forEach((v, h) => (out[h] = (out[h] ?? 0) + v / days.length));
  }
  return out;
}

/** Scales an intensity so that the typical weekday's hours hold one arrival. */
function normalise(intensity: readonly number[], typical: readonly number[]): number[] {
  let total = 0;
  for (let h = 0; h < 24; h++) total += (intensity[h] ?? 0) * (typical[h] ?? 0);
  if (!(total > 0)) total = sum(intensity) * 60;
  return intensity.map((v) => v / total);
}

const EFFECT_IDS = CALENDAR_EFFECTS.map((e) => e.id);
/** columns: level, trend, weekday ×7, effects */
const P = 2 + 7 + EFFECT_IDS.length;

function priorMeans(q: DemandQueue): Float64Array {
  const p = new Float64Array(P);
  p[0] = Math.log(Math.max(q.defaultDailyArrivals, 0) + 0.5);
  for (let w = 0; w < 7; w++) p[2 + w] = Math.log(DEFAULT_WEEKDAY[w] ?? 1);
  EFFECT_IDS.forEach((id, k) => (p[9 + k] = Math.log(DEFAULT_EFFECTS[id] ?? 1)));
  return p;
}

const PRIOR_WEIGHTS = (() => {
  const l = new Float64Array(P);
  l[0] = PRIOR.level;
  l[1] = PRIOR.trend;
  for (let w = 0; w < 7; w++) l[2 + w] = PRIOR.weekday;
  for (let k = 0; k < EFFECT_IDS.length; k++) l[9 + k] = EFFECT_PRIOR[EFFECT_IDS[k] ?? ''] ?? PRIOR.effect;
  return l;
})();

/** The calendar columns of a date (trend excluded): [column, value] pairs. */
type Columns = Array<[number, number]>;
const columnsMemo = new WeakMap<ScheduleContext, Map<string, Columns>>();
function columnsOn(ctx: ScheduleContext, date: string): Columns {
  let m = columnsMemo.get(ctx);
  if (!m) columnsMemo.set(ctx, (m = new Map()));
  const hit = m.get(date);
  if (hit) return hit;
  const f = dayFacts(ctx, date);
  const cols: Columns = [[0, 1]];
  if (!f.special) cols.push([2 + f.weekday, 1]);
  else {
    // a special opening is sized against the average weekday of the weekly hours, not its own weekday
    const weekly = weeklyDays(ctx);
    for (const w of weekly) cols.push([2 + w, 1 / weekly.length]);
  }
  CALENDAR_EFFECTS.forEach((e, k) => {
    if (f.open && e.applies(f)) cols.push([9 + k, 1]);
  });
  m.set(date, cols);
  return cols;
}

/** The weekdays (0 = Sunday) with weekly hours. */
const weeklyDays = (ctx: ScheduleContext): number[] =>
  WEEKDAYS.map((w, i) => ((ctx.schedule.weekly[w] ?? []).length > 0 ? i : -1)).filter((i) => i >= 0);

/** Solves A x = b for a symmetric positive definite A (Cholesky), in place of nothing. */
function solve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j] ?? 0;
      for (let k = 0; k < j; k++) s -= (L[i * n + k] ?? 0) * (L[j * n + k] ?? 0);
      if (i === j) L[i * n + i] = Math.sqrt(Math.max(s, 1e-12));
      else L[i * n + j] = s / (L[j * n + j] ?? 1);
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i] ?? 0;
    for (let k = 0; k < i; k++) s -= (L[i * n + k] ?? 0) * (y[k] ?? 0);
    y[i] = s / (L[i * n + i] ?? 1);
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i] ?? 0;
    for (let k = i + 1; k < n; k++) s -= (L[k * n + i] ?? 0) * (x[k] ?? 0);
    x[i] = s / (L[i * n + i] ?? 1);
  }
  return x;
}

interface Row {
  cols: Columns;
  t: number;
  y: number;
  w: number;
  age: number;
}

function ridge(rows: readonly Row[], robust: readonly number[], prior: Float64Array): Float64Array {
  const A = new Float64Array(P * P);
  const b = new Float64Array(P);
  rows.forEach((r, i) => {
    const w = r.w * (robust[i] ?? 1);
    // the row is ones at `cols` plus t in column 1
    const xs: Columns = r.t !== 0 ? [...r.cols, [1, r.t]] : r.cols;
    for (const [c, v] of xs) {
      b[c] = (b[c] ?? 0) + w * v * r.y;
      for (const [c2, v2] of xs) A[c * P + c2] = (A[c * P + c2] ?? 0) + w * v * v2;
    }
  });
  for (let c = 0; c < P; c++) {
    const l = PRIOR_WEIGHTS[c] ?? 0;
    A[c * P + c] = (A[c * P + c] ?? 0) + l;
    b[c] = (b[c] ?? 0) + l * (prior[c] ?? 0);
  }
  return solve(A, b, P);
}

const predict = (beta: Float64Array, cols: Columns, t: number): number =>
  cols.reduce((s, [c, v]) => s + (beta[c] ?? 0) * v, 0) + (beta[1] ?? 0) * t;

function fitQueue(q: DemandQueue, mine: readonly DemandDay[], ctx: ScheduleContext, asOf: string, typical: readonly number[]): DemandQueueFit {
  const asOfDay = dayNumber(asOf);
  const rows: Row[] = mine.map((d) => {
    const age = asOfDay - dayNumber(d.date);
    return { cols: columnsOn(ctx, d.date), t: -age / 365, y: Math.log(d.arrivals + 0.5), w: 2 ** (-age / HALF_LIFE_DAYS), age };
  });
  const prior = priorMeans(q);
  let beta = ridge(rows, [], prior);
  let residuals = rows.map((r) => r.y - predict(beta, r.cols, r.t));
  /** the largest residual a day may bring to the recent shift and the spread (an outage day's is clipped) */
  let bound = Infinity;
  if (rows.length >= 10) {
    // Huber: days far off the fit (an outage, a half-day) weigh less in a second pass
    const abs = residuals.map(Math.abs).sort((a, b) => a - b);
    const scale = Math.max(1.4826 * (abs[Math.floor(abs.length / 2)] ?? 0), 0.02);
    bound = HUBER_K * scale;
    const robust = residuals.map((e) => Math.min(1, (HUBER_K * scale) / Math.max(Math.abs(e), 1e-12)));
    beta = ridge(rows, robust, prior);
    residuals = rows.map((r) => r.y - predict(beta, r.cols, r.t));
  }
  let sw = 0;
  let swr = 0;
  let sv = 0;
  let sAll = 0;
  rows.forEach((r, i) => {
    const e = Math.max(-bound, Math.min(bound, residuals[i] ?? 0));
    const ws = 2 ** (-r.age / SHIFT_HALF_LIFE_DAYS);
    sw += ws;
    swr += ws * e;
    sv += r.w * e * e;
    sAll += r.w;
  });
  const shift = swr / (sw + SHIFT_PRIOR_DAYS);
  const variance = sAll > 0 ? Math.min(sv / (sAll + 1), 0.1) : 0;
  const weekday = Array.from({ length: 7 }, (_, w) => beta[2 + w] ?? 0);
  const effects: Record<string, number> = {};
  EFFECT_IDS.forEach((id, k) => (effects[id] = beta[9 + k] ?? 0));
  const level = beta[0] ?? 0;
  const weekly = weeklyDays(ctx);
  const typicalArrivals = weekly.length
    ? weekly.reduce((s, w) => s + Math.exp(level + shift + (weekday[w] ?? 0)), 0) / weekly.length
    : Math.exp(level + shift);
  return {
    id: q.id,
    days: sAll,
    level,
    trend: beta[1] ?? 0,
    weekday,
    effects,
    shift,
    variance,
    intensity: fitIntensity(mine, ctx, asOfDay, typical),
    typicalPerMinute: typicalArrivals / Math.max(sum(typical), 1),
  };
}

/** The hourly intensity: a fixed point on the data, blended hour by hour with the default by days seen. */
function fitIntensity(mine: readonly DemandDay[], ctx: ScheduleContext, asOfDay: number, typical: readonly number[]): number[] {
  const def = normalise(DEFAULT_INTENSITY, typical);
  const days = mine
    .map((d) => ({ m: issuingMinutesOn(ctx, d.date), hours: d.hours, total: sum(d.hours), w: 2 ** (-(asOfDay - dayNumber(d.date)) / HALF_LIFE_DAYS) }))
    .filter((d) => d.total > 0 && sum(d.m) > 0);
  if (days.length === 0) return def;
  const seen = new Array<number>(24).fill(0);
  const num = new Array<number>(24).fill(0);
  for (const d of days) {
    for (let h = 0; h < 24; h++) {
      if ((d.m[h] ?? 0) > 0) seen[h] = (seen[h] ?? 0) + d.w;
      num[h] = (num[h] ?? 0) + d.w * (d.hours[h] ?? 0);
    }
  }
  let r = [...def];
  for (let it = 0; it < 8; it++) {
    const den = new Array<number>(24).fill(0);
    for (const d of days) {
      let dd = 0;
      for (let h = 0; h < 24; h++) dd += (r[h] ?? 0) * (d.m[h] ?? 0);
      if (!(dd > 0)) continue;
      for (let h = 0; h < 24; h++) den[h] = (den[h] ?? 0) + (d.w * d.total * (d.m[h] ?? 0)) / dd;
    }
    r = normalise(
      r.map((v, h) => ((den[h] ?? 0) > 0 ? (num[h] ?? 0) / (den[h] ?? 1) : v)),
      typical,
    );
  }
  return r.map((v, h) => ((seen[h] ?? 0) * v + PROFILE_PRIOR_DAYS * (def[h] ?? 0)) / ((seen[h] ?? 0) + PROFILE_PRIOR_DAYS));
}

/** Learns from the days before and on `asOf` only. */
export function fitDemand(days: readonly DemandDay[], ctx: DemandContext, asOf: string): DemandFit {
  const used = days.filter((d) => d.date <= asOf);
  const byQueue = new Map<string, DemandDay[]>();
  for (const d of used) {
    const list = byQueue.get(d.queue);
    if (list) list.push(d);
    else byQueue.set(d.queue, [d]);
  }
  return {
    version: DEMAND_FIT_VERSION,
    asOf,
    historyDays: new Set(used.map((d) => d.date)).size,
    queues: ctx.queues.map((q) => {
      const schedule = scheduleOfQueue(ctx, q);
      return fitQueue(q, byQueue.get(q.id) ?? [], schedule, asOf, typicalMinutes(schedule));
    }),
  };
}

/** The level of a day: its arrivals per issuing minute against the typical weekday's. */
function levelOf(ratio: number): 1 | 2 | 3 | 4 | 5 {
  const i = LEVEL_BOUNDS.findIndex((b) => ratio < b);
  return (i < 0 ? 5 : i + 1) as 1 | 2 | 3 | 4 | 5;
}

/** The forecast of one date from a fit. */
export function forecastDemand(fit: DemandFit, ctx: DemandContext, date: string): DemandDayForecast {
  const t = Math.min(dayNumber(date) - dayNumber(fit.asOf), MAX_TREND_DAYS) / 365;
  const queues = ctx.queues.flatMap((q): DemandQueueForecast[] => {
    const schedule = scheduleOfQueue(ctx, q);
    const open = openHoursOn(schedule, date);
    if (open.length === 0) return [];
    const cols = columnsOn(schedule, date);
    const minutes = issuingMinutesOn(schedule, date);
    // a queue the fit does not know (added since), or a fit of another version, gets the defaults
    const known = fit.version === DEMAND_FIT_VERSION ? fit.queues.find((x) => x.id === q.id) : undefined;
    const f = known ?? fitQueue(q, [], schedule, fit.asOf, typicalMinutes(schedule));
    let log = f.level + f.shift + f.trend * t;
    for (const [c, v] of cols) {
      if (c >= 2 && c < 9) log += (f.weekday[c - 2] ?? 0) * v;
      else if (c >= 9) {
        const id = EFFECT_IDS[c - 9] ?? '';
        log += (f.effects[id] ?? Math.log(DEFAULT_EFFECTS[id] ?? 1)) * v;
      }
    }
    const arrivals = Math.max(0, Math.exp(log + f.variance / 2) - 0.5);
    const weights = minutes.map((m, h) => (open.includes(h) ? m * (f.intensity[h] ?? 0) : 0));
    let total = sum(weights);
    // hours open but no issuing minute with intensity (odd schedules): spread over the open hours
    if (!(total > 0)) {
      open.forEach((h) => (weights[h] = 1));
      total = open.length;
    }
    const hours = weights.map((w) => (arrivals * w) / total);
    const perMinute = arrivals / Math.max(sum(minutes), 1);
    return [{ id: q.id, arrivals, hours, level: levelOf(perMinute / Math.max(f.typicalPerMinute, 1e-9)) }];
  });
  // the site is open when any of its queues is
  return { date, open: queues.length > 0, queues };
}

/** A queue's schedule: its own, else the context's. */
export const scheduleOfQueue = (ctx: DemandContext, q: DemandQueue): ScheduleContext => q.schedule ?? ctx.schedule;

/** The multiplier a fit applies for an effect (1 = none), for reports and tests. */
export function effectMultiplier(fit: DemandFit, queue: string, effect: string): number {
  const f = fit.queues.find((x) => x.id === queue);
  return Math.exp(f?.effects[effect] ?? Math.log(DEFAULT_EFFECTS[effect] ?? 1));
}

/** The dates `from`, `from + 1`, … (`days` of them). */
export const datesFrom = (from: string, days: number): string[] => Array.from({ length: days }, (_, i) => addDays(from, i));
