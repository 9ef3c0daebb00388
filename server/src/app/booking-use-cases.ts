import {
  DomainError,
  type Actor,
  type Booking as BookingView,
  type BookingCreated,
  type BookingRow,
  type BookingSlot,
  type BookingsList,
  type Language,
} from '@madoguchi/shared';
import { checkInVerdict, checkInWindow, isNoShow, newBookingCode, requestedSlot, slotsOn } from '../domain/booking.js';
import type { ScheduleContext } from '../domain/schedule.js';
import { DEFAULT_BOOKING_LIMITS, type BookingDef, type QueueDef, type SiteDef } from '../domain/site.js';
import { takeToken, type Bucket } from '../domain/token-bucket.js';
import { addDays, isoTime, localDate, zonedInstant } from '../domain/time.js';
import type { BookingRecord as Booking, BookingStore } from '../ports/booking-store.js';
import type { Clock } from '../ports/clock.js';
import { businessDateFor, queueOf, runUnit, siteOf, type EngineDeps, type UnitOfWork } from './context.js';
import { issueTicketIn, type TakenTicket } from './ticket-use-cases.js';

/** the actor of the citizens' own changes and of the no-show rule (no account: the log says "bookings") */
const BOOKING_ACTOR: Actor = { kind: 'system', id: 'bookings' };

/** The bookings' store, or 503 on an engine built without one (tests of other things). */
function storeOf(deps: EngineDeps): BookingStore {
  if (!deps.bookings) throw new DomainError('UNAVAILABLE', 'bookings are not available');
  return deps.bookings;
}

const scheduleOf = (site: SiteDef, queue: QueueDef): ScheduleContext => ({
  schedule: queue.schedule,
  siteClosedDays: site.closedDays,
  siteSpecialOpenings: site.specialOpenings,
  timeZone: site.timeZone,
});

/** A queue that takes bookings, or 404 (unknown, or without a `booking` block). */
function bookingQueue(site: SiteDef, queueId: string): QueueDef & { booking: BookingDef } {
  const q = queueOf(site, queueId);
  if (!q.booking) throw new DomainError('NOT_FOUND', `queue "${queueId}" takes no bookings`, { field: 'queue' });
  return q as QueueDef & { booking: BookingDef };
}

const todayOf = (deps: EngineDeps, site: SiteDef, now: number): string => businessDateFor(deps.store.siteDay(site.id).businessDate, now, site.timeZone);

const closedFor = (store: BookingStore, site: SiteDef, queueId: string) => (date: string) =>
  store.closures(site.id, date).some((c) => c.queueId === null || c.queueId === queueId);

/** GET booking-slots: the date's slots with the places left (none on a closed or unbookable day). */
export function bookingSlots(deps: EngineDeps, siteId: string, queueId: string, date: string): BookingSlot[] {
  const site = siteOf(deps, siteId);
  const queue = bookingQueue(site, queueId);
  const store = storeOf(deps);
  const now = deps.clock.now().getTime();
  const today = todayOf(deps, site, now);
  if (date < today || date > addDays(today, queue.booking.daysAhead) || closedFor(store, site, queue.id)(date)) return [];
  const slots = slotsOn(scheduleOf(site, queue), queue.booking, date).filter((s) => s.start > now);
  const dayStart = zonedInstant(date, 0, site.timeZone);
  const counts = store.slotCounts(site.id, queue.id, dayStart, zonedInstant(addDays(date, 1), 0, site.timeZone));
  return slots.map((s) => ({ start: isoTime(s.start), end: isoTime(s.end), available: Math.max(0, queue.booking.perSlot - (counts.get(s.start) ?? 0)) }));
}

/** The creation limits of a site: per address, a token bucket in memory and a count per day in the rows. */
export class BookingLimiter {
  private readonly buckets = new Map<string, Bucket>();
  constructor(private readonly clock: Clock) {}

  /** Takes one creation for `address` or throws RATE_LIMITED with the seconds to wait. */
  check(site: SiteDef, address: string): void {
    const limits = site.bookingLimits ?? DEFAULT_BOOKING_LIMITS;
    const key = `${site.id}\u0000${address}`;
    const t = takeToken(this.buckets.get(key), { perMinute: limits.perMinute, burst: limits.burst }, this.clock.now().getTime());
    this.buckets.set(key, t.bucket);
    if (this.buckets.size > 10_000) this.buckets.clear();
    if (t.ok) return;
    const seconds = Math.max(1, Math.ceil(t.retryAfterMs / 1000));
    throw new DomainError('RATE_LIMITED', `too many bookings from this address; try again in ${seconds} s`, { reason: String(seconds) });
  }
}

