import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError, TICKET_STATES } from '@madoguchi/shared';
import { replayTickets } from '../domain/replay.js';
import { classOf, type Candidate } from '../domain/selection.js';
import { CLERK, KIOSK, MANAGER, config, counter, harness, queue, site, type Harness } from '../test-support/fixtures.js';

/**
 * Random sequences of operations against the engine with the real store. After every step:
 * each ticket is in exactly one state and only the counter holding it has it; no label twice
 * per queue and day; first-come order among equal tickets; replaying the log gives the state.
 * With bookings (来庁予約) of filings among them: no slot over its capacity, every checked-in
 * booking has its own ticket marked with its slot, and the priority streak limit holds with
 * booked tickets (a queue at its limit with a walk-in waiting calls no priority-class ticket).
 */

const QUEUES = ['certificates', 'filings', 'insurance'] as const;
const COUNTERS = ['1', '2', '3', '4', '5'] as const;

const testSite = site('naka', {
  demo: true,
  queues: [
    queue('certificates', 1001, { priorityStreak: 2 }),
    queue('filings', 2001, {
      transferPlacement: 'front',
      booking: { slotMinutes: 30, perSlot: 2, daysAhead: 1, checkInBeforeMinutes: 60, checkInAfterMinutes: 10 },
    }),
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
  | { op: 'clock'; minutes: number }
  | { op: 'book'; slot: number; tomorrow: boolean }
  | { op: 'check-in' | 'cancel-booking'; pick: number; counter: number };

const idx = (n: number) => fc.integer({ min: 0, max: n - 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('take' as const), queue: idx(3), priority: fc.boolean(), low: fc.boolean(), key: fc.option(fc.integer({ min: 0, max: 40 })) }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constantFrom('next' as const, 'recall' as const, 'start' as const, 'complete' as const, 'no-show' as const), counter: idx(5), confirm: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('transfer' as const), counter: idx(5), queue: idx(3) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('reinstate' as const, 'cancel' as const, 'call' as const), pick: fc.nat(), counter: idx(5) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('counter-state' as const), counter: idx(5), state: fc.constantFrom('open' as const, 'open' as const, 'paused' as const, 'closed' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('move' as const), counter: idx(5), queues: fc.uniqueArray(idx(3), { minLength: 1, maxLength: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('book' as const), slot: fc.nat({ max: 20 }), tomorrow: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('check-in' as const, 'check-in' as const, 'cancel-booking' as const), pick: fc.nat(), counter: idx(5) }) },
  // mostly forward, sometimes backward (NTP), sometimes across midnight
  { weight: 1, arbitrary: fc.record({ op: fc.constant('clock' as const), minutes: fc.oneof(fc.integer({ min: -30, max: 90 }), fc.constant(24 * 60)) }) },
);

const PRIORITY_STREAK: Record<string, number> = { certificates: 2, filings: 3, insurance: 3 };
let addresses = 0;
const openBookings = (h: Harness) =>
  h.database.connection.prepare(`SELECT code FROM bookings WHERE state = 'booked' ORDER BY id`).pluck().all() as string[];

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
      const now = h.clock.now().getTime();
      const date = e.status('naka').businessDate;
      const streaks = new Map(QUEUES.map((q) => [q, h.store.queueDay('naka', q, date).priorityStreak]));
      const t = e.callNext('naka', c, CLERK, { confirmNoShow: o.confirm });
      if (t) {
        // first-come among equal tickets: nothing of the same queue, class and flag was ahead of it
        // (booked tickets waiting for their slot go by slot, then issue)
        const called = waitingBefore.find((w) => w.id === t.id) as Candidate;
        const cls = classOf(called, now);
        const key = (w: Candidate): [number, number] => (classOf(w, now) === 'early-booked' ? [w.slotStart ?? 0, w.sortKey] : [0, w.sortKey]);
        const before = (a: [number, number], b: [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
        const jumped = waitingBefore.filter(
          (w) => w.queueId === called.queueId && classOf(w, now) === cls && w.lowCounter === called.lowCounter && before(key(w), key(called)),
        );
        expect(jumped).toEqual([]);
        // the streak limit holds with booked tickets: at the limit, with anything but priority waiting, no priority-class call
        const q = called.queueId;
        const atLimit = (streaks.get(q as (typeof QUEUES)[number]) ?? 0) >= (PRIORITY_STREAK[q] ?? 3);
        if (atLimit && waitingBefore.some((w) => w.queueId === q && classOf(w, now) !== 'priority')) expect(cls).not.toBe('priority');
      }
      return;
    }
    case 'book': {
      const today = e.status('naka').businessDate;
      const date = o.tomorrow ? new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : today;
      const slots = e.bookingSlots('naka', 'filings', date);
      const slot = slots[o.slot % Math.max(1, slots.length)];
      if (!slot) return;
      e.createBooking('naka', { queue: 'filings', start: slot.start, address: `a${++addresses}` });
      return;
    }
    case 'check-in':
    case 'cancel-booking': {
      const codes = openBookings(h);
      const code = codes[o.pick % Math.max(codes.length, 1)];
      if (code === undefined) return;
      if (o.op === 'check-in') e.checkIn('naka', code, {}, o.counter % 2 === 0 ? KIOSK : CLERK);
      else e.cancelBookingByStaff('naka', code, 'test', MANAGER);
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
      e.endBookingNoShows('naka');
      return;
  }
}

function checkBookings(h: Harness): void {
  const db = h.database.connection;
  // no slot over its capacity (2 a slot)
  const over = db.prepare(`SELECT slot_start, count(*) AS n FROM bookings WHERE state IN ('booked', 'checked_in') GROUP BY queue_id, slot_start HAVING n > 2`).all();
  expect(over).toEqual([]);
  // a checked-in booking has a ticket of its own, marked with its slot until it is transferred
  // (in the next queue it is placed like any transfer); nothing else has one
  const rows = db.prepare(`SELECT b.state, b.ticket_id, b.slot_start, t.slot_start AS ticket_slot, t.transfers FROM bookings b LEFT JOIN tickets t ON t.id = b.ticket_id`).all() as Array<{
    state: string;
    ticket_id: number | null;
    slot_start: string;
    ticket_slot: number | null;
    transfers: number | null;
  }>;
  for (const r of rows) {
    if (r.state === 'checked_in') expect(r.ticket_slot).toBe(r.transfers === 0 ? Date.parse(r.slot_start) : null);
    else expect(r.ticket_id).toBeNull();
  }
  const ticketIds = rows.flatMap((r) => (r.ticket_id === null ? [] : [r.ticket_id]));
  expect(new Set(ticketIds).size).toBe(ticketIds.length);
  const marked = db.prepare('SELECT count(*) FROM tickets WHERE slot_start IS NOT NULL').pluck().get();
  expect(marked).toBe(rows.filter((r) => r.state === 'checked_in' && r.transfers === 0).length);
}

function checkInvariants(h: Harness): void {
  checkBookings(h);
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

/** Runs `runs` random walks from `seed` (random when undefined), checking every invariant after every step; counts the operations the engine took. */
function walk(runs: number, seed?: number): Record<string, number> {
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
    { numRuns: runs, ...(seed === undefined ? {} : { seed }) },
  );
  return done;
}

// A walk takes ~0.1 s alone on 2 cores and several times that beside the browser tests: bounded, not timed.
describe('the engine under random operations', () => {
  it('keeps every invariant after every step, on walks that exercise every operation (a fixed seed)', () => {
    const done = walk(80, 20260406);
    // the random walks really exercised the engine, not only its refusals; with a random seed a
    // rare operation (reinstate needs a no-show first) can fall under any bound now and then
    for (const op of ['take', 'next', 'start', 'complete', 'no-show', 'transfer', 'reinstate', 'cancel', 'call', 'recall', 'book', 'check-in', 'cancel-booking']) {
      expect(done[op] ?? 0, op).toBeGreaterThan(5);
    }
  }, 90_000);

  it('keeps every invariant after every step, on new walks each run (fast-check prints the seed of a failure to replay it)', () => {
    walk(40);
  }, 90_000);
});
