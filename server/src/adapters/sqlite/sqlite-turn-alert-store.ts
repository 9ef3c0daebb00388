import type { TicketState, TurnAlertChannel, TurnAlertKind, TurnAlertMessage } from '@madoguchi/shared';
import type { TurnAlertContact } from '../../ports/turn-alert-channel.js';
import type { DeliveryUpdate, DueDelivery, NewTurnAlert, OpenTurnAlert, TurnAlert, TurnAlertStore } from '../../ports/turn-alert-store.js';
import type { SqliteDatabase } from './sqlite-database.js';

type Row = Record<string, unknown>;
const iso = (ms: number): string => new Date(ms).toISOString();
const contactOf = (v: unknown): TurnAlertContact | null => (typeof v === 'string' ? (JSON.parse(v) as TurnAlertContact) : null);

function toAlert(r: Row): TurnAlert {
  return {
    id: Number(r.id),
    siteId: String(r.site_id),
    ticketId: Number(r.ticket_id),
    channel: r.channel as TurnAlertChannel,
    ahead: Number(r.ahead),
    minutes: Number(r.minutes),
    contact: contactOf(r.contact),
    lineCode: (r.line_code as string | null) ?? null,
    bound: r.bound === 1,
    nearSent: r.near_sent === 1,
    createdAt: Date.parse(String(r.created_at)),
    endedAt: r.ended_at === null ? null : Date.parse(String(r.ended_at)),
  };
}

/** Undelivered messages of alerts chosen by `where` (on `a`) are dropped: their contact goes. */
const DROP_PENDING = (where: string) =>
  `UPDATE turn_alert_deliveries SET state = 'dropped', last_reason = ?, updated_at = ?
    WHERE state = 'pending' AND alert_id IN (SELECT a.id FROM turn_alerts a WHERE ${where})`;

/**
 * The turn-near alerts and their outbox on the engine's connection (so, in its transactions).
 * The connection overwrites what it deletes where that costs no extra I/O (secure_delete=FAST):
 * a contact set to NULL does not linger in the page it was on.
 */
export class SqliteTurnAlertStore implements TurnAlertStore {
  constructor(private readonly db: SqliteDatabase) {
    db.connection.pragma('secure_delete = FAST');
  }

  private st(sql: string) {
    return this.db.statement(sql);
  }

  openAlerts(siteId: string): OpenTurnAlert[] {
    return (
      this.st(
        `SELECT a.id, a.ticket_id, a.channel, a.ahead, a.minutes, a.bound, a.near_sent, t.queue_id, t.state AS ticket_state
           FROM turn_alerts a JOIN tickets t ON t.id = a.ticket_id
          WHERE a.site_id = ? AND a.ended_at IS NULL ORDER BY a.id`,
      ).all(siteId) as Row[]
    ).map((r) => ({
      id: Number(r.id),
      ticketId: Number(r.ticket_id),
      channel: r.channel as TurnAlertChannel,
      ahead: Number(r.ahead),
      minutes: Number(r.minutes),
      bound: r.bound === 1,
      nearSent: r.near_sent === 1,
      queueId: String(r.queue_id),
      ticketState: r.ticket_state as TicketState,
    }));
  }

  openAlertsOfTicket(ticketId: number): TurnAlert[] {
    return (this.st('SELECT * FROM turn_alerts WHERE ticket_id = ? AND ended_at IS NULL ORDER BY id').all(ticketId) as Row[]).map(toAlert);
  }

  alert(id: number): TurnAlert | undefined {
    const r = this.st('SELECT * FROM turn_alerts WHERE id = ?').get(id) as Row | undefined;
    return r && toAlert(r);
  }

