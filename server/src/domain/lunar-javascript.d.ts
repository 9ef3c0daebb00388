// The part of lunar-javascript (a CommonJS package without type declarations) that
// domain/old-calendar.ts uses.
declare module 'lunar-javascript' {
  export interface LunarDate {
    /** the lunisolar month, negative for a leap month (閏月) */
    getMonth(): number;
    getDay(): number;
    /** the day's earthly branch (日の十二支), by civil date */
    getDayZhi(): string;
    /** the solar-term month's branch (節月), from the exact instant of the 節 (China Standard Time) */
    getMonthZhiExact(): string;
  }
  export interface SolarDate {
    getLunar(): LunarDate;
    getJulianDay(): number;
  }
  export const Solar: {
    fromYmd(year: number, month: number, day: number): SolarDate;
    fromYmdHms(year: number, month: number, day: number, hour: number, minute: number, second: number): SolarDate;
  };
  export const ShouXingUtil: {
    /** the new moon of lunation angle `w` (2π per lunation from J2000), in days from J2000 in China Standard Time */
    shuoHigh(w: number): number;
  };
}
