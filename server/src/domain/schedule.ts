import type { ClosedReason } from '@madoguchi/shared';
import { isNationalHoliday, isYearEndHoliday } from './holidays.js';
import type { ExtendedHours, HoursRange, Schedule, SpecialOpening } from './site.js';
import { WEEKDAYS } from './site.js';
import { addDays, localParts, parseHHMM, weekdayOf, zonedInstant } from './time.js';

/** Opening intervals of one local day, in minutes since midnight, sorted and merged. */
export type DayIntervals = Array<[number, number]>;

export interface ScheduleContext {
  schedule: Schedule;
  /** the site's own closures and special openings */
  siteClosedDays: readonly string[];
  siteSpecialOpenings: readonly SpecialOpening[];
  timeZone: string;
}

function inRange(date: string, e: ExtendedHours): boolean {
  if (e.from.length === 5) {
    // recurring "MM-DD" range, possibly across the new year
    const md = date.slice(5);
    return e.from <= e.to ? md >= e.from && md <= e.to : md >= e.from || md <= e.to;
  }
  return date >= e.from && date <= e.to;
}

const toMinutes = (hours: readonly HoursRange[]): DayIntervals =>
  hours.map(([open, close]) => [parseHHMM(open), parseHHMM(close)]);

function merge(intervals: DayIntervals): DayIntervals {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: DayIntervals = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export type DayKind = 'regular' | 'closed_day';

/** Opening hours of a local date, and whether the date is a closed day. */
export function hoursOn(ctx: ScheduleContext, date: string): { kind: DayKind; intervals: DayIntervals } {
  const { schedule } = ctx;
  const special = [...ctx.siteSpecialOpenings, ...schedule.specialOpenings].filter((s) => s.date === date);
  const weekday = WEEKDAYS[weekdayOf(date)] ?? 'sun';
  const extended = schedule.extended.filter((e) => inRange(date, e) && (!e.weekdays || e.weekdays.includes(weekday)));
  const overriding = extended.filter((e) => e.overridesClosed);

  const closed =
    ctx.siteClosedDays.includes(date) ||
    schedule.closedDays.includes(date) ||
    (schedule.nationalHolidays && (isNationalHoliday(date) || isYearEndHoliday(date)));

  if (closed) {
    // 休日開庁: declared special openings override closures
    const intervals = merge([...special.flatMap((s) => toMinutes(s.hours)), ...overriding.flatMap((e) => toMinutes(e.hours))]);
    return { kind: intervals.length > 0 ? 'regular' : 'closed_day', intervals };
  }
  const intervals = merge([
    ...toMinutes(schedule.weekly[weekday] ?? []),
    ...extended.flatMap((e) => toMinutes(e.hours)),
    ...special.flatMap((s) => toMinutes(s.hours)),
  ]);
  return { kind: 'regular', intervals };
}

export type ScheduleVerdict =
  | { open: true; closesAt: number; issuingEndsAt: number }
  | { open: false; reason: ClosedReason; nextOpening: number | null };

/**
 * Whether tickets may be issued at an instant by the schedule alone (overrides, pauses and
 * emergencies are decided by the caller). Issuing ends `cutoffMinutes` before closing.
 */
export function issuingBySchedule(ctx: ScheduleContext, instant: number): ScheduleVerdict {
  const { date, minute } = localParts(instant, ctx.timeZone);
  const today = hoursOn(ctx, date);
  const cutoff = ctx.schedule.cutoffMinutes;
  for (const [open, close] of today.intervals) {
    if (minute >= open && minute < close - cutoff) {
      return {
        open: true,
        closesAt: zonedInstant(date, close, ctx.timeZone),
        issuingEndsAt: zonedInstant(date, close - cutoff, ctx.timeZone),
      };
    }
  }
  const nextOpening = findNextOpening(ctx, instant);
  // a holiday, a closed day, or a weekday without hours (土日): the office is closed today
  if (today.kind === 'closed_day' || today.intervals.length === 0) return { open: false, reason: 'closed_day', nextOpening };
  const inCutoff = today.intervals.some(([open, close]) => minute >= Math.max(open, close - cutoff) && minute < close);
  return { open: false, reason: inCutoff ? 'cutoff' : 'outside_hours', nextOpening };
}

/** The next instant after `instant` at which issuing opens, within a year and a bit. */
export function findNextOpening(ctx: ScheduleContext, instant: number): number | null {
  const { date, minute } = localParts(instant, ctx.timeZone);
  for (let d = 0; d <= 400; d++) {
    const day = addDays(date, d);
    for (const [open, close] of hoursOn(ctx, day).intervals) {
      if (close - ctx.schedule.cutoffMinutes <= open) continue;
      if (d > 0 || open > minute) return zonedInstant(day, open, ctx.timeZone);
    }
  }
  return null;
}
