import type { CounterAvailability, CounterView, IssuingMode, TicketState, TicketView } from './model.js';
import type { AnnouncementTexts } from './schemas.js';

/**
 * Facts the server pushes, in the past tense. Every event carries its site's sequence
 * number: a client that sees a gap (seq != last + 1) resyncs from a snapshot.
 */
export interface EventBase {
  site: string;
  seq: number;
  /**
   * The last sequence number this push stands for, when rows stored without a push of their own
   * follow it in the same change (a call's counter row, the tickets a new day expired): the next
   * push follows `lastSeq`, not `seq`. Absent: `seq` alone.
   */
  lastSeq?: number;
  at: string;
  /** waiting counts and estimates after this event, on the last event of a change that moved them */
  queues?: QueueCount[];
}

export interface QueueCount {
  id: string;
  waiting: number;
  estimatedWaitMinutes: number | null;
  issuing: 'open' | 'closed' | 'paused' | 'emergency';
  closedReason: string | null;
  nextOpening: string | null;
}

export interface TicketIssued extends EventBase {
  type: 'ticket:issued';
  ticket: TicketView;
}
/** A call or recall: one push that carries the counter's new state too, so a call costs one broadcast. */
export interface TicketCalled extends EventBase {
  type: 'ticket:called';
  ticket: TicketView;
  /** the counter's id */
  counter: string;
  /** the counter's state after the call (its current ticket, a recall's count) */
  counterView: CounterView;
  /** true for a recall (再呼出): announce again */
  recall: boolean;
  /** true when the clerk chose this ticket out of order */
  outOfOrder: boolean;
}
export interface TicketChanged extends EventBase {
  type: 'ticket:started' | 'ticket:completed' | 'ticket:no-show' | 'ticket:reinstated' | 'ticket:cancelled';
  ticket: TicketView;
}
export interface TicketTransferred extends EventBase {
  type: 'ticket:transferred';
  ticket: TicketView;
  fromQueue: string;
  fromCounter: string | null;
}
export interface DayRolledOver extends EventBase {
  type: 'day:rolled-over';
  businessDate: string;
  previousDate: string | null;
  expired: number;
}
export interface CounterUpdated extends EventBase {
  type: 'counter:updated';
  counter: CounterView;
}
export interface IssuingChanged extends EventBase {
  type: 'issuing:changed';
  queue: string | null;
  mode: IssuingMode;
  reason: string | null;
}
export interface AnnouncementPosted extends EventBase {
  type: 'announcement:posted';
  id: number;
  /** the Japanese text */
  message: string;
  /** the other languages' texts the manager wrote */
  texts: AnnouncementTexts;
  severity: 'info' | 'emergency';
}
export interface AnnouncementCleared extends EventBase {
  type: 'announcement:cleared';
  id: number;
}

/** A printer's health as the manager and kiosks see it (DLE EOT status, or no connection). */
export type PrinterHealth = 'ok' | 'near_end' | 'paper_out' | 'cover_open' | 'offline' | 'unreachable';

export interface PrinterStatusChanged extends EventBase {
  type: 'printer:status';
  printer: string;
  health: PrinterHealth;
  detail: string | null;
}

export type PrintJobState = 'pending' | 'printed' | 'failed' | 'discarded';

/** A ticket's print job moved on (printed, failed with a reason, reprinted, discarded). */
export interface PrintJobUpdated extends EventBase {
  type: 'print:updated';
  job: number;
  ticketId: number;
  label: string;
  printer: string;
  /** the kiosk device that issued the ticket, when it came from a kiosk */
  kiosk: string | null;
  state: PrintJobState;
  reason: string | null;
}

/** What a call button (呼出ボタン) does at its counter. */
export type ButtonAction = 'next' | 'recall' | 'no-show' | 'complete';

/** What a button's last press did: the ticket it applied to (null: nobody waiting), or why it was refused. */
export interface ButtonPressResult {
  at: string;
  action: ButtonAction;
  ok: boolean;
  label: string | null;
  /** the refusal's error code (CONFIRM_NO_SHOW, COUNTER_NOT_OPEN…), null when it worked */
  code: string | null;
}

