import type { CounterAvailability } from '@madoguchi/shared';

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

/** The counters' runtime state: open or not, who sits there, the ticket at it, queues moved by a manager. */
export interface CounterStore {
  counters(siteId: string): CounterRow[];
  counter(siteId: string, id: string): CounterRow | undefined;
  saveCounter(row: CounterRow): void;
}
