import { describe, expect, it } from 'vitest';
import { sampleDemandContext } from '../../../bench/lib/demand-year.js';
import { CALENDAR_EFFECTS, dayFacts, effectsOn, isOpenOn, type CalendarEffect } from './calendar-effects.js';
import type { ScheduleContext } from './schedule.js';

// the sample office's certificates queue: weekdays 08:45–17:15 (Fri to 19:00), 国民の祝日 and
// 年末年始 closed, Sunday mornings open from 20 March to 10 April (引越しシーズンの日曜開庁)
const ctx: ScheduleContext = sampleDemandContext().schedule;
const on = (date: string) => effectsOn(ctx, date);

describe('calendar effects on the sample office', () => {
  it('the first open day after a midweek holiday is afterHoliday, not afterLongWeekend', () => {
    // 2025-04-29 (Tue) 昭和の日
    expect(on('2025-04-30')).toContain('afterHoliday');
    expect(on('2025-04-30')).not.toContain('afterLongWeekend');
  });

  it('after Golden Week and a 3-day weekend the first open day is afterLongWeekend only', () => {
    // GW 2025: 3 (Sat) … 6 (Tue, 振替休日) closed
    expect(on('2025-05-07')).toContain('afterLongWeekend');
    expect(on('2025-05-07')).not.toContain('afterHoliday');
    expect(dayFacts(ctx, '2025-05-07').closedBefore).toBe(4);
    // 海の日 2025-07-21 (Mon): Sat, Sun, Mon closed
    expect(on('2025-07-22')).toContain('afterLongWeekend');
    expect(on('2025-07-23')).not.toContain('afterLongWeekend');
  });

  it('a plain Monday after a weekend is neither', () => {
    expect(on('2025-06-09')).not.toContain('afterHoliday');
    expect(on('2025-06-09')).not.toContain('afterLongWeekend');
  });

  it('the first and last 2 open days of a month', () => {
    expect(['2025-07-01', '2025-07-02', '2025-07-03'].map((d) => on(d).includes('monthStart'))).toEqual([true, true, false]);
    expect(['2025-07-29', '2025-07-30', '2025-07-31'].map((d) => on(d).includes('monthEnd'))).toEqual([false, true, true]);
    // November 2025 ends on a Sunday: its last open days are Thu 27 and Fri 28
    expect(['2025-11-26', '2025-11-27', '2025-11-28'].map((d) => on(d).includes('monthEnd'))).toEqual([false, true, true]);
  });

  it('年度末 from 1 March, the moving peak from 20 March to 10 April, 年度初め to the end of April', () => {
    const season = (d: string) => on(d).filter((e) => ['fiscalYearEnd', 'movingPeak', 'fiscalYearStart'].includes(e));
    expect(season('2026-02-27')).toEqual([]);
    expect(season('2026-03-05')).toEqual(['fiscalYearEnd']);
    expect(season('2026-03-19')).toEqual(['fiscalYearEnd']);
    expect(season('2026-03-23')).toEqual(['movingPeak']);
    expect(season('2025-04-10')).toEqual(['movingPeak']);
    expect(season('2025-04-11')).toEqual(['fiscalYearStart']);
    expect(season('2025-04-30')).toEqual(['fiscalYearStart']);
    expect(season('2025-05-12')).toEqual([]);
  });

  it('the second open day after a long closure', () => {
    expect(on('2025-05-08')).toContain('afterLongWeekend2');
    expect(on('2025-05-07')).not.toContain('afterLongWeekend2');
    expect(on('2025-05-09')).not.toContain('afterLongWeekend2');
    expect(on('2026-01-06')).toContain('afterLongWeekend2');
  });

  it('the last 3 open days of December and the first 3 of January', () => {
    // 29 Dec – 3 Jan closed; 2025-12-26 is a Friday, 2026-01-05 a Monday
    expect(['2025-12-23', '2025-12-24', '2025-12-25', '2025-12-26'].map((d) => on(d).includes('beforeYearEnd'))).toEqual([false, true, true, true]);
    expect(['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08'].map((d) => on(d).includes('afterNewYear'))).toEqual([true, true, true, false]);
    expect(on('2026-01-05')).toContain('afterLongWeekend');
  });

  it('pension payday: the 15th of even months, moved to the open day before when closed', () => {
    expect(on('2025-08-15')).toContain('pensionDay');
    // 2025-06-15 is a Sunday: paid on Friday the 13th
    expect(on('2025-06-13')).toContain('pensionDay');
    expect(on('2025-06-16')).not.toContain('pensionDay');
    // odd months have none
    expect(on('2025-07-15')).not.toContain('pensionDay');
  });

  it('a Sunday opened by the moving season is a special opening; other Sundays and holidays are closed', () => {
    expect(isOpenOn(ctx, '2026-03-22')).toBe(true);
    expect(on('2026-03-22')).toEqual(expect.arrayContaining(['specialOpening', 'movingPeak']));
    expect(on('2026-03-23')).not.toContain('specialOpening');
    for (const closed of ['2026-03-15', '2025-11-03', '2025-12-30', '2026-01-01']) {
      expect(isOpenOn(ctx, closed)).toBe(false);
      expect(on(closed)).toEqual([]);
    }
  });

  it('a site special opening on a Saturday (休日開庁) is a special opening; extra hours on an open day are not', () => {
    const site: ScheduleContext = {
      ...ctx,
      siteSpecialOpenings: [
        { date: '2025-06-14', hours: [['09:00', '12:00']] },
        { date: '2025-06-12', hours: [['17:15', '19:00']] },
      ],
    };
    expect(on('2025-06-14')).toEqual([]);
    expect(effectsOn(site, '2025-06-14')).toContain('specialOpening');
    expect(effectsOn(site, '2025-06-12')).not.toContain('specialOpening');
  });

  it('a closure moves the first-open-day effect and the month-end days', () => {
    const closed: ScheduleContext = { ...ctx, siteClosedDays: ['2025-07-31'] };
    expect(effectsOn(closed, '2025-07-29')).toContain('monthEnd');
    // Thu closed → Fri is the first open day after a closed weekday
    expect(effectsOn(closed, '2025-08-01')).toContain('afterHoliday');
  });

  it('a new effect is one more entry in the table', () => {
    const taxSeason: CalendarEffect = { id: 'taxSeason', label: 'June', applies: (f) => f.date.slice(5, 7) === '06' };
    expect(effectsOn(ctx, '2025-06-10', [...CALENDAR_EFFECTS, taxSeason])).toContain('taxSeason');
    expect(effectsOn(ctx, '2025-07-10', [...CALENDAR_EFFECTS, taxSeason])).not.toContain('taxSeason');
  });
});