/** A bound call button as the manager sees it: one per binding (device and counter). */
export interface ButtonStatus {
  /** the device's identity, also the actor of its presses: `button:0c45:7403:1-1.2` */
  id: string;
  counter: string;
  vendorId: number;
  productId: number;
  serial: string | null;
  /** the physical USB port, e.g. "1-1.2", when bound by port */
  path: string | null;
  connected: boolean;
  /** why it cannot be read (permissions…), or null */
  detail: string | null;
  lastPressAt: string | null;
  lastResult: ButtonPressResult | null;
}

export interface ButtonStatusChanged extends EventBase {
  type: 'button:status';
  button: ButtonStatus;
}

/** A USB HID device that no binding matches was plugged in: the manager can bind it (learn mode). */
export interface ButtonUnknown extends EventBase {
  type: 'button:unknown';
  vendorId: number;
  productId: number;
  serial: string | null;
  path: string;
  product: string | null;
}

/**
 * A booking (来庁予約) was made, cancelled, checked in or became a no-show. Staff get the code;
 * the public room never does (the code checks the booking in), only that a slot's places moved.
 */
export interface BookingChanged extends EventBase {
  type: 'booking:changed';
  /** null in the public room */
  code: string | null;
  queue: string;
  /** the slot's start */
  start: string;
  state: 'booked' | 'checked_in' | 'cancelled' | 'no_show';
  /** staff's reason of a cancellation (staff only) */
  reason: string | null;
}

/** A manager closed (or reopened) booking for a day, of one queue or of all (`queue` null). */
export interface BookingClosureChanged extends EventBase {
  type: 'booking:closure';
  date: string;
  queue: string | null;
  closed: boolean;
  /** staff only */
  reason: string | null;
  /** open bookings the closure cancelled */
  cancelled: number;
}

export type SiteEvent =
  | BookingChanged
  | BookingClosureChanged
  | TicketIssued
  | TicketCalled
  | TicketChanged
  | TicketTransferred
  | DayRolledOver
  | CounterUpdated
  | IssuingChanged
  | AnnouncementPosted
  | AnnouncementCleared
  | PrinterStatusChanged
  | PrintJobUpdated
  | ButtonStatusChanged
  | ButtonUnknown;

export type SiteEventType = SiteEvent['type'];

/** Every pushed event type, once: a `Record` so that a new event type does not compile until it is listed. */
const PUSHED: Record<SiteEventType, true> = {
  'booking:changed': true,
  'booking:closure': true,
  'ticket:issued': true,
  'ticket:called': true,
  'ticket:started': true,
  'ticket:completed': true,
  'ticket:no-show': true,
  'ticket:reinstated': true,
  'ticket:cancelled': true,
  'ticket:transferred': true,
  'day:rolled-over': true,
  'counter:updated': true,
  'issuing:changed': true,
  'announcement:posted': true,
  'announcement:cleared': true,
  'printer:status': true,
  'print:updated': true,
  'button:status': true,
  'button:unknown': true,
};

export const isSiteEventType = (type: string): type is SiteEventType => Object.hasOwn(PUSHED, type);

/** The pushed event types, for subscribing to each under its own name. */
export const SITE_EVENT_TYPES: readonly SiteEventType[] = Object.keys(PUSHED).filter(isSiteEventType);

// ---- the event log ------------------------------------------------------------------------------

type NoData = Record<string, never>;

/**
 * What each event type stores in its row's `data` (reports, the replay and the forecast read the
 * log). Every pushed type is stored; `ticket:expired` is stored only (a new day's rollover pushes
 * `day:rolled-over` with the count instead).
 */
