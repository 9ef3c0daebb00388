import { describe, it, expect } from 'vitest';
import { findNextOpening, hoursOn, issuingBySchedule, type ScheduleContext, type ScheduleVerdict } from './schedule.js';
import type { Schedule, SpecialOpening } from './site.js';
import { localParts, zonedInstant } from './time.js';

const TZ = 'Asia/Tokyo';
const WEEKDAY_HOURS = [['08:45', '17:15']] as const;

/** A ward office: Mon–Fri 08:45–17:15, closed on 祝日 and 年末年始, 受付終了 15 minutes before close. */
function schedule(overrides: Partial<Schedule> = {}): Schedule {
  return {
    weekly: { mon: WEEKDAY_HOURS, tue: WEEKDAY_HOURS, wed: WEEKDAY_HOURS, thu: WEEKDAY_HOURS, fri: WEEKDAY_HOURS },
    extended: [],
    specialOpenings: [],
    closedDays: [],
    nationalHolidays: true,
    cutoffMinutes: 15,
    ...overrides,
  };
}

function ctx(
  s: Partial<Schedule> = {},
  site: { closedDays?: string[]; specialOpenings?: SpecialOpening[] } = {},
): ScheduleContext {
  return {
    schedule: schedule(s),
    siteClosedDays: site.closedDays ?? [],
    siteSpecialOpenings: site.specialOpenings ?? [],
    timeZone: TZ,
  };
}

/** The instant of a Tokyo wall-clock time. */
const jst = (date: string, hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return zonedInstant(date, (h ?? 0) * 60 + (m ?? 0), TZ);
};

/** The next opening of a closed verdict as Tokyo local date and "HH:MM". */
function nextOpeningOf(v: ScheduleVerdict): string | null {
  if (v.open) throw new Error('expected issuing to be closed');
  if (v.nextOpening === null) return null;
  const p = localParts(v.nextOpening, TZ);
  const hh = String(Math.floor(p.minute / 60)).padStart(2, '0');
  const mm = String(p.minute % 60).padStart(2, '0');
  return `${p.date} ${hh}:${mm}`;
}

describe('issuingBySchedule() on regular weekdays', () => {
  it('issuingBySchedule() is open on a Monday at 10:00 JST with close and cut-off instants', () => {
    const v = issuingBySchedule(ctx(), Date.parse('2026-04-06T01:00:00Z'));
    expect(v).toEqual({ open: true, closesAt: jst('2026-04-06', '17:15'), issuingEndsAt: jst('2026-04-06', '17:00') });
  });

  it('issuingBySchedule() opens exactly at 08:45 and not a minute before', () => {
    expect(issuingBySchedule(ctx(), jst('2026-04-06', '08:45')).open).toBe(true);
    expect(issuingBySchedule(ctx(), jst('2026-04-06', '08:44')).open).toBe(false);
  });

  it('issuingBySchedule() before 08:45 is closed as outside_hours with the same morning as next opening', () => {
    const v = issuingBySchedule(ctx(), jst('2026-04-06', '07:30'));
    expect(v).toMatchObject({ open: false, reason: 'outside_hours' });
    expect(nextOpeningOf(v)).toBe('2026-04-06 08:45');
    expect(v.open === false && v.nextOpening).toBe(Date.parse('2026-04-05T23:45:00Z'));
  });

  it('issuingBySchedule() just after local midnight in Tokyo (still the previous UTC day) points at that morning', () => {
    // 2026-04-06T15:30Z is Tuesday 2026-04-07 00:30 JST
    const v = issuingBySchedule(ctx(), Date.parse('2026-04-06T15:30:00Z'));
    expect(v).toMatchObject({ open: false, reason: 'outside_hours' });
    expect(nextOpeningOf(v)).toBe('2026-04-07 08:45');
  });

  it('issuingBySchedule() after 17:15 is closed as outside_hours with the next business morning as next opening', () => {
    const v = issuingBySchedule(ctx(), jst('2026-04-06', '18:00'));
    expect(v).toMatchObject({ open: false, reason: 'outside_hours' });
    expect(nextOpeningOf(v)).toBe('2026-04-07 08:45');
  });

  it('issuingBySchedule() inside the 15-minute cut-off (17:05) is closed as cutoff', () => {
    const v = issuingBySchedule(ctx(), jst('2026-04-06', '17:05'));
    expect(v).toMatchObject({ open: false, reason: 'cutoff' });
    expect(nextOpeningOf(v)).toBe('2026-04-07 08:45');
  });

  it('issuingBySchedule() stops issuing exactly at close minus cutoffMinutes (17:00), not a minute later', () => {
    expect(issuingBySchedule(ctx(), jst('2026-04-06', '16:59')).open).toBe(true);
    expect(issuingBySchedule(ctx(), jst('2026-04-06', '17:00'))).toMatchObject({ open: false, reason: 'cutoff' });
  });

  it('issuingBySchedule() with cutoffMinutes 0 issues until closing', () => {
    const c = ctx({ cutoffMinutes: 0 });
    expect(issuingBySchedule(c, jst('2026-04-06', '17:14'))).toMatchObject({ open: true, issuingEndsAt: jst('2026-04-06', '17:15') });
    expect(issuingBySchedule(c, jst('2026-04-06', '17:15'))).toMatchObject({ open: false, reason: 'outside_hours' });
  });

  it('issuingBySchedule() during a lunch break points at the afternoon session of the same day', () => {
    const split = [['08:45', '12:00'], ['13:00', '17:15']] as const;
    const c = ctx({ weekly: { mon: split, tue: split } });
    expect(issuingBySchedule(c, jst('2026-04-06', '11:50'))).toMatchObject({ open: false, reason: 'cutoff' });
    const v = issuingBySchedule(c, jst('2026-04-06', '12:30'));
    expect(v).toMatchObject({ open: false, reason: 'outside_hours' });
    expect(nextOpeningOf(v)).toBe('2026-04-06 13:00');
    expect(issuingBySchedule(c, jst('2026-04-06', '13:30'))).toMatchObject({ open: true, closesAt: jst('2026-04-06', '17:15') });
  });
});

