import type { CounterView, LocalizedText, TicketView } from '@madoguchi/shared';
import type { Ticket } from '../domain/ticket.js';
import type { CounterDef } from '../domain/site.js';
import type { CounterRow } from '../ports/counter-store.js';
import { isoTime } from '../domain/time.js';

const isoOrNull = (v: number | null): string | null => (v === null ? null : isoTime(v));

export function ticketView(t: Ticket): TicketView {
  return {
    id: t.id,
    label: t.label,
    queue: t.queueId,
    service: t.serviceId,
    state: t.state,
    priority: t.priority,
    lowCounter: t.lowCounter,
    issuedAt: isoTime(t.issuedAt),
    calledAt: isoOrNull(t.calledAt),
    startedAt: isoOrNull(t.startedAt),
    endedAt: isoOrNull(t.endedAt),
    counter: t.counterId,
    recalls: t.recalls,
    businessDate: t.businessDate,
    ...(t.slotStart !== null && t.slotStart !== undefined ? { booked: isoTime(t.slotStart) } : {}),
  };
}

/** A counter's effective queues: a manager's runtime move, or the configuration. */
export function effectiveQueues(def: CounterDef, row: CounterRow): { queues: string[]; primaryQueue: string | null } {
  if (row.queuesOverride) return { queues: row.queuesOverride, primaryQueue: row.primaryQueueOverride };
  return { queues: [...def.queues], primaryQueue: def.primaryQueue ?? null };
}

export function counterView(def: CounterDef, row: CounterRow, current: Ticket | undefined): CounterView {
  const { queues, primaryQueue } = effectiveQueues(def, row);
  const state =
    row.availability !== 'open' ? row.availability : !current ? 'open' : current.state === 'serving' ? 'serving' : 'calling';
  return {
    id: def.id,
    name: def.name as LocalizedText,
    state,
    availability: row.availability,
    queues,
    primaryQueue,
    lowCounter: def.lowCounter,
    currentTicket: current ? ticketView(current) : null,
    clerk: row.clerk,
    reason: row.reason,
  };
}