export type StoredEventData = {
  'ticket:issued': {
    label: string;
    number: number;
    cycle: number;
    service: string | null;
    priority: boolean;
    lowCounter: boolean;
    sortKey: number;
    language: string | null;
    /** a booked ticket's slot start (epoch ms): the forecast orders it by it */
    slotStart?: number;
  };
  'booking:changed': { code: string; start: string; state: 'booked' | 'checked_in' | 'cancelled' | 'no_show'; reason: string | null };
  'booking:closure': { date: string; closed: boolean; reason: string | null; cancelled: number };
  'ticket:called': { recall: boolean; outOfOrder: boolean };
  'ticket:started': NoData;
  'ticket:completed': NoData;
  'ticket:no-show': NoData;
  'ticket:reinstated': { sortKey: number };
  'ticket:cancelled': NoData;
  'ticket:expired': NoData;
  'ticket:transferred': { fromQueue: string; service: string | null; sortKey: number };
  'day:rolled-over': { businessDate: string; previousDate: string | null; expired: number };
  'counter:updated': { availability: CounterAvailability; currentTicketId: number | null; reason: string | null };
  /** `states`: the queues' issuing states that the schedule changed (`certificates=open,…`) */
  'issuing:changed': { mode: IssuingMode; reason: string | null; states?: string };
  'announcement:posted': { id: number; severity: 'info' | 'emergency'; message: string; texts: AnnouncementTexts };
  'announcement:cleared': { id: number };
  'printer:status': { printer: string; health: PrinterHealth; detail: string | null };
  'print:updated': { job: number; ticket: number; printer: string; state: PrintJobState; reason: string | null };
  'button:status': { button: string; connected: boolean; detail: string | null; lastPressAt: string | null; lastResult: ButtonPressResult | null };
  'button:unknown': { vendorId: number; productId: number; serial: string | null; path: string; product: string | null };
};

export type LoggedEventType = keyof StoredEventData;

const LOGGED: Record<LoggedEventType, true> = { ...PUSHED, 'ticket:expired': true };

/** Whether a stored row's type is one of the map's (rows are read back as plain strings). */
export const isLoggedEventType = (type: string): type is LoggedEventType => Object.hasOwn(LOGGED, type);

/** A stored row's type as the map's, or null for a type it does not know: readers switch on it, so a misspelt case does not compile. */
export const loggedEventType = (type: string): LoggedEventType | null => (isLoggedEventType(type) ? type : null);

/** A row of the event log as an event builds it (the unit of work adds site, seq, time and actor). */
export type StoredRow = {
  [T in LoggedEventType]: {
    type: T;
    ticketId: number | null;
    fromState: TicketState | null;
    toState: TicketState | null;
    counterId: string | null;
    queueId: string | null;
    data: StoredEventData[T];
  };
}[LoggedEventType];

/** Distributive Omit, so each event type keeps its own fields. */
type WithoutBase<E> = E extends SiteEvent ? Omit<E, 'site' | 'seq' | 'lastSeq' | 'at' | 'queues'> : never;
/** A pushed event before the unit of work numbers it. */
export type EventPayload = WithoutBase<SiteEvent>;

/**
 * An event as a use case records it: what happened, once. `recordedEvent` derives from it the
 * stored row(s) and the push, so the two cannot disagree.
 */
export type RecordedEvent =
  | { type: 'ticket:issued'; ticket: TicketView; number: number; cycle: number; sortKey: number; language: string | null; slotStart?: number | null }
  | Extract<EventPayload, { type: 'booking:changed' | 'booking:closure' }>
  | {
      type: 'ticket:called';
      ticket: TicketView;
      from: TicketState;
      counterView: CounterView;
      recall: boolean;
      outOfOrder: boolean;
      /** the call changed the counter's row: stored as its own `counter:updated` row after the call's, pushed inside this event */
      counterSaved: boolean;
    }
  | { type: 'ticket:started' | 'ticket:completed' | 'ticket:no-show'; ticket: TicketView; from: TicketState; counter: string }
  | { type: 'ticket:reinstated'; ticket: TicketView; from: TicketState; sortKey: number }
  | { type: 'ticket:cancelled' | 'ticket:expired'; ticket: TicketView; from: TicketState }
  | { type: 'ticket:transferred'; ticket: TicketView; from: TicketState; fromQueue: string; fromCounter: string; sortKey: number }
  | Extract<EventPayload, { type: 'day:rolled-over' | 'counter:updated' | 'announcement:posted' | 'announcement:cleared' | 'printer:status' | 'print:updated' | 'button:status' | 'button:unknown' }>
  | (Extract<EventPayload, { type: 'issuing:changed' }> & { states?: string });

