import { Solar } from 'lunar-javascript';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GORO_DAYS, isGoroDay, isIchiryuManbai, lunarDate, rokuyo, solarTermMonthBranch } from './old-calendar.js';
import { addDays } from './time.js';

/*
 * Checked against published Japanese almanacs (六曜 / 一粒万倍日 calendars):
 *  - 2025-08: shofukudo.jp "2025年(令和7年)大安・吉日カレンダー" (August): 1 先勝, 5 大安 一粒万倍日,
 *    11 大安 一粒万倍日, 18 赤口 一粒万倍日, 22 仏滅, 23 先勝 一粒万倍日 (旧7月1日: the cycle restarts), 30 友引.
 *  - 2017-01/03: calendar-life.site "2017年 1月のカレンダー": 1-27 大安, 1-28 先勝 (旧正月), 3-27 先勝, 3-28 先負 (旧3月1日).
 *  - 2018-09: gclick.jp calendar (September 2018): 9-9 赤口, 9-10 友引 (旧8月1日).
 *  - 2023-04-04: koyominote.com "2023年4月4日の暦": 旧暦 閏2月14日, 先負 (a leap month).
 *  - 2023-05-20: office-moorea.blogspot.com "2023年の旧暦カレンダー": 三月 大 4/20, 四月 小 5/20 (Beijing: 5/19).
 *  - 2026-10-12: koyominote.com "2026年10月12日の暦": 旧暦 9月2日, 仏滅 (Beijing: 九月初三).
 *  - 2023-01-05: foodwatch.jp "2023年1月5日(木)の暦": 旧暦(天保暦) 12月14日 壬寅/壬子/癸亥, 先勝 一粒万倍日
 *    (小寒 at 00:05 JST on the 6th: still 子月 in Japan, already 丑月 in Beijing).
 *  - the whole 2025 list of 一粒万倍日 (62 days): strixhiroblog.com "2025年の一粒万倍日一覧" (posted 2025-01-04).
 */

describe('rokuyo', () => {
  it.each([
    ['2025-08-01', '先勝'],
    ['2025-08-05', '大安'],
    ['2025-08-11', '大安'],
    ['2025-08-18', '赤口'],
    ['2025-08-22', '仏滅'],
    ['2025-08-23', '先勝'],
    ['2025-08-30', '友引'],
    ['2017-01-27', '大安'],
    ['2017-01-28', '先勝'],
    ['2017-03-27', '先勝'],
    ['2017-03-28', '先負'],
    ['2018-09-09', '赤口'],
    ['2018-09-10', '友引'],
    ['2023-04-04', '先負'],
    ['2026-10-12', '仏滅'],
  ] as const)('%s is %s as the almanac prints it', (date, expected) => {
    expect(rokuyo(date)).toBe(expected);
  });

  it('jumps at the start of a lunar month instead of following the six-day cycle', () => {
    // 仏滅 → 先勝 on 旧7月1日 2025; otherwise every day moves one step
    const order = ['大安', '赤口', '先勝', '友引', '先負', '仏滅'];
    const step = (a: string, b: string) => (order.indexOf(b) - order.indexOf(a) + 6) % 6;
    expect(step(rokuyo('2025-08-21'), rokuyo('2025-08-22'))).toBe(1);
    expect(step(rokuyo('2025-08-22'), rokuyo('2025-08-23'))).toBe(3);
    expect(lunarDate('2025-08-23')).toEqual({ month: 7, leap: false, day: 1 });
  });

  it('counts a leap month as the month it repeats (閏6月 2025)', () => {
    expect(lunarDate('2025-08-05')).toEqual({ month: 6, leap: true, day: 12 });
  });

  it('reckons the month from the new moon in JST where Beijing time puts it a day earlier', () => {
    // new moons at 00:53 JST on 2023-05-20 and 00:50 JST on 2026-10-11
    expect(lunarDate('2023-05-19')).toEqual({ month: 3, leap: false, day: 30 });
    expect(lunarDate('2023-05-20')).toEqual({ month: 4, leap: false, day: 1 });
    expect(lunarDate('2026-10-10')).toEqual({ month: 8, leap: false, day: 30 });
    expect(lunarDate('2026-10-11')).toEqual({ month: 9, leap: false, day: 1 });
    // the library's own (Chinese) reckoning differs there, which is why the correction exists
    expect(Solar.fromYmd(2026, 10, 12).getLunar().getDay()).toBe(3);
    // and the correction ends with that month: the next month starts on the same day in both
    expect(lunarDate('2026-11-09')).toEqual({ month: 10, leap: false, day: 1 });
    expect(Solar.fromYmd(2026, 11, 9).getLunar().getDay()).toBe(1);
  });

  it('agrees with the library on every day of ordinary months (2025, no late new moon)', () => {
    for (let d = '2025-01-01'; d <= '2025-12-31'; d = addDays(d, 1)) {
      const [y, m, day] = d.split('-').map(Number) as [number, number, number];
      const l = Solar.fromYmd(y, m, day).getLunar();
      expect(lunarDate(d)).toEqual({ month: Math.abs(l.getMonth()), leap: l.getMonth() < 0, day: l.getDay() });
    }
  });

  it('refuses what is not a date', () => {
    expect(() => rokuyo('2025-8-1')).toThrow(RangeError);
  });
});

