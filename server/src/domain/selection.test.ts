import { describe, it, expect } from 'vitest';
import {
  callsAsPriority,
  classOf,
  nextStreak,
  queueOrder,
  selectNext,
  starvedQueues,
  type Candidate,
  type QueueRules,
  type SelectionCounter,
} from './selection.js';

let nextId = 1;
function ticket(queueId: string, sortKey: number, flags: { priority?: boolean; lowCounter?: boolean } = {}): Candidate {
  return { id: nextId++, queueId, sortKey, priority: flags.priority ?? false, lowCounter: flags.lowCounter ?? false };
}

const counter = (queues: string[], extra: Partial<SelectionCounter> = {}): SelectionCounter => ({
  queues,
  lowCounter: false,
  ...extra,
});

/** Rules with the default streak of 3 and the given streak so far per queue. */
const rules =
  (streaks: Record<string, number> = {}, priorityStreak = 3) =>
  (queueId: string): QueueRules => ({ priorityStreak, streak: streaks[queueId] ?? 0 });

describe('selectNext() within one queue', () => {
  it('selectNext() is first-come first-served by sortKey', () => {
    const a = ticket('cert', 12);
    const b = ticket('cert', 10);
    const c = ticket('cert', 11);
    expect(selectNext([a, b, c], counter(['cert']), rules())).toBe(b);
  });

  it('selectNext() calls a priority ticket before older normal tickets of its queue', () => {
    const old = ticket('cert', 1);
    const prio = ticket('cert', 5, { priority: true });
    expect(selectNext([old, prio], counter(['cert']), rules())).toBe(prio);
  });

  it('selectNext() calls the oldest of several priority tickets first', () => {
    const p2 = ticket('cert', 6, { priority: true });
    const p1 = ticket('cert', 4, { priority: true });
    expect(selectNext([ticket('cert', 1), p2, p1], counter(['cert']), rules())).toBe(p1);
  });

  it('selectNext() after priorityStreak priority calls in a row calls the longest-waiting normal ticket', () => {
    const older = ticket('cert', 1);
    const newer = ticket('cert', 2);
    const prio = ticket('cert', 0, { priority: true });
    expect(selectNext([newer, prio, older], counter(['cert']), rules({ cert: 3 }))).toBe(older);
  });

  it('selectNext() keeps calling priority tickets before the streak limit is reached', () => {
    const normal = ticket('cert', 1);
    const prio = ticket('cert', 5, { priority: true });
    expect(selectNext([normal, prio], counter(['cert']), rules({ cert: 2 }))).toBe(prio);
  });

  it('selectNext() continues with priority when the streak is reached but no normal ticket waits', () => {
    const p1 = ticket('cert', 3, { priority: true });
    const p2 = ticket('cert', 4, { priority: true });
    expect(selectNext([p2, p1], counter(['cert']), rules({ cert: 5 }))).toBe(p1);
  });

  it('selectNext() with priorityStreak 0 never forces a normal ticket ahead of priority', () => {
    const normal = ticket('cert', 1);
    const prio = ticket('cert', 5, { priority: true });
    expect(selectNext([normal, prio], counter(['cert']), rules({ cert: 10 }, 0))).toBe(prio);
  });

  it('selectNext() returns undefined when nothing waits', () => {
    expect(selectNext([], counter(['cert']), rules())).toBeUndefined();
  });
});