const ticketRow = (ticket: TicketView, from: TicketState | null, counterId: string | null) => ({
  ticketId: ticket.id,
  fromState: from,
  toState: ticket.state,
  counterId,
  queueId: ticket.queue,
});
const siteRow = { ticketId: null, fromState: null, toState: null, counterId: null, queueId: null } as const;

const counterRow = (c: CounterView): StoredRow => ({
  type: 'counter:updated',
  ...siteRow,
  counterId: c.id,
  data: { availability: c.availability, currentTicketId: c.currentTicket?.id ?? null, reason: c.reason },
});

/**
 * The event map: for every event type, the rows it stores (in order; a push stands for the rows
 * after its own, see `EventBase.lastSeq`) and what it pushes to staff (`publicEvent` says what the
 * public room gets instead). Stored-only events push nothing.
 */
export function recordedEvent(e: RecordedEvent): { rows: StoredRow[]; push: EventPayload | null } {
  switch (e.type) {
    case 'ticket:issued': {
      const t = e.ticket;
      const plain = { label: t.label, number: e.number, cycle: e.cycle, service: t.service, priority: t.priority, lowCounter: t.lowCounter, sortKey: e.sortKey, language: e.language };
      const data = e.slotStart === undefined || e.slotStart === null ? plain : { ...plain, slotStart: e.slotStart };
      return { rows: [{ type: e.type, ...ticketRow(t, null, null), data }], push: { type: e.type, ticket: t } };
    }
    case 'ticket:called': {
      const counter = e.counterView;
      const call: StoredRow = { type: e.type, ...ticketRow(e.ticket, e.from, counter.id), data: { recall: e.recall, outOfOrder: e.outOfOrder } };
      return {
        rows: e.counterSaved ? [call, counterRow(counter)] : [call],
        push: { type: e.type, ticket: e.ticket, counter: counter.id, counterView: counter, recall: e.recall, outOfOrder: e.outOfOrder },
      };
    }
    case 'ticket:started':
    case 'ticket:completed':
    case 'ticket:no-show':
      return { rows: [{ type: e.type, ...ticketRow(e.ticket, e.from, e.counter), data: {} }], push: { type: e.type, ticket: e.ticket } };
    case 'ticket:reinstated':
      return { rows: [{ type: e.type, ...ticketRow(e.ticket, e.from, null), data: { sortKey: e.sortKey } }], push: { type: e.type, ticket: e.ticket } };
    case 'ticket:cancelled':
      return { rows: [{ type: e.type, ...ticketRow(e.ticket, e.from, e.ticket.counter), data: {} }], push: { type: e.type, ticket: e.ticket } };
    case 'ticket:expired':
      return { rows: [{ type: e.type, ...ticketRow(e.ticket, e.from, e.ticket.counter), data: {} }], push: null };
    case 'ticket:transferred':
      return {
        rows: [{ type: e.type, ...ticketRow(e.ticket, e.from, e.fromCounter), data: { fromQueue: e.fromQueue, service: e.ticket.service, sortKey: e.sortKey } }],
        push: { type: e.type, ticket: e.ticket, fromQueue: e.fromQueue, fromCounter: e.fromCounter },
      };
    case 'booking:changed':
      return { rows: [{ type: e.type, ...siteRow, queueId: e.queue, data: { code: e.code ?? '', start: e.start, state: e.state, reason: e.reason } }], push: e };
    case 'booking:closure':
      return { rows: [{ type: e.type, ...siteRow, queueId: e.queue, data: { date: e.date, closed: e.closed, reason: e.reason, cancelled: e.cancelled } }], push: e };
    case 'day:rolled-over':
      return { rows: [{ type: e.type, ...siteRow, data: { businessDate: e.businessDate, previousDate: e.previousDate, expired: e.expired } }], push: e };
    case 'counter:updated':
      return { rows: [counterRow(e.counter)], push: e };
    case 'issuing:changed': {
      const { states, ...push } = e;
      const data = states === undefined ? { mode: e.mode, reason: e.reason } : { mode: e.mode, reason: e.reason, states };
      return { rows: [{ type: e.type, ...siteRow, queueId: e.queue, data }], push };
    }
    case 'announcement:posted':
      return { rows: [{ type: e.type, ...siteRow, data: { id: e.id, severity: e.severity, message: e.message, texts: e.texts } }], push: e };
    case 'announcement:cleared':
      return { rows: [{ type: e.type, ...siteRow, data: { id: e.id } }], push: e };
    case 'printer:status':
      return { rows: [{ type: e.type, ...siteRow, data: { printer: e.printer, health: e.health, detail: e.detail } }], push: e };
    case 'print:updated':
      return { rows: [{ type: e.type, ...siteRow, data: { job: e.job, ticket: e.ticketId, printer: e.printer, state: e.state, reason: e.reason } }], push: e };
    case 'button:status': {
      const b = e.button;
      const data = { button: b.id, connected: b.connected, detail: b.detail, lastPressAt: b.lastPressAt, lastResult: b.lastResult };
      return { rows: [{ type: e.type, ...siteRow, counterId: b.counter, data }], push: e };
    }
    case 'button:unknown':
      return { rows: [{ type: e.type, ...siteRow, data: { vendorId: e.vendorId, productId: e.productId, serial: e.serial, path: e.path, product: e.product } }], push: e };
    default: {
      const unknown: never = e;
      return unknown;
    }
  }
}

