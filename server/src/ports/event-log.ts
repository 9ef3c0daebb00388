import type { TicketState } from '@madoguchi/shared';

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

/** A call as the display's history and the voice clips' priority read it. */
export interface RecentCall {
  seq: number;
  at: number;
  label: string;
  queueId: string;
  counterId: string;
  recall: boolean;
}

/** The append-only event log (the history), and the reads of it the live use cases make. */
export interface EventLog {
  appendEvent(e: EventRow): void;
  events(siteId: string, afterSeq?: number): EventRow[];
  /** every event of the tickets of a business day, in order */
  ticketEventsOfDay(siteId: string, date: string): EventRow[];
  /** `counter:updated` events within `[from, to)` */
  counterEventsBetween(siteId: string, from: number, to: number): EventRow[];
  /** a counter's availability as its last change before `at` left it, or null when never changed */
  counterAvailabilityBefore(siteId: string, counterId: string, at: number): string | null;
  /** calls and recalls of a business day, newest first */
  recentCalls(siteId: string, date: string, limit: number): RecentCall[];
}
