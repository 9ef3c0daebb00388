import { Type, type Static } from 'typebox';
import { Nullable } from './schemas.js';

/**
 * The congestion forecast calendar (混雑予測カレンダー), the staffing plan and the comparison across
 * sites: their wire shapes, and the queueing arithmetic (Erlang C) that the server's staffing plan
 * and the manager page's what-if both use, so a changed counter count shows the same wait the
 * server would compute.
 */

const Date_ = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

/** Days a forecast answer covers at most. */
export const FORECAST_MAX_DAYS = 62;
/** Days forecast when `days` is not given. */
export const FORECAST_DEFAULT_DAYS = 28;
/** The wait the staffing plan aims for when `targetWaitMinutes` is not given. */
export const DEFAULT_TARGET_WAIT_MINUTES = 20;

/** 1 quiet … 5 busiest. */
export const FORECAST_LEVELS = [1, 2, 3, 4, 5] as const;
export type ForecastLevel = (typeof FORECAST_LEVELS)[number];

export const ForecastQuery = Type.Object(
  {
    from: Type.Optional(Date_),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: FORECAST_MAX_DAYS, description: `days from \`from\` (default ${FORECAST_DEFAULT_DAYS})` })),
  },
  { additionalProperties: false },
);
export type ForecastQuery = Static<typeof ForecastQuery>;

export const ForecastHourSchema = Type.Object({
  /** local hour of day, 0–23 */
  hour: Type.Integer({ minimum: 0, maximum: 23 }),
  /** expected tickets issued in the hour */
  arrivals: Type.Number(),
  /** expected wait of a ticket taken in the hour with the counters usually open then; null when none is */
  expectedWaitMinutes: Nullable(Type.Number()),
});
export type ForecastHour = Static<typeof ForecastHourSchema>;

export const ForecastQueueDaySchema = Type.Object({
  id: Type.String(),
  level: Type.Integer({ minimum: 1, maximum: 5, description: '1 quiet … 5 busiest' }),
  /** expected tickets issued in the day */
  arrivals: Type.Number(),
  hours: Type.Array(ForecastHourSchema),
});
export type ForecastQueueDay = Static<typeof ForecastQueueDaySchema>;

export const ForecastDaySchema = Type.Object({
  date: Date_,
  open: Type.Boolean(),
  /** empty on a closed day */
  queues: Type.Array(ForecastQueueDaySchema),
});
export type ForecastDay = Static<typeof ForecastDaySchema>;

export const ForecastSchema = Type.Object({
  site: Type.String(),
  /** when the stored forecast was fitted */
  generatedAt: Type.String(),
  /** the open-data licence of this answer (CC BY 4.0 unless configured) */
  licence: Type.String(),
  /** the business days of history it was learned from (0: documented defaults only) */
  historyDays: Type.Integer({ minimum: 0 }),
  days: Type.Array(ForecastDaySchema),
});
export type Forecast = Static<typeof ForecastSchema>;

export const StaffingQuery = Type.Object(
  {
    date: Date_,
    targetWaitMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 240, description: `the wait to stay under (default ${DEFAULT_TARGET_WAIT_MINUTES})` })),
  },
  { additionalProperties: false },
);
export type StaffingQuery = Static<typeof StaffingQuery>;

export const StaffingHourSchema = Type.Object({
  hour: Type.Integer({ minimum: 0, maximum: 23 }),
  /** expected tickets issued in the hour */
  arrivals: Type.Number(),
  /** observed mean minutes at the counter per ticket */
  serviceMinutes: Type.Number(),
  /** fewest counters keeping the expected wait at or under the target (Erlang C) */
  countersNeeded: Type.Integer({ minimum: 0 }),
  /** counters the roster in use gives the queue while open in the hour (a counter shared with other queues counts its share) */
  countersPlanned: Type.Number({ minimum: 0 }),
  /** minutes the queue is open in the hour (8:45–9:00 is 15): the what-if's `hourlyWaits` takes it with the figures above */
  openMinutes: Type.Integer({ minimum: 1, maximum: 60 }),
  /** with the planned counters; null when none is planned */
  expectedWaitMinutes: Nullable(Type.Number()),
});
export type StaffingHour = Static<typeof StaffingHourSchema>;

