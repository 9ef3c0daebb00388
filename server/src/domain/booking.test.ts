import { describe, expect, it } from 'vitest';
import { DomainError } from '@madoguchi/shared';
import { bookableDate, checkInVerdict, isNoShow, newBookingCode, requestedSlot, slotsOn } from './booking.js';
import type { ScheduleContext } from './schedule.js';
import type { BookingDef, Schedule } from './site.js';
import { zonedInstant } from './time.js';

const TZ = 'Asia/Tokyo';
const SCHEDULE: Schedule = {
  weekly: { mon: [['08:45', '12:00'], ['13:00', '17:15']], tue: [['08:45', '17:15']], sat: [] },
  extended: [],
  specialOpenings: [],
  closedDays: ['2026-04-08'],
  nationalHolidays: true,
  cutoffMinutes: 15,
};
const ctx = (over: Partial<ScheduleContext> = {}): ScheduleContext => ({ schedule: SCHEDULE, siteClosedDays: [], siteSpecialOpenings: [], timeZone: TZ, ...over });
const BOOKING: BookingDef = { slotMinutes: 30, perSlot: 2, daysAhead: 14, checkInBeforeMinutes: 30, checkInAfterMinutes: 10 };
const t = (date: string, hhmm: string) => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return zonedInstant(date, h * 60 + m, TZ);
};
const hhmm = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(11, 16);

describe('slotsOn()', () => {
  it('cuts each opening interval from its opening; no slot starts in the cut-off; the last ends at closing', () => {
    const slots = slotsOn(ctx(), BOOKING, '2026-04-06'); // Monday, lunch closed
    expect(slots.map((s) => hhmm(s.start))).toEqual([
      '08:45', '09:15', '09:45', '10:15', '10:45', '11:15', // 11:45 starts in the morning's cut-off
      '13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30',
    ]);
    expect(hhmm(slots.at(-1)?.end ?? 0)).toBe('17:00');
    // an interval whose last slot is cut short by closing: it ends at closing
    const short = slotsOn(ctx({ schedule: { ...SCHEDULE, cutoffMinutes: 0 } }), BOOKING, '2026-04-06');
    expect(short.filter((s) => hhmm(s.start) === '11:45').map((s) => hhmm(s.end))).toEqual(['12:00']);
  });

  it('has none on a closed day, a holiday or a day without hours; a special opening has its own', () => {
    expect(slotsOn(ctx(), BOOKING, '2026-04-08')).toEqual([]); // closedDays
    expect(slotsOn(ctx(), BOOKING, '2026-04-29')).toEqual([]); // 昭和の日 (Wednesday)
    expect(slotsOn(ctx(), BOOKING, '2026-04-11')).toEqual([]); // Saturday without hours
    expect(slotsOn(ctx({ siteClosedDays: ['2026-04-07'] }), BOOKING, '2026-04-07')).toEqual([]);
    const special = slotsOn(ctx({ siteSpecialOpenings: [{ date: '2026-04-11', hours: [['09:00', '12:00']] }] }), BOOKING, '2026-04-11');
    expect(special.map((s) => hhmm(s.start))).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
  });
});

describe('requestedSlot()', () => {
  const req = (start: number, over: { now?: number; closed?: boolean } = {}) =>
    requestedSlot({ ctx: ctx(), booking: BOOKING, start, now: over.now ?? t('2026-04-06', '10:00'), today: '2026-04-06', closed: () => over.closed ?? false });
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof DomainError ? e.code : String(e);
    }
    return 'ok';
  };

  it('accepts a slot start of a bookable day, and says why not otherwise', () => {
    expect(req(t('2026-04-06', '10:15'))).toMatchObject({ date: '2026-04-06', end: t('2026-04-06', '10:45') });
    expect(code(() => req(t('2026-04-06', '10:20')))).toBe('OUTSIDE_HOURS'); // not a slot start
    expect(code(() => req(t('2026-04-06', '09:45')))).toBe('OUTSIDE_HOURS'); // started
    expect(code(() => req(t('2026-04-06', '10:15'), { now: t('2026-04-06', '10:15') }))).toBe('OUTSIDE_HOURS'); // starting now
    expect(code(() => req(t('2026-04-21', '10:15')))).toBe('OUTSIDE_HOURS'); // 15 days ahead
    expect(code(() => req(t('2026-04-20', '10:15')))).toBe('ok'); // 14 days ahead
    expect(code(() => req(t('2026-04-08', '10:15')))).toBe('OUTSIDE_HOURS'); // closed day
    expect(code(() => req(t('2026-04-07', '10:15'), { closed: true }))).toBe('BOOKING_CLOSED');
  });

  it('bookableDate(): today to today + daysAhead', () => {
    expect(bookableDate('2026-04-06', { daysAhead: 0 }, '2026-04-06')).toBe(true);
    expect(bookableDate('2026-04-06', { daysAhead: 0 }, '2026-04-07')).toBe(false);
    expect(bookableDate('2026-04-06', { daysAhead: 14 }, '2026-04-05')).toBe(false);
  });
});

describe('the check-in window and the no-show rule', () => {
  const slot = t('2026-04-06', '11:00');
  it('opens checkInBeforeMinutes before the slot and closes checkInAfterMinutes after it, both ends inside', () => {
    expect(checkInVerdict(BOOKING, slot, t('2026-04-06', '10:29'))).toEqual({ ok: false, code: 'TOO_EARLY', opensAt: t('2026-04-06', '10:30') });
    expect(checkInVerdict(BOOKING, slot, t('2026-04-06', '10:30'))).toEqual({ ok: true });
    expect(checkInVerdict(BOOKING, slot, t('2026-04-06', '11:10'))).toEqual({ ok: true });
    expect(checkInVerdict(BOOKING, slot, t('2026-04-06', '11:10') + 1)).toEqual({ ok: false, code: 'TOO_LATE', closedAt: t('2026-04-06', '11:10') });
  });
  it('a booking is a no-show once its window has closed', () => {
    expect(isNoShow(BOOKING, slot, t('2026-04-06', '11:10'))).toBe(false);
    expect(isNoShow(BOOKING, slot, t('2026-04-06', '11:11'))).toBe(true);
  });
});

describe('newBookingCode()', () => {
  it('draws 6 digits, zero-padded, skipping codes that are taken', () => {
    const draws = [0.000042, 0.5, 0.999999];
    const taken = new Set(['000042']);
    expect(newBookingCode(() => draws.shift() ?? 0, (c) => taken.has(c))).toBe('500000');
    expect(newBookingCode(() => 0.999999, () => false)).toBe('999999');
  });
  it('gives up (an error, not a duplicate) when every draw is taken', () => {
    expect(() => newBookingCode(() => 0.1, () => true)).toThrow(/no free booking code/);
  });
});
