import { Type, type Static } from 'typebox';
import { CounterSchema, IssuingStateSchema, LocalizedTextSchema, Nullable, PrinterViewSchema } from './schemas.js';
import { ButtonStatusSchema } from './staff-schemas.js';
import { TurnAlertChannelSchema } from './turn-alerts.js';

/** The floor manager's live figures, alerts and the estimate of a counter move. */

const Minutes = Nullable(Type.Number());

export const AlertKindSchema = Type.Union([
  Type.Literal('wait'),
  Type.Literal('waiting'),
  Type.Literal('counter_paused'),
  Type.Literal('printer'),
  Type.Literal('button'),
  Type.Literal('device_flood'),
]);
/** What needs the floor manager's attention now (docs/product.md §4 "Floor manager"). */
export type AlertKind = Static<typeof AlertKindSchema>;

export const AlertSchema = Type.Object({
  /** stable while the condition lasts: `wait:certificates`, `printer:lobby`, `button:<id>` */
  key: Type.String(),
  kind: AlertKindSchema,
  queue: Type.Optional(Type.String()),
  counter: Type.Optional(Type.String()),
  printer: Type.Optional(Type.String()),
  button: Type.Optional(Type.String()),
  /** a device that passed its issue limit (device_flood): its name */
  device: Type.Optional(Type.String()),
  /** the measured value (minutes, people) or null for a device that is down */
  value: Minutes,
  /** the threshold it passed, or null for a device that is down */
  threshold: Minutes,
  /** since when the condition holds, when known (ISO) */
  since: Nullable(Type.String()),
  /** the device's state or reason (paper_out, disconnected, 休憩…) */
  detail: Nullable(Type.String()),
});
export type Alert = Static<typeof AlertSchema>;

/** Pushed to the staff room whenever the set of alerts changes. */
export const AlertsMessageSchema = Type.Object({ site: Type.String(), at: Type.String(), alerts: Type.Array(AlertSchema) });
export type AlertsMessage = Static<typeof AlertsMessageSchema>;

export const DashboardQueueSchema = Type.Object({
  id: Type.String(),
  name: LocalizedTextSchema,
  issuing: IssuingStateSchema,
  /** why issuing is closed (as the status API's `closedReason`: `numbers_exhausted`, `cutoff`…), or null */
  closedReason: Nullable(Type.String()),
  waiting: Type.Integer(),
  /** minutes the longest-waiting ticket has waited so far */
  longestWaitMinutes: Minutes,
  /** mean wait (issue → first call) of the tickets called today / in the last 30 minutes */
  averageWaitToday: Minutes,
  averageWaitLast30: Minutes,
  estimatedWaitMinutes: Minutes,
  issued: Type.Integer(),
  served: Type.Integer(),
  noShows: Type.Integer(),
  /** open counters serving the queue, weighted by the share of their time it gets */
  openCounters: Type.Number(),
  alerts: Type.Object({ waitMinutes: Type.Integer(), waiting: Type.Integer() }),
  /** waiting tickets with a turn-near alert (a count: nothing about who) */
  turnAlerts: Type.Integer(),
});
export type DashboardQueue = Static<typeof DashboardQueueSchema>;

export const DashboardCounterSchema = Type.Object({
  ...CounterSchema.properties,
  /** seconds since the current ticket was called (or started, when serving) */
  currentSeconds: Nullable(Type.Integer()),
  /** when the counter's availability last changed, as far as known */
  stateSince: Nullable(Type.String()),
});
export type DashboardCounter = Static<typeof DashboardCounterSchema>;

/** A ticket whose latest slip failed: the manager prints it again or gives up on it. */
export const FailedPrintSchema = Type.Object({
  job: Type.Integer(),
  ticketId: Type.Integer(),
  label: Type.String(),
  printer: Type.String(),
  /** the kiosk device that issued the ticket, when it came from a kiosk */
  kiosk: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  at: Type.String(),
});
export type FailedPrint = Static<typeof FailedPrintSchema>;

export const DashboardSchema = Type.Object({
  at: Type.String(),
  businessDate: Type.String(),
  thresholds: Type.Object({ counterPausedMinutes: Type.Integer() }),
  queues: Type.Array(DashboardQueueSchema),
  counters: Type.Array(DashboardCounterSchema),
  printers: Type.Array(PrinterViewSchema),
  buttons: Type.Array(ButtonStatusSchema),
  alerts: Type.Array(AlertSchema),
  /** today's slips that failed to print and were neither printed again nor given up, oldest first */
  failedPrints: Type.Array(FailedPrintSchema),
  /** today's turn-near alert messages not delivered (given up after retries, or the contact gone), per channel */
  turnAlertFailures: Type.Array(Type.Object({ channel: TurnAlertChannelSchema, failed: Type.Integer() })),
});
export type Dashboard = Static<typeof DashboardSchema>;

/** The estimated effect of moving a counter to other queues, shown before the manager confirms. */
export const MovePreviewSchema = Type.Object({
  counter: Type.String(),
  queues: Type.Array(
    Type.Object({ id: Type.String(), waiting: Type.Integer(), before: Minutes, after: Minutes, countersBefore: Type.Number(), countersAfter: Type.Number() }),
  ),
  /** the ticket this counter would call next, now and after the move */
  nextTicket: Type.Object({ before: Nullable(Type.String()), after: Nullable(Type.String()) }),
});
export type MovePreview = Static<typeof MovePreviewSchema>;