export interface CreateBookingInput {
  queue: string;
  service?: string | null;
  start: string;
  language?: Language;
  /** the client's address: hashed (keyed) for the daily limit, never stored */
  address: string;
}

/** POST bookings: a place in a slot, counted and taken in one write transaction (the last place goes once). */
export function createBooking(deps: EngineDeps, siteId: string, input: CreateBookingInput, publicUrl: string): BookingCreated {
  const store = storeOf(deps);
  return runUnit(deps, siteId, BOOKING_ACTOR, (u) => {
    const { site } = u;
    const queue = bookingQueue(site, input.queue);
    const serviceId = input.service ?? null;
    if (serviceId !== null && !queue.services.some((s) => s.id === serviceId)) {
      throw new DomainError('NOT_FOUND', `unknown service "${serviceId}" in queue "${queue.id}"`, { field: 'service' });
    }
    const start = Date.parse(input.start);
    if (!Number.isFinite(start)) throw new DomainError('VALIDATION', 'start is not a date-time', { field: 'start' });
    const slot = requestedSlot({ ctx: scheduleOf(site, queue), booking: queue.booking, start, now: u.now, today: u.businessDate, closed: closedFor(store, site, queue.id) });
    const limits = site.bookingLimits ?? DEFAULT_BOOKING_LIMITS;
    const createdDay = localDate(u.now, site.timeZone);
    const addressHash = store.addressHash(input.address);
    if (store.bookingsByAddress(site.id, createdDay, addressHash) >= limits.perAddressPerDay) {
      throw new DomainError('RATE_LIMITED', `at most ${limits.perAddressPerDay} bookings a day from one address`, { reason: '3600' });
    }
    const taken = store.slotCounts(site.id, queue.id, slot.start, slot.start + 1).get(slot.start) ?? 0;
    if (taken >= queue.booking.perSlot) throw new DomainError('SLOT_FULL', 'this slot has no place left', { field: 'start' });
    // the engine's unguessable tokens are the randomness (use cases reach no IO but through ports)
    const code = newBookingCode(() => uniformOf(deps.newToken()), (c) => store.isCodeOpen(site.id, c));
    const token = deps.newToken();
    const booking: Booking = {
      id: 0,
      siteId: site.id,
      queueId: queue.id,
      serviceId,
      businessDate: slot.date,
      slotStart: slot.start,
      slotEnd: slot.end,
      code,
      token,
      state: 'booked',
      language: input.language ?? null,
      createdAt: u.now,
      ticketId: null,
      checkedInAt: null,
      cancelReason: null,
      cancelledAt: null,
    };
    booking.id = store.insertBooking({ ...booking, createdDay, addressHash });
    recordBooking(u, booking);
    return { code, token, queue: queue.id, start: isoTime(slot.start), end: isoTime(slot.end), manageUrl: `${publicUrl}/b/${token}` };
  });
}

/** A token folded over all its characters to a number in [0, 1): uniform for the engine's random tokens. */
function uniformOf(token: string): number {
  let h = 0;
  for (let i = 0; i < token.length; i++) h = (h * 131 + token.charCodeAt(i)) % 2 ** 40;
  return h / 2 ** 40;
}

function recordBooking(u: UnitOfWork, b: Booking): void {
  u.record({ type: 'booking:changed', code: b.code, queue: b.queueId, start: isoTime(b.slotStart), state: b.state, reason: b.cancelReason });
}

function viewOf(deps: EngineDeps, b: Booking): BookingView {
  const site = siteOf(deps, b.siteId);
  const queue = site.queues.find((q) => q.id === b.queueId);
  const w = queue?.booking ? checkInWindow(queue.booking, b.slotStart) : null;
  const ticket = b.ticketId === null ? undefined : deps.store.ticket(b.siteId, b.ticketId);
  return {
    code: b.code,
    site: b.siteId,
    queue: b.queueId,
    service: b.serviceId,
    start: isoTime(b.slotStart),
    end: isoTime(b.slotEnd),
    state: b.state,
    ...(w ? { checkInFrom: isoTime(w.from), checkInUntil: isoTime(w.until) } : {}),
    // the ticket's phone page (and its turn-near alerts) once checked in
    ticketToken: ticket && !ticket.token.startsWith('~') ? ticket.token : null,
    ...(b.language ? { language: b.language } : {}),
  };
}

