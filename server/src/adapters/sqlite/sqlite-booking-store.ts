import { createHmac } from 'node:crypto';
import type { BookingState, Language } from '@madoguchi/shared';
import type { BookingRecord as Booking, BookingClosure, BookingStore, BookingWithTicket, NewBooking } from '../../ports/booking-store.js';
import type { BookingCount } from '../../ports/report-store.js';
import type { SqliteDatabase } from './sqlite-database.js';

type Row = Record<string, unknown>;
const iso = (ms: number): string => new Date(ms).toISOString();
const msOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Date.parse(String(v)));

function toBooking(r: Row): Booking {
  return {
    id: Number(r.id),
    siteId: String(r.site_id),
    queueId: String(r.queue_id),
    serviceId: (r.service_id as string | null) ?? null,
    businessDate: String(r.business_date),
    slotStart: Date.parse(String(r.slot_start)),
    slotEnd: Date.parse(String(r.slot_end)),
    code: String(r.code),
    token: String(r.token),
    state: r.state as BookingState,
    language: (r.language as Language | null) ?? null,
    createdAt: Date.parse(String(r.created_at)),
    ticketId: r.ticket_id === null ? null : Number(r.ticket_id),
    checkedInAt: msOrNull(r.checked_in_at),
    cancelReason: (r.cancel_reason as string | null) ?? null,
    cancelledAt: msOrNull(r.cancelled_at),
  };
}

/** The bookings (migration 0016) on the engine's connection. */
export class SqliteBookingStore implements BookingStore {
  private key: Buffer | null = null;

  // statements come prepared once from the database's cache (a sign-in check and a forecast's
  // bookings run on every request: preparing them each time cost more than running them)
  constructor(private readonly database: SqliteDatabase) {}

