import { DomainError, type Actor, type CounterAvailability, type CounterView, type TicketState, type TicketView } from '@madoguchi/shared';
import { callsAsPriority, nextStreak, selectNext } from '../domain/selection.js';
import { sortKeyAtFront, sortKeyByIssue, transition, type Ticket, type TicketAction } from '../domain/ticket.js';
import type { CounterDef } from '../domain/site.js';
import type { CounterRow } from '../ports/counter-store.js';
import { counterOf, queueOf, runUnit, type EngineDeps, type UnitOfWork } from './context.js';
import { ticketOf } from './ticket-use-cases.js';
import { counterView, effectiveQueues, ticketView } from './views.js';

interface CounterCtx {
  def: CounterDef;
  row: CounterRow;
  current: Ticket | undefined;
}

function loadCounter(u: UnitOfWork, counterId: string): CounterCtx {
  const { def, row } = counterOf(u.deps, u.site, counterId);
  const current = row.currentTicketId === null ? undefined : u.store.ticket(u.site.id, row.currentTicketId);
  return { def, row, current };
}

/** Stores the counter's row with `patch` and returns its view (the caller records the event that carries it). */
function storeCounter(u: UnitOfWork, c: CounterCtx, patch: Partial<CounterRow>, current: Ticket | undefined): CounterView {
  const row = { ...c.row, ...patch, updatedAt: u.now };
  u.store.saveCounter(row);
  return counterView(c.def, row, current);
}

function saveCounter(u: UnitOfWork, c: CounterCtx, patch: Partial<CounterRow>, current: Ticket | undefined): void {
  u.record({ type: 'counter:updated', counter: storeCounter(u, c, patch, current) });
}

/**
 * Records a call or recall as one event carrying the counter's new state (the counter's row is
 * stored again when the call changed it), so pages get the call in one broadcast.
 */
function recordCall(u: UnitOfWork, c: CounterCtx, t: Ticket, from: TicketState, call: { recall: boolean; outOfOrder: boolean; counterSaved: boolean }): TicketView {
  const atCounter = call.counterSaved ? storeCounter(u, c, { currentTicketId: t.id }, t) : counterView(c.def, c.row, t);
  const view = ticketView(t);
  u.record({ type: 'ticket:called', ticket: view, from, counterView: atCounter, ...call });
  return view;
}

export interface CallOptions {
  /** the clerk confirmed that the current, un-recalled ticket did not come */
  confirmNoShow?: boolean;
}

/**
 * Ends the current ticket before a new call: a serving ticket is completed when the queue is
 * configured to auto-complete; a called ticket ends as no-show once recalled enough times
 * (or when the clerk confirms); otherwise the call is refused.
 */
function endCurrentForCall(u: UnitOfWork, c: CounterCtx, opts: CallOptions): void {
  const t = c.current;
  if (!t) return;
  const queue = queueOf(u.site, t.queueId);
  if (t.state === 'serving') {
    if (!queue.autoCompleteOnNext) {
      throw new DomainError('COUNTER_BUSY', `counter ${c.def.id} is serving ${t.label}; complete or transfer it first`);
    }
    apply(u, c, t, 'complete');
  } else if (t.state === 'called') {
    if (t.recalls < queue.recallsBeforeNoShow && !opts.confirmNoShow) {
      throw new DomainError(
        'CONFIRM_NO_SHOW',
        `${t.label} was called ${t.recalls + 1} time(s); confirm it as a no-show or recall it`,
      );
    }
    apply(u, c, t, 'no-show');
  }
  c.row = { ...c.row, currentTicketId: null };
  c.current = undefined;
}

const PUSH_TYPE = {
  start: 'ticket:started',
  complete: 'ticket:completed',
  'no-show': 'ticket:no-show',
} as const;

/** Applies a transition to a counter's ticket and records it. */
function apply(u: UnitOfWork, c: CounterCtx, t: Ticket, action: 'start' | 'complete' | 'no-show'): void {
  const from = t.state;
  t.state = transition(t, action);
  if (action === 'start') t.startedAt = u.now;
  else t.endedAt = u.now;
  u.store.updateTicket(t);
  u.record({ type: PUSH_TYPE[action], ticket: ticketView(t), from, counter: c.def.id });
}

function assertOpen(c: CounterCtx): void {
  if (c.row.availability !== 'open') {
    throw new DomainError('COUNTER_NOT_OPEN', `counter ${c.def.id} is ${c.row.availability}`);
  }
}

