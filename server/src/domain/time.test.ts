import { describe, it, expect } from 'vitest';
import {
  addDays,
  dateFromDayNumber,
  dayNumber,
  isValidTimeZone,
  localDate,
  localParts,
  minutesBetween,
  parseHHMM,
  secondsBetween,
  weekdayOf,
  zonedInstant,
} from './time.js';

const TOKYO = 'Asia/Tokyo';
const BERLIN = 'Europe/Berlin';

describe('localParts() / localDate()', () => {
  it('localParts() in Asia/Tokyo is already the next day after 15:00 UTC', () => {
    // 2026-04-01T15:30Z is Thursday 2026-04-02 00:30 JST
    expect(localParts(Date.parse('2026-04-01T15:30:00Z'), TOKYO)).toEqual({ date: '2026-04-02', minute: 30, weekday: 4 });
  });

  it('localParts() in Asia/Tokyo reports local midnight as minute 0, not 24:00', () => {
    expect(localParts(Date.parse('2026-04-01T15:00:00Z'), TOKYO)).toEqual({ date: '2026-04-02', minute: 0, weekday: 4 });
  });

  it('localParts() in Asia/Tokyo one second before local midnight is still the previous day at 23:59', () => {
    expect(localParts(Date.parse('2026-04-01T14:59:59Z'), TOKYO)).toEqual({ date: '2026-04-01', minute: 23 * 60 + 59, weekday: 3 });
  });

  it('localParts() at UTC midnight is 09:00 the same day in Tokyo', () => {
    expect(localParts(Date.parse('2026-04-06T00:00:00Z'), TOKYO)).toEqual({ date: '2026-04-06', minute: 9 * 60, weekday: 1 });
  });

  it('localDate() crosses the year end in Tokyo before UTC does', () => {
    expect(localDate(Date.parse('2026-12-31T15:00:00Z'), TOKYO)).toBe('2027-01-01');
    expect(localDate(Date.parse('2026-12-31T14:59:59Z'), TOKYO)).toBe('2026-12-31');
  });

  it('localDate() depends on the time zone for the same instant', () => {
    const instant = Date.parse('2026-04-01T23:30:00Z');
    expect(localDate(instant, TOKYO)).toBe('2026-04-02');
    expect(localDate(instant, BERLIN)).toBe('2026-04-02'); // 01:30 CEST
    expect(localDate(instant, 'America/New_York')).toBe('2026-04-01');
  });

  it('localParts() in Europe/Berlin applies summer time (UTC+2) in July and winter time (UTC+1) in January', () => {
    expect(localParts(Date.parse('2026-07-15T08:00:00Z'), BERLIN).minute).toBe(10 * 60);
    expect(localParts(Date.parse('2026-01-15T08:00:00Z'), BERLIN).minute).toBe(9 * 60);
  });
});

describe('zonedInstant()', () => {
  it('zonedInstant() gives the UTC instant of a Tokyo wall-clock time (UTC+9, no DST)', () => {
    expect(zonedInstant('2026-04-06', 10 * 60, TOKYO)).toBe(Date.parse('2026-04-06T01:00:00Z'));
    expect(zonedInstant('2026-04-02', 30, TOKYO)).toBe(Date.parse('2026-04-01T15:30:00Z'));
  });

  it('zonedInstant() round-trips with localParts() for every quarter hour of a Tokyo day', () => {
    for (let minute = 0; minute < 24 * 60; minute += 15) {
      const instant = zonedInstant('2026-04-02', minute, TOKYO);
      expect(localParts(instant, TOKYO)).toMatchObject({ date: '2026-04-02', minute });
    }
  });

  it('zonedInstant() round-trips in Europe/Berlin on a normal summer and winter day', () => {
    for (const date of ['2026-07-15', '2026-01-15']) {
      for (let minute = 0; minute < 24 * 60; minute += 15) {
        const instant = zonedInstant(date, minute, BERLIN);
        expect(localParts(instant, BERLIN)).toMatchObject({ date, minute });
      }
    }
    expect(zonedInstant('2026-07-15', 10 * 60, BERLIN)).toBe(Date.parse('2026-07-15T08:00:00Z'));
    expect(zonedInstant('2026-01-15', 10 * 60, BERLIN)).toBe(Date.parse('2026-01-15T09:00:00Z'));
  });

  it('zonedInstant() uses the offset in force at the target time on a DST change day in Europe/Berlin', () => {
    // 2026-03-29: clocks go 02:00 CET → 03:00 CEST
    expect(zonedInstant('2026-03-29', 60, BERLIN)).toBe(Date.parse('2026-03-29T00:00:00Z'));
    expect(zonedInstant('2026-03-29', 4 * 60, BERLIN)).toBe(Date.parse('2026-03-29T02:00:00Z'));
    // 2026-10-25: clocks go 03:00 CEST → 02:00 CET
    expect(zonedInstant('2026-10-25', 4 * 60, BERLIN)).toBe(Date.parse('2026-10-25T03:00:00Z'));
  });

  it('zonedInstant() of a local minute past 24:00 lands on the next local day', () => {
    expect(localParts(zonedInstant('2026-04-01', 24 * 60 + 30, TOKYO), TOKYO)).toMatchObject({ date: '2026-04-02', minute: 30 });
  });
});

