/**
 * The installation's configuration file (JSON or YAML): schema, defaults, validation, and the
 * cross-reference checks a schema cannot express. Parsed and validated once at boot; every
 * problem is reported as `file: path: reason`, all of them at once.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Type, type Static, type TSchema } from 'typebox';
import { Settings } from 'typebox/system';
import { Value } from 'typebox/value';
import { parse as parseYaml } from 'yaml';
import type { ButtonBindingDef, InstallationConfig, QueueDef, Schedule, SiteDef } from './domain/site.js';
import { DEFAULT_BOOKING_LIMITS, DEFAULT_RETENTION, ID_PATTERN, WEEKDAYS } from './domain/site.js';
import { isValidTimeZone, parseHHMM } from './domain/time.js';
import { SAMPLE_CONFIG_TEXT } from './sample-office.js';

// ---------------------------------------------------------------------------------------------
// Formats: each pattern carries the reason shown when a value does not match it.

const format = (pattern: string, reason: string) => ({ pattern, reason });
const FORMATS = {
  id: format(ID_PATTERN, 'must be a lowercase id: a–z, 0–9, "-" or "_", at most 32 characters'),
  time: format('^(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00)$', 'must be a time "HH:MM" between 00:00 and 24:00'),
  date: format('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', 'must be a date "YYYY-MM-DD"'),
  rangeDate: format(
    '^(?:[0-9]{4}-)?[0-9]{2}-[0-9]{2}$',
    'must be a date "YYYY-MM-DD", or "MM-DD" for a range recurring every year',
  ),
  prefix: format('^[A-Za-z0-9-]{0,4}$', 'must be at most 4 letters, digits or "-" (it is printed and announced)'),
  usbDevice: format('^[0-9A-Fa-f]{4}:[0-9A-Fa-f]{4}$', 'must be "vendorId:productId" in hex as lsusb shows it, e.g. "0c45:7403"'),
  usbPort: format('^[0-9]{1,3}-[0-9]{1,3}(?:[.][0-9]{1,3}){0,6}$', 'must be a USB port path such as "1-1.2" (as in /sys/bus/usb/devices), never /dev/hidrawN'),
} as const;
const PATTERN_REASONS = new Map<string, string>(Object.values(FORMATS).map((f) => [f.pattern, f.reason]));

// ---------------------------------------------------------------------------------------------
// Schema. A property with a `default` may be omitted from the file; `Value.Default` fills it in
// before validation, so the static types below describe the file *after* defaults.

const strict = { additionalProperties: false } as const;
const Id = Type.String({ pattern: FORMATS.id.pattern });
const Text = Type.String({ minLength: 1, maxLength: 200 });
const IsoDate = Type.String({ pattern: FORMATS.date.pattern });
const Time = Type.String({ pattern: FORMATS.time.pattern });
const Minutes = Type.Number({ exclusiveMinimum: 0, maximum: 480 });

const LocalizedTextSchema = Type.Object(
  {
    ja: Text,
    en: Text,
    'ja-easy': Type.Optional(Text),
    zh: Type.Optional(Text),
    ko: Type.Optional(Text),
    pt: Type.Optional(Text),
    vi: Type.Optional(Text),
  },
  strict,
);

const HoursRangeSchema = Type.Tuple([Time, Time], { reason: 'must be a pair of times ["HH:MM", "HH:MM"], open then close' });
const HoursList = Type.Array(HoursRangeSchema, { minItems: 1 });

const SpecialOpeningSchema = Type.Object({ date: IsoDate, hours: HoursList }, strict);

const ExtendedHoursSchema = Type.Object(
  {
    from: Type.String({ pattern: FORMATS.rangeDate.pattern }),
    to: Type.String({ pattern: FORMATS.rangeDate.pattern }),
    weekdays: Type.Optional(Type.Array(Type.Enum(WEEKDAYS), { minItems: 1, uniqueItems: true })),
    hours: HoursList,
    overridesClosed: Type.Boolean({ default: false }),
  },
  strict,
);

const WeeklySchema = Type.Object(
  {
    sun: Type.Optional(HoursList),
    mon: Type.Optional(HoursList),
    tue: Type.Optional(HoursList),
    wed: Type.Optional(HoursList),
    thu: Type.Optional(HoursList),
    fri: Type.Optional(HoursList),
    sat: Type.Optional(HoursList),
  },
  strict,
);

const ScheduleSchema = Type.Object(
  {
    weekly: WeeklySchema,
    extended: Type.Array(ExtendedHoursSchema, { default: [] }),
    specialOpenings: Type.Array(SpecialOpeningSchema, { default: [] }),
    closedDays: Type.Array(IsoDate, { default: [] }),
    nationalHolidays: Type.Boolean({ default: true }),
    cutoffMinutes: Type.Integer({ minimum: 0, maximum: 720, default: 0 }),
  },
  strict,
);

const NumberingSchema = Type.Object(
  {
    prefix: Type.String({ pattern: FORMATS.prefix.pattern, default: '' }),
    first: Type.Integer({ minimum: 0, maximum: 999_999_999 }),
    last: Type.Integer({ minimum: 0, maximum: 999_999_999 }),
    width: Type.Integer({ minimum: 1, maximum: 9, default: 4 }),
    wrap: Type.Boolean({ default: false }),
  },
  strict,
);

const ServiceSchema = Type.Object(
  {
    id: Id,
    name: LocalizedTextSchema,
    /** the queue's `defaultServiceMinutes` when absent */
    defaultServiceMinutes: Type.Optional(Minutes),
  },
  strict,
);

