import type { CounterRef, QueueStatusView, RecentCall, SiteSnapshot } from '@madoguchi/shared';
import type { DisplayScope } from './api';
import { bilingual } from './text';

/** Everything: a display with no configured limits. */
export const ALL: DisplayScope = { queues: null, counters: null };

/** Whether this display shows (and announces) a call: its queue and its counter are in scope. */
export function inScope(call: Pick<RecentCall, 'queue' | 'counter'>, scope: DisplayScope): boolean {
  return (scope.queues === null || scope.queues.includes(call.queue)) && (scope.counters === null || scope.counters.includes(call.counter));
}

/**
 * The calls to show, newest first: one line per ticket (a recall, or a call after a transfer,
 * which keeps the label, moves the ticket to the top instead of listing it twice).
 */
export function visibleCalls(s: SiteSnapshot, scope: DisplayScope): RecentCall[] {
  const seen = new Set<string>();
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
  return c ? { id, name: c.name } : { id, name: bilingual('counter', { id }) };
}