describe('selectNext() across queues', () => {
  it('selectNext() at a multi-queue counter takes the lowest sortKey across its queues', () => {
    const filing = ticket('filing', 3);
    const cert = ticket('cert', 7);
    expect(selectNext([cert, filing], counter(['cert', 'filing']), rules())).toBe(filing);
    const cert2 = ticket('cert', 2);
    expect(selectNext([cert, filing, cert2], counter(['cert', 'filing']), rules())).toBe(cert2);
  });

  it('selectNext() drains the primary queue first even when another queue waits longer', () => {
    const filing = ticket('filing', 1);
    const cert = ticket('cert', 9);
    expect(selectNext([filing, cert], counter(['cert', 'filing'], { primaryQueue: 'cert' }), rules())).toBe(cert);
  });

  it('selectNext() moves on to the other queues once the primary queue is empty', () => {
    const filing2 = ticket('filing', 4);
    const nenkin = ticket('nenkin', 2);
    const c = counter(['cert', 'filing', 'nenkin'], { primaryQueue: 'cert' });
    expect(selectNext([filing2, nenkin], c, rules())).toBe(nenkin);
  });

  it('selectNext() skips tickets of queues the counter does not serve', () => {
    const other = ticket('tax', 1, { priority: true });
    const mine = ticket('cert', 5);
    expect(selectNext([other, mine], counter(['cert']), rules())).toBe(mine);
    expect(selectNext([other], counter(['cert']), rules())).toBeUndefined();
  });

  it('selectNext() ignores a primary queue the counter does not actually serve', () => {
    const filing = ticket('filing', 1);
    expect(selectNext([filing, ticket('tax', 0)], counter(['filing'], { primaryQueue: 'tax' }), rules())).toBe(filing);
  });

  it('selectNext() applies the priority streak per queue', () => {
    // cert has hit its streak, filing has not
    const certPrio = ticket('cert', 1, { priority: true });
    const certNormal = ticket('cert', 5);
    const filingPrio = ticket('filing', 8, { priority: true });
    const c = counter(['cert', 'filing']);
    // cert's normal ticket and filing's priority ticket are both eligible first; cert's is older
    expect(selectNext([certPrio, certNormal, filingPrio], c, rules({ cert: 3 }))).toBe(certNormal);
  });
});

describe('selectNext() at low counters', () => {
  it('selectNext() prefers low-counter tickets at a low counter', () => {
    const older = ticket('cert', 1);
    const low = ticket('cert', 5, { lowCounter: true });
    expect(selectNext([older, low], counter(['cert'], { lowCounter: true }), rules())).toBe(low);
  });

  it('selectNext() does not prefer low-counter tickets at a normal counter', () => {
    const older = ticket('cert', 1);
    const low = ticket('cert', 5, { lowCounter: true });
    expect(selectNext([older, low], counter(['cert']), rules())).toBe(older);
  });

  it('selectNext() at a low counter falls back to other tickets when no low-counter ticket waits', () => {
    const a = ticket('cert', 3);
    const b = ticket('cert', 2);
    expect(selectNext([a, b], counter(['cert'], { lowCounter: true }), rules())).toBe(b);
  });

  it('selectNext() at a low counter still calls priority before a normal low-counter ticket', () => {
    const prio = ticket('cert', 9, { priority: true });
    const low = ticket('cert', 1, { lowCounter: true });
    expect(selectNext([low, prio], counter(['cert'], { lowCounter: true }), rules())).toBe(prio);
  });
});

describe('starvedQueues()', () => {
  it('starvedQueues() lists queues at their streak limit that have a normal ticket waiting', () => {
    const tickets = [ticket('cert', 1, { priority: true }), ticket('cert', 2), ticket('filing', 3, { priority: true })];
    expect([...starvedQueues(tickets, rules({ cert: 3, filing: 3 }))]).toEqual(['cert']);
    expect(starvedQueues(tickets, rules({ cert: 2 })).size).toBe(0);
  });
});

describe('queueOrder()', () => {
  it('queueOrder() puts priority tickets first, each group in sortKey order', () => {
    const n1 = ticket('cert', 1);
    const n3 = ticket('cert', 3);
    const p4 = ticket('cert', 4, { priority: true });
    const p2 = ticket('cert', 2, { priority: true });
    expect(queueOrder([n3, p4, n1, p2])).toEqual([p2, p4, n1, n3]);
  });

  it('queueOrder() does not modify its input', () => {
    const input = [ticket('cert', 2), ticket('cert', 1)];
    const copy = [...input];
    queueOrder(input);
    expect(input).toEqual(copy);
  });
});

