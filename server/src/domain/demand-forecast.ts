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
