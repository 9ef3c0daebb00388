import { loggedEventType, type TicketState } from '@madoguchi/shared';

/**
 * Rebuilds tickets from the append-only event log. The tickets table is a projection of these
 * events; the property test checks the two never disagree.
 */
export interface LoggedEvent {
  seq: number;
  at: number;
  type: string;
  ticketId: number | null;
  toState: TicketState | null;
  counterId: string | null;
  queueId: string | null;
  data: Record<string, unknown>;
}

export interface ReplayedTicket {
  id: number;
  label: string;
  queueId: string;
  serviceId: string | null;
  state: TicketState;
  counterId: string | null;
  sortKey: number;
  recalls: number;
  priority: boolean;
  lowCounter: boolean;
}

export function replayTickets(events: readonly LoggedEvent[]): Map<number, ReplayedTicket> {
  const tickets = new Map<number, ReplayedTicket>();
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  for (const e of sorted) {
    if (e.ticketId === null || e.toState === null) continue;
    const type = loggedEventType(e.type);
    if (type === 'ticket:issued') {
      tickets.set(e.ticketId, {
        id: e.ticketId,
        label: String(e.data.label),
        queueId: String(e.queueId),
        serviceId: (e.data.service as string | null) ?? null,
        state: e.toState,
        counterId: null,
        sortKey: Number(e.data.sortKey),
        recalls: 0,
        priority: Boolean(e.data.priority),
        lowCounter: Boolean(e.data.lowCounter),
      });
      continue;
    }
    const t = tickets.get(e.ticketId);
    if (!t) throw new Error(`event ${e.seq} for unknown ticket ${e.ticketId}`);
    t.state = e.toState;
    switch (type) {
      case 'ticket:called':
        t.counterId = e.counterId;
        if (e.data.recall) t.recalls += 1;
        break;
      case 'ticket:transferred':
        t.queueId = String(e.queueId);
        t.serviceId = (e.data.service as string | null) ?? null;
        t.sortKey = Number(e.data.sortKey);
        t.counterId = null;
        t.recalls = 0;
        break;
      case 'ticket:reinstated':
        t.sortKey = Number(e.data.sortKey);
        t.counterId = null;
        t.recalls = 0;
        break;
      default:
        break;
    }
  }
  return tickets;
}