  insertAlert(a: NewTurnAlert): number {
    const r = this.st(
      `INSERT INTO turn_alerts (site_id, ticket_id, channel, ahead, minutes, contact, line_code, bound, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    ).get(a.siteId, a.ticketId, a.channel, a.ahead, a.minutes, a.contact === null ? null : JSON.stringify(a.contact), a.lineCode, a.bound ? 1 : 0, iso(a.createdAt)) as Row;
    return Number(r.id);
  }

  saveAlertProgress(id: number, nearSent: boolean, endedAt: number | null): void {
    this.st(
      `UPDATE turn_alerts SET near_sent = ?, ended_at = ?, line_code = CASE WHEN ? IS NULL THEN line_code ELSE NULL END WHERE id = ?`,
    ).run(nearSent ? 1 : 0, endedAt === null ? null : iso(endedAt), endedAt, id);
  }

  insertDelivery(alertId: number, kind: TurnAlertKind, message: TurnAlertMessage, at: number): number {
    const r = this.st(
      `INSERT INTO turn_alert_deliveries (alert_id, kind, message, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
    ).get(alertId, kind, JSON.stringify(message), iso(at), iso(at), iso(at)) as Row;
    return Number(r.id);
  }

  lineCodeTaken(code: string): boolean {
    return this.st('SELECT 1 FROM turn_alerts WHERE line_code = ?').get(code) !== undefined;
  }

  alertByLineCode(code: string): TurnAlert | undefined {
    const r = this.st(`SELECT * FROM turn_alerts WHERE line_code = ? AND ended_at IS NULL AND bound = 0`).get(code) as Row | undefined;
    return r && toAlert(r);
  }

  bindLine(id: number, userId: string): void {
    this.st(`UPDATE turn_alerts SET contact = ?, bound = 1, line_code = NULL WHERE id = ?`).run(JSON.stringify({ channel: 'line', userId }), id);
  }

  openLineAlertsOf(userId: string): TurnAlert[] {
    return (
      this.st(`SELECT * FROM turn_alerts WHERE channel = 'line' AND ended_at IS NULL AND bound = 1 AND json_extract(contact, '$.userId') = ?`).all(userId) as Row[]
    ).map(toAlert);
  }

  dueDeliveries(now: number, limit: number): DueDelivery[] {
    const rows = this.st(
      `SELECT d.id, d.alert_id, d.kind, d.message, d.attempts, a.site_id, a.channel, a.contact
         FROM turn_alert_deliveries d JOIN turn_alerts a ON a.id = d.alert_id
        WHERE d.state = 'pending' AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.id LIMIT ?`,
    ).all(iso(now), limit) as Row[];
    return rows.map((r) => ({
      id: Number(r.id),
      alertId: Number(r.alert_id),
      siteId: String(r.site_id),
      channel: r.channel as TurnAlertChannel,
      kind: r.kind as TurnAlertKind,
      message: JSON.parse(String(r.message)) as TurnAlertMessage,
      attempts: Number(r.attempts),
      contact: contactOf(r.contact),
    }));
  }

  nextDueAt(): number | null {
    const v = this.st(`SELECT min(next_attempt_at) AS at FROM turn_alert_deliveries WHERE state = 'pending'`).get() as Row;
    return v.at === null ? null : Date.parse(String(v.at));
  }

  updateDelivery(id: number, u: DeliveryUpdate, at: number): void {
    this.st(`UPDATE turn_alert_deliveries SET state = ?, attempts = ?, next_attempt_at = ?, last_reason = ?, updated_at = ? WHERE id = ?`).run(
      u.state,
      u.attempts,
      iso(u.nextAttemptAt),
      u.reason,
      iso(at),
      id,
    );
  }

  dropAlert(id: number, at: number, reason: string): void {
    this.db.transaction(() => {
      this.st(DROP_PENDING('a.id = ?')).run(reason, iso(at), id);
      this.st(`UPDATE turn_alerts SET contact = NULL, line_code = NULL, ended_at = coalesce(ended_at, ?) WHERE id = ?`).run(iso(at), id);
    });
  }

  forgetEndedContacts(): number {
    return this.st(
      `UPDATE turn_alerts SET contact = NULL
        WHERE ended_at IS NOT NULL AND contact IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM turn_alert_deliveries d WHERE d.alert_id = turn_alerts.id AND d.state = 'pending')`,
    ).run().changes;
  }

  forgetContactsBefore(siteId: string, businessDate: string, at: number): number {
    const ofPastDays = `SELECT a.id FROM turn_alerts a JOIN tickets t ON t.id = a.ticket_id WHERE a.site_id = ? AND t.business_date < ?`;
    const deleted = this.db.transaction(() => {
      // the messages go too: they hold the phone page's link, and nothing is left to send
      this.st(`DELETE FROM turn_alert_deliveries WHERE alert_id IN (${ofPastDays})`).run(siteId, businessDate);
      return this.st(
        `UPDATE turn_alerts SET contact = NULL, line_code = NULL, ended_at = coalesce(ended_at, ?)
          WHERE (contact IS NOT NULL OR ended_at IS NULL) AND id IN (${ofPastDays})`,
      ).run(iso(at), siteId, businessDate).changes;
    });
    // secure_delete overwrites a contact in the database file, but the write-ahead log keeps the
    // pages as they were (contacts included) until it is checkpointed and written over, which on
    // a quiet day may be never: the day's end empties it
    this.db.connection.pragma('wal_checkpoint(TRUNCATE)');
    return deleted;
  }

  waitingWithAlerts(siteId: string): Array<{ queue: string; tickets: number }> {
    return (
      this.st(
        `SELECT t.queue_id AS queue, count(DISTINCT t.id) AS tickets FROM turn_alerts a JOIN tickets t ON t.id = a.ticket_id
          WHERE a.site_id = ? AND a.ended_at IS NULL AND t.state = 'waiting' GROUP BY t.queue_id ORDER BY t.queue_id`,
      ).all(siteId) as Row[]
    ).map((r) => ({ queue: String(r.queue), tickets: Number(r.tickets) }));
  }

  deliveryFailures(siteId: string, businessDate: string): Array<{ channel: TurnAlertChannel; failed: number }> {
    return (
      this.st(
        `SELECT a.channel, count(*) AS failed FROM turn_alert_deliveries d JOIN turn_alerts a ON a.id = d.alert_id JOIN tickets t ON t.id = a.ticket_id
          WHERE a.site_id = ? AND t.business_date = ? AND (d.state = 'failed' OR (d.state = 'dropped' AND d.last_reason LIKE 'gone%'))
          GROUP BY a.channel ORDER BY a.channel`,
      ).all(siteId, businessDate) as Row[]
    ).map((r) => ({ channel: r.channel as TurnAlertChannel, failed: Number(r.failed) }));
  }
}
