import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError, TICKET_STATES } from '@madoguchi/shared';
import { replayTickets } from '../domain/replay.js';
import { CLERK, KIOSK, MANAGER, config, counter, harness, queue, site, type Harness } from '../test-support/fixtures.js';

/**
 * Random sequences of operations against the engine with the real store. After every step:
 * each ticket is in exactly one state and only the counter holding it has it; no label twice
 * per queue and day; first-come order among equal tickets; replaying the log gives the state.
 */

const QUEUES = ['certificates', 'filings', 'insurance'] as const;
const COUNTERS = ['1', '2', '3', '4', '5'] as const;

const testSite = site('naka', {
  demo: true,
  queues: [
    queue('certificates', 1001, { priorityStreak: 2 }),
    queue('filings', 2001, { transferPlacement: 'front' }),
    queue('insurance', 3001, { autoCompleteOnNext: true, numbering: { prefix: 'K', first: 1, last: 40, width: 2, wrap: true } }),
  ],
  counters: [
    counter('1', ['certificates']),
    counter('2', ['certificates', 'filings']),
    counter('3', ['filings'], { lowCounter: true }),
    counter('4', ['filings', 'insurance'], { primaryQueue: 'insurance' }),
    counter('5', ['insurance', 'certificates'], { lowCounter: true }),
  ],
});

type Op =
  | { op: 'take'; queue: number; priority: boolean; low: boolean; key: number | null }
  | { op: 'next' | 'recall' | 'start' | 'complete' | 'no-show'; counter: number; confirm: boolean }
  | { op: 'transfer'; counter: number; queue: number }
  | { op: 'reinstate' | 'cancel' | 'call'; pick: number; counter: number }
  | { op: 'counter-state'; counter: number; state: 'open' | 'paused' | 'closed' }
  | { op: 'move'; counter: number; queues: number[] }
  | { op: 'clock'; minutes: number };

const idx = (n: number) => fc.integer({ min: 0, max: n - 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('take' as const), queue: idx(3), priority: fc.boolean(), low: fc.boolean(), key: fc.option(fc.integer({ min: 0, max: 40 })) }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constantFrom('next' as const, 'recall' as const, 'start' as const, 'complete' as const, 'no-show' as const), counter: idx(5), confirm: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('transfer' as const), counter: idx(5), queue: idx(3) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('reinstate' as const, 'cancel' as const, 'call' as const), pick: fc.nat(), counter: idx(5) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('counter-state' as const), counter: idx(5), state: fc.constantFrom('open' as const, 'open' as const, 'paused' as const, 'closed' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('move' as const), counter: idx(5), queues: fc.uniqueArray(idx(3), { minLength: 1, maxLength: 3 }) }) },
  // mostly forward, sometimes backward (NTP), sometimes across midnight
  { weight: 1, arbitrary: fc.record({ op: fc.constant('clock' as const), minutes: fc.oneof(fc.integer({ min: -30, max: 90 }), fc.constant(24 * 60)) }) },
);

function apply(h: Harness, o: Op): void {
  const e = h.engine;
  const c = 'counter' in o ? (COUNTERS[o.counter] ?? '1') : '1';
  const today = () => h.store.ticketsOfDay('naka', e.status('naka').businessDate);
  switch (o.op) {
    case 'take':
      e.takeTicket('naka', { queue: QUEUES[o.queue] ?? 'certificates', priority: o.priority, lowCounter: o.low, idempotencyKey: o.key === null ? null : `k${o.key}` }, KIOSK);
      return;
    case 'next': {
      const waitingBefore = h.store.waiting('naka', QUEUES);
      const t = e.callNext('naka', c, CLERK, { confirmNoShow: o.confirm });
      if (t) {
        // first-come among equal tickets: nothing of the same queue, priority and flag was ahead of it
        const called = waitingBefore.find((w) => w.id === t.id);
        const jumped = waitingBefore.filter(
          (w) => w.queueId === called?.queueId && w.priority === called.priority && w.lowCounter === called.lowCounter && w.sortKey < called.sortKey,
        );
        expect(jumped).toEqual([]);
      }
      return;
    }
    case 'recall':
      e.recall('naka', c, CLERK);
      return;
    case 'start':
      e.start('naka', c, CLERK);
      return;
    case 'complete':
      e.complete('naka', c, CLERK);
      return;
    case 'no-show':
      e.noShow('naka', c, CLERK);
      return;
    case 'transfer':
      e.transfer('naka', c, { queue: QUEUES[o.queue] ?? 'filings' }, CLERK);
      return;
    case 'reinstate':
    case 'cancel':
    case 'call': {
      const all = today();
      const t = all[o.pick % Math.max(all.length, 1)];
      if (!t) return;
      if (o.op === 'reinstate') e.reinstate('naka', t.id, CLERK);
      else if (o.op === 'cancel') e.cancel('naka', t.id, CLERK);
      else e.callTicket('naka', c, t.id, CLERK, { confirmNoShow: true });
      return;
    }
    case 'counter-state':
      e.setCounterState('naka', c, o.state, CLERK);
      return;
    case 'move':
      e.setCounterQueues('naka', c, o.queues.map((q) => QUEUES[q] ?? 'certificates'), null, MANAGER);
      return;
    case 'clock':
      h.clock.advanceMinutes(o.minutes);
      e.rolloverDay('naka');
      return;
  }
}

