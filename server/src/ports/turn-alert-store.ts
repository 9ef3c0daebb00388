import type { TicketState, TurnAlertChannel, TurnAlertKind, TurnAlertMessage } from '@madoguchi/shared';
import type { TurnAlertContact } from './turn-alert-channel.js';

/** One citizen's turn-near alert on one ticket (docs/product.md §8). */
export interface TurnAlert {
  id: number;
  siteId: string;
  ticketId: number;
  channel: TurnAlertChannel;
  ahead: number;
  minutes: number;
  /** null once deleted (the ticket ended), and for LINE until the code was sent */
  contact: TurnAlertContact | null;
  /** LINE: the one-time code while it waits to be sent */
  lineCode: string | null;
  bound: boolean;
  nearSent: boolean;
  createdAt: number;
  endedAt: number | null;
}

/**
 * An open alert with where its ticket stands, read in the one query a unit of work makes: only
 * what the check needs (no contact to parse; it is read when a message is sent).
 */
export interface OpenTurnAlert extends Pick<TurnAlert, 'id' | 'ticketId' | 'channel' | 'ahead' | 'minutes' | 'bound' | 'nearSent'> {
  queueId: string;
  ticketState: TicketState;
}

export type NewTurnAlert = Omit<TurnAlert, 'id' | 'nearSent' | 'endedAt'>;

export type DeliveryState = 'pending' | 'sent' | 'failed' | 'dropped';

/** A message of the outbox that is due, with where it goes. */
export interface DueDelivery {
  id: number;
  alertId: number;
  siteId: string;
  channel: TurnAlertChannel;
  kind: TurnAlertKind;
  message: TurnAlertMessage;
  attempts: number;
  /** null: the contact is gone (the alert was dropped or purged); the delivery is dropped */
  contact: TurnAlertContact | null;
}

/** What became of a delivery after an attempt. */
export interface DeliveryUpdate {
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: number;
  reason: string | null;
}

/**
 * The alerts and their outbox, on the engine's connection: the unit of work writes them in the
 * transaction that moved the queue. All methods are synchronous.
 */
export interface TurnAlertStore {
  /** the site's alerts not ended, with their tickets' queue and state: one indexed query, run by every unit of work */
  openAlerts(siteId: string): OpenTurnAlert[];
  openAlertsOfTicket(ticketId: number): TurnAlert[];
  alert(id: number): TurnAlert | undefined;
  insertAlert(a: NewTurnAlert): number;
  /** near told, or the alert ended (its LINE code then goes) */
  saveAlertProgress(id: number, nearSent: boolean, endedAt: number | null): void;
  insertDelivery(alertId: number, kind: TurnAlertKind, message: TurnAlertMessage, at: number): number;

  /** whether an open alert holds this LINE code */
  lineCodeTaken(code: string): boolean;
  /** the open, unbound LINE alert waiting for this code */
  alertByLineCode(code: string): TurnAlert | undefined;
  bindLine(id: number, userId: string): void;
  /** the open LINE alerts bound to this LINE user */
  openLineAlertsOf(userId: string): TurnAlert[];

  /** pending deliveries due at `now`, oldest first */
  dueDeliveries(now: number, limit: number): DueDelivery[];
  /** the earliest pending delivery's time, or null */
  nextDueAt(): number | null;
  updateDelivery(id: number, u: DeliveryUpdate, at: number): void;
  /** ends an alert at once: its contact is deleted and its undelivered messages dropped */
  dropAlert(id: number, at: number, reason: string): void;
  /** deletes the contacts of ended alerts with no message left to deliver; how many */
  forgetEndedContacts(): number;
  /**
   * The day's end: every alert of the site's tickets of days before `businessDate` ends, its
   * contact is deleted and its messages (sent or not) go; how many contacts were deleted.
   */
  forgetContactsBefore(siteId: string, businessDate: string, at: number): number;

  /** per queue, the waiting tickets with at least one open alert */
  waitingWithAlerts(siteId: string): Array<{ queue: string; tickets: number }>;
  /** per channel, the deliveries that failed (after their retries) or were dropped as gone, for the site's tickets of `businessDate` */
  deliveryFailures(siteId: string, businessDate: string): Array<{ channel: TurnAlertChannel; failed: number }>;
}
