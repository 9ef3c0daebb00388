import { Type, type Static } from 'typebox';
import { Nullable } from './schemas.js';

/** Report figures as the API answers them (server/src/domain/report.ts computes them). */

const Minutes = Nullable(Type.Number());

export const WaitStatsSchema = Type.Object({ count: Type.Integer(), mean: Minutes, median: Minutes, p90: Minutes, max: Minutes });
export type WaitStats = Static<typeof WaitStatsSchema>;

export const QueueFiguresSchema = Type.Object({
  queue: Type.String(),
  issued: Type.Integer(),
  served: Type.Integer(),
  noShows: Type.Integer(),
  cancelled: Type.Integer(),
  expired: Type.Integer(),
  transfersIn: Type.Integer(),
  waits: WaitStatsSchema,
  serviceTimes: WaitStatsSchema,
  noShowRate: Nullable(Type.Number()),
  /** bookings (来庁予約) of the period's slots, on queues that take them: made (not cancelled), checked in, no-shows, cancelled */
  bookings: Type.Optional(Type.Object({ booked: Type.Integer(), checkedIn: Type.Integer(), noShows: Type.Integer(), cancelled: Type.Integer() })),
});
export type QueueFigures = Static<typeof QueueFiguresSchema>;

export const ServiceFiguresSchema = Type.Object({ queue: Type.String(), service: Type.String(), served: Type.Integer(), waits: WaitStatsSchema, serviceTimes: WaitStatsSchema });
export type ServiceFigures = Static<typeof ServiceFiguresSchema>;

export const CounterFiguresSchema = Type.Object({
  counter: Type.String(),
  /** tickets called here (first calls and calls after a transfer) */
  called: Type.Integer(),
  served: Type.Integer(),
  /** minutes with a citizen called or served at the counter */
  busyMinutes: Type.Number(),
  /** minutes the counter was open within the period */
  openMinutes: Type.Number(),
  /** busy ÷ open, or null when it was never open */
  utilisation: Nullable(Type.Number()),
});
export type CounterFigures = Static<typeof CounterFiguresSchema>;

export const TransferFiguresSchema = Type.Object({ from: Type.String(), to: Type.String(), count: Type.Integer() });
export type TransferFigures = Static<typeof TransferFiguresSchema>;

/** The figures every period has: counts, waits and service times per queue and procedure, counters, transfers, satisfaction. */
const PeriodFigures = {
  issued: Type.Integer(),
  served: Type.Integer(),
  noShows: Type.Integer(),
  arrivalsByHour: Type.Array(Type.Integer()),
  queues: Type.Array(QueueFiguresSchema),
  services: Type.Array(ServiceFiguresSchema),
  counters: Type.Array(CounterFiguresSchema),
  transfers: Type.Array(TransferFiguresSchema),
  satisfaction: Type.Array(Type.Object({ queue: Type.String(), answers: Type.Integer(), mean: Nullable(Type.Number()) })),
};

export const DailyReportSchema = Type.Object({ date: Type.String(), ...PeriodFigures });
export type DailyReport = Static<typeof DailyReportSchema>;

export const MonthlyReportSchema = Type.Object({
  month: Type.String(),
  ...PeriodFigures,
  days: Type.Array(Type.Object({ date: Type.String(), issued: Type.Integer(), served: Type.Integer(), noShows: Type.Integer(), meanWait: Nullable(Type.Number()) })),
});
export type MonthlyReport = Static<typeof MonthlyReportSchema>;
