import { Type, type Static, type TSchema } from 'typebox';
import { DashboardSchema, MovePreviewSchema } from './dashboard.js';
import { DailyReportSchema, MonthlyReportSchema } from './reports.js';
import { ForecastQuery, ForecastSchema, HistorySpanSchema, SitesComparisonSchema, StaffingQuery, StaffingSchema } from './forecast.js';
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
} from './bookings.js';
import { AlertCreatedSchema, AlertSignupBody, PushKeySchema, TicketAlertsSchema } from './turn-alerts.js';
import {
  AnnouncementBody,
  CallNextBody,
  CallTicketBody,
  CounterReplySchema,
  CounterSchema,
  CreateDeviceBody,
  CreateUserBody,
  DateQuery,
  FeedbackBody,
  IssuedTicketSchema,
  IssuingBody,
  KioskPrinterBody,
  LearnButtonBody,
  LoginBody,
  MonthQuery,
  MoveQuery,
  PrintReplySchema,
  QueueCatalogueSchema,
  ReprintBody,
  SiteSchema,
  SiteStatusSchema,
  TakeTicketBody,
  TicketReplySchema,
  TicketSchema,
  TicketStatusSchema,
  TransferBody,
  UpdateCounterBody,
  UpdateUserBody,
} from './schemas.js';
import {
  ButtonsInfoSchema,
  CreatedDeviceSchema,
  DeviceRowSchema,
  IssuingReplySchema,
  KioskPrinterSchema,
  LearnReplySchema,
  MeSchema,
  PrintersInfoSchema,
  StaffSchema,
  UserRowSchema,
} from './staff-schemas.js';

/**
 * The route map: every stable route the pages call, `METHOD /path` → its query, body and success
 * answer. The server's routes answer with these schemas (test/wire-shapes.test.ts compares them
 * with the OpenAPI document); the pages type their calls from them (shared/web/api-client.ts), so
 * a changed field fails the build of every page that reads it.
 */

export const SitesReplySchema = Type.Object({ sites: Type.Array(SiteSchema) });
export const QueuesReplySchema = Type.Object({ queues: Type.Array(QueueCatalogueSchema) });
export const TicketsReplySchema = Type.Object({ tickets: Type.Array(TicketSchema) });
export const CountersReplySchema = Type.Object({ counters: Type.Array(CounterSchema) });
export const StaffReplySchema = Type.Object({ user: StaffSchema });
export const UsersReplySchema = Type.Object({ users: Type.Array(UserRowSchema) });
export const DevicesReplySchema = Type.Object({ devices: Type.Array(DeviceRowSchema) });
export const AnnouncementReplySchema = Type.Object({ id: Type.Integer() });
/** The answer of a route that answers 204 No Content. */
export const NoContent = Type.Null();

interface RouteSpec {
  query?: TSchema;
  body?: TSchema;
  response: TSchema;
  /** the route may answer 204 No Content instead (call-next with nobody waiting) */
  empty?: true;
}

