import type { CounterAvailability, IssuingMode, PrinterHealth, PrintJobState, TicketState } from '@madoguchi/shared';
import type { ServiceSample } from '../domain/estimate.js';
import type { Candidate } from '../domain/selection.js';
import type { Ticket } from '../domain/ticket.js';
import type { LoggedEvent } from '../domain/replay.js';
import type { CounterTotals, TicketTimeline, TransferFigures } from '../domain/report.js';

export interface SiteDay {
  businessDate: string | null;
  seq: number;
}

export interface QueueDay {
  lastNumber: number | null;
  cycle: number;
  priorityStreak: number;
}

export interface CounterRow {
  siteId: string;
  id: string;
  availability: CounterAvailability;
  /** queues set by a manager at runtime; null follows the configuration */
  queuesOverride: string[] | null;
  primaryQueueOverride: string | null;
  currentTicketId: number | null;
  clerk: string | null;
  reason: string | null;
  updatedAt: number;
}

export interface IssuingOverride {
  /** null for the whole site */
  queueId: string | null;
  mode: IssuingMode;
  reason: string | null;
  at: number;
}

export interface Announcement {
  id: number;
  siteId: string;
  message: string;
  severity: 'info' | 'emergency';
  postedAt: number;
  clearedAt: number | null;
}

export interface EventRow {
  siteId: string;
  seq: number;
  type: string;
  ticketId: number | null;
  fromState: TicketState | null;
  toState: TicketState | null;
  at: number;
  actorKind: string;
  actorId: string;
  counterId: string | null;
  queueId: string | null;
  data: Record<string, unknown>;
}

export type NewTicket = Omit<Ticket, 'id'>;

export interface PrintJob {
  id: number;
  siteId: string;
  ticketId: number;
  printerId: string;
  kiosk: string | null;
  state: PrintJobState;
  reason: string | null;
  attempts: number;
  ahead: number;
  estimatedWaitMinutes: number | null;
  language: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface PrinterHealthRow {
  siteId: string;
  id: string;
  health: PrinterHealth;
  detail: string | null;
  updatedAt: number;
}

export interface WaitingTicket extends Candidate {
  serviceId: string | null;
  /** per-site issue sequence (the longest waiting has the lowest) */
  issueSeq: number;
  issuedAt: number;
}

/**
 * Durable state of the queue engine. All methods are synchronous and run inside
 * `transaction`, which is one serialised write transaction (BEGIN IMMEDIATE) on the database;
 * called inside another, it is a savepoint: its own failure undoes only its own writes.
 */
export interface TicketStore {
  transaction<T>(fn: () => T): T;

  /** registers a site (idempotent) */
  ensureSite(siteId: string): void;
  siteDay(siteId: string): SiteDay;
  setBusinessDate(siteId: string, date: string): void;
  /** increments and returns the site's event sequence */
  nextSeq(siteId: string): number;

  queueDay(siteId: string, queueId: string, date: string): QueueDay;
  saveQueueDay(siteId: string, queueId: string, date: string, day: QueueDay): void;
  isNumberActive(siteId: string, issuedQueueId: string, date: string, num: number): boolean;

  insertTicket(t: NewTicket): number;
  updateTicket(t: Ticket): void;
  ticket(siteId: string, id: number): Ticket | undefined;
  ticketByToken(token: string): Ticket | undefined;
  waiting(siteId: string, queueIds: readonly string[]): WaitingTicket[];
  /** waiting and called tickets of business days before `date` */
  openTicketsBefore(siteId: string, date: string): Ticket[];
  ticketsOfDay(siteId: string, date: string): Ticket[];
  lastCalledLabel(siteId: string, queueId: string, date: string): string | null;
  /** completed services of a business day, oldest first */
  serviceSamples(siteId: string, date: string, limit: number): ServiceSample[];
  recentTicketsOfCounter(siteId: string, counterId: string, date: string, limit: number): Ticket[];

  /** calls and recalls of a business day, newest first */
  recentCalls(siteId: string, date: string, limit: number): Array<{ seq: number; at: number; label: string; queueId: string; counterId: string; recall: boolean }>;

  /** every event of the tickets of a business day, in order */
  ticketEventsOfDay(siteId: string, date: string): EventRow[];
  /** the ticket events of business days `fromDate`…`toDate` that reports read (narrow rows) */
  reportEvents(siteId: string, fromDate: string, toDate: string): LoggedEvent[];
  /** each `counter:updated` within `[from, to)` with the availability it left */
  counterAvailabilityChanges(siteId: string, from: number, to: number): Array<{ seq: number; at: number; counterId: string | null; availability: unknown }>;
  /** the derived figures kept for closed business days (a cache of the event log) */
  reportDays(siteId: string, fromDate: string, toDate: string): Map<string, ReportDay>;
  /** keeps a closed day's derived figures (a cache: best effort, never fails the report that reads them) */
  saveReportDay(siteId: string, date: string, day: ReportDay, at: number): void;
  /** `counter:updated` events within `[from, to)` */
  counterEventsBetween(siteId: string, from: number, to: number): EventRow[];
  /** a counter's availability as its last change before `at` left it, or null when never changed */
  counterAvailabilityBefore(siteId: string, counterId: string, at: number): string | null;

  appendEvent(e: EventRow): void;
  events(siteId: string, afterSeq?: number): EventRow[];

  /** a key is the caller's own (a device or a staff user, `caller`): two kiosks may send the same one */
  idempotencyKey(siteId: string, caller: string, key: string): { ticketId: number; requestHash: string } | undefined;
  saveIdempotencyKey(siteId: string, caller: string, key: string, ticketId: number, requestHash: string, at: number): void;

  counters(siteId: string): CounterRow[];
  counter(siteId: string, id: string): CounterRow | undefined;
  saveCounter(row: CounterRow): void;

  issuingOverrides(siteId: string): IssuingOverride[];
  setIssuingOverride(siteId: string, o: IssuingOverride): void;

  insertAnnouncement(a: Omit<Announcement, 'id' | 'clearedAt'>): number;
  clearAnnouncement(siteId: string, id: number, at: number): boolean;
  activeAnnouncements(siteId: string): Announcement[];

  insertPrintJob(j: Omit<PrintJob, 'id'>): number;
  updatePrintJob(j: PrintJob): void;
  printJob(siteId: string, id: number): PrintJob | undefined;
  pendingPrintJobs(siteId: string): PrintJob[];
  latestPrintJob(siteId: string, ticketId: number): PrintJob | undefined;
  /** the business day's tickets whose latest slip failed (not printed again, not given up), with their labels */
  failedPrintJobs(siteId: string, businessDate: string): Array<PrintJob & { label: string }>;
  printerHealth(siteId: string): PrinterHealthRow[];
  /** kiosks moved to another printer at runtime (over the configuration's `kiosks`) */
  kioskPrinters(siteId: string): Array<{ device: string; printerId: string }>;
  /** null sets the kiosk back to the configuration */
  setKioskPrinter(siteId: string, device: string, printerId: string | null, at: number, by: string): void;
  savePrinterHealth(row: PrinterHealthRow): void;

  /** false when the ticket already has an answer */
  saveFeedback(siteId: string, ticketId: number, rating: number, at: number): boolean;
  /** satisfaction answers of a business day's tickets */
  feedbackBetween(siteId: string, fromDate: string, toDate: string): Array<{ ticketId: number; queueId: string; rating: number }>;

  close(): void;
}

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
}

/** One queue's satisfaction answers of a day: how many, and the sum of their ratings. */
export interface DayFeedback {
  queue: string;
  answers: number;
  sum: number;
}
