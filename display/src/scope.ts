import type { CounterRef, QueueStatusView, RecentCall, SiteSnapshot } from '@madoguchi/shared';
import type { DisplayScope } from './api';
import { catalogueName } from './text';

/** Everything: a display with no configured limits. */
export const ALL: DisplayScope = { queues: null, counters: null };

/** Whether this display shows (and announces) a call: its queue and its counter are in scope. */
export function inScope(call: Pick<RecentCall, 'queue' | 'counter'>, scope: DisplayScope): boolean {
  return (scope.queues === null || scope.queues.includes(call.queue)) && (scope.counters === null || scope.counters.includes(call.counter));
}

/**
 * Whether a call still waits for its citizen: its counter holds the ticket, called and neither
 * started nor ended (a recall included). A counter missing from the snapshot (the configuration
 * changed) cannot tell: its call counts as waiting.
 */
export function isWaitingCall(s: SiteSnapshot | null, call: Pick<RecentCall, 'label' | 'counter'>): boolean {
  const counter = s?.counters.find((c) => c.id === call.counter);
  if (!counter) return true;
  const t = counter.currentTicket;
  return t !== null && t.label === call.label && t.state === 'called';
}

/**
 * The calls waiting for their citizens, one per counter, newest first: every counter whose
 * ticket is called and not yet started or ended, with its latest call (a recall moves it to the
 * top). A call older than the snapshot's recent calls is taken from the counter's ticket.
 */
export function waitingCalls(s: SiteSnapshot, scope: DisplayScope): RecentCall[] {
  const rows: RecentCall[] = [];
  const older: RecentCall[] = [];
  for (const c of s.counters) {
    const t = c.currentTicket;
    // yesterday's tickets stay on a counter until the next snapshot after a day change
    if (!t || t.state !== 'called' || t.businessDate !== s.businessDate) continue;
    if (!inScope({ queue: t.queue, counter: c.id }, scope)) continue;
    const call = s.recentCalls.find((r) => r.counter === c.id && r.label === t.label);
    if (call) rows.push(call);
    else older.push({ seq: 0, at: t.calledAt ?? t.issuedAt, label: t.label, queue: t.queue, counter: c.id, recall: t.recalls > 0 });
  }
  rows.sort((a, b) => b.seq - a.seq);
  older.sort((a, b) => b.at.localeCompare(a.at));
  return [...rows, ...older];
}

/**
 * The calls to list as history, newest first: the site's recent calls whose citizens are no
 * longer awaited (those are in the main area), one line per ticket (a recall, or a call after a
 * transfer, which keeps the label, moves the ticket to the top instead of listing it twice).
 */
export function pastCalls(s: SiteSnapshot, scope: DisplayScope, waiting: readonly RecentCall[]): RecentCall[] {
  const seen = new Set<string>(waiting.map((c) => c.label));
  const out: RecentCall[] = [];
  for (const c of s.recentCalls) {
    if (!inScope(c, scope)) continue;
    if (seen.has(c.label)) continue;
    seen.add(c.label);
    out.push(c);
  }
  return out;
}

/**
 * The queues to show: those configured for this display, else those its counters serve, else all.
 */
export function visibleQueues(s: SiteSnapshot, scope: DisplayScope): QueueStatusView[] {
  const { queues, counters } = scope;
  const ids =
    queues !== null ? new Set(queues) : counters !== null ? new Set(s.counters.filter((c) => counters.includes(c.id)).flatMap((c) => c.queues)) : null;
  return ids === null ? s.queues : s.queues.filter((q) => ids.has(q.id));
}

/** A counter's names; one missing from the snapshot (the configuration changed) is named from its id. */
export function counterRef(s: SiteSnapshot | null, id: string): CounterRef {
  const c = s?.counters.find((x) => x.id === id);
  return c ? { id, name: c.name } : { id, name: catalogueName('counter', { id }) };
}
