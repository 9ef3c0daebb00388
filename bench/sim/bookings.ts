/**
 * Figures of the bookings day (docs/product.md §7 "bookings", §8 "Bookings"): how soon after their
 * slot's start the booked citizens who checked in before it were called, and what the bookings
 * cost the walk-ins — their mean wait on the same day without bookings (the same citizens, the
 * same draws: `buildDay` draws who books from a stream of its own) against the day with, next to
 * the cost the booked service time accounts for.
 *
 * The bound. Booked tickets whose slot has started go before walk-ins: to the walk-ins that is a
 * class of higher priority carrying the booked citizens' counter time. For non-preemptive
 * priority, the lower class waits the first-come-first-served wait divided by (1 − ρ_b), where
 * ρ_b is the share of the counters' time the higher class takes (Cobham's formula). So
 *
 *   ρ_b   = booked service minutes (call → end, booked tickets in the booking queue)
 *           ÷ the queue's counter minutes (share-weighted open counters) over the booking hours
 *           (first slot start → last slot end)
 *   bound = W0 × ρ_b / (1 − ρ_b),  W0 = the walk-ins' mean wait on the day without bookings
 *
 * is the rise in the walk-ins' mean wait that the booked service time requires; a rise above it is
 * time the bookings cost the walk-ins beyond the counter time they take (idle counters held for
 * booked citizens, a booked ticket called before its slot while walk-ins waited, and so on).
 */
import { counterTimeline, summary, type Summary } from './analysis.js';
import type { SimResult, SimTicket } from './result.js';

const MIN = 60_000;
const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

export interface BookingFigures {
  queue: string;
  /** citizens drawn to book, bookings made, and those who found every slot full (walked in) */
  wanted: number;
  made: number;
  noSlot: number;
  /** bookings booked in the slot holding the time the citizen would have walked in */
  inWantedSlot: number;
  cancelled: number;
  checkedIn: number;
  /** checked in at or before the slot start */
  checkedInBefore: number;
  /** came before check-in opened and were told to come back (the kiosk's TOO_EARLY) */
  tooEarly: number;
  /** came for a slot at opening before the office opened, and checked in when it did */
  beforeOpening: number;
  /** came after the window: the kiosk refused the code and they took a walk-in ticket */
  tooLate: number;
  /** the server's no-shows: never came, or too late */
  noShows: number;
  /** minutes from the slot start to the first call, for those who checked in before their slot */
  calledAfterStart: Summary & { min: number; within10: number };
  /** minutes from the check-in to the first call, for those who checked in after their slot started */
  lateCheckInWait: Summary;
  /** the booking queue's walk-ins (citizens who never booked), the same citizens on both days */
  walkIns: {
    n: number;
    withBookings: number;
    /** null when there is no day without bookings to compare with */
    without: number | null;
    rise: number | null;
    /** ρ_b and the bound (see the module's comment) */
    bookedServiceMinutes: number;
    counterMinutes: number;
    rhoBooked: number;
    bound: number | null;
  };
  /** walk-ins of every queue (transfers included), mean wait with and without */
  allWalkIns: { withBookings: number; without: number | null };
}

const firstWait = (t: SimTicket): number | null => (t.firstCalledAt === null ? null : (t.firstCalledAt - t.issuedAt) / MIN);

/** `r`: the day with bookings; `base`: the same day without (same file, seed and options), when run. */
export function bookingFigures(r: SimResult, base: SimResult | null): BookingFigures {
  const b = r.bookings;
  if (!b) throw new Error('not a bookings day');
  const booker = new Set(b.citizens);
  const byId = new Map(r.tickets.map((t) => [t.id, t]));
  const made = b.made;
  const checked = made.filter((m) => m.ticket !== null);
  const before = checked.filter((m) => (m.checkedInAt ?? Infinity) <= m.start);
  const delays = before.map((m) => byId.get(m.ticket ?? -1)).filter((t): t is SimTicket => t?.firstCalledAt !== null && t !== undefined).map((t) => ((t.firstCalledAt ?? 0) - (t.booking?.start ?? 0)) / MIN);
  const lateWaits = checked
    .filter((m) => (m.checkedInAt ?? 0) > m.start)
    .map((m) => byId.get(m.ticket ?? -1))
    .map((t) => (t ? firstWait(t) : null))
    .filter((w): w is number => w !== null);

  const walkInWaits = (x: SimResult, queue: string | null): number[] =>
    x.tickets.filter((t) => !booker.has(t.citizen) && (queue === null || t.queue === queue)).map(firstWait).filter((w): w is number => w !== null);
  const withW = walkInWaits(r, b.queue);
  const without = base ? mean(walkInWaits(base, b.queue)) : null;

  // booked counter time in the booking queue: call → complete, transfer or no-show
  const bookedIds = new Set(checked.map((m) => m.ticket));
  let bookedService = 0;
  const calledAt = new Map<number, number>();
  for (const a of r.actions) {
    if (a.kind === 'call' && a.ticket !== null && bookedIds.has(a.ticket) && !calledAt.has(a.ticket)) calledAt.set(a.ticket, a.at);
    if ((a.kind === 'complete' || a.kind === 'transfer' || a.kind === 'no-show') && calledAt.has(a.ticket)) {
      bookedService += (a.at - (calledAt.get(a.ticket) ?? a.at)) / MIN;
      calledAt.delete(a.ticket);
    }
  }
  const from = Math.min(...made.map((m) => m.start));
  const to = Math.max(...made.map((m) => m.end));
  const counterMinutes = made.length > 0 ? (counterTimeline(r).capacity(b.queue, from, to) * (to - from)) / MIN : 0;
  const rho = counterMinutes > 0 ? bookedService / counterMinutes : 0;
  const s = summary(delays);
  return {
    queue: b.queue,
    wanted: b.citizens.length,
    made: made.length,
    noSlot: b.noSlot.length,
    inWantedSlot: made.filter((m) => m.start === m.wanted).length,
    cancelled: made.filter((m) => m.cancelledAt !== null).length,
    checkedIn: checked.length,
    checkedInBefore: before.length,
    tooEarly: made.filter((m) => m.tooEarly > 0).length,
    beforeOpening: made.filter((m) => m.beforeOpening > 0).length,
    tooLate: made.filter((m) => m.tooLate).length,
    noShows: b.server.filter((x) => x.state === 'no_show').length,
    calledAfterStart: { ...s, min: delays.length ? Math.min(...delays) : 0, within10: delays.length ? delays.filter((d) => d <= 10).length / delays.length : 0 },
    lateCheckInWait: summary(lateWaits),
    walkIns: {
      n: withW.length,
      withBookings: mean(withW),
      without,
      rise: without === null ? null : mean(withW) - without,
      bookedServiceMinutes: bookedService,
      counterMinutes,
      rhoBooked: rho,
      bound: without === null || rho >= 1 ? null : (without * rho) / (1 - rho),
    },
    allWalkIns: { withBookings: mean(walkInWaits(r, null)), without: base ? mean(walkInWaits(base, null)) : null },
  };
}

