import type { BookingState } from '@madoguchi/shared';
import type { LoggedEvent } from '../domain/replay.js';
import type { CounterTotals, TicketTimeline, TransferFigures } from '../domain/report.js';

/**
 * A closed day's derived figures (report_days): rebuilt from `events` when missing, except for a
 * day past retention, whose tickets and events are gone and whose summary is its only record.
 */
export interface ReportDay {
  lines: TicketTimeline[];
  counters: CounterTotals[];
  transfers: TransferFigures[];
  /** the day's satisfaction answers per queue, kept when its tickets were deleted; absent while they exist */
  feedback?: DayFeedback[];
  /** the day's bookings per queue and state, kept when they were deleted with its tickets; absent while they exist */
  bookings?: BookingCount[];
}

/** How many bookings of a queue are in a state. */
export interface BookingCount {
  queueId: string;
  state: BookingState;
  n: number;
}

/** One queue's satisfaction answers of a day: how many, and the sum of their ratings. */
export interface DayFeedback {
  queue: string;
  answers: number;
  sum: number;
}

/** What reports read: the narrow rows of the event log, the day summaries kept as a cache, the answers. */
export interface ReportStore {
  /** the ticket events of business days `fromDate`…`toDate` that reports read (narrow rows) */
  reportEvents(siteId: string, fromDate: string, toDate: string): LoggedEvent[];
  /** each `counter:updated` within `[from, to)` with the availability it left */
  counterAvailabilityChanges(siteId: string, from: number, to: number): Array<{ seq: number; at: number; counterId: string | null; availability: unknown }>;
  /** the derived figures kept for closed business days (a cache of the event log) */
  reportDays(siteId: string, fromDate: string, toDate: string): Map<string, ReportDay>;
  /** keeps a closed day's derived figures (a cache: best effort, never fails the report that reads them) */
  saveReportDay(siteId: string, date: string, day: ReportDay, at: number): void;
  /** satisfaction answers of a business day's tickets */
  feedbackBetween(siteId: string, fromDate: string, toDate: string): Array<{ ticketId: number; queueId: string; rating: number }>;
}