function callTicketAt(u: UnitOfWork, c: CounterCtx, t: Ticket, outOfOrder: boolean): TicketView {
  const from = t.state;
  t.state = transition(t, 'call');
  t.calledAt = u.now;
  t.counterId = c.def.id;
  t.recalls = 0;
  u.store.updateTicket(t);
  const queue = queueOf(u.site, t.queueId);
  const day = u.store.queueDay(u.site.id, queue.id, u.businessDate);
  // a booked ticket whose slot has started is called as priority: it counts toward the streak
  u.store.saveQueueDay(u.site.id, queue.id, u.businessDate, { ...day, priorityStreak: nextStreak(day.priorityStreak, callsAsPriority(t, u.now)) });
  return recordCall(u, c, t, from, { recall: false, outOfOrder, counterSaved: true });
}

/** 呼出: the next ticket for this counter, or null when nothing waits for it. */
export function callNextTicket(
  deps: EngineDeps,
  siteId: string,
  counterId: string,
  actor: Actor,
  opts: CallOptions = {},
): TicketView | null {
  return runUnit(deps, siteId, actor, (u) => {
    const c = loadCounter(u, counterId);
    assertOpen(c);
    const { queues, primaryQueue } = effectiveQueues(c.def, c.row);
    const candidates = u.store.waiting(u.site.id, queues);
    const pick = selectNext(candidates, { queues, primaryQueue, lowCounter: c.def.lowCounter }, (q) => ({
      priorityStreak: queueOf(u.site, q).priorityStreak,
      streak: u.store.queueDay(u.site.id, q, u.businessDate).priorityStreak,
    }), u.now);
    if (!pick) {
      // nothing waits: the current ticket, if any, stays as it is
      return null;
    }
    endCurrentForCall(u, c, opts);
    return callTicketAt(u, c, ticketOf(u, pick.id), false);
  });
}

/** A chosen waiting ticket, out of order (the citizen is already at the counter). */
export function callChosenTicket(
  deps: EngineDeps,
  siteId: string,
  counterId: string,
  ticketId: number,
  actor: Actor,
  opts: CallOptions = {},
): TicketView {
  return runUnit(deps, siteId, actor, (u) => {
    const c = loadCounter(u, counterId);
    assertOpen(c);
    const t = ticketOf(u, ticketId);
    if (t.state !== 'waiting') throw new DomainError('INVALID_TRANSITION', `ticket ${t.label} is ${t.state}, not waiting`);
    if (!effectiveQueues(c.def, c.row).queues.includes(t.queueId)) {
      throw new DomainError('CONFLICT', `counter ${c.def.id} does not serve queue ${t.queueId}`, { field: 'ticket' });
    }
    endCurrentForCall(u, c, opts);
    return callTicketAt(u, c, t, true);
  });
}

function currentOf(c: CounterCtx): Ticket {
  if (!c.current) throw new DomainError('NO_CURRENT_TICKET', `counter ${c.def.id} has no current ticket`);
  return c.current;
}

/** 再呼出: announce the current ticket again. */
export function recallTicket(deps: EngineDeps, siteId: string, counterId: string, actor: Actor): TicketView {
  return runUnit(deps, siteId, actor, (u) => {
    const c = loadCounter(u, counterId);
    const t = currentOf(c);
    const from = t.state;
    t.state = transition(t, 'recall');
    t.recalls += 1;
    u.store.updateTicket(t);
    // a recall from serving puts the ticket back to called: the counter's row is stored again
    return recordCall(u, c, t, from, { recall: true, outOfOrder: false, counterSaved: from !== t.state });
  });
}

function finishCurrent(deps: EngineDeps, siteId: string, counterId: string, actor: Actor, action: 'start' | 'complete' | 'no-show'): TicketView {
  return runUnit(deps, siteId, actor, (u) => {
    const c = loadCounter(u, counterId);
    const t = currentOf(c);
    apply(u, c, t, action);
    saveCounter(u, c, { currentTicketId: action === 'start' ? t.id : null }, action === 'start' ? t : undefined);
    return ticketView(t);
  });
}

export const startTicket = (deps: EngineDeps, siteId: string, counterId: string, actor: Actor): TicketView =>
  finishCurrent(deps, siteId, counterId, actor, 'start');
export const completeTicket = (deps: EngineDeps, siteId: string, counterId: string, actor: Actor): TicketView =>
  finishCurrent(deps, siteId, counterId, actor, 'complete');
export const markNoShow = (deps: EngineDeps, siteId: string, counterId: string, actor: Actor): TicketView =>
  finishCurrent(deps, siteId, counterId, actor, 'no-show');