/** §7 "bookings": p90 of (first call − slot start) ≤ 10 min, and the walk-ins' rise within the bound. */
export const BOOKING_TARGET = { p90Minutes: 10 } as const;

export function bookingTargetMet(f: BookingFigures): { called: boolean; walkIns: boolean | null } {
  return {
    called: f.calledAfterStart.count > 0 && f.calledAfterStart.p90 <= BOOKING_TARGET.p90Minutes,
    walkIns: f.walkIns.rise === null || f.walkIns.bound === null ? null : f.walkIns.rise <= f.walkIns.bound,
  };
}

const f1 = (x: number): string => x.toFixed(1);

/** Plain-text lines for `npm run simulate`: the figures, and the §7 target lines. */
export function bookingLines(f: BookingFigures): { figures: string[]; targets: string[] } {
  const c = f.calledAfterStart;
  const w = f.walkIns;
  const met = bookingTargetMet(f);
  const lines = [
    `Bookings (${f.queue}): ${f.wanted} citizens wanted a slot, ${f.made} booked (${f.inWantedSlot} in the slot they wanted), ${f.noSlot} found every slot full and walked in; ` +
      `${f.cancelled} cancelled, ${f.checkedIn} checked in (${f.checkedInBefore} before their slot; ${f.tooEarly} came before check-in opened and waited for it, ${f.beforeOpening} before the office opened), ` +
      `${f.noShows} no-shows (${f.tooLate} came too late and took a walk-in ticket).`,
    `Booked citizens who checked in before their slot, first call − slot start (min): n ${c.count}, p50 ${f1(c.median)}, p90 ${f1(c.p90)}, max ${f1(c.max)}, min ${f1(c.min)}; ${Math.round(c.within10 * 100)} % within 10 min.` +
      (f.lateCheckInWait.count > 0 ? ` Checked in after the slot start: waited ${f1(f.lateCheckInWait.median)} min at the median (n ${f.lateCheckInWait.count}).` : ''),
    w.without === null
      ? `Walk-ins of ${f.queue}: mean wait ${f1(w.withBookings)} min (n ${w.n}); run without --no-compare to compare with the day without bookings.`
      : `Walk-ins of ${f.queue} (n ${w.n}): mean wait ${f1(w.without)} min without bookings, ${f1(w.withBookings)} min with (${w.rise !== null && w.rise >= 0 ? '+' : ''}${f1(w.rise ?? 0)} min); ` +
        `booked service ${f1(w.bookedServiceMinutes)} of ${f1(w.counterMinutes)} counter minutes (ρ_b ${w.rhoBooked.toFixed(3)}) allows +${f1(w.bound ?? 0)} min (W0 × ρ_b / (1 − ρ_b)). ` +
        `All queues' walk-ins: ${f1(f.allWalkIns.without ?? 0)} → ${f1(f.allWalkIns.withBookings)} min.`,
  ];
  const target = [
    `${met.called ? 'met   ' : 'MISSED'}  bookings: p90 of first call − slot start ${f1(c.p90)} min (target ≤ ${BOOKING_TARGET.p90Minutes} min)`,
    met.walkIns === null
      ? '–       bookings: the walk-ins\' rise not judged (no day without bookings)'
      : `${met.walkIns ? 'met   ' : 'MISSED'}  bookings: walk-ins' mean wait rose ${f1(w.rise ?? 0)} min (allowed by the booked service time: ${f1(w.bound ?? 0)} min)`,
  ];
  return { figures: lines, targets: target };
}
