import { hoursOn, type ScheduleContext } from './schedule.js';
import { addDays, weekdayOf } from './time.js';

/**
 * The demand forecast (混雑予測): expected arrivals per queue per day and per hour, learned from
 * the site's own past days with the calendar effects a ward office sees. Pure: the caller gives
 * the days of history and the schedule; the fit is plain JSON, stored and read back.
 *
 * PLACEHOLDER: weekday means and a flat hourly profile over the opening hours. The real model
 * (calendar effects, documented defaults overridden by data) replaces this body; the exported
 * names and shapes are the contract the app and the routes use.
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
}

export interface DemandContext {
  schedule: ScheduleContext;
  queues: readonly DemandQueue[];
}

/** A fitted model: plain JSON, stored by the app and used until the next refit. */
export interface DemandFit {
  version: number;
  /** the last date of history it learned from */
  asOf: string;
  /** business days of history it stands on */
  historyDays: number;
  queues: Array<{ id: string; weekday: number[]; typical: number; profile: number[] }>;
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

/** The local hours (0–23) in which the site is open on `date`. */
export function openHoursOn(ctx: ScheduleContext, date: string): number[] {
  const { kind, intervals } = hoursOn(ctx, date);
  if (kind === 'closed_day') return [];
  const hours: number[] = [];
  for (let h = 0; h < 24; h++) if (intervals.some(([a, b]) => a < (h + 1) * 60 && b > h * 60)) hours.push(h);
  return hours;
}

/** Learns from the days before and on `asOf` only. */
export function fitDemand(days: readonly DemandDay[], ctx: DemandContext, asOf: string): DemandFit {
  const used = days.filter((d) => d.date <= asOf);
  const dates = new Set(used.map((d) => d.date));
  return {
    version: 0,
    asOf,
    historyDays: dates.size,
    queues: ctx.queues.map((q) => {
      const mine = used.filter((d) => d.queue === q.id);
      const weekday = Array.from({ length: 7 }, (_, w) => {
        const xs = mine.filter((d) => weekdayOf(d.date) === w).map((d) => d.arrivals);
        return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : q.defaultDailyArrivals;
      });
      return { id: q.id, weekday, typical: q.defaultDailyArrivals, profile: [] };
    }),
  };
}

const level = (ratio: number): 1 | 2 | 3 | 4 | 5 => (ratio < 0.8 ? 1 : ratio < 0.95 ? 2 : ratio < 1.1 ? 3 : ratio < 1.3 ? 4 : 5);

/** The forecast of one date from a fit. */
export function forecastDemand(fit: DemandFit, ctx: DemandContext, date: string): DemandDayForecast {
  const open = openHoursOn(ctx.schedule, date);
  if (open.length === 0) return { date, open: false, queues: [] };
  return {
    date,
    open: true,
    queues: fit.queues.map((q) => {
      const arrivals = q.weekday[weekdayOf(date)] ?? q.typical;
      const hours = Array.from({ length: 24 }, (_, h) => (open.includes(h) ? arrivals / open.length : 0));
      return { id: q.id, arrivals, hours, level: level(arrivals / Math.max(1e-9, q.typical)) };
    }),
  };
}

/** The dates `from`, `from + 1`, … (`days` of them). */
export const datesFrom = (from: string, days: number): string[] => Array.from({ length: days }, (_, i) => addDays(from, i));

// ---- backtest (placeholder until the model lands) ----

/** One queue's measured accuracy over a backtest's period. */
export interface BacktestQueue {
  id: string;
  /** open days with data that were measured */
  days: number;
  /** mean absolute percentage error of daily arrivals, % (null without measured days) */
  mape: number | null;
  /** the same for the naive forecast: the mean of the same weekday over the 4 weeks before the forecast was made */
  naiveMape: number | null;
  /** 1 − mape ÷ naiveMape (null when either is missing or the naive one is 0) */
  improvement: number | null;
  /** mean absolute error of the hourly shares over the open hours, percentage points */
  hourlyProfileError: number | null;
}

/**
 * Each open day of `from`…`to` with data, forecast `horizonDays` ahead from only the days before
 * that, as the calendar would have shown it; compared with what came.
 */
export function backtestDemand(days: readonly DemandDay[], ctx: DemandContext, opts: { from: string; to: string; horizonDays: number }): BacktestQueue[] {
  const measured = [...new Set(days.filter((d) => d.date >= opts.from && d.date <= opts.to).map((d) => d.date))].sort();
  const errs = new Map<string, { ape: number[]; naive: number[]; profile: number[] }>(ctx.queues.map((q) => [q.id, { ape: [], naive: [], profile: [] }]));
  for (const date of measured) {
    const asOf = addDays(date, -opts.horizonDays);
    const forecast = forecastDemand(fitDemand(days, ctx, asOf), ctx, date);
    if (!forecast.open) continue;
    const open = openHoursOn(ctx.schedule, date);
    for (const q of forecast.queues) {
      const actual = days.find((d) => d.date === date && d.queue === q.id);
      const e = errs.get(q.id);
      if (!actual || !e || actual.arrivals <= 0) continue;
      e.ape.push((Math.abs(q.arrivals - actual.arrivals) / actual.arrivals) * 100);
      const wd = weekdayOf(date);
      const same = days.filter((d) => d.queue === q.id && d.date <= asOf && d.date > addDays(asOf, -28) && weekdayOf(d.date) === wd).map((d) => d.arrivals);
      if (same.length) e.naive.push((Math.abs(same.reduce((a, b) => a + b, 0) / same.length - actual.arrivals) / actual.arrivals) * 100);
      if (open.length && q.arrivals > 0) {
        const diff = open.map((h) => Math.abs((q.hours[h] ?? 0) / q.arrivals - (actual.hours[h] ?? 0) / actual.arrivals) * 100);
        e.profile.push(diff.reduce((a, b) => a + b, 0) / diff.length);
      }
    }
  }
  const mean = (xs: number[]): number | null => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null);
  return ctx.queues.map((q) => {
    const e = errs.get(q.id) ?? { ape: [], naive: [], profile: [] };
    const mape = mean(e.ape);
    const naiveMape = mean(e.naive);
    return {
      id: q.id,
      days: e.ape.length,
      mape,
      naiveMape,
      improvement: mape !== null && naiveMape ? Math.round((1 - mape / naiveMape) * 1000) / 1000 : null,
      hourlyProfileError: mean(e.profile),
    };
  });
}
