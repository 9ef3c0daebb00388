/**
 * What the estimate learns from the day's event log (docs/product.md §3.7): a projection of the log fed
 * in sequence order (the same rules as the ticket replay, replay.ts) — who waits where, each
 * counter's calls and pauses, the completed services — and the two observations made from it:
 * how long a queue's ticket really keeps a counter (pace) and how many go first after a ticket
 * was issued (order). Pure: the app layer feeds it the events (forecast.ts).
 */
import { loggedEventType } from '@madoguchi/shared';
import type { ServiceSample } from './estimate.js';

export interface ObservedCall {
  at: number;
  counterId: string;
  queueId: string;
  recall: boolean;
}

export interface CounterTimeInput {
  /** calls of the day in the order they were made; recalls are ignored */
  calls: readonly ObservedCall[];
  /** only calls from this instant on */
  since: number;
  /** the model's counter minutes for an average ticket of the queue (service and walk) */
  expectedMinutes(queueId: string): number;
  /** since when the queue has had someone waiting without a break, or null if it has nobody */
  busySince(queueId: string): number | null;
}

/** a gap this much longer than expected was a pause or an idle spell, not one citizen */
const GAP_FACTOR = 3;
const GAP_SLACK_MINUTES = 3;
/** samples needed before the observation outweighs the model */
const FACTOR_PRIOR_SAMPLES = 8;

/**
 * How much longer than the model's service and walk a queue's ticket really keeps a counter:
 * recalls and no-shows (a counter waits minutes for someone who left), wrap-up, a transfer's
 * paperwork. Measured as the time between a counter's consecutive calls while the queue never
 * ran empty, so the counter never waited for work; returned as a factor per queue (1: as modelled).
 */
export function counterTimeFactors(input: CounterTimeInput): Map<string, number> {
  // the calls are in the order they were made (the log's); only the window's are looked at
  let first = input.calls.length;
  while (first > 0 && (input.calls[first - 1]?.at ?? -Infinity) >= input.since) first--;
  const previous = new Map<string, ObservedCall>();
  const expectedOf = new Map<string, number>();
  const sums = new Map<string, { observed: number; expected: number; n: number }>();
  for (let i = first; i < input.calls.length; i++) {
    const b = input.calls[i];
    if (!b || b.recall) continue;
    const a = previous.get(b.counterId);
    previous.set(b.counterId, b);
    if (!a) continue;
    const busy = input.busySince(a.queueId);
    if (busy === null || busy > a.at) continue;
    let expected = expectedOf.get(a.queueId);
    if (expected === undefined) {
      expected = input.expectedMinutes(a.queueId);
      expectedOf.set(a.queueId, expected);
    }
    const gap = Math.max(0, b.at - a.at) / 60_000;
    if (gap > GAP_FACTOR * expected + GAP_SLACK_MINUTES) continue;
    const s = sums.get(a.queueId) ?? { observed: 0, expected: 0, n: 0 };
    s.observed += gap;
    s.expected += expected;
    s.n += 1;
    sums.set(a.queueId, s);
  }
  const factors = new Map<string, number>();
  for (const [queueId, s] of sums) {
    const ratio = s.expected > 0 ? s.observed / s.expected : 1;
    const weight = s.n / (s.n + FACTOR_PRIOR_SAMPLES);
    factors.set(queueId, Math.min(1.6, Math.max(0.75, 1 + (ratio - 1) * weight)));
  }
  return factors;
}

/** What the history needs of an event of the log (a subset of the store's event row). */
export interface HistoryEvent {
  seq: number;
  type: string;
  ticketId: number | null;
  toState: string | null;
  at: number;
  counterId: string | null;
  queueId: string | null;
  data: Record<string, unknown>;
}

/** A ticket as the history knows it from the log (the fields the estimate needs). */
export interface TrackedTicket {
  id: number;
  queueId: string;
  serviceId: string | null;
  priority: boolean;
  lowCounter: boolean;
  sortKey: number;
  issueSeq: number;
  issuedAt: number;
  state: string;
  calledAt: number | null;
  startedAt: number | null;
  /** a booked ticket's slot start (来庁予約), null for a walk-in */
  slotStart: number | null;
  /** people ahead when a plain ticket was issued (null for priority, low-counter and booked tickets) */
  aheadAtIssue: number | null;
  /** calls the queue had made when it was issued */
  callsAtIssue: number;
  called: boolean;
}