const QueueSchema = Type.Object(
  {
    id: Id,
    name: LocalizedTextSchema,
    numbering: NumberingSchema,
    services: Type.Array(ServiceSchema, { default: [] }),
    schedule: ScheduleSchema,
    defaultServiceMinutes: Type.Number({ exclusiveMinimum: 0, maximum: 480, default: 5 }),
    transferPlacement: Type.Enum(['issue-time', 'front'], { default: 'issue-time' }),
    priorityStreak: Type.Integer({ minimum: 1, maximum: 100, default: 3 }),
    recallsBeforeNoShow: Type.Integer({ minimum: 0, maximum: 10, default: 2 }),
    autoCompleteOnNext: Type.Boolean({ default: false }),
    alerts: Type.Object(
      {
        waitMinutes: Type.Integer({ minimum: 1, default: 60 }),
        waiting: Type.Integer({ minimum: 1, default: 30 }),
      },
      { ...strict, default: {} },
    ),
    /** bookings (来庁予約): absent, the queue takes none (docs/bookings.md) */
    booking: Type.Optional(
      Type.Object(
        {
          slotMinutes: Type.Integer({ minimum: 5, maximum: 240, default: 30 }),
          perSlot: Type.Integer({ minimum: 1, maximum: 100, default: 1 }),
          daysAhead: Type.Integer({ minimum: 0, maximum: 180, default: 14 }),
          checkInBeforeMinutes: Type.Integer({ minimum: 0, maximum: 240, default: 30 }),
          checkInAfterMinutes: Type.Integer({ minimum: 0, maximum: 120, default: 10 }),
        },
        strict,
      ),
    ),
    /** the forecast's assumed daily arrivals before there is data (default: from the counters serving the queue) */
    forecast: Type.Optional(Type.Object({ dailyArrivals: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })) }, strict)),
  },
  strict,
);

/** the forecast's open data: its licence (CC BY 4.0 when absent) */
const ForecastSettingsSchema = Type.Object({ licence: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }, strict);

const CounterSchema = Type.Object(
  {
    id: Id,
    name: LocalizedTextSchema,
    queues: Type.Array(Id, { minItems: 1 }),
    primaryQueue: Type.Optional(Id),
    lowCounter: Type.Boolean({ default: false }),
  },
  strict,
);

