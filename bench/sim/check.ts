/**
 * The invariants of a simulated day, checked against the simulator's own record with a queue
 * model written from the product rules (docs/product.md §3.1–3.4, §8 "Bookings"), independently
 * of the server's code: each violation is one line saying what went wrong.
 */
import type { TicketView } from '@madoguchi/shared';
import { firstDifference, type Action, type SimResult } from './run.js';

interface Mirror {
  id: number;
  queue: string;
  priority: boolean;
  lowCounter: boolean;
  /** place in the queue: issue order, or below every issue for a placement at the front */
  key: number;
  state: string;
  /** a booked ticket's slot start (ms), null for a walk-in */
  slot: number | null;
}

interface Desk {
  queues: string[];
  primaryQueue: string | null;
  lowCounter: boolean;
}

const FRONT = -1e9;
const TERMINAL = new Set(['done', 'no_show', 'cancelled', 'expired']);
const labelNumber = (label: string): number => Number(label.replace(/^\D+/, ''));

/**
 * How a ticket competes at `now` (§8 "Bookings"): a booked ticket whose slot has started goes
 * first like a priority ticket and counts in the same streak; before its slot it waits like a
 * walk-in who arrives at the slot start — behind every walk-in waiting now, booked tickets among
 * themselves by slot.
 */
type Klass = 'first' | 'normal' | 'before-slot';
const klassOf = (t: Mirror, now: number): Klass => (t.priority || (t.slot !== null && t.slot <= now) ? 'first' : t.slot === null ? 'normal' : 'before-slot');
const RANK: Record<'fed' | 'starved', Record<Klass, number>> = {
  fed: { first: 0, normal: 1, 'before-slot': 2 },
  // the streak limit reached: whoever is not going first goes now
  starved: { normal: 0, 'before-slot': 1, first: 2 },
};
/** within a class: a booked ticket before its slot by slot, everyone by place */
const within = (a: Mirror, b: Mirror, now: number): number =>
  (klassOf(a, now) === 'before-slot' && klassOf(b, now) === 'before-slot' ? (a.slot ?? 0) - (b.slot ?? 0) : 0) || a.key - b.key;

/**
 * The ticket a counter must call next: within a queue priority (and booked tickets whose slot has
 * started) first — the rest first once `priorityStreak` such calls in a row were made and one of
 * the rest waits — a low counter preferring low-counter tickets, then the earliest place; across
 * queues the primary queue first, else the low counter's preference, a booked ticket before its
 * slot last (it has not "arrived" yet), and the earliest place.
 */
function expectedNext(waiting: readonly Mirror[], desk: Desk, streakLimit: (q: string) => number, streak: (q: string) => number, now: number): Mirror | undefined {
  let pool = waiting.filter((t) => desk.queues.includes(t.queue));
  if (desk.primaryQueue !== null && pool.some((t) => t.queue === desk.primaryQueue)) pool = pool.filter((t) => t.queue === desk.primaryQueue);
  const prefersLow = (t: Mirror): number => (desk.lowCounter && t.lowCounter ? 0 : 1);
  const heads: Mirror[] = [];
  for (const q of new Set(pool.map((t) => t.queue))) {
    const mine = pool.filter((t) => t.queue === q);
    const rank = RANK[streak(q) >= streakLimit(q) && mine.some((t) => klassOf(t, now) !== 'first') ? 'starved' : 'fed'];
    mine.sort((a, b) => rank[klassOf(a, now)] - rank[klassOf(b, now)] || prefersLow(a) - prefersLow(b) || within(a, b, now));
    if (mine[0]) heads.push(mine[0]);
  }
  const notYet = (t: Mirror): number => (klassOf(t, now) === 'before-slot' ? 1 : 0);
  heads.sort((a, b) => prefersLow(a) - prefersLow(b) || notYet(a) - notYet(b) || a.key - b.key);
  return heads[0];
}

/**
 * "People ahead" of a new ticket: those a counter serving only its queue would call before it at
 * `now`, the streak aside. A booked ticket before its slot counts only those going first (priority,
 * and booked tickets whose slot has started): from its slot on it goes first too.
 */
function aheadOf(t: Mirror, waiting: readonly Mirror[], now: number): number {
  const rank = RANK.fed;
  const mine = waiting.filter((o) => o.id !== t.id && o.queue === t.queue);
  if (klassOf(t, now) === 'before-slot') return mine.filter((o) => klassOf(o, now) === 'first').length;
  return mine.filter((o) => (rank[klassOf(o, now)] - rank[klassOf(t, now)] || within(o, t, now)) < 0).length;
}

