import type { ServiceSample } from '../domain/estimate.js';
import type { Candidate } from '../domain/selection.js';
import type { Ticket } from '../domain/ticket.js';

export interface QueueDay {
  lastNumber: number | null;
  cycle: number;
  priorityStreak: number;
}

export type NewTicket = Omit<Ticket, 'id'>;

export interface WaitingTicket extends Candidate {
  serviceId: string | null;
  /** per-site issue sequence (the longest waiting has the lowest) */
  issueSeq: number;
  issuedAt: number;
}

/** The queue: tickets, each queue's numbering of the day, retried requests, satisfaction answers. */
export interface TicketStore {
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

  /** a key is the caller's own (a device or a staff user, `caller`): two kiosks may send the same one */
  idempotencyKey(siteId: string, caller: string, key: string): { ticketId: number; requestHash: string } | undefined;
  saveIdempotencyKey(siteId: string, caller: string, key: string, ticketId: number, requestHash: string, at: number): void;

  /** false when the ticket already has an answer */
  saveFeedback(siteId: string, ticketId: number, rating: number, at: number): boolean;
}
