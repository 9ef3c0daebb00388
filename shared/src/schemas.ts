import { Type, type Static, type TLiteral, type TUnion } from 'typebox';
import { LANGUAGES, ROLES, TICKET_STATES } from './model.js';

/**
 * The wire views (JSON Schema via TypeBox): what the server answers and pushes. The server uses
 * them for HTTP responses, socket payloads and the OpenAPI at /docs; the types of model.ts are
 * derived from them, so a field is declared once. Request bodies and query strings follow them;
 * the staff pages' shapes are in staff-schemas.ts, reports.ts and dashboard.ts, and routes.ts
 * maps each route to its schemas.
 */

/** `T | null` in a schema. */
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** An id as the configuration allows it (queue, counter, site). */
export const Id = (description: string) => Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9_-]*$', description });

/** A union of string literals, from a constant list (`TICKET_STATES`, `LANGUAGES`). */
export const OneOf = <const T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }>;

export const LanguageSchema = OneOf(LANGUAGES);

/** Names keyed by language; `ja` and `en` are always present (other keys pass through as strings). */
export const LocalizedTextSchema = Type.Object(
  {
    ja: Type.String(),
    en: Type.String(),
    'ja-easy': Type.Optional(Type.String()),
    zh: Type.Optional(Type.String()),
    ko: Type.Optional(Type.String()),
    pt: Type.Optional(Type.String()),
    vi: Type.Optional(Type.String()),
  },
  { additionalProperties: Type.String(), description: 'names keyed by language' },
);

export const ErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String()),
    reason: Type.Optional(Type.String()),
    nextOpening: Type.Optional(Nullable(Type.String())),
  }),
});

export const TicketStateSchema = OneOf(TICKET_STATES);
export const CounterStateSchema = OneOf(['closed', 'open', 'calling', 'serving', 'paused']);
/** Availability set by staff; `calling` and `serving` are derived from the current ticket. */
export const CounterAvailabilitySchema = OneOf(['closed', 'open', 'paused']);
export const IssuingStateSchema = OneOf(['open', 'closed', 'paused', 'emergency']);
/** What a manager sets: follow the schedule, open outside it (臨時受付), or pause. */
export const IssuingModeSchema = OneOf(['auto', 'open', 'paused']);
export const RoleSchema = OneOf(ROLES);
export const DeviceKindSchema = OneOf(['kiosk', 'display', 'counter']);
/** What a call button (呼出ボタン) does at its counter. */
export const ButtonActionSchema = OneOf(['next', 'recall', 'no-show', 'complete']);
/** A printer's health as the manager and kiosks see it (DLE EOT status, or no connection). */
export const PrinterHealthSchema = OneOf(['ok', 'near_end', 'paper_out', 'cover_open', 'offline', 'unreachable']);

export const TicketSchema = Type.Object({
  id: Type.Integer(),
  label: Type.String(),
  queue: Type.String(),
  service: Nullable(Type.String()),
  state: TicketStateSchema,
  priority: Type.Boolean(),
  lowCounter: Type.Boolean(),
  issuedAt: Type.String({ format: 'date-time' }),
  calledAt: Nullable(Type.String({ format: 'date-time' })),
  startedAt: Nullable(Type.String({ format: 'date-time' })),
  endedAt: Nullable(Type.String({ format: 'date-time' })),
  counter: Nullable(Type.String()),
  recalls: Type.Integer(),
  businessDate: Type.String(),
  /** a booked ticket's slot start (来庁予約): marked in lists; absent for a walk-in */
  booked: Type.Optional(Type.String({ format: 'date-time' })),
});

export const CounterSchema = Type.Object({
  id: Type.String(),
  name: LocalizedTextSchema,
  state: CounterStateSchema,
  availability: CounterAvailabilitySchema,
  queues: Type.Array(Type.String()),
  primaryQueue: Nullable(Type.String()),
  lowCounter: Type.Boolean(),
  currentTicket: Nullable(TicketSchema),
  clerk: Nullable(Type.String()),
  reason: Nullable(Type.String()),
});

export const QueueStatusSchema = Type.Object({
  id: Type.String(),
  name: LocalizedTextSchema,
  waiting: Type.Integer(),
  estimatedWaitMinutes: Nullable(Type.Number()),
  lastCalled: Nullable(Type.String()),
  issuing: IssuingStateSchema,
  closedReason: Nullable(Type.String()),
  nextOpening: Nullable(Type.String()),
});