describe('issuingBySchedule() on weekends and closed days', () => {
  it('issuingBySchedule() is closed on Saturday and Sunday, with Monday morning as next opening', () => {
    for (const instant of [jst('2026-04-11', '10:00'), jst('2026-04-12', '10:00'), jst('2026-04-10', '17:30')]) {
      const v = issuingBySchedule(ctx(), instant);
      expect(v.open).toBe(false);
      expect(nextOpeningOf(v)).toBe('2026-04-13 08:45');
    }
  });

  it('issuingBySchedule() on a national holiday (昭和の日 2026-04-29) is closed_day and the next opening skips it', () => {
    const v = issuingBySchedule(ctx(), jst('2026-04-29', '10:00'));
    expect(v).toMatchObject({ open: false, reason: 'closed_day' });
    expect(nextOpeningOf(v)).toBe('2026-04-30 08:45');
    expect(nextOpeningOf(issuingBySchedule(ctx(), jst('2026-04-28', '17:30')))).toBe('2026-04-30 08:45');
  });

  it('issuingBySchedule() after Friday 2026-05-01 skips Golden Week (weekend + 05-04..05-06 holidays) to 05-07', () => {
    expect(nextOpeningOf(issuingBySchedule(ctx(), jst('2026-05-01', '17:30')))).toBe('2026-05-07 08:45');
    expect(issuingBySchedule(ctx(), jst('2026-05-06', '10:00'))).toMatchObject({ open: false, reason: 'closed_day' });
  });

  it('issuingBySchedule() honours national holidays only when the schedule closes on them', () => {
    expect(issuingBySchedule(ctx({ nationalHolidays: false }), jst('2026-04-29', '10:00')).open).toBe(true);
    expect(issuingBySchedule(ctx({ nationalHolidays: false }), jst('2026-12-30', '10:00')).open).toBe(true);
  });

  it('issuingBySchedule() is closed over 年末年始 (2026-12-29 .. 2027-01-03) and reopens 2027-01-04 08:45', () => {
    for (const date of ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']) {
      const v = issuingBySchedule(ctx(), jst(date, '10:00'));
      expect(v.open).toBe(false);
      expect(nextOpeningOf(v)).toBe('2027-01-04 08:45');
    }
    // 12-29 is a Tuesday: closed_day, not merely outside hours
    expect(issuingBySchedule(ctx(), jst('2026-12-29', '10:00'))).toMatchObject({ reason: 'closed_day' });
    expect(nextOpeningOf(issuingBySchedule(ctx(), jst('2026-12-28', '17:30')))).toBe('2027-01-04 08:45');
    expect(issuingBySchedule(ctx(), jst('2026-12-28', '10:00')).open).toBe(true);
  });

  it("issuingBySchedule() is closed_day on the site's own closed day and the next opening skips it", () => {
    const c = ctx({}, { closedDays: ['2026-04-08'] });
    const v = issuingBySchedule(c, jst('2026-04-08', '10:00'));
    expect(v).toMatchObject({ open: false, reason: 'closed_day' });
    expect(nextOpeningOf(v)).toBe('2026-04-09 08:45');
    expect(nextOpeningOf(issuingBySchedule(c, jst('2026-04-07', '17:30')))).toBe('2026-04-09 08:45');
  });

  it("issuingBySchedule() is closed_day on the queue's own closed day", () => {
    const v = issuingBySchedule(ctx({ closedDays: ['2026-04-08'] }), jst('2026-04-08', '10:00'));
    expect(v).toMatchObject({ open: false, reason: 'closed_day' });
    expect(nextOpeningOf(v)).toBe('2026-04-09 08:45');
  });
});

