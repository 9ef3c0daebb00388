import type { ButtonAction, LocalizedText, SiteKind } from '@madoguchi/shared';

/** A time range within one local day, "HH:MM" to "HH:MM" (end exclusive). */
export type HoursRange = readonly [open: string, close: string];

/** the ids of sites, queues, counters… in the configuration file; URLs carry them as they are */
export const ID_PATTERN = '^[a-z0-9][a-z0-9_-]{0,31}$';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Added opening hours on a range of dates (e.g. Sunday openings in the moving season). */
export interface ExtendedHours {
  /** "YYYY-MM-DD" for a one-off range, "MM-DD" for a range recurring every year */
  from: string;
  to: string;
  /** limited to these weekdays; every day of the range when absent */
  weekdays?: readonly Weekday[];
  hours: readonly HoursRange[];
  /** open even on national holidays and closed days (休日開庁) */
  overridesClosed?: boolean;
}

export interface SpecialOpening {
  date: string;
  hours: readonly HoursRange[];
}

export interface Schedule {
  weekly: Partial<Record<Weekday, readonly HoursRange[]>>;
  extended: readonly ExtendedHours[];
  specialOpenings: readonly SpecialOpening[];
  closedDays: readonly string[];
  /** close on 国民の祝日 and 年末年始 (29 Dec – 3 Jan) */
  nationalHolidays: boolean;
  /** 受付終了: issuing stops this many minutes before closing */
  cutoffMinutes: number;
}

export interface Numbering {
  prefix: string;
  first: number;
  last: number;
  /** zero-padded width of the number part */
  width: number;
  /** when the range is exhausted, start again at `first` skipping active numbers */
  wrap: boolean;
}

export interface ServiceDef {
  id: string;
  name: LocalizedText;
  defaultServiceMinutes: number;
}

export interface QueueDef {
  id: string;
  name: LocalizedText;
  numbering: Numbering;
  services: readonly ServiceDef[];
  schedule: Schedule;
  defaultServiceMinutes: number;
  /** where a transferred ticket enters: by its original issue time, or at the front */
  transferPlacement: 'issue-time' | 'front';
  /** after this many priority calls in a row, the longest-waiting normal ticket goes next */
  priorityStreak: number;
  /** "next" on a called ticket ends it as no-show once recalled this many times */
  recallsBeforeNoShow: number;
  /** "next" while serving completes the current ticket instead of refusing */
  autoCompleteOnNext: boolean;
  alerts: { waitMinutes: number; waiting: number };
  /** bookings (来庁予約, docs/bookings.md): absent, the queue takes none */
  booking?: BookingDef;
  /** the demand forecast's own figure for the queue (docs/product.md §8) */
  forecast?: { /** the daily arrivals of an ordinary open day assumed before there is data, over the default from the counters */ dailyArrivals?: number };
}

/** A queue's bookings: slots of `slotMinutes`, `perSlot` places each held back from walk-ins. */
export interface BookingDef {
  slotMinutes: number;
  perSlot: number;
  /** how many days after today may be booked (0: today only) */
  daysAhead: number;
  /** the kiosk accepts the code from this long before the slot start … */
  checkInBeforeMinutes: number;
  /** … to this long after it; later, the booking is a no-show */
  checkInAfterMinutes: number;
}

/** Limits against hoarding slots, per client address (docs/bookings.md). */
export interface BookingLimits {
  /** bookings made from one address in one local day */
  perAddressPerDay: number;
  /** creation rate per address: a token bucket */
  perMinute: number;
  burst: number;
}
export const DEFAULT_BOOKING_LIMITS: BookingLimits = { perAddressPerDay: 10, perMinute: 6, burst: 4 };

export interface CounterDef {
  id: string;
  name: LocalizedText;
  queues: readonly string[];
  primaryQueue?: string;
  lowCounter: boolean;
}

/** How the server reaches a printer. `simulator`: the built-in printer simulator (npm start). */
export type PrinterTransportDef =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'usb'; path: string }
  | { kind: 'file'; path: string }
  | { kind: 'simulator' };

export interface PrinterDef {
  id: string;
  name: string;
  transport: PrinterTransportDef;
  model: 'epson' | 'star';
  paperWidthMm: 58 | 80;
  /** false: the printer has no kanji font; tickets are printed as images */
  kanji: boolean;
}