describe('isIchiryuManbai', () => {
  const published2025 = [
    '01-07 01-10 01-19 01-22 01-31',
    '02-06 02-13 02-18 02-25',
    '03-02 03-05 03-10 03-17 03-22 03-29',
    '04-03 04-04 04-13 04-16 04-25 04-28',
    '05-10 05-11 05-22 05-23',
    '06-03 06-04 06-05 06-06 06-17 06-18 06-29 06-30',
    '07-12 07-15 07-24 07-27',
    '08-05 08-11 08-18 08-23 08-30',
    '09-04 09-07 09-12 09-19 09-24',
    '10-01 10-06 10-16 10-19 10-28 10-31',
    '11-12 11-13 11-24 11-25',
    '12-06 12-08 12-09 12-20 12-21',
  ]
    .join(' ')
    .split(' ')
    .map((md) => `2025-${md}`);

  it('matches a published list of 2025 day for day (62 days)', () => {
    const computed: string[] = [];
    for (let d = '2025-01-01'; d <= '2025-12-31'; d = addDays(d, 1)) if (isIchiryuManbai(d)) computed.push(d);
    expect(published2025).toHaveLength(62);
    expect(computed).toEqual(published2025);
  });

  it('starts the solar-term month on the day of its 節 (立春 2025-02-03: 寅月)', () => {
    expect(solarTermMonthBranch('2025-02-02')).toBe('丑');
    expect(solarTermMonthBranch('2025-02-03')).toBe('寅');
  });

  it('takes the 節 in JST: 小寒 at 00:05 JST on 2023-01-06 leaves the 5th in 子月 (a 亥 day: 一粒万倍日)', () => {
    expect(solarTermMonthBranch('2023-01-05')).toBe('子');
    expect(isIchiryuManbai('2023-01-05')).toBe(true);
    expect(solarTermMonthBranch('2023-01-06')).toBe('丑');
  });

  it('is false on ordinary days of the almanac', () => {
    for (const d of ['2025-08-01', '2025-08-22', '2023-01-04']) expect(isIchiryuManbai(d)).toBe(false);
  });
});

describe('isGoroDay', () => {
  it('knows the default memorable dates every year', () => {
    for (const d of ['2025-11-22', '2026-07-07', '2025-12-24', '2025-12-25', '2027-02-14']) expect(isGoroDay(d)).toBe(true);
    for (const d of ['2025-11-21', '2025-07-08', '2025-12-26']) expect(isGoroDay(d)).toBe(false);
  });

  it('takes an office’s own list instead of the default', () => {
    const own = [...DEFAULT_GORO_DAYS, { monthDay: '02-22', name: '夫婦の日' }];
    expect(isGoroDay('2026-02-22')).toBe(false);
    expect(isGoroDay('2026-02-22', own)).toBe(true);
    expect(isGoroDay('2026-11-22', [])).toBe(false);
  });
});
