/** Wire types: what the server sends to pages and integrators. */

export const LANGUAGES = ['ja', 'ja-easy', 'en', 'zh', 'ko', 'pt', 'vi'] as const;
export type Language = (typeof LANGUAGES)[number];
/** Names keyed by language; `ja` and `en` are always present. */
export type LocalizedText = { ja: string; en: string } & Partial<Record<Language, string>>;

export type SiteKind = 'ward-office' | 'branch' | 'service-center';

export const TICKET_STATES = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'expired'] as const;
export type TicketState = (typeof TICKET_STATES)[number];
export const ACTIVE_TICKET_STATES: readonly TicketState[] = ['waiting', 'called', 'serving'];

/** Availability set by staff; `calling` and `serving` are derived from the current ticket. */
export type CounterAvailability = 'closed' | 'open' | 'paused';
export type CounterState = 'closed' | 'open' | 'calling' | 'serving' | 'paused';

export type IssuingMode = 'auto' | 'open' | 'paused';
export type IssuingState = 'open' | 'closed' | 'paused' | 'emergency';

export type ActorKind = 'clerk' | 'manager' | 'admin' | 'device' | 'system' | 'kiosk';
export interface Actor {
  kind: ActorKind;
  id: string;
}

export interface TicketView {
  id: number;
  label: string;
  queue: string;
  service: string | null;
  state: TicketState;
  priority: boolean;
  lowCounter: boolean;
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  endedAt: string | null;
  counter: string | null;
  recalls: number;
  businessDate: string;
}

export interface CounterView {
  id: string;
  name: LocalizedText;
  state: CounterState;
  availability: CounterAvailability;
  queues: string[];
  primaryQueue: string | null;
  lowCounter: boolean;
  currentTicket: TicketView | null;
  clerk: string | null;
  reason: string | null;
}

export interface QueueStatusView {
  id: string;
  name: LocalizedText;
  waiting: number;
  estimatedWaitMinutes: number | null;
  lastCalled: string | null;
  issuing: IssuingState;
  closedReason: string | null;
  nextOpening: string | null;
}
