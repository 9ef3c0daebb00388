import type { CounterStore } from './counter-store.js';
import type { DeviceStore } from './device-store.js';
import type { EventLog } from './event-log.js';
import type { ReportStore } from './report-store.js';
import type { SiteStore } from './site-store.js';
import type { TicketStore } from './ticket-store.js';

/**
 * One serialised write transaction (BEGIN IMMEDIATE) on the database that holds every role's
 * rows; called inside another, it is a savepoint: its own failure undoes only its own writes.
 */
export interface Transactions {
  transaction<T>(fn: () => T): T;
}

/**
 * Durable state of the queue engine: each role's port over one connection, so that a use case
 * writes tickets, counters, print jobs and events in one transaction. All methods are
 * synchronous and run inside `transaction`. A use case or function that needs only some roles
 * names them (`Pick`, or the role's interface) rather than this whole.
 */
export type Store = Transactions & SiteStore & TicketStore & CounterStore & DeviceStore & EventLog & ReportStore;