function byToken(deps: EngineDeps, token: string): Booking {
  const b = storeOf(deps).bookingByToken(token);
  if (!b || token.startsWith('~')) throw new DomainError('NOT_FOUND', 'unknown booking', { field: 'token' });
  return b;
}

/** GET /bookings/{token}: the booking's own page. A booking past its window reads as the no-show it is. */
export function bookingByToken(deps: EngineDeps, token: string): BookingView {
  const b = byToken(deps, token);
  if (b.state === 'booked') endNoShows(deps, b.siteId);
  return viewOf(deps, storeOf(deps).bookingByToken(token) ?? b);
}

/** DELETE /bookings/{token}: the citizen cancels; the place is free again. Only an open booking. */
export function cancelByToken(deps: EngineDeps, token: string): void {
  const b = byToken(deps, token);
  runUnit(deps, b.siteId, BOOKING_ACTOR, (u) => {
    const fresh = storeOf(deps).bookingByToken(token) ?? b;
    if (fresh.state !== 'booked') throw new DomainError('CONFLICT', `this booking is ${fresh.state}`, { field: 'token' });
    cancelIn(u, fresh, null);
  });
}

function cancelIn(u: UnitOfWork, b: Booking, reason: string | null): void {
  b.state = 'cancelled';
  b.cancelReason = reason;
  b.cancelledAt = u.now;
  storeOf(u.deps).updateBooking(b);
  recordBooking(u, b);
}

/** A manager cancels a booking by its code (with a reason the booking's page does not show). */
export function cancelByStaff(deps: EngineDeps, siteId: string, code: string, reason: string, actor: Actor): BookingRow {
  return runUnit(deps, siteId, actor, (u) => {
    const b = storeOf(deps).bookingByCode(u.site.id, code, u.businessDate);
    if (!b) throw new DomainError('NOT_FOUND', 'unknown booking code', { field: 'code' });
    if (b.state !== 'booked') throw new DomainError('CONFLICT', `this booking is ${b.state}`, { field: 'code' });
    cancelIn(u, b, reason);
    return rowOf(b, null);
  });
}

export interface CheckInInput {
  idempotencyKey?: string | null;
  kiosk?: string | null;
}

/**
 * A booking's check-in (kiosk keypad or clerk): within its window, a normal ticket of its queue
 * is issued in the same unit of work — numbered, printed, pushed like a walk-in's — carrying the
 * slot start. The same Idempotency-Key again returns the same ticket (a lost answer), never a
 * second one.
 */
export function checkIn(deps: EngineDeps, siteId: string, code: string, input: CheckInInput, actor: Actor): TakenTicket & { booking: string } {
  const store = storeOf(deps);
  return runUnit(deps, siteId, actor, (u) => {
    const b = store.bookingByCode(u.site.id, code, u.businessDate);
    if (!b || b.state === 'cancelled') throw new DomainError('NOT_FOUND', 'unknown booking code', { field: 'code' });
    const queue = u.site.queues.find((q) => q.id === b.queueId);
    if (!queue?.booking) throw new DomainError('NOT_FOUND', 'unknown booking code', { field: 'code' });
    const ticketInput = {
      queue: b.queueId,
      service: b.serviceId,
      ...(b.language ? { language: b.language } : {}),
      idempotencyKey: input.idempotencyKey ?? null,
      kiosk: input.kiosk ?? null,
      slotStart: b.slotStart,
    };
    if (b.state === 'checked_in') {
      // a retried check-in (same key) answers its ticket again; anything else is a second check-in
      const seen = input.idempotencyKey ? deps.store.idempotencyKey(u.site.id, callerKeyOf(actor), input.idempotencyKey) : undefined;
      if (seen && seen.ticketId === b.ticketId) return { ...issueTicketIn(u, ticketInput, actor), booking: b.code };
      throw new DomainError('ALREADY_CHECKED_IN', 'this booking is already checked in', { field: 'code' });
    }
    const verdict = checkInVerdict(queue.booking, b.slotStart, u.now);
    if (!verdict.ok && verdict.code === 'TOO_EARLY') {
      throw new DomainError('TOO_EARLY', `check-in opens at ${isoTime(verdict.opensAt)}`, { field: 'code', nextOpening: isoTime(verdict.opensAt) });
    }
    if (!verdict.ok || b.state === 'no_show') throw new DomainError('TOO_LATE', 'the check-in window has closed; please ask staff', { field: 'code' });
    const taken = issueTicketIn(u, ticketInput, actor);
    b.state = 'checked_in';
    b.ticketId = taken.ticket.id;
    b.checkedInAt = u.now;
    store.updateBooking(b);
    recordBooking(u, b);
    return { ...taken, booking: b.code };
  });
}

