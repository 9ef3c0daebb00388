/**
 * Which waiting ticket a counter calls next (docs/product.md §3.2).
 *
 * Within a queue: priority tickets first; after `priorityStreak` priority calls in a row the
 * longest-waiting normal ticket goes first, so priority never starves the rest. Across the
 * counter's queues: each queue's next ticket competes by waiting time (lowest sort key), so a
 * stream of priority tickets in one queue cannot hold back another queue; a counter with a
 * primary queue drains it first. A low counter prefers low-counter tickets.
 *
 * Booked tickets (来庁予約, docs/bookings.md) carry their slot start. From it on, a booked ticket
 * is priority: the same class, the same streak counter and limit, so walk-ins never starve.
 * Before it, it waits like a walk-in who arrived at the slot start: behind every walk-in issued
 * before then — with `now` before the slot, that is every walk-in waiting and any still to come
 * before the slot — so it sorts after the normal tickets, booked tickets among themselves by
 * slot. (Once the slot starts it turns priority, which is ahead of walk-ins issued after it.)
 */

export interface Candidate {
  id: number;
  queueId: string;
  priority: boolean;
  lowCounter: boolean;
  sortKey: number;
  /** a booked ticket's slot start (epoch ms); absent or null for a walk-in */
  slotStart?: number | null;
}

/** How a candidate competes at `now`: priority (booked with its slot started too), normal, or booked waiting for its slot. */
export type CandidateClass = 'priority' | 'normal' | 'early-booked';

export function classOf(c: Candidate, now: number): CandidateClass {
  if (c.priority) return 'priority';
  if (c.slotStart === null || c.slotStart === undefined) return 'normal';
  return c.slotStart <= now ? 'priority' : 'early-booked';
}

/** whether a call of this candidate counts toward its queue's priority streak */
export const callsAsPriority = (c: Candidate, now: number): boolean => classOf(c, now) === 'priority';

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

/** the rank of a class: priority first, unless the queue is starved (then normal, booked early, priority) */
const CLASS_RANK: Record<'fed' | 'starved', Record<CandidateClass, number>> = {
  fed: { priority: 0, normal: 1, 'early-booked': 2 },
  starved: { normal: 0, 'early-booked': 1, priority: 2 },
};

/** Early booked tickets among themselves: by slot, then by issue. */
const keyWithin = (c: Candidate, cls: CandidateClass): [number, number] => (cls === 'early-booked' ? [c.slotStart ?? 0, c.sortKey] : [0, c.sortKey]);

export function rankTuple(c: Candidate, counter: SelectionCounter, starved: boolean, now = Infinity): [number, number, number, number] {
  const cls = classOf(c, now);
  const lowClass = counter.lowCounter && c.lowCounter ? 0 : 1;
  return [CLASS_RANK[starved ? 'starved' : 'fed'][cls], lowClass, ...keyWithin(c, cls)];
}

const compareTuples = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

/**
 * A queue is starved when its streak has reached the limit and a ticket that is not priority
 * waits (a booked ticket before its slot counts as not priority).
 */
export function starvedQueues(candidates: readonly Candidate[], rules: (queueId: string) => QueueRules, now = Infinity): Set<string> {
  const starved = new Set<string>();
  const hasNormal = new Set(candidates.filter((c) => classOf(c, now) !== 'priority').map((c) => c.queueId));
  for (const q of hasNormal) {
    const r = rules(q);
    if (r.priorityStreak > 0 && r.streak >= r.priorityStreak) starved.add(q);
  }
  return starved;
}

/**
 * `now` places booked tickets (before or after their slot start); without booked candidates it
 * changes nothing, so it defaults to "every slot has started".
 */
export function selectNext(
  candidates: readonly Candidate[],
  counter: SelectionCounter,
  rules: (queueId: string) => QueueRules,
  now = Infinity,
): Candidate | undefined {
  let pool = candidates.filter((c) => counter.queues.includes(c.queueId));
  if (counter.primaryQueue) {
    const primary = pool.filter((c) => c.queueId === counter.primaryQueue);
    if (primary.length > 0) pool = primary;
  }
  const starved = starvedQueues(pool, rules, now);
  // each queue's own next ticket: priority counts within its queue only
  const heads = new Map<string, { c: Candidate; rank: [number, number, number, number] }>();
  for (const c of pool) {
    const rank = rankTuple(c, counter, starved.has(c.queueId), now);
    const head = heads.get(c.queueId);
    if (!head || compareTuples(rank, head.rank) < 0) heads.set(c.queueId, { c, rank });
  }
  // across queues: the low counter's preference, then the longest-waiting head (a booked head
  // before its slot only after the others: it has not "arrived" yet)
  let best: Candidate | undefined;
  let bestRank: [number, number, number] | undefined;
  for (const { c } of heads.values()) {
    const rank: [number, number, number] = [counter.lowCounter && c.lowCounter ? 0 : 1, classOf(c, now) === 'early-booked' ? 1 : 0, c.sortKey];
    if (!bestRank || compareTuples(rank, bestRank) < 0) {
      best = c;
      bestRank = rank;
    }
  }
  return best;
}

/**
 * Order of a single queue as a plain counter sees it at `now` (streak aside): used for "people
 * ahead". Priority (and booked tickets whose slot has started), then normal, then booked tickets
 * waiting for their slot.
 */
export function queueOrder<C extends Candidate>(candidates: readonly C[], now = Infinity): C[] {
  const fed = CLASS_RANK.fed;
  return [...candidates]
    .map((c) => {
      const cls = classOf(c, now);
      return { c, key: [fed[cls], ...keyWithin(c, cls)] };
    })
    .sort((a, b) => compareTuples(a.key, b.key))
    .map((x) => x.c);
}

/** The priority streak after a call in a queue. */
export const nextStreak = (streak: number, calledPriority: boolean): number => (calledPriority ? streak + 1 : 0);