/** A kiosk device (by the name given when its token was created) and the printer beside it. */
export interface KioskDef {
  device: string;
  printer: string;
  /** this kiosk's own issue limit, over the site's */
  issueLimit?: IssueLimit;
  /** this kiosk's own time on the result screen (s), over the site's */
  resultSeconds?: number;
}

/**
 * How fast one device may take tickets: a token bucket of `burst` tickets refilled at
 * `perMinute`. Honest use at the door at opening is a ticket every 4–5 s (≥ 15 a minute) with a
 * few at once; the defaults (30 a minute, bursts of 10) sit well above that.
 */
export interface IssueLimit {
  perMinute: number;
  burst: number;
}
export const DEFAULT_ISSUE_LIMIT: IssueLimit = { perMinute: 30, burst: 10 };

/** A lobby display (by its device name) limited to some queues or counters, e.g. per floor. */
export interface DisplayDef {
  device: string;
  queues?: readonly string[];
  counters?: readonly string[];
}

/**
 * A USB call button (呼出ボタン) bound to a counter: the device by vendorId:productId plus its
 * serial number, or the physical USB port it is plugged into when it has none (never
 * /dev/hidrawN, which is renumbered on every plug); and its key codes to actions.
 */
export interface ButtonBindingDef {
  vendorId: number;
  productId: number;
  serial?: string;
  /** the USB port path, e.g. "1-1.2" (as in /sys/bus/usb/devices) */
  path?: string;
  counter: string;
  /** the report byte holding the code; absent: the keys of a keyboard-style report */
  codeIndex?: number;
  /** key code (a byte value, decimal) → action */
  codes: Readonly<Record<string, ButtonAction>>;
}

export interface SiteDef {
  id: string;
  name: LocalizedText;
  kind: SiteKind;
  timeZone: string;
  /** demo mode: issuing stays open at any hour, labelled as a demo on the pages */
  demo: boolean;
  /** site-wide closures and special openings, on top of each queue's own */
  closedDays: readonly string[];
  /** the issue limit of each kiosk device (a kiosk listed in `kiosks` may have its own); absent: the default */
  issueLimit?: IssueLimit;
  /** how long the kiosks' result screen stays (s; a kiosk listed in `kiosks` may have its own); absent: DEFAULT_RESULT_SECONDS */
  resultSeconds?: number;
  specialOpenings: readonly SpecialOpening[];
  queues: readonly QueueDef[];
  counters: readonly CounterDef[];
  printers: readonly PrinterDef[];
  kiosks: readonly KioskDef[];
  displays: readonly DisplayDef[];
  /** USB call buttons (none when absent from the file) */
  buttons: readonly ButtonBindingDef[];
  /** the printer of kiosks not listed in `kiosks` */
  defaultPrinter: string | null;
  /** the manager is alerted when a counter stays paused longer than this */
  alerts: { counterPausedMinutes: number };
  /** the site's forecast open data settings, over the installation's */
  forecast?: ForecastSettings;
  /** limits on booking per client address; DEFAULT_BOOKING_LIMITS when absent */
  bookingLimits?: BookingLimits;
}

/** The forecast's open data (docs/product.md §8). */
export interface ForecastSettings {
  /** the licence the forecast JSON and CSV are published under; DEFAULT_FORECAST_LICENCE when absent */
  licence?: string;
}
export const DEFAULT_FORECAST_LICENCE = 'CC BY 4.0';

/** How long ticket-level rows and backups are kept (docs/operations.md, "Retention"). */
export interface RetentionPolicy {
  /** business days older than this lose their tickets, events, print jobs and answers (their day summary stays) */
  days: number;
  /** backups `npm run admin -- backup` keeps in its directory */
  backups: number;
}

/** 400 days: a month of last year is always there to compare with, whole */
export const DEFAULT_RETENTION: RetentionPolicy = { days: 400, backups: 14 };

export interface InstallationConfig {
  publicUrl: string;
  sites: readonly SiteDef[];
  /** DEFAULT_RETENTION when absent (configurations built in code) */
  retention?: RetentionPolicy;
  /** the forecast's open data settings of every site (a site may have its own) */
  forecast?: ForecastSettings;
}

export const findQueue = (site: SiteDef, id: string): QueueDef | undefined => site.queues.find((q) => q.id === id);
export const findCounterDef = (site: SiteDef, id: string): CounterDef | undefined =>
  site.counters.find((c) => c.id === id);
