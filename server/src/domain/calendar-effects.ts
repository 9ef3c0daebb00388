import { isGoroDay, isIchiryuManbai, rokuyo, type Rokuyo } from './old-calendar.js';
import { hoursOn, type ScheduleContext } from './schedule.js';
import { WEEKDAYS } from './site.js';
import { addDays, weekdayOf } from './time.js';

/**
 * The calendar features of the demand forecast (混雑予測): what a ward office's own hand-made
 * 混雑予想 lists — weekday, the first open day after a holiday or a long weekend, start and end of
 * month, 年度末・年度初め and the moving season, before and after 年末年始, pension paydays, special
 * openings. Only the *definitions* live here; how big each effect is comes from the site's data,
 * with the model's documented defaults (demand-forecast.ts) where there is none.
 *
 * Every definition reads the schedule (closed days, holidays, special openings), never a hand-kept
 * list of dates; the old calendar's days (六曜, 一粒万倍日) come from old-calendar.ts (a maintained
 * library) and the memorable dates from its DEFAULT_GORO_DAYS list (data). A new effect is one
 * more entry in CALENDAR_EFFECTS, and optionally a default size in the model's table.
 */

/** What the effects look at: one date's place in the schedule. */
export interface DayFacts {
  date: string;
  /** 0 = Sunday */
  weekday: number;
  open: boolean;
  /** open only because of a special opening or hours that override a closure (休日開庁) */
  special: boolean;
  /** the closed days in a row just before (0 when the day before was open) */
  closedBefore: number;
  /** the same for the open day before this one (the backlog of a long closure spills into a second day) */
  closedBeforePrevious: number;
  /** among those, a day whose weekday normally has hours (a holiday or closure, not a plain weekend) */
  holidayBefore: boolean;
  /** 1 = the month's first open day; 0 when closed */
  openDayOfMonth: number;
  /** 1 = the month's last open day; 0 when closed */
  openDaysToMonthEnd: number;
  /** 年金支給日: the 15th of an even month, or the last open day before it when the 15th is closed */
  pensionDay: boolean;
  /** the day's 六曜 (old calendar) */
  rokuyo: Rokuyo;
  /** 一粒万倍日 */
  ichiryuManbai: boolean;
  /** a memorable 語呂合わせ date people choose for 婚姻届 (old-calendar.ts DEFAULT_GORO_DAYS) */
  goro: boolean;
}

export interface CalendarEffect {
  id: string;
  /** what it is, for people reading the fit or the docs */
  label: string;
  /** whether the effect is present on an open day */
  applies: (f: DayFacts) => boolean;
}

const md = (f: DayFacts) => f.date.slice(5);
const month = (f: DayFacts) => Number(f.date.slice(5, 7));
const beforeYearEnd = (f: DayFacts) => month(f) === 12 && f.openDaysToMonthEnd >= 1 && f.openDaysToMonthEnd <= 3;

/**
 * The effects, each an indicator on open days. Overlaps are intended and multiply (the first open
 * day of January is also after a long closure); the model learns each from the days it marks.
 */
export const CALENDAR_EFFECTS: readonly CalendarEffect[] = [
  {
    id: 'afterHoliday',
    label: 'first open day after a holiday (a closed weekday), when the closure was shorter than 3 days',
    applies: (f) => f.holidayBefore && f.closedBefore < 3,
  },
  {
    id: 'afterLongWeekend',
    label: 'first open day after 3 or more closed days in a row (3-day weekends, GW, 年末年始)',
    applies: (f) => f.closedBefore >= 3,
  },
  {
    id: 'afterLongWeekend2',
    label: 'the second open day after 3 or more closed days (連休明けの数日間: the backlog spills over)',
    applies: (f) => f.closedBefore === 0 && f.closedBeforePrevious >= 3,
  },
  { id: 'monthStart', label: 'the first 2 open days of a month', applies: (f) => f.openDayOfMonth >= 1 && f.openDayOfMonth <= 2 },
  {
    id: 'monthEnd',
    label: 'the last 2 open days of a month (deadlines at month end)',
    applies: (f) => f.openDaysToMonthEnd >= 1 && f.openDaysToMonthEnd <= 2,
  },
  { id: 'fiscalYearEnd', label: '年度末 and the moving season\'s start: 1–19 March', applies: (f) => md(f) >= '03-01' && md(f) <= '03-19' },
  { id: 'movingPeak', label: 'the moving season\'s peak (年度末・年度初め): 20 March – 10 April', applies: (f) => md(f) >= '03-20' && md(f) <= '04-10' },
  { id: 'fiscalYearStart', label: '年度初め, the moving season\'s tail: 11–30 April', applies: (f) => md(f) >= '04-11' && md(f) <= '04-30' },
  { id: 'beforeYearEnd', label: 'the last 3 open days of December (before 年末年始)', applies: (f) => beforeYearEnd(f) },
  { id: 'afterNewYear', label: 'the first 3 open days of January (after 年末年始)', applies: (f) => month(f) === 1 && f.openDayOfMonth >= 1 && f.openDayOfMonth <= 3 },
  { id: 'pensionDay', label: '年金支給日: the 15th of even months, or the open day before it', applies: (f) => f.pensionDay },
  { id: 'specialOpening', label: '休日開庁: a day open only because of a special opening', applies: (f) => f.special },
  { id: 'taxCertificates', label: 'the new tax certificates (課税・非課税証明書): 1 June – 15 July', applies: (f) => md(f) >= '06-01' && md(f) <= '07-15' },
  { id: 'taian', label: '大安: a lucky day of the 六曜, chosen for 婚姻届', applies: (f) => f.rokuyo === '大安' },
  { id: 'ichiryuManbai', label: '一粒万倍日: an auspicious day for beginnings, chosen for 婚姻届', applies: (f) => f.ichiryuManbai },
  {
    id: 'goroDay',
    label: 'a memorable date (語呂合わせ: いい夫婦の日, 七夕, …) chosen for 婚姻届, outside the last 3 open days of December (there the year-end rush is beforeYearEnd\'s: two effects on the same few days could not be told apart)',
    applies: (f) => f.goro && !beforeYearEnd(f),
  },
];

