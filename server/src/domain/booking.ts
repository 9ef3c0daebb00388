/**
 * Bookings (来庁予約, docs/bookings.md): a queue's slots on a date, whether a slot may be booked,
 * the check-in window, the no-show rule and booking codes. Pure: instants are epoch ms, the
 * caller gives `now`, the randomness and what is already booked.
 */
import { DomainError } from '@madoguchi/shared';
import { hoursOn, type ScheduleContext } from './schedule.js';
import type { BookingDef } from './site.js';
import { addDays, localDate, zonedInstant } from './time.js';

const MINUTE = 60_000;

export interface Slot {
  start: number;
  end: number;
}

/**
 * The slots of a date by the queue's schedule: each opening interval cut into `slotMinutes`
 * from its opening; no slot starts once issuing has ended (the cut-off, 受付終了), and the last
 * one ends at closing at the latest. A closed day (holiday, closure) has none; a special opening
 * has its own.
 */
export function slotsOn(ctx: ScheduleContext, booking: Pick<BookingDef, 'slotMinutes'>, date: string): Slot[] {
  const slots: Slot[] = [];
  const cutoff = ctx.schedule.cutoffMinutes;
  for (const [open, close] of hoursOn(ctx, date).intervals) {
    for (let m = open; m < close - cutoff; m += booking.slotMinutes) {
      slots.push({ start: zonedInstant(date, m, ctx.timeZone), end: zonedInstant(date, Math.min(m + booking.slotMinutes, close), ctx.timeZone) });
    }
  }
  return slots;
}

/** The dates that may be booked on `today`: today and the next `daysAhead` days. */
export function bookableDate(today: string, booking: Pick<BookingDef, 'daysAhead'>, date: string): boolean {
  return date >= today && date <= addDays(today, booking.daysAhead);
}

export interface SlotRequest {
  ctx: ScheduleContext;
  booking: BookingDef;
  /** the slot's start as asked */
  start: number;
  now: number;
  /** the site's business day now */
  today: string;
  /** the day's booking is closed by a manager (for this queue or the whole site) */
  closed: (date: string) => boolean;
}

/**
 * The slot a booking request names, or the reason it cannot be booked: OUTSIDE_HOURS (not a
 * slot of the schedule, already started, or beyond `daysAhead`), BOOKING_CLOSED (a manager
 * closed the day). Capacity is the caller's (it counts the slot's bookings in the transaction).
 */
export function requestedSlot(r: SlotRequest): Slot & { date: string } {
  const date = localDate(r.start, r.ctx.timeZone);
  if (!bookableDate(r.today, r.booking, date)) {
    throw new DomainError('OUTSIDE_HOURS', `bookings are taken for today and the next ${r.booking.daysAhead} days`, { field: 'start' });
  }
  const slot = slotsOn(r.ctx, r.booking, date).find((s) => s.start === r.start);
  if (!slot) throw new DomainError('OUTSIDE_HOURS', 'no slot starts at this time', { field: 'start' });
  if (slot.start <= r.now) throw new DomainError('OUTSIDE_HOURS', 'this slot has already started', { field: 'start' });
  if (r.closed(date)) throw new DomainError('BOOKING_CLOSED', `booking is closed on ${date}`, { field: 'start' });
  return { ...slot, date };
}

/** When the kiosk accepts a booking's code: from `checkInBeforeMinutes` before the slot to `checkInAfterMinutes` after. */
export function checkInWindow(booking: Pick<BookingDef, 'checkInBeforeMinutes' | 'checkInAfterMinutes'>, slotStart: number): { from: number; until: number } {
  return { from: slotStart - booking.checkInBeforeMinutes * MINUTE, until: slotStart + booking.checkInAfterMinutes * MINUTE };
}

export type CheckInVerdict = { ok: true } | { ok: false; code: 'TOO_EARLY'; opensAt: number } | { ok: false; code: 'TOO_LATE'; closedAt: number };

/** Whether a booking may be checked in at `now`; both ends of the window are inside it. */
export function checkInVerdict(booking: Pick<BookingDef, 'checkInBeforeMinutes' | 'checkInAfterMinutes'>, slotStart: number, now: number): CheckInVerdict {
  const w = checkInWindow(booking, slotStart);
  if (now < w.from) return { ok: false, code: 'TOO_EARLY', opensAt: w.from };
  if (now > w.until) return { ok: false, code: 'TOO_LATE', closedAt: w.until };
  return { ok: true };
}

/** A booking not checked in by the end of its window is a no-show. */
export const isNoShow = (booking: Pick<BookingDef, 'checkInBeforeMinutes' | 'checkInAfterMinutes'>, slotStart: number, now: number): boolean =>
  now > checkInWindow(booking, slotStart).until;

/**
 * A 6-digit code not among `taken` (the site's open bookings), drawn from `random` (uniform in
 * [0, 1)). Codes are not secret — the token is — but random, so one code tells nothing of others.
 */
export function newBookingCode(random: () => number, taken: (code: string) => boolean): string {
  for (let i = 0; i < 1000; i++) {
    const code = String(Math.floor(random() * 1_000_000)).padStart(6, '0');
    if (!taken(code)) return code;
  }
  throw new Error('no free booking code after 1000 draws');
}