describe('calendar arithmetic', () => {
  it('weekdayOf() numbers weekdays from Sunday = 0', () => {
    expect(weekdayOf('2026-04-05')).toBe(0); // Sunday
    expect(weekdayOf('2026-04-06')).toBe(1); // Monday
    expect(weekdayOf('2026-04-10')).toBe(5); // Friday
    expect(weekdayOf('2026-04-11')).toBe(6); // Saturday
    expect(weekdayOf('1970-01-01')).toBe(4); // Thursday
    expect(weekdayOf('2027-01-01')).toBe(5); // Friday
  });

  it('weekdayOf() is right for dates before the epoch', () => {
    expect(weekdayOf('1969-12-31')).toBe(3); // Wednesday
    expect(weekdayOf('1969-12-28')).toBe(0); // Sunday
  });

  it('weekdayOf() agrees with localParts().weekday for the same local date', () => {
    for (let d = 0; d < 14; d++) {
      const date = addDays('2026-04-01', d);
      expect(weekdayOf(date)).toBe(localParts(zonedInstant(date, 12 * 60, TOKYO), TOKYO).weekday);
    }
  });

  it('addDays() crosses month ends, year ends and leap days in both directions', () => {
    expect(addDays('2026-04-30', 1)).toBe('2026-05-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-12-29', 6)).toBe('2027-01-04');
    expect(addDays('2026-04-06', 0)).toBe('2026-04-06');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
  });

  it('dayNumber() and dateFromDayNumber() are inverses', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    for (const date of ['2026-04-06', '2027-01-01', '2028-02-29', '1969-12-31']) {
      expect(dateFromDayNumber(dayNumber(date))).toBe(date);
    }
  });

  it('parseHHMM() converts "HH:MM" to minutes since midnight and rejects other shapes', () => {
    expect(parseHHMM('00:00')).toBe(0);
    expect(parseHHMM('08:45')).toBe(525);
    expect(parseHHMM('17:15')).toBe(1035);
    expect(() => parseHHMM('8:45')).toThrow(RangeError);
    expect(() => parseHHMM('08-45')).toThrow(RangeError);
  });

  it('isValidTimeZone() accepts IANA zones and rejects unknown names', () => {
    expect(isValidTimeZone(TOKYO)).toBe(true);
    expect(isValidTimeZone(BERLIN)).toBe(true);
    expect(isValidTimeZone('Asia/Nowhere')).toBe(false);
  });
});

describe('durations', () => {
  const t0 = Date.parse('2026-04-06T01:00:00Z');

  it('minutesBetween() measures forward durations in minutes', () => {
    expect(minutesBetween(t0, t0 + 10 * 60_000)).toBe(10);
    expect(minutesBetween(t0, t0 + 90_000)).toBe(1.5);
    expect(minutesBetween(t0, t0)).toBe(0);
  });

  it('minutesBetween() is never negative when the clock jumps backwards', () => {
    expect(minutesBetween(t0, t0 - 5 * 60_000)).toBe(0);
  });

  it('secondsBetween() measures forward durations and is never negative', () => {
    expect(secondsBetween(t0, t0 + 42_000)).toBe(42);
    expect(secondsBetween(t0, t0 - 42_000)).toBe(0);
  });
});