const STAFF = new Set<Actor['kind']>(['clerk', 'manager', 'admin']);
/** the caller of an idempotency key, as ticket-use-cases.ts keys them */
const callerKeyOf = (actor: Actor): string => `${STAFF.has(actor.kind) ? 'user' : actor.kind}:${actor.id}`;

function rowOf(b: Booking, ticketLabel: string | null): BookingRow {
  return {
    code: b.code,
    queue: b.queueId,
    service: b.serviceId,
    start: isoTime(b.slotStart),
    end: isoTime(b.slotEnd),
    state: b.state,
    ticket: ticketLabel,
    reason: b.cancelReason,
  };
}

/** GET bookings?date: the manager's list of a day, and the day's closures. */
export function bookingsOfDay(deps: EngineDeps, siteId: string, date: string): BookingsList {
  const site = siteOf(deps, siteId);
  const store = storeOf(deps);
  endNoShows(deps, site.id);
  return {
    bookings: store.bookingsOfDay(site.id, date).map((b) => rowOf(b, b.ticketLabel)),
    closed: store.closures(site.id, date).map((c) => ({ queue: c.queueId, reason: c.reason })),
  };
}

/**
 * A manager closes booking for a day (of one queue or of all): no new booking is taken, and the
 * day's open bookings of it are cancelled with the reason (the citizens' pages say so) — an office
 * closes a day because it cannot serve them. Reopening takes bookings again; cancelled ones stay.
 */
export function closeBookingDay(deps: EngineDeps, siteId: string, date: string, queueId: string | null, reason: string, actor: Actor): { cancelled: number } {
  const store = storeOf(deps);
  return runUnit(deps, siteId, actor, (u) => {
    if (queueId !== null) bookingQueue(u.site, queueId);
    store.setClosure(u.site.id, date, queueId, reason, u.now);
    let cancelled = 0;
    for (const b of store.bookingsOfDay(u.site.id, date)) {
      if (b.state !== 'booked' || (queueId !== null && b.queueId !== queueId)) continue;
      const { ticketLabel: _label, ...plain } = b;
      cancelIn(u, plain, reason);
      cancelled++;
    }
    u.record({ type: 'booking:closure', date, queue: queueId, closed: true, reason, cancelled });
    return { cancelled };
  });
}

export function reopenBookingDay(deps: EngineDeps, siteId: string, date: string, queueId: string | null, actor: Actor): void {
  const store = storeOf(deps);
  runUnit(deps, siteId, actor, (u) => {
    if (!store.deleteClosure(u.site.id, date, queueId)) throw new DomainError('NOT_FOUND', 'booking is not closed on this day', { field: 'date' });
    u.record({ type: 'booking:closure', date, queue: queueId, closed: false, reason: null, cancelled: 0 });
  });
}

/**
 * Open bookings whose check-in window has ended become no-shows (the per-minute tick, the day's
 * rollover, and before a booking or the day's list is read). Returns how many.
 */
export function endNoShows(deps: EngineDeps, siteId: string): number {
  const store = deps.bookings;
  if (!store) return 0;
  const site = siteOf(deps, siteId);
  const now = deps.clock.now().getTime();
  const due = store.openStartedBy(site.id, now).filter((b) => {
    const q = site.queues.find((x) => x.id === b.queueId);
    // a queue whose booking block was removed: its bookings end with their slot
    return q?.booking ? isNoShow(q.booking, b.slotStart, now) : b.slotEnd <= now;
  });
  if (due.length === 0) return 0;
  runUnit(deps, site.id, BOOKING_ACTOR, (u) => {
    for (const b of due) {
      b.state = 'no_show';
      store.updateBooking(b);
      recordBooking(u, b);
    }
  });
  return due.length;
}
