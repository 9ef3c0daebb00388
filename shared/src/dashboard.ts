import type { ButtonStatus, PrinterHealth } from './events.js';
import type { CounterView, IssuingState, LocalizedText } from './model.js';

/** What needs the floor manager's attention now (docs/product.md §4 "Floor manager"). */
export type AlertKind = 'wait' | 'waiting' | 'counter_paused' | 'printer' | 'button' | 'device_flood';

export interface Alert {
  /** stable while the condition lasts: `wait:certificates`, `printer:lobby`, `button:<id>` */
  key: string;
  kind: AlertKind;
  queue?: string;
  counter?: string;
  printer?: string;
  button?: string;
  /** a device that passed its issue limit (device_flood): its name */
  device?: string;
  /** the measured value (minutes, people) or null for a device that is down */
  value: number | null;
  /** the threshold it passed, or null for a device that is down */
  threshold: number | null;
  /** since when the condition holds, when known (ISO) */
  since: string | null;
  /** the device's state or reason (paper_out, disconnected, 休憩…) */
  detail: string | null;
}

/** Pushed to the staff room whenever the set of alerts changes. */
export interface AlertsMessage {
  site: string;
  at: string;
  alerts: Alert[];
}

export interface DashboardQueue {
  id: string;
  name: LocalizedText;
  issuing: IssuingState;
  /** why issuing is closed (as the status API's `closedReason`: `numbers_exhausted`, `cutoff`…), or null */
  closedReason: string | null;
  waiting: number;
  /** minutes the longest-waiting ticket has waited so far */
  longestWaitMinutes: number | null;
  /** mean wait (issue → first call) of the tickets called today / in the last 30 minutes */
  averageWaitToday: number | null;
  averageWaitLast30: number | null;
  estimatedWaitMinutes: number | null;
  issued: number;
  served: number;
  noShows: number;
  /** open counters serving the queue, weighted by the share of their time it gets */
  openCounters: number;
  alerts: { waitMinutes: number; waiting: number };
}

export interface DashboardCounter extends CounterView {
  /** seconds since the current ticket was called (or started, when serving) */
  currentSeconds: number | null;
  /** when the counter's availability last changed, as far as known */
  stateSince: string | null;
}

export interface Dashboard {
  at: string;
  businessDate: string;
  thresholds: { counterPausedMinutes: number };
  queues: DashboardQueue[];
  counters: DashboardCounter[];
  printers: Array<{ id: string; name: string; health: PrinterHealth; detail: string | null }>;
  buttons: ButtonStatus[];
  alerts: Alert[];
  /** today's slips that failed to print and were neither printed again nor given up, oldest first */
  failedPrints: FailedPrint[];
}

/** A ticket whose latest slip failed: the manager prints it again or gives up on it. */
export interface FailedPrint {
  job: number;
  ticketId: number;
  label: string;
  printer: string;
  /** the kiosk device that issued the ticket, when it came from a kiosk */
  kiosk: string | null;
  reason: string | null;
  at: string;
}

/** The estimated effect of moving a counter to other queues, shown before the manager confirms. */
export interface MovePreview {
  counter: string;
  queues: Array<{ id: string; waiting: number; before: number | null; after: number | null; countersBefore: number; countersAfter: number }>;
  /** the ticket this counter would call next, now and after the move */
  nextTicket: { before: string | null; after: string | null };
}
