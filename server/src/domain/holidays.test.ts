import { describe, it, expect } from 'vitest';
import { isNationalHoliday, isYearEndHoliday } from './holidays.js';

describe('isNationalHoliday()', () => {
  it('isNationalHoliday() is true on 元日 2026-01-01', () => {
    expect(isNationalHoliday('2026-01-01')).toBe(true);
  });

  it('isNationalHoliday() is true across Golden Week 2026 including the 振替休日 on 05-06', () => {
    // 05-03 憲法記念日 falls on a Sunday, so 05-06 is a substitute holiday in @holiday-jp data
    expect(isNationalHoliday('2026-05-03')).toBe(true);
    expect(isNationalHoliday('2026-05-04')).toBe(true);
    expect(isNationalHoliday('2026-05-05')).toBe(true);
    expect(isNationalHoliday('2026-05-06')).toBe(true);
    expect(isNationalHoliday('2026-05-07')).toBe(false);
  });

  it('isNationalHoliday() is true on the 国民の休日 sandwiched between holidays (2026-09-22)', () => {
    expect(isNationalHoliday('2026-09-21')).toBe(true); // 敬老の日
    expect(isNationalHoliday('2026-09-22')).toBe(true); // 国民の休日
    expect(isNationalHoliday('2026-09-23')).toBe(true); // 秋分の日
  });

  it('isNationalHoliday() is false on a normal weekday and on a plain weekend day', () => {
    expect(isNationalHoliday('2026-04-06')).toBe(false); // Monday
    expect(isNationalHoliday('2026-04-11')).toBe(false); // Saturday
  });

  it('isNationalHoliday() does not treat the year-end closure days as national holidays', () => {
    expect(isNationalHoliday('2026-12-29')).toBe(false);
    expect(isNationalHoliday('2027-01-02')).toBe(false);
  });
});

describe('isYearEndHoliday()', () => {
  it('isYearEndHoliday() covers 29 December through 3 January', () => {
    for (const date of ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']) {
      expect(isYearEndHoliday(date)).toBe(true);
    }
  });

  it('isYearEndHoliday() is false just outside the range (12-28 and 01-04)', () => {
    expect(isYearEndHoliday('2026-12-28')).toBe(false);
    expect(isYearEndHoliday('2027-01-04')).toBe(false);
  });

  it('isYearEndHoliday() is false in the rest of the year', () => {
    expect(isYearEndHoliday('2026-04-06')).toBe(false);
    expect(isYearEndHoliday('2026-01-10')).toBe(false);
    expect(isYearEndHoliday('2026-12-01')).toBe(false);
  });
});
