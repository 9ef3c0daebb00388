import { ShouXingUtil, Solar } from 'lunar-javascript';
import { addDays } from './time.js';

/**
 * Days of the old calendar that people choose for 婚姻届 and other filings (product.md §8): the
 * 六曜 of a date, 一粒万倍日, and memorable 語呂合わせ dates. Dates are "YYYY-MM-DD", civil dates in
 * Japan. The lunisolar dates and solar terms come from lunar-javascript, a maintained library;
 * nothing here is a typed-in table of dates.
 *
 * Japan or China: lunar-javascript follows the Chinese calendar, reckoned in China Standard Time
 * (UTC+8); Japan's 旧暦 (as almanacs print it) is reckoned in JST (UTC+9). A lunar month starts on
 * the day holding the new moon, and a 節月 on the day holding its 節, so the two calendars differ
 * only when that instant falls between 00:00 and 01:00 JST (23:00–24:00 in Beijing): Japan's
 * month then starts a day later, every day of that month has the previous 六曜, and the 節月 starts
 * a day later. It happens every few years (new moons of 2023-05-20, 2026-10-11, 2027-02-07 JST):
 * 2026-10-12 is 旧9月2日 仏滅 in Japanese almanacs and 九月初三 (大安 by the rule) in China. This
 * module corrects both cases to JST. Rarer differences are not corrected: a 中気 in that same hour
 * could move a leap month, and the 旧暦2033年問題 (the 天保暦 rule leaves 2033's leap month
 * undetermined; almanacs follow the proposal that agrees with the Chinese 閏11月).
 */

export const ROKUYO = ['大安', '赤口', '先勝', '友引', '先負', '仏滅'] as const;
export type Rokuyo = (typeof ROKUYO)[number];

export interface LunarDateJst {
  /** 1–12 */
  month: number;
  /** a leap month (閏月) repeats the number of the month before it */
  leap: boolean;
  /** 1–30 */
  day: number;
}

function parse(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const J2000 = 2451545;
const MEAN_LUNATION = 29.5306;

/** Days from J2000 of a civil date (the library's day numbering: noon-based Julian day − J2000). */
function dayFromJ2000(date: string): number {
  const [y, m, d] = parse(date);
  return Math.round(Solar.fromYmdHms(y, m, d, 12, 0, 0).getJulianDay() - J2000);
}

/** Whether the new moon that starts the Chinese month on `start` falls at 23:00–24:00 Beijing time (next day in Japan). */
function newMoonLateInBeijing(start: string): boolean {
  const n = dayFromJ2000(start);
  // the lunation index as the library's own new-moon search picks it; check its neighbours too
  const k0 = Math.floor((n + J2000 + 14 - 2451551) / MEAN_LUNATION);
  for (const k of [k0 - 1, k0, k0 + 1]) {
    const t = ShouXingUtil.shuoHigh(k * 2 * Math.PI);
    if (Math.floor(t + 0.5) === n) return t + 0.5 - n >= 23 / 24;
  }
  return false;
}

/** The lunisolar date of a civil date in Japan (旧暦, reckoned in JST). */
export function lunarDate(date: string): LunarDateJst {
  const [y, m, d] = parse(date);
  const lunar = Solar.fromYmd(y, m, d).getLunar();
  const day = lunar.getDay();
  const month = Math.abs(lunar.getMonth());
  const leap = lunar.getMonth() < 0;
  const start = addDays(date, 1 - day);
  if (!newMoonLateInBeijing(start)) return { month, leap, day };
  if (day > 1) return { month, leap, day: day - 1 };
  // Beijing's first day of the month is still the last day of the previous month in Japan
  const before = lunarDate(addDays(date, -1));
  return { ...before, day: before.day + 1 };
}

/**
 * 六曜: (lunar month + lunar day) mod 6, 0 = 大安 … 5 = 仏滅. Each month's first day restarts the
 * cycle (旧1月1日 and 旧7月1日 are 先勝, 旧2月1日 and 旧8月1日 友引 …), so the sequence jumps there;
 * a leap month counts as the month it repeats.
 */
export function rokuyo(date: string): Rokuyo {
  const { month, day } = lunarDate(date);
  return ROKUYO[(month + day) % 6] ?? '大安';
}

/**
 * 一粒万倍日 by the solar-term month (節月, from each 節: 立春 starts 寅月, 啓蟄 卯月 …) and the
 * day's earthly branch, as almanacs give it (e.g. ja.wikipedia "一粒万倍日"; the 2025 list in the
 * test agrees day for day).
 */
const ICHIRYU_MANBAI: Readonly<Record<string, readonly [string, string]>> = {
  寅: ['丑', '午'],
  卯: ['酉', '寅'],
  辰: ['子', '卯'],
  巳: ['卯', '辰'],
  午: ['巳', '午'],
  未: ['酉', '午'],
  申: ['子', '未'],
  酉: ['卯', '申'],
  戌: ['酉', '午'],
  亥: ['酉', '戌'],
  子: ['亥', '子'],
  丑: ['卯', '子'],
};

/** The 節月's branch of a civil date in Japan: the day holding the 節 (in JST) belongs to the new month. */
export function solarTermMonthBranch(date: string): string {
  const [y, m, d] = parse(date);
  // the last instant of the JST day, in Beijing time (the library's), against the 節's exact instants
  return Solar.fromYmdHms(y, m, d, 22, 59, 59).getLunar().getMonthZhiExact();
}

export function dayBranch(date: string): string {
  const [y, m, d] = parse(date);
  return Solar.fromYmd(y, m, d).getLunar().getDayZhi();
}

export function isIchiryuManbai(date: string): boolean {
  return ICHIRYU_MANBAI[solarTermMonthBranch(date)]?.includes(dayBranch(date)) ?? false;
}

/** A memorable date people choose for a marriage registration, every year on "MM-DD". */
export interface GoroDay {
  monthDay: string;
  name: string;
}

/**
 * The memorable dates the spec and one city's 混雑予想 name. Data, not a model constant: an
 * office passes its own list (a local festival, 2/22 "夫婦の日" …) to `isGoroDay`, and the
 * forecast learns from the log how much each one matters.
 */
export const DEFAULT_GORO_DAYS: readonly GoroDay[] = [
  { monthDay: '02-14', name: 'バレンタインデー' },
  { monthDay: '07-07', name: '七夕' },
  { monthDay: '11-22', name: 'いい夫婦の日' },
  { monthDay: '12-24', name: 'クリスマス・イブ' },
  { monthDay: '12-25', name: 'クリスマス' },
];

export function isGoroDay(date: string, days: readonly GoroDay[] = DEFAULT_GORO_DAYS): boolean {
  parse(date);
  const md = date.slice(5);
  return days.some((g) => g.monthDay === md);
}
