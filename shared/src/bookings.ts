import { Type, type Static } from 'typebox';
import { Id, IssuedTicketSchema, LanguageSchema, Nullable, OneOf } from './schemas.js';

/**
 * Bookings (来庁予約) merged with walk-in tickets: the wire shapes. A citizen books a slot of a
 * queue from the status page (no account) and gets a 6-digit code, a QR and a link to see or
 * cancel it; at the office the code is typed on the kiosk's keypad (or a clerk checks them in) and
 * a normal ticket of the queue is issued, marked booked. A checked-in booked ticket whose slot has
 * started is called before the queue's walk-ins within the priority streak limit; before its slot
 * it waits like a walk-in who arrived at the slot start. A booking not checked in by the end of
 * its window becomes a no-show.
 */

export const BOOKING_STATES = ['booked', 'checked_in', 'cancelled', 'no_show'] as const;
export type BookingState = (typeof BOOKING_STATES)[number];

/** 6 digits. */
export const BOOKING_CODE_PATTERN = '^[0-9]{6}$';

const Date_ = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Instant = Type.String({ format: 'date-time' });

export const BookingSlotsQuery = Type.Object({ queue: Id('queue id'), date: Date_ }, { additionalProperties: false });
export type BookingSlotsQuery = Static<typeof BookingSlotsQuery>;

export const BookingSlotSchema = Type.Object({
  start: Instant,
  end: Instant,
  /** places left (0: full) */
  available: Type.Integer({ minimum: 0 }),
});
export type BookingSlot = Static<typeof BookingSlotSchema>;

export const BookingSlotsSchema = Type.Object({ slots: Type.Array(BookingSlotSchema) });
export type BookingSlots = Static<typeof BookingSlotsSchema>;

export const CreateBookingBody = Type.Object(
  {
    queue: Id('queue id'),
    service: Type.Optional(Nullable(Id('procedure id within the queue'))),
    /** the slot's start, as the slots list gives it */
    start: Instant,
    language: Type.Optional(LanguageSchema),
  },
  { additionalProperties: false },
);
export type CreateBookingBody = Static<typeof CreateBookingBody>;

export const BookingCreatedSchema = Type.Object({
  code: Type.String({ pattern: BOOKING_CODE_PATTERN }),
  /** the secret of the booking's own page (`/b/{token}`): see or cancel it */
  token: Type.String(),
  queue: Type.String(),
  start: Instant,
  end: Instant,
  manageUrl: Type.String(),
});
export type BookingCreated = Static<typeof BookingCreatedSchema>;

export const BookingStateSchema = OneOf(BOOKING_STATES);

export const BookingSchema = Type.Object({
  code: Type.String({ pattern: BOOKING_CODE_PATTERN }),
  site: Type.String(),
  queue: Type.String(),
  service: Type.Optional(Nullable(Type.String())),
  start: Instant,
  end: Instant,
  state: BookingStateSchema,
  /** when check-in opens and closes (the kiosk accepts the code within this window) */
  checkInFrom: Type.Optional(Instant),
  checkInUntil: Type.Optional(Instant),
  /** the ticket's phone page once checked in */
  ticketToken: Type.Optional(Nullable(Type.String())),
  language: Type.Optional(LanguageSchema),
});
export type Booking = Static<typeof BookingSchema>;

/** `POST …/bookings/{code}/check-in`: the ticket issue answer plus the booking's code. */
export const CheckInReplySchema = Type.Intersect([IssuedTicketSchema, Type.Object({ booking: Type.String({ pattern: BOOKING_CODE_PATTERN }) })]);
export type CheckInReply = Static<typeof CheckInReplySchema>;

export const BookingsQuery = Type.Object({ date: Date_ }, { additionalProperties: false });
export type BookingsQuery = Static<typeof BookingsQuery>;

export const BookingRowSchema = Type.Object({
  code: Type.String(),
  queue: Type.String(),
  service: Nullable(Type.String()),
  start: Instant,
  end: Instant,
  state: BookingStateSchema,
  /** the ticket's label once checked in */
  ticket: Nullable(Type.String()),
  /** why staff cancelled it */
  reason: Type.Optional(Nullable(Type.String())),
});
export type BookingRow = Static<typeof BookingRowSchema>;

export const BookingsListSchema = Type.Object({
  bookings: Type.Array(BookingRowSchema),
  /** queues whose booking is closed for the day */
  closed: Type.Optional(Type.Array(Type.Object({ queue: Nullable(Type.String()), reason: Type.String() }))),
});
export type BookingsList = Static<typeof BookingsListSchema>;