/** 回付: the same citizen, same label, goes on to another queue. */
export function transferTicket(
  deps: EngineDeps,
  siteId: string,
  counterId: string,
  target: { queue: string; service?: string | null },
  actor: Actor,
): TicketView {
  return runUnit(deps, siteId, actor, (u) => {
    const c = loadCounter(u, counterId);
    const t = currentOf(c);
    const queue = queueOf(u.site, target.queue);
    const serviceId = target.service ?? null;
    if (serviceId !== null && !queue.services.some((s) => s.id === serviceId)) {
      throw new DomainError('NOT_FOUND', `unknown service "${serviceId}" in queue "${queue.id}"`, { field: 'service' });
    }
    const from = t.state;
    const fromQueue = t.queueId;
    const action: TicketAction = 'transfer';
    t.state = transition(t, action);
    const seq = u.store.siteDay(u.site.id).seq + 1;
    Object.assign(t, {
      queueId: queue.id,
      serviceId,
      sortKey: queue.transferPlacement === 'front' ? sortKeyAtFront(seq) : sortKeyByIssue(t.issueSeq),
      counterId: null,
      calledAt: null,
      startedAt: null,
      recalls: 0,
      transfers: t.transfers + 1,
      // the booking was for the queue it was checked in to: in the next queue it is placed like any transfer
      slotStart: null,
    });
    u.store.updateTicket(t);
    u.record({ type: 'ticket:transferred', ticket: ticketView(t), from, fromQueue, fromCounter: c.def.id, sortKey: t.sortKey });
    saveCounter(u, c, { currentTicketId: null }, undefined);
    return ticketView(t);
  });
}

export interface CounterUpdate {
  state?: CounterAvailability;
  /** null returns the counter to its configured queues */
  queues?: readonly string[] | null;
  primaryQueue?: string | null;
  reason?: string | null;
  clerk?: string | null;
  /**
   * A clerk changing the state for themselves: refused (FORBIDDEN) while another clerk is
   * signed in to the counter; otherwise they become its clerk. Checked in the same transaction
   * as the change, so two clerks opening one counter at once cannot both sign in.
   */
  actingClerk?: string;
}

/**
 * Open, pause (with a reason: 休憩, 電話対応…) or close a counter, and/or move it to other queues
 * (フロアマネージャー's flexible placement) — all in one transaction, stored so it survives restarts.
 */
export function updateCounter(deps: EngineDeps, siteId: string, counterId: string, update: CounterUpdate, actor: Actor): CounterView {
  return runUnit(deps, siteId, actor, (u) => {
    const c = loadCounter(u, counterId);
    let row = c.row;
    if (update.queues !== undefined || update.primaryQueue !== undefined) {
      const queues = update.queues === undefined ? (row.queuesOverride ?? [...c.def.queues]) : update.queues;
      const primary = update.primaryQueue ?? null;
      if (queues !== null) {
        if (queues.length === 0) throw new DomainError('VALIDATION', 'a counter serves at least one queue', { field: 'queues' });
        queues.forEach((q, i) => queueOf(u.site, q, `queues.${i}`));
        if (new Set(queues).size !== queues.length) throw new DomainError('VALIDATION', 'queues repeat', { field: 'queues' });
      }
      if (primary !== null && !(queues ?? c.def.queues).includes(primary)) {
        throw new DomainError('VALIDATION', `primary queue ${primary} is not one of the counter's queues`, { field: 'primaryQueue' });
      }
      row = { ...row, queuesOverride: queues ? [...queues] : null, primaryQueueOverride: queues ? primary : null };
    }
    if (update.state !== undefined) {
      const state = update.state;
      if (state !== 'open' && c.current) {
        throw new DomainError('COUNTER_BUSY', `counter ${c.def.id} still has ${c.current.label}; finish it first`);
      }
      if (update.actingClerk !== undefined && row.clerk !== null && row.clerk !== update.actingClerk) {
        throw new DomainError('FORBIDDEN', `counter ${c.def.id} is signed in to by another clerk`, { field: 'counter' });
      }
      const clerk = state === 'closed' ? null : (update.actingClerk ?? (update.clerk !== undefined ? update.clerk : row.clerk));
      row = { ...row, availability: state, reason: state === 'paused' ? (update.reason ?? null) : null, clerk };
    }
    saveCounter(u, c, row, c.current);
    return counterView(c.def, row, c.current);
  });
}

export const setCounterState = (
  deps: EngineDeps,
  siteId: string,
  counterId: string,
  state: CounterAvailability,
  actor: Actor,
  opts: { reason?: string | null; clerk?: string | null } = {},
): CounterView => updateCounter(deps, siteId, counterId, { state, ...opts }, actor);

export const setCounterQueues = (
  deps: EngineDeps,
  siteId: string,
  counterId: string,
  queues: readonly string[] | null,
  primaryQueue: string | null,
  actor: Actor,
): CounterView => updateCounter(deps, siteId, counterId, { queues, primaryQueue }, actor);
