/** What a simulated day leaves behind: the simulator's record of every request and answer. */
import type { BookingRow, SiteSnapshot, TicketState, TicketView } from '@madoguchi/shared';

export type Action =
  | {
      kind: 'issue';
      at: number;
      ticket: number;
      label: string;
      queue: string;
      service: string;
      priority: boolean;
      lowCounter: boolean;
      /** checked in with a booking: its slot (ms); absent for a walk-in */
      slot?: { start: number; end: number };
    }
  | { kind: 'counter'; at: number; counter: string; availability: string; queues: string[]; primaryQueue: string | null; lowCounter: boolean }
  | { kind: 'call'; at: number; counter: string; ticket: number | null }
  | { kind: 'start' | 'complete' | 'no-show' | 'recall'; at: number; counter: string; ticket: number }
  | { kind: 'transfer'; at: number; counter: string; ticket: number; to: string; service: string | null }
  | { kind: 'reinstate' | 'cancel'; at: number; ticket: number };

export interface SimTicket {
  id: number;
  label: string;
  /** the queue it was issued in */
  queue: string;
  service: string;
  priority: boolean;
  lowCounter: boolean;
  citizen: number;
  issuedAt: number;
  /** the 201 answer: people ahead and the estimated wait printed on the ticket */
  ahead: number;
  estimate: number;
  /** the naive estimate from what the server knew at issue: ahead × mean service / open counters */
  naive: number;
  openCounters: number;
  meanServiceAtIssue: number;
  firstCalledAt: number | null;
  /** the state the simulator drove it to */
  state: TicketState;
  /** issued by a booking's check-in: the booking's code and slot (ms); absent for a walk-in */
  booking?: { code: string; start: number; end: number };
}

/** A citizen who booked a slot (the bookings day): what they did and what the server answered. */
export interface SimBooking {
  citizen: number;
  code: string;
  token: string;
  queue: string;
  service: string;
  start: number;
  end: number;
  /** the slot the citizen wanted (the one holding the time they would have walked in) */
  wanted: number;
  fate: 'comes' | 'no-show' | 'cancels';
  /** when they reached the kiosk (null: never came) */
  arrivedAt: number | null;
  /** the kiosk refused the code as too early this many times before check-in opened */
  tooEarly: number;
  /** the kiosk was not issuing yet (check-in opens before the office does, for the first slots): they came back at opening */
  beforeOpening: number;
  /** when the check-in issued the ticket, and which (null: not checked in) */
  checkedInAt: number | null;
  ticket: number | null;
  /** the kiosk refused the code as too late: they took a walk-in ticket instead */
  tooLate: boolean;
  cancelledAt: number | null;
}

/**
 * A citizen who signed up for an e-mail alert and left the lobby. Times are virtual: the
 * simulator waits for the server's alert worker to hand every queued mail to the local SMTP
 * relay before it moves the clock on, so a mail arrives at the instant of the change that caused it.
 */
export interface SimAlert {
  ticket: number;
  citizen: number;
  signedUpAt: number;
  /** the wait printed on the ticket that made the citizen leave */
  estimate: number;
  travelMinutes: number;
  /** when the near alert arrived, or null (called first, or the ticket ended before) */
  nearAt: number | null;
  /** when the citizen was back in the lobby, or null (never alerted, or ended before) */
  backAt: number | null;
  /** the ticket's first call, or null */
  calledAt: number | null;
  /** every mail the relay received for this ticket, in order: near, called, recalled, ended */
  mails: Array<{ kind: string; at: number }>;
}

export interface Comparison {
  at: number;
  /** null when the display's state equals the server's */
  diff: string | null;
  /** how many actions had been taken then, and the waiting counts the server showed */
  actions: number;
  waiting: Record<string, number>;
}

export interface SimResult {
  day: { name: string; date: string; site: string; timeZone: string; roster: string; seed: number; from: number; until: number };
  queues: Array<{ id: string; priorityStreak: number; transferPlacement: 'issue-time' | 'front'; defaultServiceMinutes: number }>;
  counters: Array<{ id: string; queues: string[]; primaryQueue: string | null; lowCounter: boolean }>;
  tickets: SimTicket[];
  actions: Action[];
  /** HTTP answers that were not what the simulator expected */
  errors: Array<{ at: number; what: string; message: string }>;
  serverTickets: TicketView[];
  report: unknown;
  /** the citizens who signed up for a turn-near alert and left (empty when the day has none) */
  alerts: SimAlert[];
  /** mails the relay received that the simulator could not match to a ticket and a message */
  strayMails: number;
  /**
   * The bookings day (null on a day without bookings): the queue's booking configuration, every
   * booking the simulator made, the citizens who wanted one and found every slot full, and the
   * manager's list of the day's bookings read after the day.
   */
  bookings: {
    queue: string;
    config: { slotMinutes: number; perSlot: number; checkInBeforeMinutes: number; checkInAfterMinutes: number };
    made: SimBooking[];
    /** citizens who found no slot with a place and walked in instead */
    noSlot: number[];
    /** citizens the day drew to book (made or not) */
    citizens: number[];
    server: BookingRow[];
  } | null;
  display: {
    checkpoints: Comparison[];
    final: SiteSnapshot | null;
    server: SiteSnapshot | null;
    /** the public status API at the end, against the display's queues */
    statusDiff: string | null;
    gaps: number;
    announced: number;
  };
  endedAt: number;
  wallMs: number;
  requests: number;
}

/** A readable path to the first difference of two JSON values, or null when equal. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path || '(root)'}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`);
    if (d) return d;
  }
  return null;
}
