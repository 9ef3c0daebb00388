import { DomainError, type Language, type TicketState } from '@madoguchi/shared';

/** A ticket as the core sees it. Instants are epoch ms. */
export interface Ticket {
  id: number;
  siteId: string;
  businessDate: string;
  issuedQueueId: string;
  number: number;
  cycle: number;
  label: string;
  queueId: string;
  serviceId: string | null;
  priority: boolean;
  lowCounter: boolean;
  state: TicketState;
  /** position key in its queue: lower goes first (see `sortKeyFor`) */
  sortKey: number;
  /** per-site issue sequence: defines "longest waiting" independent of wall time */
  issueSeq: number;
  token: string;
  issuedAt: number;
  calledAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
  counterId: string | null;
  recalls: number;
  transfers: number;
  /** the language it was taken in (its phone page opens in it); null when the taker gave none */
  language: Language | null;
  /** a booked ticket's slot start (来庁予約, domain/selection.ts); absent or null for a walk-in */
  slotStart?: number | null;
}

export type TicketAction =
  | 'call'
  | 'recall'
  | 'start'
  | 'complete'
  | 'no-show'
  | 'transfer'
  | 'reinstate'
  | 'cancel'
  | 'expire';

/** The state machine of docs/product.md §2: which states an action may start from, and where it leads. */
export const TRANSITIONS: Record<TicketAction, { from: readonly TicketState[]; to: TicketState }> = {
  call: { from: ['waiting'], to: 'called' },
  recall: { from: ['called', 'serving'], to: 'called' },
  start: { from: ['called'], to: 'serving' },
  // a clerk who forgot "start" may complete a called ticket directly
  complete: { from: ['called', 'serving'], to: 'done' },
  'no-show': { from: ['called'], to: 'no_show' },
  transfer: { from: ['called', 'serving'], to: 'waiting' },
  reinstate: { from: ['no_show'], to: 'waiting' },
  cancel: { from: ['waiting', 'called', 'no_show'], to: 'cancelled' },
  expire: { from: ['waiting', 'called'], to: 'expired' },
};

export function canTransition(state: TicketState, action: TicketAction): boolean {
  return TRANSITIONS[action].from.includes(state);
}

/** The target state of an action, or INVALID_TRANSITION naming both. */
export function transition(ticket: Pick<Ticket, 'state' | 'label'>, action: TicketAction): TicketState {
  const t = TRANSITIONS[action];
  if (!t.from.includes(ticket.state)) {
    throw new DomainError('INVALID_TRANSITION', `ticket ${ticket.label} is ${ticket.state}; cannot ${action}`);
  }
  return t.to;
}

/**
 * Sort keys. Tickets in normal order use their per-site issue sequence, so a transferred
 * ticket slots in by its original issue. Tickets placed at the front (reinstated, or
 * transferred with placement "front") get keys below every issue sequence, ordered among
 * themselves by when they were placed.
 */
const FRONT_BASE = -1e12;
export const sortKeyByIssue = (issueSeq: number): number => issueSeq;
export const sortKeyAtFront = (placementSeq: number): number => FRONT_BASE + placementSeq;
