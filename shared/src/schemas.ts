import { Type, type Static } from 'typebox';

/**
 * Wire schemas (JSON Schema via TypeBox), used by the server for HTTP and socket payloads
 * alike, and documented in the OpenAPI at /docs.
 */

const Id = (description: string) => Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9_-]*$', description });

export const LocalizedTextSchema = Type.Object(
  { ja: Type.String(), en: Type.String() },
  { additionalProperties: Type.String(), description: 'names keyed by language' },
);

export const ErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String()),
    reason: Type.Optional(Type.String()),
    nextOpening: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  }),
});

export const TicketStateSchema = Type.Union([Type.Literal('waiting'), Type.Literal('called'), Type.Literal('serving'), Type.Literal('done'), Type.Literal('no_show'), Type.Literal('cancelled'), Type.Literal('expired')]);

/** `T | null` in a schema. */
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

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
});

export const CounterSchema = Type.Object({
  id: Type.String(),
  name: LocalizedTextSchema,
  state: Type.Union([Type.Literal('closed'), Type.Literal('open'), Type.Literal('calling'), Type.Literal('serving'), Type.Literal('paused')]),
  availability: Type.Union([Type.Literal('closed'), Type.Literal('open'), Type.Literal('paused')]),
  queues: Type.Array(Type.String()),
  primaryQueue: Nullable(Type.String()),
  lowCounter: Type.Boolean(),
  currentTicket: Nullable(TicketSchema),
  clerk: Nullable(Type.String()),
  reason: Nullable(Type.String()),
});

export const IssuingStateSchema = Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('paused'), Type.Literal('emergency')]);

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

export const SiteStatusSchema = Type.Object({
  site: Type.Object({ id: Type.String(), name: LocalizedTextSchema }),
  at: Type.String({ format: 'date-time' }),
  issuing: IssuingStateSchema,
  businessDate: Type.String(),
  demo: Type.Boolean(),
  queues: Type.Array(QueueStatusSchema),
});

// ---- request bodies (additional properties are refused, so a misspelt field is named) ----

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export const TakeTicketBody = Type.Object(
  {
    queue: Id('queue id, e.g. "certificates"'),
    service: Type.Optional(Nullable(Id('procedure id within the queue'))),
    priority: Type.Optional(Type.Boolean()),
    lowCounter: Type.Optional(Type.Boolean()),
    language: Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('ja-easy'), Type.Literal('en'), Type.Literal('zh'), Type.Literal('ko'), Type.Literal('pt'), Type.Literal('vi')])),
  },
  { additionalProperties: false },
);
export type TakeTicketBody = Static<typeof TakeTicketBody>;

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
  /** what happens to the printed slip: queued for the kiosk's printer, failed at once, or no printer */
  print: Type.Object({
    printer: Nullable(Type.String()),
    state: Type.Union([Type.Literal('pending'), Type.Literal('failed'), Type.Literal('none')]),
    reason: Nullable(Type.String()),
    job: Nullable(Type.Integer()),
  }),
});

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
    state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('paused'), Type.Literal('closed')])),
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
    state: Type.Union([Type.Literal('auto'), Type.Literal('open'), Type.Literal('paused')]),
    queue: Type.Optional(Nullable(Id('queue; the whole site when absent'))),
    reason: Type.Optional(Nullable(Text(200))),
  },
  { additionalProperties: false },
);
export type IssuingBody = Static<typeof IssuingBody>;

export const AnnouncementBody = Type.Object(
  { message: Text(500), severity: Type.Union([Type.Literal('info'), Type.Literal('emergency')]) },
  { additionalProperties: false },
);
export type AnnouncementBody = Static<typeof AnnouncementBody>;

/** The sites a clerk or manager may act on; absent (or null on update): every site. */
const UserSites = Type.Array(Id('site id'), { minItems: 1, maxItems: 64, uniqueItems: true, description: 'the sites the user may act on; absent or null: every site' });

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ minLength: 2, maxLength: 32, pattern: '^[a-z0-9][a-z0-9._-]*$' }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
    role: Type.Union([Type.Literal('clerk'), Type.Literal('manager'), Type.Literal('admin')]),
    sites: Type.Optional(UserSites),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    role: Type.Optional(Type.Union([Type.Literal('clerk'), Type.Literal('manager'), Type.Literal('admin')])),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    sites: Type.Optional(Nullable(UserSites)),
  },
  { additionalProperties: false },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const KioskPrinterBody = Type.Object({ printer: Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]) }, { additionalProperties: false });
export type KioskPrinterBody = Static<typeof KioskPrinterBody>;

export const LearnButtonBody = Type.Object(
  {
    counter: Type.String({ minLength: 1, maxLength: 64 }),
    action: Type.Optional(Type.Union([Type.Literal('next'), Type.Literal('recall'), Type.Literal('no-show'), Type.Literal('complete')])),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 1000, maximum: 120_000 })),
  },
  { additionalProperties: false },
);
export type LearnButtonBody = Static<typeof LearnButtonBody>;

export const CreateDeviceBody = Type.Object(
  { kind: Type.Union([Type.Literal('kiosk'), Type.Literal('display'), Type.Literal('counter')]), name: Text(64) },
  { additionalProperties: false },
);
export type CreateDeviceBody = Static<typeof CreateDeviceBody>;

/** Socket commands carry the counter they act on, plus the HTTP body of the same action. */
export const CounterCommand = Type.Object(
  { counter: Id('counter id'), confirmNoShow: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type CounterCommand = Static<typeof CounterCommand>;