export function checkDay(r: SimResult): string[] {
  const v: string[] = [];
  const time = (at: number): string => new Date(at).toLocaleTimeString('ja-JP', { timeZone: r.day.timeZone });
  for (const e of r.errors) v.push(`${time(e.at)} unexpected answer to ${e.what}: ${e.message}`);

  // ---- replay the day through the rules -------------------------------------------------
  const tickets = new Map<number, Mirror>();
  const desks = new Map<string, Desk>(r.counters.map((c) => [c.id, { queues: c.queues, primaryQueue: c.primaryQueue, lowCounter: c.lowCounter }]));
  const streaks = new Map<string, number>();
  const rules = new Map(r.queues.map((q) => [q.id, q]));
  const labels = new Map<string, Map<string, number>>();
  const lastNumber = new Map<string, number>();
  const issuedAhead = new Map(r.tickets.map((t) => [t.id, t.ahead]));
  const checkpoints = [...r.display.checkpoints].sort((a, b) => a.actions - b.actions);
  let issues = 0;
  const waiting = (): Mirror[] => [...tickets.values()].filter((t) => t.state === 'waiting');
  const expectState = (a: Action & { ticket: number | null }, t: Mirror | undefined, states: string[]): t is Mirror => {
    if (!t) {
      v.push(`${time(a.at)} ${a.kind} of unknown ticket ${a.ticket}`);
      return false;
    }
    if (!states.includes(t.state)) v.push(`${time(a.at)} ${a.kind} of ticket ${t.id} in state ${t.state}`);
    return true;
  };

  const checkWaitingCounts = (done: number): void => {
    while (checkpoints.length > 0 && (checkpoints[0]?.actions ?? Infinity) <= done) {
      const c = checkpoints.shift();
      if (!c) break;
      for (const [q, n] of Object.entries(c.waiting)) {
        const mine = waiting().filter((t) => t.queue === q).length;
        if (mine !== n) v.push(`${time(c.at)} the server shows ${n} waiting in ${q}, the day's record has ${mine}`);
      }
    }
  };

  r.actions.forEach((a, i) => {
    checkWaitingCounts(i);
    switch (a.kind) {
      case 'issue': {
        const byLabel = labels.get(a.queue) ?? new Map<string, number>();
        labels.set(a.queue, byLabel);
        const dup = byLabel.get(a.label);
        if (dup !== undefined) v.push(`${time(a.at)} label ${a.label} issued twice in ${a.queue} (tickets ${dup} and ${a.ticket})`);
        byLabel.set(a.label, a.ticket);
        const n = labelNumber(a.label);
        const before = lastNumber.get(a.queue);
        if (before !== undefined && !(n > before)) v.push(`${time(a.at)} ${a.queue} numbering went from ${before} to ${n}`);
        lastNumber.set(a.queue, n);
        if (tickets.has(a.ticket)) v.push(`${time(a.at)} ticket id ${a.ticket} issued twice`);
        const mirror: Mirror = { id: a.ticket, queue: a.queue, priority: a.priority, lowCounter: a.lowCounter, key: issues++, state: 'waiting', slot: a.slot?.start ?? null };
        const ahead = aheadOf(mirror, waiting(), a.at);
        if (issuedAhead.get(a.ticket) !== ahead) v.push(`${time(a.at)} ticket ${a.label} was told ${issuedAhead.get(a.ticket)} ahead, ${ahead} were`);
        tickets.set(a.ticket, mirror);
        break;
      }
      case 'counter':
        desks.set(a.counter, { queues: a.queues, primaryQueue: a.primaryQueue, lowCounter: a.lowCounter });
        break;
      case 'call': {
        const desk = desks.get(a.counter);
        if (!desk) {
          v.push(`${time(a.at)} call at unknown counter ${a.counter}`);
          break;
        }
        const limit = (q: string): number => rules.get(q)?.priorityStreak ?? 3;
        const want = expectedNext(waiting(), desk, limit, (q) => streaks.get(q) ?? 0, a.at);
        if (a.ticket === null) {
          if (want) v.push(`${time(a.at)} counter ${a.counter} found nobody while ticket ${want.id} (${want.queue}) waited`);
          break;
        }
        const t = tickets.get(a.ticket);
        if (!expectState(a, t, ['waiting'])) break;
        if (!want || want.id !== t.id) {
          v.push(`${time(a.at)} counter ${a.counter} called ticket ${t.id} (${t.queue}) out of order: ${want ? `${want.id} (${want.queue})` : 'nobody'} was next`);
        }
        const first = klassOf(t, a.at) === 'first';
        // the streak limit, said on its own: walk-ins never starve behind priority and booked tickets
        if (first && (streaks.get(t.queue) ?? 0) >= limit(t.queue) && waiting().some((o) => o.queue === t.queue && desk.queues.includes(o.queue) && klassOf(o, a.at) !== 'first')) {
          v.push(`${time(a.at)} counter ${a.counter} made call ${(streaks.get(t.queue) ?? 0) + 1} in a row of priority or booked tickets in ${t.queue} (limit ${limit(t.queue)}) while others waited`);
        }
        streaks.set(t.queue, first ? (streaks.get(t.queue) ?? 0) + 1 : 0);
        t.state = 'called';
        break;
      }
      case 'recall':
        expectState(a, tickets.get(a.ticket), ['called', 'serving']);
        break;
      case 'start': {
        const t = tickets.get(a.ticket);
        if (expectState(a, t, ['called'])) t.state = 'serving';
        break;
      }
      case 'complete': {
        const t = tickets.get(a.ticket);
        if (expectState(a, t, ['serving'])) t.state = 'done';
        break;
      }
      case 'no-show': {
        const t = tickets.get(a.ticket);
        if (expectState(a, t, ['called', 'serving'])) t.state = 'no_show';
        break;
      }
      case 'transfer': {
        const t = tickets.get(a.ticket);
        if (!expectState(a, t, ['called', 'serving'])) break;
        t.queue = a.to;
        t.state = 'waiting';
        // the booking was for the queue it was checked in to: in the next queue it is a walk-in's ticket
        t.slot = null;
        if (rules.get(a.to)?.transferPlacement === 'front') t.key = FRONT + i;
        break;
      }
      case 'reinstate': {
        const t = tickets.get(a.ticket);
        if (!expectState(a, t, ['no_show'])) break;
        t.state = 'waiting';
        t.key = FRONT + i;
        break;
      }
      case 'cancel': {
        const t = tickets.get(a.ticket);
        if (expectState(a, t, ['waiting', 'called', 'no_show'])) t.state = 'cancelled';
        break;
      }
    }
  });
  checkWaitingCounts(Infinity);

  // ---- every ticket accounted for -----------------------------------------------------------
  const server = new Map<number, TicketView>(r.serverTickets.map((t) => [t.id, t]));
  if (server.size !== r.serverTickets.length) v.push('the server lists a ticket twice');
  for (const t of tickets.values()) {
    const s = server.get(t.id);
    if (!s) {
      v.push(`ticket ${t.id} was issued but the server does not list it (lost)`);
      continue;
    }
    if (!TERMINAL.has(s.state)) v.push(`ticket ${s.label} (${s.id}) is still ${s.state} at the end of the day`);
    if (s.state !== t.state) v.push(`ticket ${s.label} (${s.id}) is ${s.state} on the server but ${t.state} by the day's record`);
  }
  for (const s of r.serverTickets) if (!tickets.has(s.id)) v.push(`the server lists ticket ${s.label} (${s.id}) that nobody issued`);
  const simStates = new Map(r.tickets.map((t) => [t.id, t.state]));
  for (const t of tickets.values()) {
    if (simStates.get(t.id) !== t.state) v.push(`ticket ${t.id}: the simulator believes ${simStates.get(t.id)}, the record says ${t.state}`);
  }

  // ---- durations never negative ---------------------------------------------------------------
  for (const s of r.serverTickets) {
    const times = [s.issuedAt, s.calledAt, s.startedAt, s.endedAt].map((x) => (x === null ? null : Date.parse(x)));
    let prev = -Infinity;
    for (const x of times) {
      if (x === null) continue;
      if (x < prev) v.push(`ticket ${s.label} (${s.id}) has a negative duration: ${[s.issuedAt, s.calledAt, s.startedAt, s.endedAt].join(' → ')}`);
      prev = Math.max(prev, x);
    }
  }
  for (const t of r.tickets) {
    if (t.estimate < 0 || !Number.isFinite(t.estimate)) v.push(`ticket ${t.label} was given an estimate of ${t.estimate}`);
    if (t.firstCalledAt !== null && t.firstCalledAt < t.issuedAt) v.push(`ticket ${t.label} was called before it was issued`);
  }
  const report = r.report as { queues?: Array<{ queue: string; issued: number; served: number; noShows: number; waits: { mean: number | null; max: number | null } }> };
  for (const q of report.queues ?? []) {
    if ((q.waits.mean ?? 0) < 0 || (q.waits.max ?? 0) < 0) v.push(`the daily report shows a negative wait in ${q.queue}`);
    const issued = r.tickets.filter((t) => t.queue === q.queue).length;
    if (q.issued !== issued) v.push(`the daily report counts ${q.issued} issued in ${q.queue}, the day had ${issued}`);
  }

  checkBookings(r, v, time);

  // ---- the display saw what the server says -----------------------------------------------
  for (const c of r.display.checkpoints) if (c.diff !== null) v.push(`${time(c.at)} the display differs from the server: ${c.diff}`);
  if (r.display.statusDiff !== null) v.push(`the status API differs from the display: ${r.display.statusDiff}`);
  if (r.display.gaps > 0) v.push(`the display missed events ${r.display.gaps} time(s)`);
  if (!r.display.final || !r.display.server) v.push('no final display state');
  else {
    // the end of the day compared here again, from the two states kept in the result
    const { at: _a, ...shown } = r.display.final;
    const { at: _b, ...truth } = r.display.server;
    const d = firstDifference(shown, truth);
    if (d !== null) v.push(`at the end the display differs from the server: ${d}`);
  }
  return v;
}