/** history older than this is dropped (the estimate looks back half an hour to an hour) */
const KEEP_MS = 65 * 60_000;
/** completed services kept for the service-time model */
const SAMPLES_KEPT = 300;
/** finished pauses remembered per reason */
const PAUSES_KEPT = 20;
/** ahead-counts needed before the observed ratio outweighs 1 */
const RATIO_PRIOR_AHEAD = 30;

/**
 * A projection of the day's events for the estimate, fed in sequence order (the same rules as
 * the ticket replay, replay.ts): the tickets and who waits in which queue, the calls of each
 * counter, the pauses of the counters, and how many calls a queue made before each normal
 * ticket's turn compared with the people ahead of it at issue. That ratio is above 1 when
 * others go first after issue (priority tickets, low-counter preference, a transfer placed by
 * its original issue time, a reinstated no-show) and below 1 when people ahead leave.
 */
export class WaitHistory {
  /** the last event applied */
  seq = 0;
  at = 0;
  stamp = '';
  /**
   * The stamp of the last event that changed what this history knows (a print job or a printer's
   * status does not): forecasts of the same instant after such events are the same.
   */
  stateStamp = '';
  /** completed services so far (the service-time model changes only then) */
  completions = 0;
  readonly calls: ObservedCall[] = [];
  /** the latest completed services, oldest first (as the store's serviceSamples lists them) */
  readonly samples: ServiceSample[] = [];
  private readonly tickets = new Map<number, TrackedTicket>();
  /** per queue, the waiting tickets by sort key */
  private readonly waitingIn = new Map<string, TrackedTicket[]>();
  private readonly callCount = new Map<string, number>();
  private readonly turns: Array<{ at: number; queue: string; ahead: number; served: number }> = [];
  /** counters paused now: since when, and why */
  private readonly paused = new Map<string, { since: number; reason: string }>();
  /** how long today's finished pauses lasted, by reason (minutes) */
  private readonly pauseMinutes = new Map<string, number[]>();

  constructor(readonly businessDate: string) {}

