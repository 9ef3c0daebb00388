import { Type } from 'typebox';
import {
  BookingCreatedSchema,
  BookingRowSchema,
  BookingSchema,
  BookingSlotsQuery,
  BookingSlotsSchema,
  BookingsListSchema,
  BookingsQuery,
  CheckInReplySchema,
  CreateBookingBody,
  DomainError,
} from '@madoguchi/shared';
import type { BookingLimiter } from '../../../app/booking-use-cases.js';
import { siteOf } from '../../../app/context.js';
import { actorOf, allow } from '../auth-hooks.js';
import { issuedAnswer } from './tickets.js';
import { emptyBodyAsObject, errors, security, SiteId, SiteParam, type App, type HttpDeps } from '../context.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,128}$/;
const TokenParam = Type.Object({ token: Type.String({ minLength: 1, maxLength: 128 }) });
const CodeParams = Type.Object({ site: SiteId, code: Type.String({ pattern: '^[0-9]{6}$', description: 'the 6-digit booking code' }) });
const DateParams = Type.Object({ site: SiteId, date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' }) });
const CancelBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
const ClosureBody = Type.Object(
  { queue: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()])), reason: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
const ReopenQuery = Type.Object({ queue: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) }, { additionalProperties: false });
const ClosureReplySchema = Type.Object({ cancelled: Type.Integer({ minimum: 0 }) });

/** Bookings (来庁予約, docs/api.md "Bookings", docs/bookings.md). */
export function bookingRoutes(app: App, { engine }: HttpDeps, limiter: BookingLimiter): void {
  app.get(
    '/api/v1/sites/:site/booking-slots',
    {
      schema: {
        tags: ['public'],
        summary: 'a queue’s slots on a date and the places left; 404 for a queue that takes no bookings',
        params: SiteParam,
        querystring: BookingSlotsQuery,
        response: { 200: BookingSlotsSchema, ...errors(400, 404) },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return { slots: engine.bookingSlots(req.params.site, req.query.queue, req.query.date) };
    },
  );

  app.post(
    '/api/v1/sites/:site/bookings',
    {
      schema: {
        tags: ['public'],
        summary: 'book a slot (no account): a 6-digit code and the booking’s own page',
        description:
          '409 SLOT_FULL (no place left), BOOKING_CLOSED (a manager closed the day), OUTSIDE_HOURS (not a slot of the schedule, started, ' +
          'or beyond daysAhead). 429 RATE_LIMITED past the per-address creation rate or bookings per address per day (bookingLimits).',
        params: SiteParam,
        body: CreateBookingBody,
        response: { 201: BookingCreatedSchema, ...errors(400, 404, 409, 429, 507) },
      },
    },
    async (req, reply) => {
      limiter.check(siteOf(engine.deps, req.params.site), req.ip);
      const created = engine.createBooking(req.params.site, {
        queue: req.body.queue,
        service: req.body.service ?? null,
        start: req.body.start,
        ...(req.body.language ? { language: req.body.language } : {}),
        address: req.ip,
      });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/bookings/:token',
    {
      schema: { tags: ['public'], summary: 'a booking by its secret token (its own page)', params: TokenParam, response: { 200: BookingSchema, ...errors(404) } },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return engine.booking(req.params.token);
    },
  );

  app.delete(
    '/api/v1/bookings/:token',
    {
      schema: {
        tags: ['public'],
        summary: 'cancel a booking: its place is free again (409 once checked in, cancelled or a no-show)',
        params: TokenParam,
        response: { 204: Type.Null(), ...errors(404, 409) },
      },
    },
    async (req, reply) => {
      engine.cancelBooking(req.params.token);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/sites/:site/bookings/:code/check-in',
    {
      onRequest: allow({ devices: ['kiosk'], role: 'clerk' }),
      preValidation: emptyBodyAsObject,
      config: { action: 'booking.check-in' },
      schema: {
        tags: ['kiosk'],
        summary: 'check a booking in: a normal ticket of its queue, marked booked (the ticket issue answer plus `booking`)',
        description:
          '409 TOO_EARLY (`nextOpening`: when check-in opens), TOO_LATE (the window closed: staff can issue a walk-in ticket), ' +
          'ALREADY_CHECKED_IN. The same Idempotency-Key returns the same ticket (200).',
        security,
        params: CodeParams,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: Type.Object({}, { additionalProperties: false }),
        response: { 200: CheckInReplySchema, 201: CheckInReplySchema, ...errors(400, 401, 403, 404, 409, 429, 507) },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))) {
        throw new DomainError('VALIDATION', 'Idempotency-Key: 1–128 of A-Z a-z 0-9 _ . : -', { field: 'Idempotency-Key' });
      }
      const r = engine.checkIn(
        req.params.site,
        req.params.code,
        { idempotencyKey: key ?? null, kiosk: req.principal?.kind === 'device' ? req.principal.name : null },
        actorOf(req),
      );
      return reply.status(r.created ? 201 : 200).send({ ...issuedAnswer(r, engine.deps.config.publicUrl), booking: r.booking });
    },
  );

  app.get(
    '/api/v1/sites/:site/bookings',
    {
      onRequest: allow({ role: 'manager' }),
      schema: {
        tags: ['manager'],
        summary: 'a day’s bookings per slot (booked, checked in, cancelled, no-show) and its closures',
        security,
        params: SiteParam,
        querystring: BookingsQuery,
        response: { 200: BookingsListSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => engine.bookingsOfDay(req.params.site, req.query.date),
  );

  app.post(
    '/api/v1/sites/:site/bookings/:code/cancel',
    {
      onRequest: allow({ role: 'manager' }),
      config: { action: 'booking.cancel' },
      schema: {
        tags: ['manager'],
        summary: 'cancel an open booking with a reason (kept for the manager, not shown to the citizen)',
        security,
        params: CodeParams,
        body: CancelBody,
        response: { 200: BookingRowSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => engine.cancelBookingByStaff(req.params.site, req.params.code, req.body.reason, actorOf(req)),
  );

  app.put(
    '/api/v1/sites/:site/booking-closures/:date',
    {
      onRequest: allow({ role: 'manager' }),
      config: { action: 'booking.close-day' },
      schema: {
        tags: ['manager'],
        summary: 'close booking for a day (one queue, or all without `queue`): no new bookings, and the day’s open ones are cancelled with the reason',
        security,
        params: DateParams,
        body: ClosureBody,
        response: { 200: ClosureReplySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => engine.closeBookingDay(req.params.site, req.params.date, req.body.queue ?? null, req.body.reason, actorOf(req)),
  );

  app.delete(
    '/api/v1/sites/:site/booking-closures/:date',
    {
      onRequest: allow({ role: 'manager' }),
      config: { action: 'booking.reopen-day' },
      schema: {
        tags: ['manager'],
        summary: 'take bookings for the day again (bookings the closure cancelled stay cancelled)',
        security,
        params: DateParams,
        querystring: ReopenQuery,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      engine.reopenBookingDay(req.params.site, req.params.date, req.query.queue ?? null, actorOf(req));
      return reply.status(204).send(null);
    },
  );
}