/**
 * The bookings day (§8 "Bookings"): no slot over capacity, every booking ended (checked in,
 * cancelled or a no-show) by the day's end, and the server's list agrees with what the citizens
 * did; a checked-in booking's ticket is the one the check-in issued.
 */
function checkBookings(r: SimResult, v: string[], time: (at: number) => string): void {
  const b = r.bookings;
  if (!b) return;
  const perSlot = new Map<number, number>();
  // every booking was made the evening before, before anyone cancelled: all held a place at once
  for (const m of b.made) perSlot.set(m.start, (perSlot.get(m.start) ?? 0) + 1);
  for (const [start, n] of perSlot) if (n > b.config.perSlot) v.push(`the slot at ${time(start)} took ${n} bookings (${b.config.perSlot} places)`);
  const heldBack = new Map<number, number>();
  for (const row of b.server) if (row.state !== 'cancelled') heldBack.set(Date.parse(row.start), (heldBack.get(Date.parse(row.start)) ?? 0) + 1);
  for (const [start, n] of heldBack) if (n > b.config.perSlot) v.push(`the server lists ${n} bookings not cancelled in the slot at ${time(start)} (${b.config.perSlot} places)`);
  const codes = new Set<string>();
  for (const row of b.server) {
    if (codes.has(row.code)) v.push(`booking code ${row.code} is listed twice`);
    codes.add(row.code);
    if (row.state === 'booked') v.push(`booking ${row.code} (${time(Date.parse(row.start))}) is still booked at the end of the day`);
  }
  const labelOf = new Map(r.tickets.map((t) => [t.id, t.label]));
  for (const m of b.made) {
    const row = b.server.find((x) => x.code === m.code);
    if (!row) {
      v.push(`booking ${m.code} of citizen ${m.citizen} is not in the day's list`);
      continue;
    }
    if (Date.parse(row.start) !== m.start) v.push(`booking ${m.code} is listed at ${row.start}, it was made for ${new Date(m.start).toISOString()}`);
    const want = m.cancelledAt !== null ? 'cancelled' : m.ticket !== null ? 'checked_in' : 'no_show';
    if (row.state !== want) v.push(`booking ${m.code} ended ${row.state}, the citizen's record says ${want}`);
    if (m.ticket !== null && row.ticket !== labelOf.get(m.ticket)) v.push(`booking ${m.code} lists ticket ${row.ticket}, the check-in issued ${labelOf.get(m.ticket)}`);
    if (m.checkedInAt !== null && (m.checkedInAt < m.start - b.config.checkInBeforeMinutes * 60_000 || m.checkedInAt > m.start + b.config.checkInAfterMinutes * 60_000)) {
      v.push(`booking ${m.code} was checked in at ${time(m.checkedInAt)}, outside its window`);
    }
  }
  for (const row of b.server) if (!b.made.some((m) => m.code === row.code)) v.push(`the server lists booking ${row.code} that nobody made`);
}
