import { DomainError, type Actor, type Language, type PrintInfo, type TicketView } from '@madoguchi/shared';
import { formatLabel, nextNumber } from '../domain/numbering.js';
import { sortKeyAtFront, sortKeyByIssue, transition, type Ticket } from '../domain/ticket.js';
import { counterOf, queueOf, runUnit, type EngineDeps, type UnitOfWork } from './context.js';
import { SiteForecast } from './forecast.js';
import { assertIssuing, issuingStatus } from './issuing.js';
import { queuePrint } from './print-use-cases.js';
import { ticketView } from './views.js';

export interface TakeTicketInput {
  queue: string;
  service?: string | null;
  priority?: boolean;
  lowCounter?: boolean;
  language?: Language;
  idempotencyKey?: string | null;
  /** the kiosk device's name, which decides its printer */
  kiosk?: string | null;
  /** a booking's check-in: the booked slot's start (the ticket is marked booked, domain/selection.ts) */
  slotStart?: number | null;
}

/** A ticket just taken, as the use case answers it (the route shapes the wire's IssuedTicket from it). */
export interface TakenTicket {
  ticket: TicketView;
  token: string;
  ahead: number;
  estimatedWaitMinutes: number;
  /** false when an idempotency key returned an earlier ticket */
  created: boolean;
  print: PrintInfo;
}

const STAFF = new Set<Actor['kind']>(['clerk', 'manager', 'admin']);
/**
 * Whose Idempotency-Key it is: the same key from two kiosks (or two users) is two taps. A staff
 * user is one caller whatever their role, so a role change between a tap and its retry is harmless.
 */
const callerOf = (actor: Actor): string => `${STAFF.has(actor.kind) ? 'user' : actor.kind}:${actor.id}`;

const requestHash = (i: TakeTicketInput): string =>
  JSON.stringify([i.queue, i.service ?? null, Boolean(i.priority), Boolean(i.lowCounter)]);

/** 発券: a new ticket at the back of its queue, committed before anything prints or shows. */
export function takeTicket(deps: EngineDeps, siteId: string, input: TakeTicketInput, actor: Actor): TakenTicket {
  return runUnit(deps, siteId, actor, (u) => issueTicketIn(u, input, actor));
}

/** takeTicket inside a unit of work (a booking's check-in issues its ticket in its own unit). */
export function issueTicketIn(u: UnitOfWork, input: TakeTicketInput, actor: Actor): TakenTicket {
  const deps = u.deps;
  {
    const { store, site } = u;
    const queue = queueOf(site, input.queue);
    const serviceId = input.service ?? null;
    if (serviceId !== null && !queue.services.some((s) => s.id === serviceId)) {
      throw new DomainError('NOT_FOUND', `unknown service "${serviceId}" in queue "${queue.id}"`, { field: 'service' });
    }

    const key = input.idempotencyKey ?? null;
    if (key !== null) {
      const seen = store.idempotencyKey(site.id, callerOf(actor), key);
      if (seen) {
        if (seen.requestHash !== requestHash(input)) {
          throw new DomainError('IDEMPOTENCY_MISMATCH', 'this Idempotency-Key was used for a different request', {
            field: 'Idempotency-Key',
          });
        }
        const earlier = store.ticket(site.id, seen.ticketId);
        if (!earlier) throw new Error(`idempotency key points to missing ticket ${seen.ticketId}`);
        return issued(u, earlier, false);
      }
    }

    assertIssuing(issuingStatus(store, site, queue, u.now));

    const day = store.queueDay(site.id, queue.id, u.businessDate);
    const { number, cycle } = nextNumber(queue.numbering, { lastNumber: day.lastNumber, cycle: day.cycle }, (n) =>
      store.isNumberActive(site.id, queue.id, u.businessDate, n),
    );
    store.saveQueueDay(site.id, queue.id, u.businessDate, { ...day, lastNumber: number, cycle });

    const issueSeq = store.siteDay(site.id).seq + 1; // the seq the issue event receives below
    const ticket: Ticket = {
      id: 0,
      siteId: site.id,
      businessDate: u.businessDate,
      issuedQueueId: queue.id,
      number,
      cycle,
      label: formatLabel(queue.numbering, number),
      queueId: queue.id,
      serviceId,
      priority: Boolean(input.priority),
      lowCounter: Boolean(input.lowCounter),
      state: 'waiting',
      sortKey: sortKeyByIssue(issueSeq),
      issueSeq,
      token: deps.newToken(),
      issuedAt: u.now,
      calledAt: null,
      startedAt: null,
      endedAt: null,
      counterId: null,
      recalls: 0,
      transfers: 0,
      language: input.language ?? null,
      slotStart: input.slotStart ?? null,
    };
    ticket.id = store.insertTicket(ticket);
    const seq = u.record({
      type: 'ticket:issued',
      ticket: ticketView(ticket),
      number,
      cycle,
      sortKey: ticket.sortKey,
      language: input.language ?? null,
      slotStart: ticket.slotStart ?? null,
    });
    if (seq !== issueSeq) throw new Error(`issue sequence mismatch: ${seq} != ${issueSeq}`);
    if (key !== null) store.saveIdempotencyKey(site.id, callerOf(actor), key, ticket.id, requestHash(input), u.now);
    const result = issued(u, ticket, true);
    result.print = queuePrint(u, ticket, input.kiosk ?? null, result.ahead, result.estimatedWaitMinutes, input.language ?? null);
    return result;
  }
}