/** The forecast's measured accuracy: the last weeks, each day forecast as the calendar would have shown it. */
export const ForecastAccuracySchema = Type.Object({
  /** business days measured (the last 8 weeks' open days with data) */
  days: Type.Integer({ minimum: 0 }),
  /** how far ahead each measured day was forecast */
  horizonDays: Type.Integer({ minimum: 1 }),
  queues: Type.Array(
    Type.Object({
      id: Type.String(),
      /** mean absolute percentage error of daily arrivals, % (null without measured days) */
      mape: Nullable(Type.Number()),
      /** the same for the naive forecast: the mean of the same weekday over the 4 weeks before */
      naiveMape: Nullable(Type.Number()),
      /** mean absolute error of the hourly shares, percentage points */
      hourlyProfileError: Nullable(Type.Number()),
    }),
  ),
});
export type ForecastAccuracy = Static<typeof ForecastAccuracySchema>;

export const StaffingSchema = Type.Object({
  date: Date_,
  targetWaitMinutes: Type.Integer(),
  open: Type.Boolean(),
  queues: Type.Array(Type.Object({ id: Type.String(), hours: Type.Array(StaffingHourSchema) })),
  accuracy: ForecastAccuracySchema,
});
export type Staffing = Static<typeof StaffingSchema>;

export const SiteComparisonSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  tickets: Type.Integer(),
  meanWaitMinutes: Nullable(Type.Number()),
  p90WaitMinutes: Nullable(Type.Number()),
  /** no-shows ÷ tickets called, or null without calls */
  noShowRate: Nullable(Type.Number()),
  /** mean rating (1–5) of the month's answers, or null without any */
  satisfaction: Nullable(Type.Number()),
  /** the local hour with the most tickets issued, or null without tickets */
  busiestHour: Nullable(Type.Integer({ minimum: 0, maximum: 23 })),
});
export type SiteComparison = Static<typeof SiteComparisonSchema>;

export const SitesComparisonSchema = Type.Object({ month: Type.String(), sites: Type.Array(SiteComparisonSchema) });
export type SitesComparison = Static<typeof SitesComparisonSchema>;

// ---- queueing arithmetic (M/M/c) -------------------------------------------------------------

/**
 * Erlang C: the probability that a ticket has to wait, with `counters` servers and an offered load
 * of `load` erlangs (arrival rate × mean service time). 1 when the load reaches the counters.
 * Computed through the Erlang B recursion, which stays exact for hundreds of counters.
 */
export function erlangC(counters: number, load: number): number {
  if (counters <= 0) return 1;
  if (load <= 0) return 0;
  if (load >= counters) return 1;
  let b = 1; // Erlang B with 0 servers
  for (let k = 1; k <= counters; k++) b = (load * b) / (k + load * b);
  const rho = load / counters;
  return b / (1 - rho + rho * b);
}

/** The mean wait in queue (minutes) of M/M/c in steady state; Infinity when it is not stable. */
export function mmcWaitMinutes(arrivalsPerHour: number, serviceMinutes: number, counters: number): number {
  if (arrivalsPerHour <= 0) return 0;
  const load = (arrivalsPerHour / 60) * serviceMinutes;
  if (counters <= 0 || load >= counters) return Infinity;
  return (erlangC(counters, load) * serviceMinutes) / (counters - load);
}

/** Counters needed no matter the target: never fewer than this many for this many counters (cap for the search). */
const MAX_COUNTERS = 200;

