import holidayJp from '@holiday-jp/holiday_jp';

/** 国民の祝日 from @holiday-jp/holiday_jp (a data package: no IO). */
export function isNationalHoliday(date: string): boolean {
  return Object.hasOwn(holidayJp.holidays, date);
}

/** 年末年始: 29 December to 3 January, when ward offices close. */
export function isYearEndHoliday(date: string): boolean {
  const md = date.slice(5);
  return md >= '12-29' || md <= '01-03';
}