export const ROUTES = {
  // public
  'GET /api/v1/sites': { response: SitesReplySchema },
  'GET /api/v1/sites/:site/queues': { response: QueuesReplySchema },
  'GET /api/v1/sites/:site/status': { response: SiteStatusSchema },
  'GET /api/v1/sites/:site/forecast': { query: ForecastQuery, response: ForecastSchema },
  'GET /api/v1/tickets/:token': { response: TicketStatusSchema },
  'POST /api/v1/tickets/:token/feedback': { body: FeedbackBody, response: NoContent },
  // turn-near alerts (public, by the ticket's token)
  'GET /api/v1/push/key': { response: PushKeySchema },
  'GET /api/v1/tickets/:token/alerts': { response: TicketAlertsSchema },
  'POST /api/v1/tickets/:token/alerts': { body: AlertSignupBody, response: AlertCreatedSchema },
  'DELETE /api/v1/tickets/:token/alerts/:id': { response: NoContent },
  // kiosk
  'POST /api/v1/sites/:site/tickets': { body: TakeTicketBody, response: IssuedTicketSchema },
  // bookings (来庁予約): public by site or by the booking's token; check-in by a kiosk or clerk; the day's list by a manager
  'GET /api/v1/sites/:site/booking-slots': { query: BookingSlotsQuery, response: BookingSlotsSchema },
  'POST /api/v1/sites/:site/bookings': { body: CreateBookingBody, response: BookingCreatedSchema },
  'GET /api/v1/bookings/:token': { response: BookingSchema },
  'DELETE /api/v1/bookings/:token': { response: NoContent },
  'POST /api/v1/sites/:site/bookings/:code/check-in': { response: CheckInReplySchema },
  'GET /api/v1/sites/:site/bookings': { query: BookingsQuery, response: BookingsListSchema },
  'POST /api/v1/sites/:site/bookings/:code/cancel': { body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 200 }) }), response: BookingRowSchema },
  'PUT /api/v1/sites/:site/booking-closures/:date': {
    body: Type.Object({ queue: Type.Optional(Type.Union([Type.String(), Type.Null()])), reason: Type.String({ minLength: 1, maxLength: 200 }) }),
    response: Type.Object({ cancelled: Type.Integer({ minimum: 0 }) }),
  },
  'DELETE /api/v1/sites/:site/booking-closures/:date': { query: Type.Object({ queue: Type.Optional(Type.String()) }), response: NoContent },
  // sign-in
  'POST /api/v1/auth/login': { body: LoginBody, response: StaffReplySchema },
  'POST /api/v1/auth/logout': { response: NoContent },
  'GET /api/v1/auth/me': { response: MeSchema },
  // clerk
  'GET /api/v1/sites/:site/tickets': { response: TicketsReplySchema },
  'GET /api/v1/sites/:site/counters': { response: CountersReplySchema },
  'POST /api/v1/sites/:site/counters/:counter/call-next': { body: CallNextBody, response: TicketReplySchema, empty: true },
  'POST /api/v1/sites/:site/counters/:counter/call': { body: CallTicketBody, response: TicketReplySchema },
  'POST /api/v1/sites/:site/counters/:counter/recall': { response: TicketReplySchema },
  'POST /api/v1/sites/:site/counters/:counter/start': { response: TicketReplySchema },
  'POST /api/v1/sites/:site/counters/:counter/complete': { response: TicketReplySchema },
  'POST /api/v1/sites/:site/counters/:counter/no-show': { response: TicketReplySchema },
  'POST /api/v1/sites/:site/counters/:counter/transfer': { body: TransferBody, response: TicketReplySchema },
  'PUT /api/v1/sites/:site/counters/:counter': { body: UpdateCounterBody, response: CounterReplySchema },
  'POST /api/v1/sites/:site/tickets/:id/reinstate': { response: TicketReplySchema },
  'POST /api/v1/sites/:site/tickets/:id/cancel': { response: TicketReplySchema },
  'POST /api/v1/sites/:site/tickets/:id/reprint': { body: ReprintBody, response: PrintReplySchema },
  'POST /api/v1/sites/:site/print-jobs/:id/discard': { response: NoContent },
  // manager
  'GET /api/v1/sites/:site/dashboard': { response: DashboardSchema },
  'GET /api/v1/sites/:site/counters/:counter/move-preview': { query: MoveQuery, response: MovePreviewSchema },
  'PUT /api/v1/sites/:site/issuing': { body: IssuingBody, response: IssuingReplySchema },
  'POST /api/v1/sites/:site/announcements': { body: AnnouncementBody, response: AnnouncementReplySchema },
  'DELETE /api/v1/sites/:site/announcements/:id': { response: NoContent },
  'GET /api/v1/sites/:site/reports/daily': { query: DateQuery, response: DailyReportSchema },
  'GET /api/v1/sites/:site/reports/monthly': { query: MonthQuery, response: MonthlyReportSchema },
  'GET /api/v1/sites/:site/staffing': { query: StaffingQuery, response: StaffingSchema },
  // POST …/history takes text/csv, which this map of JSON bodies does not describe (an administrator's script sends it, no page)
  'GET /api/v1/sites/:site/history': { response: HistorySpanSchema },
  'GET /api/v1/reports/sites': { query: MonthQuery, response: SitesComparisonSchema },
  // administrator
  'GET /api/v1/users': { response: UsersReplySchema },
  'POST /api/v1/users': { body: CreateUserBody, response: StaffReplySchema },
  'PUT /api/v1/users/:username': { body: UpdateUserBody, response: StaffReplySchema },
  'DELETE /api/v1/users/:username': { response: NoContent },
  'GET /api/v1/sites/:site/devices': { response: DevicesReplySchema },
  'POST /api/v1/sites/:site/devices': { body: CreateDeviceBody, response: CreatedDeviceSchema },
  'DELETE /api/v1/sites/:site/devices/:id': { response: NoContent },
  'GET /api/v1/sites/:site/printers': { response: PrintersInfoSchema },
  'PUT /api/v1/sites/:site/kiosks/:device/printer': { body: KioskPrinterBody, response: KioskPrinterSchema },
  'GET /api/v1/sites/:site/buttons': { response: ButtonsInfoSchema },
  'POST /api/v1/sites/:site/buttons/learn': { body: LearnButtonBody, response: LearnReplySchema },
  'DELETE /api/v1/sites/:site/buttons/bindings/:id': { response: NoContent },
} as const satisfies Record<string, RouteSpec>;

export type ApiRoute = keyof typeof ROUTES;
type Spec<K extends ApiRoute> = (typeof ROUTES)[K];

/** `:name` segments of a path → their values (numbers are written as they are). */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}` ? Name | ParamNames<`/${Rest}`> : P extends `${string}:${infer Name}` ? Name : never;
export type RouteParams<K extends ApiRoute> = { [N in ParamNames<K>]: string | number };
export type RouteQuery<K extends ApiRoute> = Spec<K> extends { query: infer Q extends TSchema } ? Static<Q> : never;
export type RouteBody<K extends ApiRoute> = Spec<K> extends { body: infer B extends TSchema } ? Static<B> : never;
/** The success answer; null for 204 No Content. */
export type RouteReply<K extends ApiRoute> = Static<Spec<K>['response']> | (Spec<K> extends { empty: true } ? null : never);