/** The fewest whole counters keeping the steady-state mean wait at or under `targetMinutes`. */
export function countersNeeded(arrivalsPerHour: number, serviceMinutes: number, targetMinutes: number): number {
  if (arrivalsPerHour <= 0) return 0;
  const load = (arrivalsPerHour / 60) * serviceMinutes;
  for (let c = Math.max(1, Math.floor(load) + 1); c <= MAX_COUNTERS; c++) {
    if (mmcWaitMinutes(arrivalsPerHour, serviceMinutes, c) <= targetMinutes) return c;
  }
  return MAX_COUNTERS;
}

/** The load above which an hour is treated as overloaded: its queue grows like a fluid, not by chance. */
const STABLE_UTILISATION = 0.95;

export interface HourLoad {
  arrivals: number;
  serviceMinutes: number;
  /** counters serving while the office is open in the hour (may be fractional: a counter shared with other queues) */
  counters: number;
  /** minutes the office is open in the hour (default 60): 8:45–9:00 is 15 */
  minutes?: number;
}

/**
 * The expected wait of a ticket taken in each hour of a day, the hours taken in order. Within a
 * stable hour the wait is M/M/c's (Erlang C, with fractional counters rounded down for the
 * probability and counted whole for the capacity) at the arrival rate of its open minutes; when
 * the arrivals exceed what the counters can serve in those minutes, the excess is carried into
 * the next hours as a backlog that everyone behind it waits for (a fluid queue), which is what
 * makes the lunch rotation's hours the longest waits even when arrivals peak earlier. Null for an
 * hour with arrivals or a backlog and no counter.
 */
export function hourlyWaits(hours: readonly HourLoad[]): Array<number | null> {
  let backlog = 0;
  return hours.map(({ arrivals, serviceMinutes, counters, minutes = 60 }) => {
    const open = Math.max(1, Math.min(60, minutes));
    const rate = counters > 0 && serviceMinutes > 0 ? counters / serviceMinutes : 0; // tickets a minute while open
    if (rate <= 0) {
      backlog += arrivals;
      return arrivals > 0 || backlog > 0 ? null : 0;
    }
    const capacity = rate * open;
    const start = backlog;
    backlog = Math.max(0, backlog + arrivals - capacity);
    // the random part, at most at the stable utilisation, at the open minutes' arrival rate
    const served = Math.min(arrivals, capacity * STABLE_UTILISATION);
    const whole = Math.max(1, Math.floor(counters));
    const random = mmcWaitMinutes(((served * 60) / open) * (whole / counters), serviceMinutes, whole);
    // the carried part: the mean backlog over the hour, cleared at the counters' pace
    const carried = (start + backlog) / 2 / rate;
    return Math.round((random + carried) * 10) / 10;
  });
}

const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

/** `POST /api/v1/sites/{site}/history`: what an import of past ticket logs did (docs/history-import.md). */
export const HistoryImportSchema = Type.Object({
  /** rows added */
  imported: Type.Integer({ minimum: 0 }),
  /** rows on days that hold live tickets, today or later: not imported */
  skipped: Type.Integer({ minimum: 0 }),
  /** the days rows were added to */
  days: Type.Array(Type.String({ pattern: DATE_PATTERN })),
});
export type HistoryImport = Static<typeof HistoryImportSchema>;

/** `GET /api/v1/sites/{site}/history`: the span of the site's history, and its imports. */
export const HistorySpanSchema = Type.Object({
  /** the first and the last business day with tickets (imported or live); null without any */
  firstDate: Type.Union([Type.String({ pattern: DATE_PATTERN }), Type.Null()]),
  lastDate: Type.Union([Type.String({ pattern: DATE_PATTERN }), Type.Null()]),
  /** business days with tickets */
  days: Type.Integer({ minimum: 0 }),
  /** of those, days from an imported log */
  importedDays: Type.Integer({ minimum: 0 }),
  /** the last import: when, and what it came from */
  lastImport: Type.Union([Type.Object({ at: Type.String(), source: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
});
export type HistorySpan = Static<typeof HistorySpanSchema>;