function issued(u: UnitOfWork, t: Ticket, created: boolean): TakenTicket {
  const f = new SiteForecast(u.deps, u.site, u.businessDate);
  const { ahead, estimatedWaitMinutes } =
    t.state === 'waiting' ? f.forTicket(t.queueId, t.id) : { ahead: 0, estimatedWaitMinutes: 0 };
  const job = created ? undefined : u.store.latestPrintJob(u.site.id, t.id);
  const print: PrintInfo = job
    ? { printer: job.printerId, state: job.state === 'failed' ? 'failed' : job.state === 'pending' ? 'pending' : 'none', reason: job.reason, job: job.id }
    : { printer: null, state: 'none', reason: null, job: null };
  return { ticket: ticketView(t), token: t.token, ahead, estimatedWaitMinutes, created, print };
}

export function ticketOf(u: UnitOfWork, ticketId: number): Ticket {
  const t = u.store.ticket(u.site.id, ticketId);
  if (!t) throw new DomainError('NOT_FOUND', `unknown ticket ${ticketId}`, { field: 'ticket' });
  return t;
}

/** 不在の方が戻られた: a no-show of today goes back to the front of its queue. */
export function reinstateTicket(deps: EngineDeps, siteId: string, ticketId: number, actor: Actor): TicketView {
  return runUnit(deps, siteId, actor, (u) => {
    const t = ticketOf(u, ticketId);
    const from = t.state;
    const to = transition(t, 'reinstate');
    if (t.businessDate !== u.businessDate) {
      throw new DomainError('NOT_SAME_DAY', `ticket ${t.label} is from ${t.businessDate}; only today's can be reinstated`);
    }
    const seq = u.store.siteDay(u.site.id).seq + 1;
    Object.assign(t, { state: to, sortKey: sortKeyAtFront(seq), counterId: null, calledAt: null, recalls: 0 });
    u.store.updateTicket(t);
    const view = ticketView(t);
    u.record({ type: 'ticket:reinstated', ticket: view, from, sortKey: t.sortKey });
    return view;
  });
}

/** Staff cancel a ticket (the citizen left, a mistaken issue). */
export function cancelTicket(deps: EngineDeps, siteId: string, ticketId: number, actor: Actor): TicketView {
  return runUnit(deps, siteId, actor, (u) => {
    const t = ticketOf(u, ticketId);
    const from = t.state;
    t.state = transition(t, 'cancel');
    t.endedAt = u.now;
    const counterId = t.counterId;
    if (counterId !== null && from === 'called') {
      const { row } = counterOf(deps, u.site, counterId);
      if (row.currentTicketId === t.id) u.store.saveCounter({ ...row, currentTicketId: null, updatedAt: u.now });
    }
    u.store.updateTicket(t);
    const view = ticketView(t);
    u.record({ type: 'ticket:cancelled', ticket: view, from });
    return view;
  });
}

/** お客様ニーズの把握: one optional 1–5 answer from the phone page of a served ticket. */
export function giveFeedback(deps: EngineDeps, token: string, rating: number): void {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw new DomainError('VALIDATION', 'rating is 1 to 5', { field: 'rating' });
  const t = deps.store.ticketByToken(token);
  if (!t) throw new DomainError('NOT_FOUND', 'unknown ticket', { field: 'token' });
  if (t.state !== 'done') throw new DomainError('INVALID_TRANSITION', 'feedback is asked after the service');
  if (!deps.store.saveFeedback(t.siteId, t.id, rating, deps.clock.now().getTime())) {
    throw new DomainError('CONFLICT', 'this ticket has already answered');
  }
}
