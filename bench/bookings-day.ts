/**
 * The simulated day with bookings (docs/product.md §7 "bookings", §8 "Bookings"): the reference
 * busy day run twice through the real server (bench/sim/, `npm run simulate -- --bookings`) — once
 * without bookings, once with a share of the 転入/転出 citizens booking a 届出受付 slot the evening
 * before and checking in at the kiosk — the same seed and the same citizens, so the walk-ins of the
 * two days are the same people. Every invariant of both days is checked, the booking ones too.
 */
import { isMain, pct, printSection, type Section } from './lib/figures.js';
import { bookingFigures, bookingTargetMet, BOOKING_TARGET } from './sim/bookings.js';
import { checkDay } from './sim/check.js';
import { loadDayFile, REFERENCE_DAY } from './sim/day.js';
import { simulateDay } from './sim/run.js';

/** The violations by kind (numbers and times left out), most frequent first. */
function kinds(violations: readonly string[]): string {
  const count = new Map<string, number>();
  for (const v of violations) {
    const k = v.replace(/^\d+:\d+:\d+ /, '').replace(/\d+/g, 'N');
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  return [...count.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n}× "${k}"`).join(', ');
}

export async function measureBookingsDay(): Promise<Section> {
  const file = loadDayFile(REFERENCE_DAY);
  const base = await simulateDay({ file });
  const r = await simulateDay({ file, bookings: true });
  const violations = [...checkDay(base).map((v) => `(without bookings) ${v}`), ...checkDay(r)];
  const f = bookingFigures(r, base);
  const met = bookingTargetMet(f);
  const c = f.calledAfterStart;
  const w = f.walkIns;
  const f1 = (x: number | null) => (x ?? 0).toFixed(1);
  const sign = (x: number | null) => `${(x ?? 0) >= 0 ? '+' : ''}${f1(x)}`;
  const cfg = r.bookings?.config;
  return {
    title: 'Simulated day with bookings',
    figures: [
      {
        what: `booked citizens who checked in before their slot: first call − slot start (n ${c.count})`,
        value: `p90 ${f1(c.p90)} min (p50 ${f1(c.median)}, max ${f1(c.max)}); ${pct(c.within10)} within 10 min`,
        anchor: `walk-ins of ${f.queue} the same day: mean wait ${f1(w.withBookings)} min`,
        ratio: `${pct(c.p90 / BOOKING_TARGET.p90Minutes)} of the target`,
        target: `p90 ≤ ${BOOKING_TARGET.p90Minutes} min`,
        met: met.called,
        why: met.called
          ? `a checked-in booked ticket whose slot has started is called before the walk-ins (within the streak limit), so the p90 is ${f1(c.p90)} min while walk-ins wait ${f1(w.withBookings)} min on average.`
          : `the p90 is ${f1(c.p90)} min after the slot start.`,
      },
      {
        what: `walk-ins' mean wait in ${f.queue}, the same citizens without and with bookings (n ${w.n})`,
        value: `${f1(w.without)} → ${f1(w.withBookings)} min (${sign(w.rise)} min)`,
        anchor: `the booked service time's share ρ_b ${w.rhoBooked.toFixed(3)} allows ${sign(w.bound)} min`,
        ratio: w.bound ? `${pct((w.rise ?? 0) / w.bound)} of the allowance` : '—',
        target: 'rise ≤ W0 × ρ_b / (1 − ρ_b)',
        met: met.walkIns,
        why: met.walkIns
          ? `the walk-ins ${(w.rise ?? 0) < 0 ? `gain ${f1(-(w.rise ?? 0))}` : `lose ${f1(w.rise)}`} min on average: no more than the ${f1(w.bookedServiceMinutes)} counter minutes of booked service (of ${f1(w.counterMinutes)}) allow (${sign(w.bound)} min).`
          : `the walk-ins lose ${f1(w.rise)} min on average, more than the ${f1(w.bound)} min the booked service time accounts for.`,
      },
      {
        what: 'both days checked: order with booked tickets, streak limit, labels, accounting, display, and the booking invariants',
        value: `${violations.length} violations`,
        anchor: '—',
        ratio: '—',
        target: 'every invariant checked',
        met: violations.length === 0,
        why: violations.length === 0 ? 'no slot over capacity, no label or code twice, the streak limit held, every booking checked in, cancelled or a no-show at the end.' : `the first: ${violations[0] ?? ''}${violations.length > 1 ? ` (and ${violations.length - 1} more: ${kinds(violations)})` : ''}`,
      },
    ],
    notes: [
      `\`simulateDay()\` from bench/sim/run.ts on the reference day (${file.name}; seed ${file.seed}), first without bookings, then with \`bookings: true\`: ${pct(file.bookings?.share ?? 0)} of the ${file.bookings?.services.join('/')} citizens of ${f.queue} book, the evening before, the slot holding the time they would have walked in (else the nearest with a place) through \`POST /api/v1/sites/{site}/bookings\`, and check in at the kiosk with \`POST …/bookings/{code}/check-in\`. The queue's booking: ${cfg ? `${cfg.slotMinutes}-min slots, ${cfg.perSlot} per slot, check-in from ${cfg.checkInBeforeMinutes} min before to ${cfg.checkInAfterMinutes} min after the start` : '—'}. ${r.tickets.length.toLocaleString('en-US')} tickets, ${(r.wallMs / 1000).toFixed(1)} s for the day with bookings, ${(base.wallMs / 1000).toFixed(1)} s without; ${violations.length} invariant violations over both days (bench/sim/check.ts, with the booking invariants: no slot over capacity, no code or label twice, the streak limit held with booked tickets, every booking checked in, cancelled or a no-show at the end, the server's list as the citizens did).`,
      `Bookings: ${f.wanted} wanted a slot, ${f.made} booked (${f.inWantedSlot} in the slot they wanted), ${f.noSlot} found every slot full and walked in; ${f.cancelled} cancelled, ${f.checkedIn} checked in (${f.checkedInBefore} before the slot start; ${f.tooEarly} came before check-in opened and were told when to come back, ${f.beforeOpening} came before the office opened and checked in at opening), ${f.noShows} no-shows (${f.tooLate} came after the window and took a walk-in ticket). Called after the slot start: min ${f1(c.min)} min (negative: called before the start, the queue being short). Checked in after the start: ${f.lateCheckInWait.count} waited ${f1(f.lateCheckInWait.median)} min at the median.`,
      `The allowance: booked tickets whose slot has started go before the walk-ins, a higher-priority class to them; for non-preemptive priority the lower class waits its first-come-first-served wait ÷ (1 − ρ_b) (Cobham), so the rise the booked service time requires is W0 × ρ_b / (1 − ρ_b), with W0 the walk-ins' mean wait without bookings and ρ_b = booked service minutes (call → end) ÷ the queue's share-weighted counter minutes from the first slot start to the last slot end (bench/sim/bookings.ts). Walk-ins of every queue: ${f1(f.allWalkIns.without)} → ${f1(f.allWalkIns.withBookings)} min.`,
    ],
  };
}

if (isMain(import.meta.url)) printSection(await measureBookingsDay());