/** 混雑状況 of a site (`GET …/status`): cacheable, numbers only. */
export const SiteStatusSchema = Type.Object({
  site: Type.Object({ id: Type.String(), name: LocalizedTextSchema }),
  at: Type.String({ format: 'date-time' }),
  issuing: IssuingStateSchema,
  businessDate: Type.String(),
  demo: Type.Boolean(),
  queues: Type.Array(QueueStatusSchema),
});

/** The phone page's view of one ticket, found only by its token. */
export const TicketStatusSchema = Type.Object({
  site: Type.String(),
  label: Type.String(),
  queue: Type.String(),
  state: TicketStateSchema,
  ahead: Nullable(Type.Integer()),
  estimatedWaitMinutes: Nullable(Type.Number()),
  counter: Nullable(Type.String()),
  /** the language the ticket was taken in, which its phone page opens in; null when none was given */
  language: Nullable(LanguageSchema),
});

/** A configured printer with its last known health (snapshot and dashboard). */
export const PrinterViewSchema = Type.Object({ id: Type.String(), name: Type.String(), health: PrinterHealthSchema, detail: Nullable(Type.String()) });

/** A site as `GET /api/v1/sites` lists it. */
export const SiteSchema = Type.Object({ id: Type.String(), name: LocalizedTextSchema, kind: Type.String() });

/** A window type and its procedures (`GET …/queues`): not in the snapshot. */
export const QueueCatalogueSchema = Type.Object({
  id: Type.String(),
  name: LocalizedTextSchema,
  services: Type.Array(Type.Object({ id: Type.String(), name: LocalizedTextSchema })),
  /** how the queue takes bookings (来庁予約); null: it takes none */
  booking: Nullable(Type.Object({ slotMinutes: Type.Integer(), daysAhead: Type.Integer() })),
});

/** What happens to a ticket's printed slip: queued for its printer, failed at once, or no printer. */
export const PrintInfoSchema = Type.Object({
  printer: Nullable(Type.String()),
  state: OneOf(['pending', 'failed', 'none']),
  reason: Nullable(Type.String()),
  job: Nullable(Type.Integer()),
});

/** What a kiosk gets for a ticket it took. */
export const IssuedTicketSchema = Type.Object({
  id: Type.Integer(),
  label: Type.String(),
  queue: Type.String(),
  service: Nullable(Type.String()),
  issuedAt: Type.String({ format: 'date-time' }),
  ahead: Type.Integer(),
  estimatedWaitMinutes: Type.Number(),
  token: Type.String(),
  trackUrl: Type.String(),
  priority: Type.Boolean(),
  lowCounter: Type.Boolean(),
  businessDate: Type.String(),
  print: PrintInfoSchema,
});

/** The answer of a staff action on one ticket. */
export const TicketReplySchema = Type.Object({ ticket: TicketSchema });
export const CounterReplySchema = Type.Object({ counter: CounterSchema });
export const PrintReplySchema = Type.Object({ print: PrintInfoSchema });

// ---- request bodies (additional properties are refused, so a misspelt field is named) ----

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export const TakeTicketBody = Type.Object(
  {
    queue: Id('queue id, e.g. "certificates"'),
    service: Type.Optional(Nullable(Id('procedure id within the queue'))),
    priority: Type.Optional(Type.Boolean()),
    lowCounter: Type.Optional(Type.Boolean()),
    language: Type.Optional(LanguageSchema),
  },
  { additionalProperties: false },
);
export type TakeTicketBody = Static<typeof TakeTicketBody>;