describe('nextStreak()', () => {
  it('nextStreak() counts consecutive priority calls and resets on a normal call', () => {
    expect(nextStreak(0, true)).toBe(1);
    expect(nextStreak(2, true)).toBe(3);
    expect(nextStreak(3, false)).toBe(0);
  });

  it('nextStreak() with selectNext() interleaves one normal ticket after every three priority tickets', () => {
    const waiting = [
      ...[1, 2, 3, 4, 5, 6].map((k) => ticket('cert', 10 + k, { priority: true })),
      ticket('cert', 1),
      ticket('cert', 2),
    ];
    let streak = 0;
    const called: string[] = [];
    while (waiting.length > 0) {
      const next = selectNext(waiting, counter(['cert']), rules({ cert: streak }));
      if (!next) break;
      waiting.splice(waiting.indexOf(next), 1);
      called.push(next.priority ? 'P' : 'N');
      streak = nextStreak(streak, next.priority);
    }
    expect(called.join('')).toBe('PPPNPPPN');
  });
});

describe('selectNext() across queues', () => {
  it('a stream of priority tickets in one queue does not hold back another queue', () => {
    const c = (id: number, queueId: string, priority: boolean, sortKey: number) => ({ id, queueId, priority, lowCounter: false, sortKey });
    const pick = selectNext(
      [c(1, 'a', false, 1), c(2, 'b', true, 2), c(3, 'b', true, 3)],
      { queues: ['a', 'b'], lowCounter: false },
      () => ({ priorityStreak: 3, streak: 0 }),
    );
    expect(pick?.id).toBe(1);
  });
});

describe('booked tickets (来庁予約)', () => {
  const NOW = 1_000_000;
  const walk = (id: number, sortKey: number): Candidate => ({ id, queueId: 'q', priority: false, lowCounter: false, sortKey });
  const booked = (id: number, sortKey: number, slotStart: number): Candidate => ({ ...walk(id, sortKey), slotStart });
  const counter = { queues: ['q'], lowCounter: false };
  const rules = (streak: number) => () => ({ priorityStreak: 3, streak });

  it('before its slot a booked ticket waits behind every walk-in, even later ones; booked among themselves by slot', () => {
    const c = [booked(1, 1, NOW + 5), walk(2, 2), booked(3, 3, NOW + 1), walk(4, 4)];
    expect(queueOrder(c, NOW).map((x) => x.id)).toEqual([2, 4, 3, 1]);
    expect(selectNext(c, counter, rules(0), NOW)?.id).toBe(2);
    expect(classOf(c[0] as Candidate, NOW)).toBe('early-booked');
  });

  it('from its slot start it is priority: before earlier walk-ins, and its call counts toward the streak', () => {
    const c = [walk(2, 2), booked(1, 5, NOW)];
    expect(selectNext(c, counter, rules(0), NOW)?.id).toBe(1);
    expect(callsAsPriority(c[1] as Candidate, NOW)).toBe(true);
    expect(callsAsPriority(c[1] as Candidate, NOW - 1)).toBe(false);
    // with the streak at its limit the walk-in goes first
    expect(selectNext(c, counter, rules(3), NOW)?.id).toBe(2);
  });

  it('a starved queue prefers walk-ins, then booked tickets before their slot, then priority', () => {
    const c = [{ ...walk(1, 1), priority: true }, booked(2, 2, NOW + 10)];
    expect(selectNext(c, counter, rules(3), NOW)?.id).toBe(2);
    expect(selectNext(c, counter, rules(0), NOW)?.id).toBe(1);
  });

  it('across queues a booked head before its slot goes after the other queue’s head', () => {
    const c = [booked(1, 1, NOW + 10), { ...walk(2, 2), queueId: 'r' }];
    expect(selectNext(c, { queues: ['q', 'r'], lowCounter: false }, rules(0), NOW)?.id).toBe(2);
  });

  it('without `now` nothing changes for walk-ins (existing callers)', () => {
    const c = [walk(2, 2), walk(1, 1)];
    expect(queueOrder(c).map((x) => x.id)).toEqual([1, 2]);
  });
});