  /** Index of the first waiting ticket of the list placed at or after `sortKey`. */
  private static place(list: readonly TrackedTicket[], sortKey: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid]?.sortKey ?? Infinity) < sortKey) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private enqueue(t: TrackedTicket): void {
    let list = this.waitingIn.get(t.queueId);
    if (!list) {
      list = [];
      this.waitingIn.set(t.queueId, list);
    }
    const i = WaitHistory.place(list, t.sortKey);
    if (list[i]?.id !== t.id) list.splice(i, 0, t);
  }

  private dequeue(t: TrackedTicket): void {
    const list = this.waitingIn.get(t.queueId);
    if (!list) return;
    const i = WaitHistory.place(list, t.sortKey);
    if (list[i]?.id === t.id) list.splice(i, 1);
  }

  apply(e: HistoryEvent, stamp: string): void {
    this.seq = e.seq;
    this.at = e.at;
    this.stamp = stamp;
    const type = loggedEventType(e.type);
    if (type === 'counter:updated' && e.counterId !== null) {
      this.stateStamp = stamp;
      this.counterUpdated(e.counterId, e.at, e.data);
      return;
    }
    if (e.ticketId === null || e.toState === null) return;
    this.stateStamp = stamp;
    if (type === 'ticket:issued' && e.queueId !== null) {
      const priority = Boolean(e.data.priority);
      const slotStart = typeof e.data.slotStart === 'number' ? e.data.slotStart : null;
      const t: TrackedTicket = {
        id: e.ticketId,
        queueId: e.queueId,
        serviceId: typeof e.data.service === 'string' ? e.data.service : null,
        priority,
        lowCounter: Boolean(e.data.lowCounter),
        sortKey: Number(e.data.sortKey),
        issueSeq: e.seq,
        issuedAt: e.at,
        state: e.toState,
        calledAt: null,
        startedAt: null,
        slotStart,
        // the order observed is that of plain tickets (priority, low-counter and booked ones go their own way)
        aheadAtIssue: priority || slotStart !== null || Boolean(e.data.lowCounter) ? null : (this.waitingIn.get(e.queueId)?.length ?? 0),
        callsAtIssue: this.callCount.get(e.queueId) ?? 0,
        called: false,
      };
      this.tickets.set(t.id, t);
      if (t.state === 'waiting') this.enqueue(t);
      return;
    }
    const t = this.tickets.get(e.ticketId);
    if (!t) return;
    if (t.state === 'waiting') this.dequeue(t);
    switch (type) {
      case 'ticket:called': {
        const recall = Boolean(e.data.recall);
        this.calls.push({ at: e.at, counterId: e.counterId ?? '', queueId: t.queueId, recall });
        if (!recall) {
          const calls = this.callCount.get(t.queueId) ?? 0;
          if (!t.called && t.aheadAtIssue !== null && t.aheadAtIssue > 0) {
            this.turns.push({ at: e.at, queue: t.queueId, ahead: t.aheadAtIssue, served: calls - t.callsAtIssue });
          }
          t.called = true;
          t.calledAt = e.at;
          this.callCount.set(t.queueId, calls + 1);
        }
        break;
      }
      case 'ticket:started':
        t.startedAt = e.at;
        break;
      case 'ticket:completed': {
        this.completions += 1;
        const began = t.startedAt ?? t.calledAt;
        if (began !== null) {
          this.samples.push({ queueId: t.queueId, serviceId: t.serviceId, seconds: Math.max(0, e.at - began) / 1000 });
          if (this.samples.length > SAMPLES_KEPT) this.samples.shift();
        }
        break;
      }
      case 'ticket:transferred':
        t.queueId = e.queueId ?? t.queueId;
        t.serviceId = typeof e.data.service === 'string' ? e.data.service : null;
        t.sortKey = Number(e.data.sortKey);
        t.calledAt = null;
        t.startedAt = null;
        // a booked ticket is placed like any transfer in its next queue (its slot was for the first)
        t.slotStart = null;
        break;
      case 'ticket:reinstated':
        t.sortKey = Number(e.data.sortKey);
        t.calledAt = null;
        break;
      default:
        break;
    }
    t.state = e.toState;
    if (t.state === 'waiting') this.enqueue(t);
    this.prune(e.at - KEEP_MS);
  }

  /** A ticket of the day as the log tells it. */
  ticket(id: number): TrackedTicket | undefined {
    return this.tickets.get(id);
  }

  /** How many walk-ins (neither priority nor booked) the queue issued from `since` on. */
  walkInsIssuedSince(queueId: string, since: number): number {
    let n = 0;
    for (const t of this.tickets.values()) if (t.queueId === queueId && t.issuedAt >= since && !t.priority && t.slotStart === null) n++;
    return n;
  }

  /** The waiting tickets of a queue by their place (sort key), as the store lists them. */
  waiting(queueId: string): TrackedTicket[] {
    return [...(this.waitingIn.get(queueId) ?? [])];
  }

  private counterUpdated(counterId: string, at: number, data: Record<string, unknown>): void {
    const was = this.paused.get(counterId);
    if (data.availability === 'paused') {
      if (!was) this.paused.set(counterId, { since: at, reason: typeof data.reason === 'string' ? data.reason : '' });
      return;
    }
    if (!was) return;
    this.paused.delete(counterId);
    const list = this.pauseMinutes.get(was.reason) ?? [];
    list.push((at - was.since) / 60_000);
    if (list.length > PAUSES_KEPT) list.shift();
    this.pauseMinutes.set(was.reason, list);
  }

  /**
   * When a paused counter is expected back: as long after it paused as today's finished pauses
   * with the same reason lasted (昼休憩 and 電話対応 differ), or `fallback` minutes.
   */
  pauseEnds(counterId: string, fallbackSince: number, fallback: number): number {
    const p = this.paused.get(counterId);
    const since = p?.since ?? fallbackSince;
    const known = this.pauseMinutes.get(p?.reason ?? '');
    const minutes = known && known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : fallback;
    return since + minutes * 60_000;
  }

  private prune(before: number): void {
    const drop = (list: Array<{ at: number }>) => {
      let n = 0;
      while (n < list.length && (list[n]?.at ?? before) < before) n++;
      if (n > 0) list.splice(0, n);
    };
    drop(this.calls);
    drop(this.turns);
  }

  /**
   * Calls a queue made before a normal ticket's turn per person ahead of it at issue, over the
   * tickets called since `since`; 1 until there is enough to tell.
   */
  callsPerAhead(queueId: string, since: number): number {
    let ahead = 0;
    let served = 0;
    for (let i = this.turns.length - 1; i >= 0; i--) {
      const t = this.turns[i];
      if (!t || t.at < since) break;
      if (t.queue !== queueId) continue;
      ahead += t.ahead;
      served += t.served;
    }
    if (ahead === 0) return 1;
    const ratio = served / ahead;
    const weight = ahead / (ahead + RATIO_PRIOR_AHEAD);
    return Math.min(1.6, Math.max(0.7, 1 + (ratio - 1) * weight));
  }
}