describe('issuingBySchedule() with special openings and extended hours', () => {
  it('issuingBySchedule() opens a national holiday declared as a special opening (休日開庁) for its hours only', () => {
    const c = ctx({ specialOpenings: [{ date: '2026-04-29', hours: [['09:00', '12:00']] }] });
    expect(issuingBySchedule(c, jst('2026-04-29', '10:00'))).toMatchObject({ open: true, closesAt: jst('2026-04-29', '12:00') });
    expect(issuingBySchedule(c, jst('2026-04-29', '13:00'))).toMatchObject({ open: false, reason: 'outside_hours' });
    expect(nextOpeningOf(issuingBySchedule(c, jst('2026-04-28', '17:30')))).toBe('2026-04-29 09:00');
  });

  it("issuingBySchedule() opens the site's special opening even on the site's own closed day", () => {
    const c = ctx({}, { closedDays: ['2026-04-08'], specialOpenings: [{ date: '2026-04-08', hours: [['13:00', '16:00']] }] });
    expect(issuingBySchedule(c, jst('2026-04-08', '14:00')).open).toBe(true);
    expect(issuingBySchedule(c, jst('2026-04-08', '10:00')).open).toBe(false);
  });

  it('issuingBySchedule() opens a Saturday declared as a special opening', () => {
    const c = ctx({}, { specialOpenings: [{ date: '2026-04-11', hours: [['09:00', '12:00']] }] });
    expect(issuingBySchedule(c, jst('2026-04-11', '10:00')).open).toBe(true);
    expect(nextOpeningOf(issuingBySchedule(c, jst('2026-04-10', '17:30')))).toBe('2026-04-11 09:00');
    expect(issuingBySchedule(c, jst('2026-04-18', '10:00')).open).toBe(false);
  });

  it('issuingBySchedule() opens Sundays only, and only inside a recurring MM-DD extended range', () => {
    const c = ctx({
      extended: [{ from: '03-20', to: '04-10', weekdays: ['sun'], hours: [['09:00', '17:00']], overridesClosed: true }],
    });
    expect(issuingBySchedule(c, jst('2026-03-29', '10:00')).open).toBe(true); // Sunday in range
    expect(issuingBySchedule(c, jst('2026-04-05', '10:00')).open).toBe(true); // Sunday in range
    expect(issuingBySchedule(c, jst('2027-03-28', '10:00')).open).toBe(true); // recurs next year
    expect(issuingBySchedule(c, jst('2026-03-28', '10:00')).open).toBe(false); // Saturday in range
    expect(issuingBySchedule(c, jst('2026-04-12', '10:00')).open).toBe(false); // Sunday after the range
    expect(issuingBySchedule(c, jst('2026-03-15', '10:00')).open).toBe(false); // Sunday before the range
    expect(nextOpeningOf(issuingBySchedule(c, jst('2026-03-28', '10:00')))).toBe('2026-03-29 09:00');
    expect(nextOpeningOf(issuingBySchedule(c, jst('2026-04-12', '10:00')))).toBe('2026-04-13 08:45');
  });

  it('issuingBySchedule() opens a national-holiday Sunday in an extended range only when it overrides closures', () => {
    const range = { from: '05-01', to: '05-10', weekdays: ['sun'] as const, hours: [['09:00', '17:00']] as const };
    // 2026-05-03 is a Sunday and 憲法記念日
    expect(issuingBySchedule(ctx({ extended: [{ ...range, overridesClosed: true }] }), jst('2026-05-03', '10:00')).open).toBe(true);
    expect(issuingBySchedule(ctx({ extended: [range] }), jst('2026-05-03', '10:00'))).toMatchObject({
      open: false,
      reason: 'closed_day',
    });
  });

  it('issuingBySchedule() handles a recurring extended range across the new year', () => {
    const c = ctx({
      extended: [{ from: '12-20', to: '01-10', weekdays: ['sun'], hours: [['09:00', '12:00']], overridesClosed: true }],
    });
    expect(issuingBySchedule(c, jst('2026-12-27', '10:00')).open).toBe(true); // Sunday before new year
    expect(issuingBySchedule(c, jst('2027-01-03', '10:00')).open).toBe(true); // Sunday in 年末年始, overridden
    expect(issuingBySchedule(c, jst('2027-01-17', '10:00')).open).toBe(false); // Sunday after the range
    expect(issuingBySchedule(c, jst('2026-12-13', '10:00')).open).toBe(false); // Sunday before the range
  });

  it('issuingBySchedule() applies a one-off YYYY-MM-DD extended range on its dates only', () => {
    const c = ctx({ extended: [{ from: '2026-04-01', to: '2026-04-07', hours: [['08:00', '08:45']] }] });
    expect(issuingBySchedule(c, jst('2026-04-06', '08:10')).open).toBe(true);
    expect(issuingBySchedule(c, jst('2026-04-08', '08:10')).open).toBe(false);
    expect(issuingBySchedule(c, jst('2027-04-06', '08:10')).open).toBe(false);
  });

  it('issuingBySchedule() merges extended Friday evening hours with regular hours: open at 18:00 on Friday only', () => {
    const c = ctx({ extended: [{ from: '01-01', to: '12-31', weekdays: ['fri'], hours: [['17:15', '19:00']] }] });
    // no cut-off at 17:00 on Friday: the evening hours continue the day
    expect(issuingBySchedule(c, jst('2026-04-10', '17:05'))).toMatchObject({ open: true, closesAt: jst('2026-04-10', '19:00') });
    expect(issuingBySchedule(c, jst('2026-04-10', '18:00'))).toMatchObject({
      open: true,
      closesAt: jst('2026-04-10', '19:00'),
      issuingEndsAt: jst('2026-04-10', '18:45'),
    });
    expect(issuingBySchedule(c, jst('2026-04-10', '18:50'))).toMatchObject({ open: false, reason: 'cutoff' });
    expect(issuingBySchedule(c, jst('2026-04-09', '18:00'))).toMatchObject({ open: false, reason: 'outside_hours' });
    expect(issuingBySchedule(c, jst('2026-04-09', '17:05'))).toMatchObject({ open: false, reason: 'cutoff' });
  });

  it('issuingBySchedule() with no hours at all is closed with no next opening', () => {
    const v = issuingBySchedule(ctx({ weekly: {} }), jst('2026-04-06', '10:00'));
    expect(v).toEqual({ open: false, reason: 'closed_day', nextOpening: null });
  });
});

