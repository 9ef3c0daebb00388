import type { BookingState, Language } from '@madoguchi/shared';
import type { BookingCount } from './report-store.js';

/** A booking (来庁予約) as the core sees it. Instants are epoch ms. */
export interface BookingRecord {
  id: number;
  siteId: string;
  queueId: string;
  serviceId: string | null;
  businessDate: string;
  slotStart: number;
  slotEnd: number;
  code: string;
  token: string;
  state: BookingState;
  language: Language | null;
  createdAt: number;
  ticketId: number | null;
  checkedInAt: number | null;
  cancelReason: string | null;
  cancelledAt: number | null;
}

export interface NewBooking extends Omit<BookingRecord, 'id'> {
  /** the creation's local date (the per-address limit counts by it) */
  createdDay: string;
  /** the keyed hash of the client address, never the address */
  addressHash: string | null;
}

/** A booking with its ticket's label, for the manager's list. */
export interface BookingWithTicket extends BookingRecord {
  ticketLabel: string | null;
}

export interface BookingClosure {
  queueId: string | null;
  reason: string;
}

/**
 * The bookings and booking closures, on the engine's connection: a use case writes them in its
 * unit of work with the tickets and events. All methods are synchronous.
 */
export interface BookingStore {
  insertBooking(b: NewBooking): number;
  updateBooking(b: BookingRecord): void;
  bookingByToken(token: string): BookingRecord | undefined;
  /** the site's booking with this code: the open one, else the latest of `date` */
  bookingByCode(siteId: string, code: string, date: string): BookingRecord | undefined;
  isCodeOpen(siteId: string, code: string): boolean;
  /** booked and checked-in bookings per slot start of a queue between two instants */
  slotCounts(siteId: string, queueId: string, from: number, to: number): Map<number, number>;
  bookingsOfDay(siteId: string, date: string): BookingWithTicket[];
  /** open (not checked in) bookings whose slot started at or before `startedBy` */
  openStartedBy(siteId: string, startedBy: number): BookingRecord[];
  /** open bookings of a day (the forecast counts the slots ahead of walk-ins) */
  openOfDay(siteId: string, date: string): BookingRecord[];
  /** bookings per queue and state of the slots of business days `from`…`to` */
  countsBetween(siteId: string, from: string, to: string): BookingCount[];
  bookingsByAddress(siteId: string, day: string, addressHash: string): number;
  closures(siteId: string, date: string): BookingClosure[];
  setClosure(siteId: string, date: string, queueId: string | null, reason: string, at: number): void;
  deleteClosure(siteId: string, date: string, queueId: string | null): boolean;
  /** a client address's keyed hash (the key is made by the migration and never leaves the database) */
  addressHash(address: string): string;
  /** drops the address hashes and tokens of bookings whose creation day / business day is before `date` */
  forgetBefore(siteId: string, date: string): number;
}