const PrinterSchema = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1, maxLength: 64 }),
    transport: Type.Union([
      Type.Object({ kind: Type.Literal('tcp'), host: Type.String({ minLength: 1 }), port: Type.Integer({ minimum: 1, maximum: 65535, default: 9100 }) }, strict),
      Type.Object({ kind: Type.Literal('usb'), path: Type.String({ minLength: 1 }) }, strict),
      Type.Object({ kind: Type.Literal('file'), path: Type.String({ minLength: 1 }) }, strict),
      Type.Object({ kind: Type.Literal('simulator') }, strict),
    ]),
    model: Type.Enum(['epson', 'star'], { default: 'epson' }),
    paperWidthMm: Type.Union([Type.Literal(58), Type.Literal(80)], { default: 80 }),
    kanji: Type.Boolean({ default: true }),
  },
  strict,
);

/** per kiosk device: a token bucket (domain/site.ts IssueLimit); 429 RATE_LIMITED past it */
const IssueLimitSchema = Type.Object(
  {
    perMinute: Type.Integer({ minimum: 1, maximum: 100_000, default: 30 }),
    burst: Type.Integer({ minimum: 1, maximum: 100_000, default: 10 }),
  },
  strict,
);

/** how long a kiosk's result screen stays (s): shorter cannot be read, longer keeps the next citizen waiting */
const ResultSecondsSchema = Type.Integer({ minimum: 10, maximum: 300 });

const KioskSchema = Type.Object(
  { device: Type.String({ minLength: 1, maxLength: 64 }), printer: Id, issueLimit: Type.Optional(IssueLimitSchema), resultSeconds: Type.Optional(ResultSecondsSchema) },
  strict,
);

const DisplaySchema = Type.Object(
  { device: Type.String({ minLength: 1, maxLength: 64 }), queues: Type.Optional(Type.Array(Id, { minItems: 1 })), counters: Type.Optional(Type.Array(Id, { minItems: 1 })) },
  strict,
);

/** A USB call button bound to a counter: by serial number, or by the USB port when it has none. */
const ButtonBindingSchema = Type.Object(
  {
    device: Type.String({ pattern: FORMATS.usbDevice.pattern }),
    serial: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    path: Type.Optional(Type.String({ pattern: FORMATS.usbPort.pattern })),
    counter: Id,
    /** the report byte holding the code (vendor-specific buttons); absent: keyboard-style keys */
    codeIndex: Type.Optional(Type.Integer({ minimum: 0, maximum: 63 })),
    codes: Type.Record(Type.String(), Type.Enum(['next', 'recall', 'no-show', 'complete']), {
      minProperties: 1,
      reason: 'must map at least one key code to an action, e.g. { 5: next }',
    }),
  },
  strict,
);

const SiteSchema = Type.Object(
  {
    id: Id,
    name: LocalizedTextSchema,
    kind: Type.Enum(['ward-office', 'branch', 'service-center'], { default: 'ward-office' }),
    timeZone: Type.String({ minLength: 1, default: 'Asia/Tokyo' }),
    demo: Type.Boolean({ default: false }),
    closedDays: Type.Array(IsoDate, { default: [] }),
    specialOpenings: Type.Array(SpecialOpeningSchema, { default: [] }),
    queues: Type.Array(QueueSchema, { minItems: 1 }),
    counters: Type.Array(CounterSchema, { default: [] }),
    printers: Type.Array(PrinterSchema, { default: [] }),
    kiosks: Type.Array(KioskSchema, { default: [] }),
    /** how fast one kiosk device may take tickets (default 30 a minute, bursts of 10) */
    issueLimit: Type.Object(IssueLimitSchema.properties, { ...strict, default: {} }),
    /** how long the kiosks' result screen stays (default 30 s; a kiosk under `kiosks` may have its own) */
    resultSeconds: Type.Optional(ResultSecondsSchema),
    displays: Type.Array(DisplaySchema, { default: [] }),
    buttons: Type.Array(ButtonBindingSchema, { default: [] }),
    defaultPrinter: Type.Union([Id, Type.Null()], { default: null }),
    /** site-wide alert thresholds for the floor manager (queues have their own) */
    alerts: Type.Object({ counterPausedMinutes: Type.Integer({ minimum: 1, maximum: 480, default: 20 }) }, { ...strict, default: {} }),
    forecast: Type.Optional(ForecastSettingsSchema),
    /** limits on booking per client address (docs/bookings.md) */
    bookingLimits: Type.Object(
      {
        perAddressPerDay: Type.Integer({ minimum: 1, maximum: 10_000, default: DEFAULT_BOOKING_LIMITS.perAddressPerDay }),
        perMinute: Type.Integer({ minimum: 1, maximum: 10_000, default: DEFAULT_BOOKING_LIMITS.perMinute }),
        burst: Type.Integer({ minimum: 1, maximum: 10_000, default: DEFAULT_BOOKING_LIMITS.burst }),
      },
      { ...strict, default: {} },
    ),
  },
  strict,
);