describe('findNextOpening()', () => {
  it('findNextOpening() skips intervals shorter than the cut-off, since they never issue', () => {
    const c = ctx({ weekly: { mon: [['10:00', '10:10']], tue: WEEKDAY_HOURS } });
    expect(localParts(findNextOpening(c, jst('2026-04-06', '07:00')) ?? 0, TZ)).toMatchObject({ date: '2026-04-07', minute: 525 });
  });

  it('findNextOpening() returns a later interval of the same day rather than the current one', () => {
    const split = [['08:45', '12:00'], ['13:00', '17:15']] as const;
    expect(findNextOpening(ctx({ weekly: { mon: split } }), jst('2026-04-06', '09:00'))).toBe(jst('2026-04-06', '13:00'));
  });

  it('findNextOpening() is null when nothing opens within the search horizon', () => {
    expect(findNextOpening(ctx({ weekly: {} }), jst('2026-04-06', '10:00'))).toBeNull();
  });
});

describe('hoursOn()', () => {
  it('hoursOn() gives merged, sorted minute intervals of a regular day', () => {
    const c = ctx({
      weekly: { mon: [['13:00', '17:15'], ['08:45', '12:00']] },
      extended: [{ from: '2026-04-06', to: '2026-04-06', hours: [['11:30', '13:30']] }],
    });
    expect(hoursOn(c, '2026-04-06')).toEqual({ kind: 'regular', intervals: [[525, 1035]] });
  });

  it('hoursOn() marks a national holiday as closed_day with no intervals', () => {
    expect(hoursOn(ctx(), '2026-01-01')).toEqual({ kind: 'closed_day', intervals: [] });
  });

  it('hoursOn() reports a weekend day without hours as a regular day with no intervals', () => {
    expect(hoursOn(ctx(), '2026-04-11')).toEqual({ kind: 'regular', intervals: [] });
  });
});

describe('issuingBySchedule() on a weekend', () => {
  it('says the office is closed today (closed_day), not outside hours', () => {
    const v = issuingBySchedule(ctx({}), jst('2026-04-11', '10:00'));
    expect(v).toMatchObject({ open: false, reason: 'closed_day' });
  });
});
