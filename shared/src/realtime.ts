import type { AnnouncementTexts, CounterCommand } from './schemas.js';
import type { AlertsMessage } from './dashboard.js';
import type { PrinterHealth, SiteEvent } from './events.js';
import type { CounterView, LocalizedText, QueueStatusView, TicketView } from './model.js';

/** One entry of the lobby display's history. */
export interface RecentCall {
  seq: number;
  at: string;
  label: string;
  queue: string;
  counter: string;
  recall: boolean;
}

/** A manager's announcement: `message` is its Japanese text, `texts` the other languages it was written in. */
export interface AnnouncementView {
  id: number;
  message: string;
  texts: AnnouncementTexts;
  severity: 'info' | 'emergency';
  postedAt: string;
}

/** The full state of a site as a client needs it; `seq` is the last event it includes. */
export interface SiteSnapshot {
  site: { id: string; name: LocalizedText; demo: boolean; timeZone: string };
  seq: number;
  at: string;
  businessDate: string;
  issuing: QueueStatusView['issuing'];
  queues: QueueStatusView[];
  counters: CounterView[];
  recentCalls: RecentCall[];
  announcements: AnnouncementView[];
  printers: PrinterView[];
}

export interface PrinterView {
  id: string;
  name: string;
  health: PrinterHealth;
  detail: string | null;
}

export type AckResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; field?: string } };
export type Ack<T> = (result: AckResult<T>) => void;

type EventHandlers = { [K in SiteEvent['type']]: (e: Extract<SiteEvent, { type: K }>) => void };

/** Server → client: the snapshot, then every site event under its own name. */
export interface ServerToClientEvents extends EventHandlers {
  'site:snapshot': (s: SiteSnapshot) => void;
  /** after a recovered reconnection: the replayed events up to `seq` have been sent */
  'site:caught-up': (p: { seq: number }) => void;
  /** staff only: the set of alerts changed (derived state, not a sequenced event) */
  alerts: (p: AlertsMessage) => void;
}

/** Client → server commands (imperative), each answered through its ack. */
export interface ClientToServerEvents {
  'site:resync': (ack: Ack<SiteSnapshot>) => void;
  'counter:call-next': (p: CounterCommand, ack: Ack<TicketView | null>) => void;
  'counter:recall': (p: CounterCommand, ack: Ack<TicketView>) => void;
  'counter:start': (p: CounterCommand, ack: Ack<TicketView>) => void;
  'counter:complete': (p: CounterCommand, ack: Ack<TicketView>) => void;
  'counter:no-show': (p: CounterCommand, ack: Ack<TicketView>) => void;
}

/** Handshake `auth` of a socket: a device or staff token, or a session cookie; and the site. */
export interface SocketAuth {
  token?: string;
  site?: string;
}