export const LoginBody = Type.Object(
  { username: Text(64), password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const CallNextBody = Type.Object(
  { confirmNoShow: Type.Optional(Type.Boolean({ description: 'end the current, un-recalled ticket as no-show' })) },
  { additionalProperties: false },
);
export type CallNextBody = Static<typeof CallNextBody>;

export const CallTicketBody = Type.Object(
  { ticket: Type.Integer({ minimum: 1, description: 'the waiting ticket’s id' }), confirmNoShow: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type CallTicketBody = Static<typeof CallTicketBody>;

export const TransferBody = Type.Object(
  { queue: Id('target queue'), service: Type.Optional(Nullable(Id('procedure in the target queue'))) },
  { additionalProperties: false },
);
export type TransferBody = Static<typeof TransferBody>;

export const UpdateCounterBody = Type.Object(
  {
    state: Type.Optional(CounterAvailabilitySchema),
    queues: Type.Optional(Nullable(Type.Array(Id('queue id'), { minItems: 1, maxItems: 16 }))),
    primaryQueue: Type.Optional(Nullable(Id('queue drained first'))),
    reason: Type.Optional(Nullable(Text(200))),
    clerk: Type.Optional(Nullable(Text(64))),
  },
  { additionalProperties: false },
);
export type UpdateCounterBody = Static<typeof UpdateCounterBody>;

export const IssuingBody = Type.Object(
  {
    state: IssuingModeSchema,
    queue: Type.Optional(Nullable(Id('queue; the whole site when absent'))),
    reason: Type.Optional(Nullable(Text(200))),
  },
  { additionalProperties: false },
);
export type IssuingBody = Static<typeof IssuingBody>;

/** The longest text of an announcement, in any language. */
const ANNOUNCEMENT_MAX = 500;

/**
 * An announcement's texts in languages other than Japanese, each optional: the manager writes
 * the ones they can, and a language without its own text shows the Japanese message with the
 * やさしい日本語 one (i18n/announcement.ts). The keys are the pages' languages but Japanese.
 */
export const AnnouncementTextsSchema = Type.Object(
  {
    'ja-easy': Type.Optional(Text(ANNOUNCEMENT_MAX)),
    en: Type.Optional(Text(ANNOUNCEMENT_MAX)),
    zh: Type.Optional(Text(ANNOUNCEMENT_MAX)),
    ko: Type.Optional(Text(ANNOUNCEMENT_MAX)),
    pt: Type.Optional(Text(ANNOUNCEMENT_MAX)),
    vi: Type.Optional(Text(ANNOUNCEMENT_MAX)),
  },
  { additionalProperties: false, description: 'the message in other languages, keyed by language (ja-easy, en, zh, ko, pt, vi); each optional' },
);
export type AnnouncementTexts = Static<typeof AnnouncementTextsSchema>;

export const AnnouncementBody = Type.Object(
  {
    message: Type.String({ minLength: 1, maxLength: ANNOUNCEMENT_MAX, description: 'the Japanese text' }),
    severity: Type.Union([Type.Literal('info'), Type.Literal('emergency')]),
    texts: Type.Optional(AnnouncementTextsSchema),
  },
  { additionalProperties: false },
);
export type AnnouncementBody = Static<typeof AnnouncementBody>;

/** The sites a clerk or manager may act on; absent (or null on update): every site. */
const UserSites = Type.Array(Id('site id'), { minItems: 1, maxItems: 64, uniqueItems: true, description: 'the sites the user may act on; absent or null: every site' });

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ minLength: 2, maxLength: 32, pattern: '^[a-z0-9][a-z0-9._-]*$' }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
    role: RoleSchema,
    sites: Type.Optional(UserSites),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    role: Type.Optional(RoleSchema),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    sites: Type.Optional(Nullable(UserSites)),
  },
  { additionalProperties: false },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const KioskPrinterBody = Type.Object({ printer: Nullable(Type.String({ minLength: 1, maxLength: 64 })) }, { additionalProperties: false });
export type KioskPrinterBody = Static<typeof KioskPrinterBody>;

export const LearnButtonBody = Type.Object(
  {
    counter: Type.String({ minLength: 1, maxLength: 64 }),
    action: Type.Optional(ButtonActionSchema),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 1000, maximum: 120_000 })),
  },
  { additionalProperties: false },
);
export type LearnButtonBody = Static<typeof LearnButtonBody>;

export const CreateDeviceBody = Type.Object(
  { kind: DeviceKindSchema, name: Text(64) },
  { additionalProperties: false },
);
export type CreateDeviceBody = Static<typeof CreateDeviceBody>;

/** Socket commands carry the counter they act on, plus the HTTP body of the same action. */
export const CounterCommand = Type.Object(
  { counter: Id('counter id'), confirmNoShow: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type CounterCommand = Static<typeof CounterCommand>;

export const ReprintBody = Type.Object({ printer: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false });
export type ReprintBody = Static<typeof ReprintBody>;

/** お客様ニーズの把握: one answer (1–5) per served ticket. */
export const FeedbackBody = Type.Object({ rating: Type.Integer({ minimum: 1, maximum: 5 }) }, { additionalProperties: false });
export type FeedbackBody = Static<typeof FeedbackBody>;

// ---- query strings ----

export const MoveQuery = Type.Object(
  {
    queues: Type.String({ minLength: 1, maxLength: 512, description: 'comma-separated queue ids' }),
    primaryQueue: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type MoveQuery = Static<typeof MoveQuery>;

export const DateQuery = Type.Object({ date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' }) }, { additionalProperties: false });
export type DateQuery = Static<typeof DateQuery>;

export const MonthQuery = Type.Object({ month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' }) }, { additionalProperties: false });
export type MonthQuery = Static<typeof MonthQuery>;
