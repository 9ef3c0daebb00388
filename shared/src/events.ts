import type {
  CounterView,
  IssuingMode,
  TicketView,
} from './model.js';

/**
 * Facts the server pushes, in the past tense. Every event carries its site's sequence
 * number: a client that sees a gap (seq != last + 1) resyncs from a snapshot.
 */
export interface EventBase {
  site: string;
  seq: number;
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
export interface TicketCalled extends EventBase {
  type: 'ticket:called';
  ticket: TicketView;
  counter: string;
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
  message: string;
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

export type SiteEvent =
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
