/**
 * Wall-clock arithmetic in a site's time zone, pure (Intl only, no system clock).
 * Dates are "YYYY-MM-DD", times "HH:MM"; instants are epoch milliseconds.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalParts {
  date: string;
  /** minutes since local midnight */
  minute: number;
  /** 0 = Sunday */
  weekday: number;
}

const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function formatParts(instant: number, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: WEEKDAY_INDEX[parts.weekday ?? ''] ?? 0,
  };
}

/**
 * Every zone's offset is a multiple of 15 minutes and changes only on such a boundary, so an
 * instant's local date and minute follow from the start of its 15-minute slot: Intl is asked once
 * per slot (reports over a month read tens of thousands of instants).
 */
const SLOT = 15 * 60_000;
const slots = new Map<string, LocalParts>();

export function localParts(instant: number, timeZone: string): LocalParts {
  const start = Math.floor(instant / SLOT) * SLOT;
  const key = `${timeZone}\u0000${start}`;
  let slot = slots.get(key);
  if (!slot) {
    if (slots.size >= 20_000) slots.clear();
    slot = formatParts(start, timeZone);
    slots.set(key, slot);
  }
  return { date: slot.date, minute: slot.minute + Math.floor((instant - start) / 60_000), weekday: slot.weekday };
}

export const localDate = (instant: number, timeZone: string): string => localParts(instant, timeZone).date;

/** "HH:MM" → minutes since midnight */
export function parseHHMM(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new RangeError(`not a time: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

const DAY_MS = 86_400_000;

/** Days since the epoch for a calendar date (time-zone free). */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.floor(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

export function dateFromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export const addDays = (date: string, days: number): string => dateFromDayNumber(dayNumber(date) + days);

/** Weekday of a calendar date, 0 = Sunday. */
export const weekdayOf = (date: string): number => (((dayNumber(date) + 4) % 7) + 7) % 7;

/** The instant at which a local date and minute-of-day occur in the time zone. */
export function zonedInstant(date: string, minute: number, timeZone: string): number {
  const guess = dayNumber(date) * DAY_MS + minute * 60_000;
  // The offset at the guess, then once more in case the guess crossed an offset change.
  let instant = guess - offsetAt(guess, timeZone);
  instant = guess - offsetAt(instant, timeZone);
  return instant;
}

/** Offset of local time from UTC at an instant, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const secs = Math.floor(instant / 1000) % 60;
  const asUtc = dayNumber(p.date) * DAY_MS + p.minute * 60_000 + ((secs + 60) % 60) * 1000;
  return asUtc - (instant - (instant % 1000));
}

export const isoTime = (instant: number): string => new Date(instant).toISOString();

/** Minutes (fractional) between two instants, never negative (clock jumps). */
export const minutesBetween = (from: number, to: number): number => Math.max(0, (to - from) / 60_000);
export const secondsBetween = (from: number, to: number): number => Math.max(0, (to - from) / 1000);