/** The configuration file as validated, once `Value.Default` has filled in the defaults. */
export const ConfigFileSchema = Type.Object(
  {
    publicUrl: Type.String({ minLength: 1, default: 'http://localhost:3000' }),
    sites: Type.Array(SiteSchema, { minItems: 1 }),
    /** how long ticket-level rows and backups are kept (docs/operations.md, "Retention") */
    retention: Type.Object(
      {
        days: Type.Integer({ minimum: 7, maximum: 3650, default: DEFAULT_RETENTION.days }),
        backups: Type.Integer({ minimum: 1, maximum: 365, default: DEFAULT_RETENTION.backups }),
      },
      { ...strict, default: {} },
    ),
    /** the forecast's open data settings of every site (a site's own `forecast` wins) */
    forecast: Type.Optional(ForecastSettingsSchema),
  },
  strict,
);
export type ConfigFile = Static<typeof ConfigFileSchema>;
type SiteFile = ConfigFile['sites'][number];
type QueueFile = SiteFile['queues'][number];

// ---------------------------------------------------------------------------------------------
// Errors

export interface ConfigIssue {
  /** e.g. `sites[0].queues[1].numbering.first`; empty for the file as a whole */
  path: string;
  reason: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(issues.map((i) => (i.path ? `${file}: ${i.path}: ${i.reason}` : `${file}: ${i.reason}`)).join('\n'));
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** Appends a key or index to a path: `sites[0].name["ja-easy"]`. */
function at(path: string, key: string | number): string {
  if (typeof key === 'number' || /^\d+$/.test(key)) return `${path}[${key}]`;
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path ? `${path}.${key}` : key;
}

const pointerSegments = (pointer: string): string[] =>
  pointer
    .replace(/^#/, '')
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

const pointerToPath = (pointer: string): string => pointerSegments(pointer).reduce<string>((p, s) => at(p, s), '');

function resolvePointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const s of pointerSegments(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[s];
  }
  return node;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** Edit distance with transpositions, for "did you mean" on misspelt property names. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  const cell = (i: number, j: number): number => d[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(cell(i - 1, j) + 1, cell(i, j - 1) + 1, cell(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, cell(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = v;
    }
  }
  return cell(a.length, b.length);
}

function closest(key: string, known: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const limit = key.length >= 5 ? 2 : 1;
  let best: { name: string; d: number } | undefined;
  for (const name of known) {
    const d = distance(norm(key), norm(name));
    if (d <= limit && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}

/** A tuple's items report against the tuple, with its own reason ("must be a pair…"). */
function tupleContext(schema: TSchema, schemaPath: string, instancePath: string): ConfigIssue | undefined {
  const m = /^(.*)\/(?:items\/\d+|prefixItems\/\d+|additionalItems|items)$/.exec(schemaPath);
  const parent = m?.[1] === undefined ? undefined : (resolvePointer(schema, m[1]) as Record<string, unknown> | undefined);
  if (typeof parent?.reason !== 'string' || !('prefixItems' in parent || Array.isArray(parent.items))) return undefined;
  return { path: pointerToPath(instancePath.replace(/\/[^/]*$/, '')), reason: parent.reason };
}

/** TypeBox stops collecting after `maxErrors` (8 by default, a guard for request bodies). */
const MAX_SCHEMA_ERRORS = 200;

function collectErrors(schema: TSchema, value: unknown): ReturnType<typeof Value.Errors> {
  const previous = Settings.Get().maxErrors;
  Settings.Set({ maxErrors: MAX_SCHEMA_ERRORS });
  try {
    return Value.Errors(schema, value);
  } finally {
    Settings.Set({ maxErrors: previous });
  }
}

/** Turns TypeBox's errors into issues with the project's path style and plain reasons. */
function schemaIssues(schema: TSchema, value: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const errors = collectErrors(schema, value);
  for (const e of errors) {
    const path = pointerToPath(e.instancePath);
    // an item missing from or extra in a pair of times: report the pair, not the item
    const tuple =
      e.keyword === 'boolean' || resolvePointer(value, e.instancePath) === undefined
        ? tupleContext(schema, e.schemaPath, e.instancePath)
        : undefined;
    if (tuple) {
      issues.push(tuple);
      continue;
    }
    const node = resolvePointer(schema, e.schemaPath) as Record<string, unknown> | undefined;
    const custom = typeof node?.reason === 'string' ? node.reason : undefined;
    switch (e.keyword) {
      case 'boolean': // a property the schema forbids: reported once, by additionalProperties
        if (e.schemaPath.endsWith('/additionalProperties')) continue;
        issues.push({ path, reason: custom ?? e.message });
        continue;
      case 'required':
        for (const name of e.params.requiredProperties) issues.push({ path: at(path, name), reason: 'is required' });
        continue;
      case 'additionalProperties': {
        const known = Object.keys((node?.properties as object | undefined) ?? {});
        for (const name of e.params.additionalProperties) {
          const hint = closest(name, known);
          issues.push({ path: at(path, name), reason: `unknown property${hint ? ` (did you mean "${hint}"?)` : ''}` });
        }
        continue;
      }
      case 'type': {
        const expected = ([] as unknown[]).concat(e.params.type).join(' or ');
        const got = describe(resolvePointer(value, e.instancePath));
        issues.push({ path, reason: custom ? `${custom}, got ${got}` : `expected ${expected}, got ${got}` });
        continue;
      }
      case 'pattern':
        issues.push({ path, reason: `${PATTERN_REASONS.get(String(e.params.pattern)) ?? e.message}, got ${describe(resolvePointer(value, e.instancePath))}` });
        continue;
      case 'enum':
        issues.push({
          path,
          reason: `must be one of ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(resolvePointer(value, e.instancePath))}`,
        });
        continue;
      case 'minItems':
        issues.push({ path, reason: custom ?? `must have at least ${e.params.limit} item${e.params.limit === 1 ? '' : 's'}` });
        continue;
      case 'maxItems':
        issues.push({ path, reason: custom ?? `must have at most ${e.params.limit} items` });
        continue;
      case 'minLength':
        issues.push({ path, reason: e.params.limit === 1 ? 'must not be empty' : `must have at least ${e.params.limit} characters` });
        continue;
      case 'maxLength':
        issues.push({ path, reason: `must have at most ${e.params.limit} characters` });
        continue;
      case 'minimum':
        issues.push({ path, reason: `must be at least ${e.params.limit}` });
        continue;
      case 'maximum':
        issues.push({ path, reason: `must be at most ${e.params.limit}` });
        continue;
      case 'exclusiveMinimum':
        issues.push({ path, reason: `must be greater than ${e.params.limit}` });
        continue;
      case 'uniqueItems':
        issues.push({ path, reason: 'must not list the same item twice' });
        continue;
      default:
        issues.push({ path, reason: custom ?? e.message });
    }
  }
  if (errors.length >= MAX_SCHEMA_ERRORS) issues.push({ path: '', reason: 'too many problems; fix these and check again' });
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.reason}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

// ---------------------------------------------------------------------------------------------
// Semantic checks: what the schema cannot say.

function isCalendarDate(date: string): boolean {
  const full = date.length === 5 ? `2000-${date}` : date; // 2000 is a leap year: "02-29" recurs
  const [y, m, d] = full.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
  return t.getUTCFullYear() === y && t.getUTCMonth() + 1 === m && t.getUTCDate() === d;
}

function checkDate(date: string, path: string, issues: ConfigIssue[]): void {
  if (!isCalendarDate(date)) issues.push({ path, reason: `${JSON.stringify(date)} is not a calendar date` });
}

function checkHours(hours: readonly (readonly [string, string])[], path: string, issues: ConfigIssue[]): void {
  hours.forEach(([open, close], i) => {
    if (parseHHMM(open) >= parseHHMM(close)) {
      issues.push({ path: at(path, i), reason: `opens at ${open}, which is not before it closes at ${close}` });
    }
  });
}

function checkSpecialOpenings(list: SiteFile['specialOpenings'], path: string, issues: ConfigIssue[]): void {
  list.forEach((s, i) => {
    checkDate(s.date, at(at(path, i), 'date'), issues);
    checkHours(s.hours, at(at(path, i), 'hours'), issues);
  });
}

function checkSchedule(schedule: QueueFile['schedule'], path: string, issues: ConfigIssue[]): void {
  for (const day of WEEKDAYS) {
    const hours = schedule.weekly[day];
    if (hours) checkHours(hours, at(at(path, 'weekly'), day), issues);
  }
  schedule.extended.forEach((e, i) => {
    const p = at(at(path, 'extended'), i);
    checkDate(e.from, at(p, 'from'), issues);
    checkDate(e.to, at(p, 'to'), issues);
    if (e.from.length !== e.to.length) {
      issues.push({ path: p, reason: 'from and to must both be "YYYY-MM-DD", or both "MM-DD" (recurring)' });
    } else if (e.from.length === 10 && e.from > e.to) {
      issues.push({ path: at(p, 'to'), reason: `${e.to} is before from (${e.from})` });
    }
    checkHours(e.hours, at(p, 'hours'), issues);
  });
  checkSpecialOpenings(schedule.specialOpenings, at(path, 'specialOpenings'), issues);
  schedule.closedDays.forEach((d, i) => checkDate(d, at(at(path, 'closedDays'), i), issues));
}

/** Reports every repeated id in a list: `duplicate queue id "x" (first at …[0])`. */
function checkUnique(items: readonly { id: string }[], path: string, what: string, issues: ConfigIssue[]): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first === undefined) seen.set(item.id, i);
    else issues.push({ path: at(at(path, i), 'id'), reason: `duplicate ${what} id "${item.id}" (first at ${at(path, first)})` });
  });
}

/** The licence is sent in a header (X-License): a control character would break it. */
function checkLicence(settings: { licence?: string } | undefined, path: string, issues: ConfigIssue[]): void {
  // eslint-disable-next-line no-control-regex
  if (settings?.licence !== undefined && /[\u0000-\u001f\u007f]/.test(settings.licence)) {
    issues.push({ path: at(path, 'licence'), reason: 'must not hold control characters or line breaks' });
  }
}

function checkSite(site: SiteFile, path: string, issues: ConfigIssue[]): void {
  checkLicence(site.forecast, at(path, 'forecast'), issues);
  if (!isValidTimeZone(site.timeZone)) {
    issues.push({ path: at(path, 'timeZone'), reason: `unknown time zone "${site.timeZone}"` });
  }
  site.closedDays.forEach((d, i) => checkDate(d, at(at(path, 'closedDays'), i), issues));
  checkSpecialOpenings(site.specialOpenings, at(path, 'specialOpenings'), issues);

  const queuesPath = at(path, 'queues');
  checkUnique(site.queues, queuesPath, 'queue', issues);
  site.queues.forEach((q, i) => {
    const qp = at(queuesPath, i);
    const n = q.numbering;
    if (n.first > n.last) {
      issues.push({ path: at(at(qp, 'numbering'), 'first'), reason: `first (${n.first}) is greater than last (${n.last})` });
    }
    if (String(n.last).length > n.width) {
      issues.push({ path: at(at(qp, 'numbering'), 'width'), reason: `${n.width} digits cannot show the last number ${n.last}` });
    }
    // labels must be unique within a site, so equal prefixes need disjoint ranges
    site.queues.slice(0, i).forEach((other, j) => {
      const o = other.numbering;
      if (o.prefix === n.prefix && n.first <= o.last && o.first <= n.last) {
        issues.push({
          path: at(qp, 'numbering'),
          reason: `numbers ${n.first}–${n.last} overlap those of queue "${other.id}" (${o.first}–${o.last}, ${at(queuesPath, j)}) with the same prefix "${n.prefix}"`,
        });
      }
    });
    checkUnique(q.services, at(qp, 'services'), 'service', issues);
    checkSchedule(q.schedule, at(qp, 'schedule'), issues);
  });

  const queueIds = new Set(site.queues.map((q) => q.id));
  const countersPath = at(path, 'counters');
  checkUnique(site.counters, countersPath, 'counter', issues);
  site.counters.forEach((c, i) => {
    const cp = at(countersPath, i);
    c.queues.forEach((id, k) => {
      if (!queueIds.has(id)) issues.push({ path: at(at(cp, 'queues'), k), reason: `unknown queue "${id}" in site "${site.id}"` });
      else if (c.queues.indexOf(id) !== k) issues.push({ path: at(at(cp, 'queues'), k), reason: `queue "${id}" is listed twice` });
    });
    if (c.primaryQueue !== undefined && !c.queues.includes(c.primaryQueue)) {
      issues.push({ path: at(cp, 'primaryQueue'), reason: `"${c.primaryQueue}" is not one of this counter's queues` });
    }
  });

  const printerIds = new Set(site.printers.map((p) => p.id));
  checkUnique(site.printers, at(path, 'printers'), 'printer', issues);
  site.kiosks.forEach((k, i) => {
    if (!printerIds.has(k.printer)) issues.push({ path: at(at(at(path, 'kiosks'), i), 'printer'), reason: `unknown printer "${k.printer}" in site "${site.id}"` });
  });
  const counterIds = new Set(site.counters.map((c) => c.id));
  site.displays.forEach((d, i) => {
    const dp = at(at(path, 'displays'), i);
    (d.queues ?? []).forEach((q, k) => {
      if (!queueIds.has(q)) issues.push({ path: at(at(dp, 'queues'), k), reason: `unknown queue "${q}" in site "${site.id}"` });
    });
    (d.counters ?? []).forEach((c, k) => {
      if (!counterIds.has(c)) issues.push({ path: at(at(dp, 'counters'), k), reason: `unknown counter "${c}" in site "${site.id}"` });
    });
  });
  if (site.defaultPrinter !== null && !printerIds.has(site.defaultPrinter)) {
    issues.push({ path: at(path, 'defaultPrinter'), reason: `unknown printer "${site.defaultPrinter}" in site "${site.id}"` });
  }
  checkButtons(site, counterIds, at(path, 'buttons'), issues);
}

const KEY_CODE = /^[1-9][0-9]{0,2}$/;

/** Each binding names its device one way, points at a counter of the site, and no key is bound twice. */
function checkButtons(site: SiteFile, counterIds: ReadonlySet<string>, path: string, issues: ConfigIssue[]): void {
  const seen = new Map<string, string>();
  site.buttons.forEach((b, i) => {
    const bp = at(path, i);
    if ((b.serial === undefined) === (b.path === undefined)) {
      issues.push({ path: bp, reason: 'must name either serial (the device has a serial number) or path (the USB port it is plugged into), not both' });
    }
    if (!counterIds.has(b.counter)) issues.push({ path: at(bp, 'counter'), reason: `unknown counter "${b.counter}" in site "${site.id}"` });
    for (const code of Object.keys(b.codes)) {
      if (!KEY_CODE.test(code) || Number(code) > 255) {
        issues.push({ path: at(at(bp, 'codes'), code), reason: 'must be a key code between 1 and 255 (a byte of the report, decimal)' });
        continue;
      }
      const key = `${b.device.toLowerCase()}|${b.serial ?? ''}|${b.path ?? ''}|${code}`;
      const first = seen.get(key);
      if (first !== undefined) issues.push({ path: at(at(bp, 'codes'), code), reason: `this button's code ${code} is already bound at ${first}` });
      else seen.set(key, at(bp, 'codes'));
    }
  });
}

function semanticIssues(file: ConfigFile): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  let url: URL | undefined;
  try {
    url = new URL(file.publicUrl);
  } catch {
    url = undefined; // reported below
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    issues.push({ path: 'publicUrl', reason: `must be an http(s) URL, got ${describe(file.publicUrl)}` });
  }
  checkUnique(file.sites, 'sites', 'site', issues);
  checkLicence(file.forecast, 'forecast', issues);
  file.sites.forEach((site, i) => checkSite(site, at('sites', i), issues));
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Resolution: the checked file becomes the domain's InstallationConfig. The return types here
// are the compile-time proof that the schema's static type fits the domain types.

function resolveQueue({ services, ...queue }: QueueFile): QueueDef {
  const schedule: Schedule = queue.schedule;
  return {
    ...queue,
    schedule,
    services: services.map((s) => ({ ...s, defaultServiceMinutes: s.defaultServiceMinutes ?? queue.defaultServiceMinutes })),
  };
}

function resolveButton({ device, ...b }: SiteFile['buttons'][number]): ButtonBindingDef {
  const [vendor = '', product = ''] = device.split(':');
  return { ...b, vendorId: parseInt(vendor, 16), productId: parseInt(product, 16) };
}

function resolve(file: ConfigFile): InstallationConfig {
  const sites = file.sites.map((site): SiteDef => ({ ...site, queues: site.queues.map(resolveQueue), buttons: site.buttons.map(resolveButton) }));
  return { publicUrl: file.publicUrl.replace(/\/+$/, ''), sites, retention: file.retention, ...(file.forecast ? { forecast: file.forecast } : {}) };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** YAML's empty `key:` is null: treat it as absent so defaults and "is required" apply. */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // defineProperty: a "__proto__" key stays an own (and so unknown) property
      if (v !== null) Object.defineProperty(out, k, { value: dropNulls(v), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

function parseText(text: string, fileName: string): unknown {
  const ext = extname(fileName).toLowerCase();
  const source = text.replace(/^\uFEFF/, ''); // editors on Windows save a BOM
  try {
    if (ext === '.json') return JSON.parse(source);
    if (ext === '.yaml' || ext === '.yml') return parseYaml(source, { merge: true });
  } catch (err) {
    const message = err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err);
    throw new ConfigError(fileName, [{ path: '', reason: `not valid ${ext === '.json' ? 'JSON' : 'YAML'}: ${message}` }]);
  }
  throw new ConfigError(fileName, [{ path: '', reason: `unknown file type "${ext}": use .json, .yaml or .yml` }]);
}

/**
 * Parses a configuration file's text (JSON or YAML by the file name's extension), applies
 * defaults and checks it. Top-level `$schema` and keys starting with `x-` are ignored (the
 * latter are a place for YAML anchors). Throws `ConfigError` listing every problem found:
 * shape errors first; the cross-reference checks run once the shape is right.
 */
export function parseConfig(text: string, fileName: string): InstallationConfig {
  let value = parseText(text, fileName);
  if (value === null || value === undefined) throw new ConfigError(fileName, [{ path: '', reason: 'the file is empty' }]);
  value = dropNulls(value);
  if (typeof value === 'object' && !Array.isArray(value)) {
    for (const key of Object.keys(value as object)) {
      if (key.startsWith('x-') || key === '$schema') delete (value as Record<string, unknown>)[key];
    }
  }
  value = Value.Default(ConfigFileSchema, value);
  const shapeIssues = schemaIssues(ConfigFileSchema, value);
  if (shapeIssues.length > 0) throw new ConfigError(fileName, shapeIssues);
  const file = value as ConfigFile;
  const issues = semanticIssues(file);
  if (issues.length > 0) throw new ConfigError(fileName, issues);
  return deepFreeze(resolve(file));
}

/** Reads and parses the configuration file at `path`, or the embedded sample office when absent. */
export function loadConfig(path: string | undefined): InstallationConfig {
  if (path === undefined) return parseConfig(SAMPLE_CONFIG_TEXT, 'sample-office.yaml');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(path, [{ path: '', reason: `cannot read the file${code ? ` (${code})` : ''}` }]);
  }
  return parseConfig(text, path);
}