function checkInvariants(h: Harness): void {
  const tickets = h.database.connection.prepare('SELECT id FROM tickets').all() as Array<{ id: number }>;
  const all = tickets.map((r) => h.store.ticket('naka', r.id)).filter((t) => t !== undefined);
  // exactly one known state each
  for (const t of all) expect(TICKET_STATES).toContain(t.state);
  // called/serving tickets are held by exactly the counter they name, and counters hold only those
  const counters = h.store.counters('naka');
  for (const t of all.filter((x) => x.state === 'called' || x.state === 'serving')) {
    expect(counters.filter((c) => c.currentTicketId === t.id).map((c) => c.id)).toEqual([t.counterId]);
  }
  for (const c of counters.filter((x) => x.currentTicketId !== null)) {
    expect(['called', 'serving']).toContain(all.find((t) => t.id === c.currentTicketId)?.state);
  }
  // no label twice per issuing queue, business day and numbering cycle
  const keys = all.map((t) => `${t.businessDate}/${t.issuedQueueId}/${t.cycle}/${t.label}`);
  expect(new Set(keys).size).toBe(keys.length);
  // among tickets active at once, no label twice per queue and day (wrapping skips active ones)
  const active = all.filter((t) => ['waiting', 'called', 'serving', 'no_show'].includes(t.state)).map((t) => `${t.businessDate}/${t.issuedQueueId}/${t.label}`);
  expect(new Set(active).size).toBe(active.length);
  // the tickets table is exactly the replay of the event log
  const replayed = replayTickets(h.store.events('naka'));
  expect(replayed.size).toBe(all.length);
  for (const t of all) {
    expect(replayed.get(t.id)).toEqual({
      id: t.id,
      label: t.label,
      queueId: t.queueId,
      serviceId: t.serviceId,
      state: t.state,
      counterId: t.state === 'waiting' ? null : t.counterId,
      sortKey: t.sortKey,
      recalls: t.recalls,
      priority: t.priority,
      lowCounter: t.lowCounter,
    });
  }
}

describe('the engine under random operations', () => {
  it('keeps every invariant after every step', () => {
    const done: Record<string, number> = {};
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 20, maxLength: 120, size: 'max' }), (ops) => {
        const h = harness({ config: config(testSite) });
        for (const c of COUNTERS) h.engine.setCounterState('naka', c, 'open', CLERK);
        try {
          for (const o of ops) {
            try {
              apply(h, o);
              done[o.op] = (done[o.op] ?? 0) + 1;
            } catch (err) {
              // refusals are part of the game; anything else is a bug
              if (!(err instanceof DomainError)) throw err;
            }
            checkInvariants(h);
          }
        } finally {
          h.close();
        }
      }),
      { numRuns: 80 },
    );
    // the random walks really exercised the engine, not only its refusals
    for (const op of ['take', 'next', 'start', 'complete', 'no-show', 'transfer', 'reinstate', 'cancel', 'call', 'recall']) {
      expect(done[op] ?? 0, op).toBeGreaterThan(5);
    }
    // 80 walks take ~8 s alone on 2 cores and over 20 s beside the browser tests: bounded, not timed
  }, 90_000);
});
