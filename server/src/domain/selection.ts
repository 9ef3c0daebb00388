/**
 * Which waiting ticket a counter calls next (docs/product.md §3.2).
 *
 * Within a queue: priority tickets first; after `priorityStreak` priority calls in a row the
 * longest-waiting normal ticket goes first, so priority never starves the rest. Across the
 * counter's queues: each queue's next ticket competes by waiting time (lowest sort key), so a
 * stream of priority tickets in one queue cannot hold back another queue; a counter with a
 * primary queue drains it first. A low counter prefers low-counter tickets.
 */

export interface Candidate {
  id: number;
  queueId: string;
  priority: boolean;
  lowCounter: boolean;
  sortKey: number;
}

export interface SelectionCounter {
  queues: readonly string[];
  primaryQueue?: string | null;
  lowCounter: boolean;
}

export interface QueueRules {
  priorityStreak: number;
  /** priority calls in a row so far in this queue today */
  streak: number;
}

export function rankTuple(
  c: Candidate,
  counter: SelectionCounter,
  starved: boolean,
): [number, number, number] {
  const priorityClass = starved ? (c.priority ? 1 : 0) : c.priority ? 0 : 1;
  const lowClass = counter.lowCounter && c.lowCounter ? 0 : 1;
  return [priorityClass, lowClass, c.sortKey];
}

const compareTuples = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

/** A queue is starved when its streak has reached the limit and a normal ticket waits. */
export function starvedQueues(candidates: readonly Candidate[], rules: (queueId: string) => QueueRules): Set<string> {
  const starved = new Set<string>();
  const hasNormal = new Set(candidates.filter((c) => !c.priority).map((c) => c.queueId));
  for (const q of hasNormal) {
    const r = rules(q);
    if (r.priorityStreak > 0 && r.streak >= r.priorityStreak) starved.add(q);
  }
  return starved;
}

export function selectNext(
  candidates: readonly Candidate[],
  counter: SelectionCounter,
  rules: (queueId: string) => QueueRules,
): Candidate | undefined {
  let pool = candidates.filter((c) => counter.queues.includes(c.queueId));
  if (counter.primaryQueue) {
    const primary = pool.filter((c) => c.queueId === counter.primaryQueue);
    if (primary.length > 0) pool = primary;
  }
  const starved = starvedQueues(pool, rules);
  // each queue's own next ticket: priority counts within its queue only
  const heads = new Map<string, { c: Candidate; rank: [number, number, number] }>();
  for (const c of pool) {
    const rank = rankTuple(c, counter, starved.has(c.queueId));
    const head = heads.get(c.queueId);
    if (!head || compareTuples(rank, head.rank) < 0) heads.set(c.queueId, { c, rank });
  }
  // across queues: the low counter's preference, then the longest-waiting head
  let best: Candidate | undefined;
  let bestRank: [number, number] | undefined;
  for (const { c } of heads.values()) {
    const rank: [number, number] = [counter.lowCounter && c.lowCounter ? 0 : 1, c.sortKey];
    if (!bestRank || compareTuples(rank, bestRank) < 0) {
      best = c;
      bestRank = rank;
    }
  }
  return best;
}

/** Order of a single queue as a plain counter sees it: used for "people ahead". */
export function queueOrder(candidates: readonly Candidate[]): Candidate[] {
  return [...candidates].sort(
    (a, b) => (a.priority === b.priority ? 0 : a.priority ? -1 : 1) || a.sortKey - b.sortKey,
  );
}

/** The priority streak after a call in a queue. */
export const nextStreak = (streak: number, calledPriority: boolean): number => (calledPriority ? streak + 1 : 0);