// ---- what each audience receives -------------------------------------------------------------

/**
 * What the public room (displays, kiosks, phones, anonymous sockets) may see: numbers only
 * (docs/product.md §3.8). No procedure, no priority or low-counter flag of a ticket (they tell a
 * stranger that the holder is pregnant, disabled or in a wheelchair), no clerk, no staff free
 * text (a pause reason or an issuing note can name a colleague's sick leave), no device name and
 * no hardware detail (printer errors carry addresses). Staff (and counter devices) receive the
 * events as recorded; every event type is decided here for the public room: a new type does not
 * compile until it is.
 */
export const publicTicket = (t: TicketView): TicketView => ({ ...t, service: null, priority: false, lowCounter: false });

export const publicCounter = (c: CounterView): CounterView => ({
  ...c,
  clerk: null,
  reason: null,
  currentTicket: c.currentTicket ? publicTicket(c.currentTicket) : null,
});

const publicButton = (b: ButtonStatus): ButtonStatus => ({
  // the id names the USB device and port; the counter says where it is, which is all a screen needs
  id: `button:${b.counter}`,
  counter: b.counter,
  vendorId: 0,
  productId: 0,
  serial: null,
  path: null,
  connected: b.connected,
  detail: null,
  lastPressAt: b.lastPressAt,
  lastResult: null,
});

export function publicEvent(e: SiteEvent): SiteEvent {
  switch (e.type) {
    case 'ticket:called':
      return { ...e, ticket: publicTicket(e.ticket), counterView: publicCounter(e.counterView) };
    case 'ticket:issued':
    case 'ticket:started':
    case 'ticket:completed':
    case 'ticket:no-show':
    case 'ticket:reinstated':
    case 'ticket:cancelled':
    case 'ticket:transferred':
      return { ...e, ticket: publicTicket(e.ticket) };
    case 'counter:updated':
      return { ...e, counter: publicCounter(e.counter) };
    case 'issuing:changed':
      // the queue's state reaches screens through `queues` (closedReason is a fixed code)
      return { ...e, reason: null };
    case 'printer:status':
      return { ...e, detail: null };
    case 'print:updated':
      // the kiosk page matches its ticket by id and shows the state; the kiosk's name and the failure text are staff's
      return { ...e, kiosk: null, reason: null };
    case 'button:status':
      return { ...e, button: publicButton(e.button) };
    case 'button:unknown':
      // hardware details are for staff; public screens still get the sequence number
      return { ...e, vendorId: 0, productId: 0, serial: null, path: '', product: null };
    case 'booking:changed':
      // the code checks a booking in; staff's reason is theirs
      return { ...e, code: null, reason: null };
    case 'booking:closure':
      return { ...e, reason: null };
    case 'day:rolled-over':
    case 'announcement:posted': // announcements are written for the lobby
    case 'announcement:cleared':
      return e;
    default: {
      const unknown: never = e;
      return unknown;
    }
  }
}

