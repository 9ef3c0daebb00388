import type { SiteEvent } from './events.js';
import type { CounterView } from './model.js';
import type { RecentCall, SiteSnapshot } from './realtime.js';

/**
 * A page's view of a site, kept from a snapshot plus the events after it. The same reducer runs
 * in every page and in the tests, so "exactly once" announcing and gap detection are one code.
 */
export type ApplyResult =
  /** the event was new and applied; `announce` is a call or recall to announce now */
  | { kind: 'applied'; state: SiteSnapshot; announce: RecentCall | null }
  /** already included (a replay after reconnect): ignore it, announce nothing */
  | { kind: 'stale' }
  /** one or more events were missed: fetch a snapshot */
  | { kind: 'gap'; expected: number; got: number };

const HISTORY = 12;

export function applyEvent(state: SiteSnapshot, e: SiteEvent): ApplyResult {
  if (e.seq <= state.seq) return { kind: 'stale' };
  if (e.seq !== state.seq + 1) return { kind: 'gap', expected: state.seq + 1, got: e.seq };
  // rows stored without a push of their own right after this event's are covered by it (lastSeq)
  let next: SiteSnapshot = { ...state, seq: e.lastSeq ?? e.seq, at: e.at };
  let announce: RecentCall | null = null;
  switch (e.type) {
    case 'ticket:called': {
      const call: RecentCall = { seq: e.seq, at: e.at, label: e.ticket.label, queue: e.ticket.queue, counter: e.counter, recall: e.recall };
      announce = call;
      next.recentCalls = [call, ...state.recentCalls].slice(0, HISTORY);
      next.queues = state.queues.map((q) => (q.id === e.ticket.queue ? { ...q, lastCalled: e.ticket.label } : q));
      // the call carries its counter's new state (its ticket, a recall's count): no counter:updated follows
      next.counters = withCounter(state.counters, e.counterView);
      break;
    }
    case 'counter:updated':
      next.counters = withCounter(state.counters, e.counter);
      break;
    case 'announcement:posted':
      next.announcements = [...state.announcements, { id: e.id, message: e.message, texts: e.texts, severity: e.severity, postedAt: e.at }];
      break;
    case 'announcement:cleared':
      next.announcements = state.announcements.filter((a) => a.id !== e.id);
      break;
    case 'printer:status':
      next.printers = state.printers.map((p) => (p.id === e.printer ? { ...p, health: e.health, detail: e.detail } : p));
      break;
    case 'day:rolled-over':
      next = { ...next, businessDate: e.businessDate, recentCalls: [] };
      break;
    default:
      break;
  }
  if (e.queues) {
    const counts = new Map(e.queues.map((q) => [q.id, q]));
    next.queues = next.queues.map((q) => {
      const c = counts.get(q.id);
      return c
        ? { ...q, waiting: c.waiting, estimatedWaitMinutes: c.estimatedWaitMinutes, issuing: c.issuing, closedReason: c.closedReason, nextOpening: c.nextOpening }
        : q;
    });
    next.issuing = siteIssuing(next.queues.map((q) => q.issuing));
  }
  return { kind: 'applied', state: next, announce };
}

const withCounter = (counters: readonly CounterView[], counter: CounterView): CounterView[] =>
  counters.map((c) => (c.id === counter.id ? counter : c));

/** A site's issuing state from its queues': emergency anywhere, else open if any queue is. */
export function siteIssuing(states: readonly SiteSnapshot['issuing'][]): SiteSnapshot['issuing'] {
  if (states.includes('emergency')) return 'emergency';
  if (states.includes('open')) return 'open';
  if (states.length > 0 && states.every((s) => s === 'paused')) return 'paused';
  return 'closed';
}