  insertBooking(b: NewBooking): number {
    const r = this.database
      .statement(
        `INSERT INTO bookings (site_id, queue_id, service_id, business_date, slot_start, slot_end, code, token, state, language, created_at, created_day, created_by_addr, ticket_id, checked_in_at, cancel_reason, cancelled_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(b.siteId, b.queueId, b.serviceId, b.businessDate, iso(b.slotStart), iso(b.slotEnd), b.code, b.token, b.state, b.language, iso(b.createdAt), b.createdDay, b.addressHash, b.ticketId, null, null, null);
    return Number(r.lastInsertRowid);
  }

  updateBooking(b: Booking): void {
    this.database
      .statement(`UPDATE bookings SET state = ?, ticket_id = ?, checked_in_at = ?, cancel_reason = ?, cancelled_at = ? WHERE id = ?`)
      .run(b.state, b.ticketId, b.checkedInAt === null ? null : iso(b.checkedInAt), b.cancelReason, b.cancelledAt === null ? null : iso(b.cancelledAt), b.id);
  }

  bookingByToken(token: string): Booking | undefined {
    const r = this.database.statement('SELECT * FROM bookings WHERE token = ?').get(token) as Row | undefined;
    return r ? toBooking(r) : undefined;
  }

  bookingByCode(siteId: string, code: string, date: string): Booking | undefined {
    const r = this.database
      .statement(
        `SELECT * FROM bookings WHERE site_id = ? AND code = ? AND (state = 'booked' OR business_date = ?)
          ORDER BY (state = 'booked') DESC, id DESC LIMIT 1`,
      )
      .get(siteId, code, date) as Row | undefined;
    return r ? toBooking(r) : undefined;
  }

  isCodeOpen(siteId: string, code: string): boolean {
    return this.database.statement(`SELECT 1 FROM bookings WHERE site_id = ? AND code = ? AND state = 'booked'`).get(siteId, code) !== undefined;
  }

  slotCounts(siteId: string, queueId: string, from: number, to: number): Map<number, number> {
    const rows = this.database
      .statement(
        `SELECT slot_start, count(*) AS n FROM bookings WHERE site_id = ? AND queue_id = ? AND state IN ('booked', 'checked_in')
            AND slot_start >= ? AND slot_start < ? GROUP BY slot_start`,
      )
      .all(siteId, queueId, iso(from), iso(to)) as Row[];
    return new Map(rows.map((r) => [Date.parse(String(r.slot_start)), Number(r.n)]));
  }

  bookingsOfDay(siteId: string, date: string): BookingWithTicket[] {
    const rows = this.database
      .statement(
        `SELECT b.*, t.label AS ticket_label FROM bookings b LEFT JOIN tickets t ON t.id = b.ticket_id
          WHERE b.site_id = ? AND b.business_date = ? ORDER BY b.slot_start, b.queue_id, b.id`,
      )
      .all(siteId, date) as Row[];
    return rows.map((r) => ({ ...toBooking(r), ticketLabel: (r.ticket_label as string | null) ?? null }));
  }

  openStartedBy(siteId: string, startedBy: number): Booking[] {
    return (this.database.statement(`SELECT * FROM bookings WHERE site_id = ? AND state = 'booked' AND slot_start <= ? ORDER BY id`).all(siteId, iso(startedBy)) as Row[]).map(toBooking);
  }

  openOfDay(siteId: string, date: string): Booking[] {
    return (this.database.statement(`SELECT * FROM bookings WHERE site_id = ? AND business_date = ? AND state = 'booked' ORDER BY slot_start`).all(siteId, date) as Row[]).map(toBooking);
  }

  countsBetween(siteId: string, from: string, to: string): BookingCount[] {
    return (
      this.database.statement('SELECT queue_id, state, count(*) AS n FROM bookings WHERE site_id = ? AND business_date BETWEEN ? AND ? GROUP BY queue_id, state').all(siteId, from, to) as Row[]
    ).map((r) => ({ queueId: String(r.queue_id), state: r.state as BookingState, n: Number(r.n) }));
  }

  bookingsByAddress(siteId: string, day: string, addressHash: string): number {
    return Number(this.database.statement('SELECT count(*) FROM bookings WHERE site_id = ? AND created_day = ? AND created_by_addr = ?').pluck().get(siteId, day, addressHash));
  }

  closures(siteId: string, date: string): BookingClosure[] {
    return (this.database.statement('SELECT queue_id, reason FROM booking_closures WHERE site_id = ? AND business_date = ? ORDER BY queue_id').all(siteId, date) as Row[]).map((r) => ({
      queueId: r.queue_id === '' ? null : String(r.queue_id),
      reason: String(r.reason),
    }));
  }

  setClosure(siteId: string, date: string, queueId: string | null, reason: string, at: number): void {
    this.database
      .statement(
        `INSERT INTO booking_closures (site_id, business_date, queue_id, reason, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET reason = excluded.reason, created_at = excluded.created_at`,
      )
      .run(siteId, date, queueId ?? '', reason, iso(at));
  }

  deleteClosure(siteId: string, date: string, queueId: string | null): boolean {
    return this.database.statement('DELETE FROM booking_closures WHERE site_id = ? AND business_date = ? AND queue_id = ?').run(siteId, date, queueId ?? '').changes > 0;
  }

  addressHash(address: string): string {
    this.key ??= this.database.statement('SELECT secret FROM booking_secret WHERE id = 1').pluck().get() as Buffer;
    return createHmac('sha256', this.key).update(address).digest('base64url');
  }

  forgetBefore(siteId: string, date: string): number {
    const addrs = this.database.statement('UPDATE bookings SET created_by_addr = NULL WHERE site_id = ? AND created_day < ? AND created_by_addr IS NOT NULL').run(siteId, date).changes;
    // the booking's page ends with its day: 128 random bits nobody was given, marked "~"
    this.database
      .statement(`UPDATE bookings SET token = '~' || lower(hex(randomblob(16))) WHERE site_id = ? AND business_date < ? AND substr(token, 1, 1) <> '~' AND state <> 'booked'`)
      .run(siteId, date);
    return addrs;
  }
}