/**
 * Memo per schedule object: the server refits daily and the backtest hundreds of times on the same
 * schedule. A context is treated as immutable: when the schedule changes, build a new one.
 */
const memo = new WeakMap<ScheduleContext, { open: Map<string, boolean>; facts: Map<string, DayFacts> }>();

function cache(ctx: ScheduleContext) {
  let c = memo.get(ctx);
  if (!c) {
    c = { open: new Map(), facts: new Map() };
    memo.set(ctx, c);
  }
  return c;
}

/** Open on `date` by the schedule (holidays, closures, special openings). */
export function isOpenOn(ctx: ScheduleContext, date: string): boolean {
  const c = cache(ctx);
  let v = c.open.get(date);
  if (v === undefined) {
    const { kind, intervals } = hoursOn(ctx, date);
    v = kind !== 'closed_day' && intervals.length > 0;
    c.open.set(date, v);
  }
  return v;
}

/** The schedule without its special openings and closure-overriding hours: the ordinary days. */
const ordinaryOf = new WeakMap<ScheduleContext, ScheduleContext>();
function ordinary(ctx: ScheduleContext): ScheduleContext {
  let o = ordinaryOf.get(ctx);
  if (!o) {
    o = {
      ...ctx,
      siteSpecialOpenings: [],
      schedule: { ...ctx.schedule, specialOpenings: [], extended: ctx.schedule.extended.filter((e) => !e.overridesClosed) },
    };
    ordinaryOf.set(ctx, o);
  }
  return o;
}

const normallyHasHours = (ctx: ScheduleContext, date: string): boolean =>
  (ctx.schedule.weekly[WEEKDAYS[weekdayOf(date)] ?? 'sun'] ?? []).length > 0;

/** The facts of one date (memoised per schedule object). */
export function dayFacts(ctx: ScheduleContext, date: string): DayFacts {
  const c = cache(ctx);
  const hit = c.facts.get(date);
  if (hit) return hit;
  const open = isOpenOn(ctx, date);
  const run = closedRunBefore(ctx, date);
  const closedBefore = run.days;
  const holidayBefore = run.holiday;
  const closedBeforePrevious = closedBefore === 0 ? closedRunBefore(ctx, addDays(date, -1)).days : 0;
  let openDayOfMonth = 0;
  let openDaysToMonthEnd = 0;
  if (open) {
    const ym = date.slice(0, 7);
    for (let d = `${ym}-01`; d <= date; d = addDays(d, 1)) if (isOpenOn(ctx, d)) openDayOfMonth++;
    for (let d = date; d.slice(0, 7) === ym; d = addDays(d, 1)) if (isOpenOn(ctx, d)) openDaysToMonthEnd++;
  }
  const facts: DayFacts = {
    date,
    weekday: weekdayOf(date),
    open,
    special: open && !isOpenOn(ordinary(ctx), date),
    closedBefore,
    closedBeforePrevious,
    holidayBefore,
    openDayOfMonth,
    openDaysToMonthEnd,
    pensionDay: open && isPensionDay(ctx, date),
    rokuyo: rokuyo(date),
    ichiryuManbai: isIchiryuManbai(date),
    goro: isGoroDay(date),
  };
  c.facts.set(date, facts);
  return facts;
}

/** The closed days in a row before `date`, and whether one of them normally has hours. */
function closedRunBefore(ctx: ScheduleContext, date: string): { days: number; holiday: boolean } {
  let days = 0;
  let holiday = false;
  // a closure longer than 3 weeks is not a "long weekend"; stop looking
  for (let d = addDays(date, -1); days < 21 && !isOpenOn(ctx, d); d = addDays(d, -1)) {
    days++;
    if (normallyHasHours(ctx, d)) holiday = true;
  }
  return { days, holiday };
}

function isPensionDay(ctx: ScheduleContext, date: string): boolean {
  const m = Number(date.slice(5, 7));
  if (m % 2 !== 0 || date.slice(8) > '15') return false;
  const fifteenth = `${date.slice(0, 8)}15`;
  // the payday is the 15th, or moved back to the last open day before it
  let payday = fifteenth;
  while (!isOpenOn(ctx, payday) && payday.slice(8) > '01') payday = addDays(payday, -1);
  return payday === date;
}

/** The ids of the effects present on `date` (none when closed). */
export function effectsOn(ctx: ScheduleContext, date: string, effects: readonly CalendarEffect[] = CALENDAR_EFFECTS): string[] {
  const f = dayFacts(ctx, date);
  return f.open ? effects.filter((e) => e.applies(f)).map((e) => e.id) : [];
}
