import type { Language, LoggedEventType, TicketState } from '@madoguchi/shared';
import type { ServiceSample } from '../../domain/estimate.js';
import type { Ticket } from '../../domain/ticket.js';
import type { LoggedEvent } from '../../domain/replay.js';
import type { CounterRow } from '../../ports/counter-store.js';
import type { PrinterHealthRow, PrintJob } from '../../ports/device-store.js';
import type { EventRow, RecentCall } from '../../ports/event-log.js';
import type { BookingCount, DayFeedback, ReportDay } from '../../ports/report-store.js';
import type { Announcement, IssuingOverride, SiteDay } from '../../ports/site-store.js';
import type { Store } from '../../ports/store.js';
import type { NewTicket, QueueDay, WaitingTicket } from '../../ports/ticket-store.js';
import type { SqliteDatabase } from './sqlite-database.js';

/** An event type of the map as an SQL literal (a literal, not a parameter: the partial indexes on `type` need one). */
const sqlType = (type: LoggedEventType): string => `'${type}'`;

type Row = Record<string, unknown>;

const iso = (ms: number): string => new Date(ms).toISOString();
const ms = (v: unknown): number => Date.parse(String(v));
const msOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Date.parse(String(v)));
const isoOrNull = (v: number | null): string | null => (v === null ? null : iso(v));
const textOrNull = (v: unknown): string | null => (v as string | null) ?? null;
const numberOrNull = (v: unknown): number | null => (v === null ? null : Number(v));
/** the columns every row of a site's own table starts with */
const siteRow = (r: Row): { id: number; siteId: string } => ({ id: Number(r.id), siteId: String(r.site_id) });

function toTicket(r: Row): Ticket {
  return {
    ...siteRow(r),
    businessDate: String(r.business_date),
    issuedQueueId: String(r.issued_queue_id),
    number: Number(r.number),
    cycle: Number(r.cycle),
    label: String(r.label),
    queueId: String(r.queue_id),
    serviceId: textOrNull(r.service_id),
    priority: r.priority === 1,
    lowCounter: r.low_counter === 1,
    state: r.state as TicketState,
    sortKey: Number(r.sort_key),
    issueSeq: Number(r.issue_seq),
    token: String(r.token),
    issuedAt: ms(r.issued_at),
    calledAt: msOrNull(r.called_at),
    startedAt: msOrNull(r.started_at),
    endedAt: msOrNull(r.ended_at),
    counterId: textOrNull(r.counter_id),
    recalls: Number(r.recalls),
    transfers: Number(r.transfers),
    language: textOrNull(r.language) as Language | null,
    slotStart: numberOrNull(r.slot_start ?? null),
  };
}

function ticketParams(t: NewTicket): Row {
  return {
    site_id: t.siteId,
    business_date: t.businessDate,
    issued_queue_id: t.issuedQueueId,
    number: t.number,
    cycle: t.cycle,
    label: t.label,
    queue_id: t.queueId,
    service_id: t.serviceId,
    priority: t.priority ? 1 : 0,
    low_counter: t.lowCounter ? 1 : 0,
    state: t.state,
    sort_key: t.sortKey,
    issue_seq: t.issueSeq,
    token: t.token,
    issued_at: iso(t.issuedAt),
    called_at: isoOrNull(t.calledAt),
    started_at: isoOrNull(t.startedAt),
    ended_at: isoOrNull(t.endedAt),
    counter_id: t.counterId,
    recalls: t.recalls,
    transfers: t.transfers,
    language: t.language,
    slot_start: t.slotStart ?? null,
  };
}

/**
 * The stored key is the caller's and the client's key joined by a space, which no client key holds
 * (the route allows A-Z a-z 0-9 _ . : -): the primary key (site_id, key) then scopes keys per
 * caller without a new column or migration. Keys stored before were unscoped; they only answered
 * retries within seconds of their tap, so none is carried over.
 */
const callerKey = (caller: string, key: string): string => `${caller} ${key}`;

const TICKET_COLUMNS = [
  'site_id', 'business_date', 'issued_queue_id', 'number', 'cycle', 'label', 'queue_id', 'service_id', 'priority',
  'low_counter', 'state', 'sort_key', 'issue_seq', 'token', 'issued_at', 'called_at', 'started_at', 'ended_at',
  'counter_id', 'recalls', 'transfers', 'language', 'slot_start',
] as const;

/**
 * Every role port of the queue engine (tickets, sites, counters, devices and printers, the event
 * log, reports) over the one connection of `SqliteDatabase`, so that a use case's writes to all
 * of them are one transaction.
 */
export class SqliteStore implements Store {
  constructor(private readonly db: SqliteDatabase) {}

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn);
  }

  private st(sql: string) {
    return this.db.statement(sql);
  }

  /** Registers a site (idempotent). */
  ensureSite(siteId: string): void {
    this.st('INSERT INTO sites (id) VALUES (?) ON CONFLICT DO NOTHING').run(siteId);
  }

  siteDay(siteId: string): SiteDay {
    const r = this.st('SELECT business_date, seq FROM sites WHERE id = ?').get(siteId) as Row | undefined;
    if (!r) throw new Error(`site ${siteId} is not registered in the store`);
    return { businessDate: textOrNull(r.business_date), seq: Number(r.seq) };
  }

  setBusinessDate(siteId: string, date: string): void {
    this.st('UPDATE sites SET business_date = ? WHERE id = ?').run(date, siteId);
  }

  nextSeq(siteId: string): number {
    const r = this.st('UPDATE sites SET seq = seq + 1 WHERE id = ? RETURNING seq').get(siteId) as Row | undefined;
    if (!r) throw new Error(`site ${siteId} is not registered in the store`);
    return Number(r.seq);
  }

  queueDay(siteId: string, queueId: string, date: string): QueueDay {
    const r = this.st(
      'SELECT last_number, cycle, priority_streak FROM queue_days WHERE site_id = ? AND queue_id = ? AND business_date = ?',
    ).get(siteId, queueId, date) as Row | undefined;
    if (!r) return { lastNumber: null, cycle: 0, priorityStreak: 0 };
    return {
      lastNumber: numberOrNull(r.last_number),
      cycle: Number(r.cycle),
      priorityStreak: Number(r.priority_streak),
    };
  }

  saveQueueDay(siteId: string, queueId: string, date: string, d: QueueDay): void {
    this.st(
      `INSERT INTO queue_days (site_id, queue_id, business_date, last_number, cycle, priority_streak)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (site_id, queue_id, business_date)
       DO UPDATE SET last_number = excluded.last_number, cycle = excluded.cycle, priority_streak = excluded.priority_streak`,
    ).run(siteId, queueId, date, d.lastNumber, d.cycle, d.priorityStreak);
  }

  isNumberActive(siteId: string, issuedQueueId: string, date: string, num: number): boolean {
    return (
      this.st(
        `SELECT 1 FROM tickets WHERE site_id = ? AND issued_queue_id = ? AND business_date = ? AND number = ?
         AND state IN ('waiting','called','serving','no_show') LIMIT 1`,
      ).get(siteId, issuedQueueId, date, num) !== undefined
    );
  }

  insertTicket(t: NewTicket): number {
    const cols = TICKET_COLUMNS.join(', ');
    const vals = TICKET_COLUMNS.map((c) => `@${c}`).join(', ');
    const r = this.st(`INSERT INTO tickets (${cols}) VALUES (${vals})`).run(ticketParams(t));
    return Number(r.lastInsertRowid);
  }

  updateTicket(t: Ticket): void {
    const sets = TICKET_COLUMNS.map((c) => `${c} = @${c}`).join(', ');
    const r = this.st(`UPDATE tickets SET ${sets} WHERE id = @id`).run({ ...ticketParams(t), id: t.id });
    if (r.changes !== 1) throw new Error(`ticket ${t.id} not found for update`);
  }

  ticket(siteId: string, id: number): Ticket | undefined {
    const r = this.st('SELECT * FROM tickets WHERE site_id = ? AND id = ?').get(siteId, id) as Row | undefined;
    return r ? toTicket(r) : undefined;
  }

  ticketByToken(token: string): Ticket | undefined {
    const r = this.st('SELECT * FROM tickets WHERE token = ?').get(token) as Row | undefined;
    return r ? toTicket(r) : undefined;
  }

  waiting(siteId: string, queueIds: readonly string[]): WaitingTicket[] {
    if (queueIds.length === 0) return [];
    const marks = queueIds.map(() => '?').join(',');
    const rows = this.st(
      `SELECT id, queue_id, service_id, priority, low_counter, sort_key, issue_seq, issued_at, slot_start FROM tickets
       WHERE site_id = ? AND state = 'waiting' AND queue_id IN (${marks}) ORDER BY sort_key`,
    ).all(siteId, ...queueIds) as Row[];
    return rows.map((r) => ({
      id: Number(r.id),
      queueId: String(r.queue_id),
      serviceId: textOrNull(r.service_id),
      priority: r.priority === 1,
      lowCounter: r.low_counter === 1,
      sortKey: Number(r.sort_key),
      issueSeq: Number(r.issue_seq),
      issuedAt: ms(r.issued_at),
      slotStart: numberOrNull(r.slot_start),
    }));
  }

  openTicketsBefore(siteId: string, date: string): Ticket[] {
    return (
      this.st(
        `SELECT * FROM tickets WHERE site_id = ? AND business_date < ? AND state IN ('waiting','called') ORDER BY id`,
      ).all(siteId, date) as Row[]
    ).map(toTicket);
  }

  ticketsOfDay(siteId: string, date: string): Ticket[] {
    return (this.st('SELECT * FROM tickets WHERE site_id = ? AND business_date = ? ORDER BY id').all(siteId, date) as Row[]).map(
      toTicket,
    );
  }

  lastCalledLabel(siteId: string, queueId: string, date: string): string | null {
    const r = this.st(
      `SELECT t.label FROM events e JOIN tickets t ON t.id = e.ticket_id
       WHERE e.site_id = ? AND e.type = ${sqlType('ticket:called')} AND e.queue_id = ? AND t.business_date = ?
       ORDER BY e.seq DESC LIMIT 1`,
    ).get(siteId, queueId, date) as Row | undefined;
    return r ? String(r.label) : null;
  }

  serviceSamples(siteId: string, date: string, limit: number): ServiceSample[] {
    const rows = this.st(
      `SELECT queue_id, service_id, coalesce(started_at, called_at) AS began, ended_at FROM tickets
       WHERE site_id = ? AND business_date = ? AND state = 'done' AND ended_at IS NOT NULL
       ORDER BY ended_at DESC LIMIT ?`,
    ).all(siteId, date, limit) as Row[];
    return rows.reverse().map((r) => ({
      queueId: String(r.queue_id),
      serviceId: textOrNull(r.service_id),
      seconds: Math.max(0, (ms(r.ended_at) - ms(r.began)) / 1000),
    }));
  }

  recentTicketsOfCounter(siteId: string, counterId: string, date: string, limit: number): Ticket[] {
    return (
      this.st(
        `SELECT * FROM tickets WHERE site_id = ? AND counter_id = ? AND business_date = ? ORDER BY called_at DESC LIMIT ?`,
      ).all(siteId, counterId, date, limit) as Row[]
    ).map(toTicket);
  }

  recentCalls(siteId: string, date: string, limit: number): RecentCall[] {
    const rows = this.st(
      `SELECT e.seq, e.at, e.queue_id, e.counter_id, e.data, t.label FROM events e JOIN tickets t ON t.id = e.ticket_id
       WHERE e.site_id = ? AND e.type = ${sqlType('ticket:called')} AND t.business_date = ? ORDER BY e.seq DESC LIMIT ?`,
    ).all(siteId, date, limit) as Row[];
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: ms(r.at),
      label: String(r.label),
      queueId: String(r.queue_id),
      counterId: String(r.counter_id),
      recall: Boolean((JSON.parse(String(r.data)) as { recall?: boolean }).recall),
    }));
  }

  appendEvent(e: EventRow): void {
    this.st(
      `INSERT INTO events (site_id, seq, type, ticket_id, from_state, to_state, at, actor_kind, actor_id, counter_id, queue_id, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      e.siteId,
      e.seq,
      e.type,
      e.ticketId,
      e.fromState,
      e.toState,
      iso(e.at),
      e.actorKind,
      e.actorId,
      e.counterId,
      e.queueId,
      JSON.stringify(e.data),
    );
  }

  events(siteId: string, afterSeq = 0): EventRow[] {
    return (this.st('SELECT * FROM events WHERE site_id = ? AND seq > ? ORDER BY seq').all(siteId, afterSeq) as Row[]).map(toEvent);
  }

  ticketEventsOfDay(siteId: string, date: string): EventRow[] {
    return (
      this.st(
        `SELECT e.* FROM tickets t JOIN events e ON e.ticket_id = t.id
         WHERE t.site_id = ? AND t.business_date = ? ORDER BY e.seq`,
      ).all(siteId, date) as Row[]
    ).map(toEvent);
  }

  counterEventsBetween(siteId: string, from: number, to: number): EventRow[] {
    return (
      this.st(`SELECT * FROM events WHERE type = ${sqlType('counter:updated')} AND site_id = ? AND at >= ? AND at < ? ORDER BY seq`).all(
        siteId,
        iso(from),
        iso(to),
      ) as Row[]
    ).map(toEvent);
  }

  counterAvailabilityBefore(siteId: string, counterId: string, at: number): string | null {
    const r = this.st(
      `SELECT data FROM events WHERE type = ${sqlType('counter:updated')} AND site_id = ? AND counter_id = ? AND at < ? ORDER BY at DESC LIMIT 1`,
    ).get(siteId, counterId, iso(at)) as Row | undefined;
    if (!r) return null;
    const availability = (JSON.parse(String(r.data)) as { availability?: unknown }).availability;
    return typeof availability === 'string' ? availability : null;
  }

  kioskPrinters(siteId: string): Array<{ device: string; printerId: string }> {
    return (this.st('SELECT device, printer_id FROM kiosk_printers WHERE site_id = ? ORDER BY device').all(siteId) as Row[]).map((r) => ({
      device: String(r.device),
      printerId: String(r.printer_id),
    }));
  }

  setKioskPrinter(siteId: string, device: string, printerId: string | null, at: number, by: string): void {
    if (printerId === null) this.st('DELETE FROM kiosk_printers WHERE site_id = ? AND device = ?').run(siteId, device);
    else {
      this.st(
        `INSERT INTO kiosk_printers (site_id, device, printer_id, set_at, set_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (site_id, device) DO UPDATE SET printer_id = excluded.printer_id, set_at = excluded.set_at, set_by = excluded.set_by`,
      ).run(siteId, device, printerId, iso(at), by);
    }
  }

  reportEvents(siteId: string, fromDate: string, toDate: string): LoggedEvent[] {
    // only what reports read: the data of the events that carry some (label, recall, service)
    const rows = this.st(
      `SELECT e.seq, e.type, e.ticket_id, e.to_state, e.at, e.counter_id, e.queue_id,
              CASE WHEN e.type IN (${sqlType('ticket:issued')}, ${sqlType('ticket:called')}, ${sqlType('ticket:transferred')}) THEN e.data END
         FROM tickets t JOIN events e ON e.ticket_id = t.id
        WHERE t.site_id = ? AND t.business_date BETWEEN ? AND ?`,
    )
      .raw()
      .all(siteId, fromDate, toDate) as unknown[][];
    return rows.map((r) => ({
      seq: Number(r[0]),
      type: String(r[1]),
      ticketId: Number(r[2]),
      toState: (r[3] as TicketState | null) ?? null,
      at: ms(r[4]),
      counterId: textOrNull(r[5]),
      queueId: textOrNull(r[6]),
      data: r[7] === null ? {} : (JSON.parse(String(r[7])) as Record<string, unknown>),
    }));
  }

  counterAvailabilityChanges(siteId: string, from: number, to: number): Array<{ seq: number; at: number; counterId: string | null; availability: unknown }> {
    const rows = this.st(
      `SELECT seq, at, counter_id, json_extract(data, '$.availability') FROM events
        WHERE type = ${sqlType('counter:updated')} AND site_id = ? AND at >= ? AND at < ?`,
    )
      .raw()
      .all(siteId, iso(from), iso(to)) as unknown[][];
    return rows.map((r) => ({ seq: Number(r[0]), at: ms(r[1]), counterId: textOrNull(r[2]), availability: r[3] }));
  }

  reportDays(siteId: string, fromDate: string, toDate: string): Map<string, ReportDay> {
    const out = new Map<string, ReportDay>();
    const rows = this.st('SELECT business_date, counters, transfers, timelines, feedback, bookings FROM report_days WHERE site_id = ? AND business_date BETWEEN ? AND ?')
      .raw()
      .all(siteId, fromDate, toDate) as Array<[string, string, string, string, string | null, string | null]>;
    for (const [date, counters, transfers, lines, feedback, bookings] of rows) {
      out.set(date, {
        lines: JSON.parse(lines) as ReportDay['lines'],
        counters: JSON.parse(counters) as ReportDay['counters'],
        transfers: JSON.parse(transfers) as ReportDay['transfers'],
        ...(feedback === null ? {} : { feedback: JSON.parse(feedback) as DayFeedback[] }),
        ...(bookings === null ? {} : { bookings: JSON.parse(bookings) as BookingCount[] }),
      });
    }
    return out;
  }

  saveReportDay(siteId: string, date: string, day: ReportDay, at: number): void {
    if (this.db.storage.full) return; // a cache: the figures are derived again on the next report
    try {
      this.saveReportDayRow(siteId, date, day, at);
    } catch (err) {
      if (!this.db.storage.failed(err, 'report figures')) throw err;
    }
  }

  private saveReportDayRow(siteId: string, date: string, day: ReportDay, at: number): void {
    this.st(
      `INSERT INTO report_days (site_id, business_date, counters, transfers, timelines, computed_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (site_id, business_date) DO UPDATE SET counters = excluded.counters, transfers = excluded.transfers,
         timelines = excluded.timelines, computed_at = excluded.computed_at`,
    ).run(siteId, date, JSON.stringify(day.counters), JSON.stringify(day.transfers), JSON.stringify(day.lines), iso(at));
  }

  idempotencyKey(siteId: string, caller: string, key: string): { ticketId: number; requestHash: string } | undefined {
    const r = this.st('SELECT ticket_id, request_hash FROM idempotency_keys WHERE site_id = ? AND key = ?').get(siteId, callerKey(caller, key)) as
      | Row
      | undefined;
    return r ? { ticketId: Number(r.ticket_id), requestHash: String(r.request_hash) } : undefined;
  }

  saveIdempotencyKey(siteId: string, caller: string, key: string, ticketId: number, requestHash: string, at: number): void {
    this.st('INSERT INTO idempotency_keys (site_id, key, ticket_id, request_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(
      siteId,
      callerKey(caller, key),
      ticketId,
      requestHash,
      iso(at),
    );
  }

  counters(siteId: string): CounterRow[] {
    return (this.st('SELECT * FROM counters WHERE site_id = ? ORDER BY rowid').all(siteId) as Row[]).map(toCounter);
  }

  counter(siteId: string, id: string): CounterRow | undefined {
    const r = this.st('SELECT * FROM counters WHERE site_id = ? AND id = ?').get(siteId, id) as Row | undefined;
    return r ? toCounter(r) : undefined;
  }

  saveCounter(c: CounterRow): void {
    this.st(
      `INSERT INTO counters (site_id, id, availability, queues_override, primary_queue_override, current_ticket_id, clerk, reason, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (site_id, id) DO UPDATE SET availability = excluded.availability,
         queues_override = excluded.queues_override, primary_queue_override = excluded.primary_queue_override,
         current_ticket_id = excluded.current_ticket_id, clerk = excluded.clerk, reason = excluded.reason,
         updated_at = excluded.updated_at`,
    ).run(
      c.siteId,
      c.id,
      c.availability,
      c.queuesOverride ? JSON.stringify(c.queuesOverride) : null,
      c.primaryQueueOverride,
      c.currentTicketId,
      c.clerk,
      c.reason,
      iso(c.updatedAt),
    );
  }

  issuingOverrides(siteId: string): IssuingOverride[] {
    return (this.st('SELECT * FROM issuing_overrides WHERE site_id = ?').all(siteId) as Row[]).map((r) => ({
      queueId: r.queue_id === '' ? null : String(r.queue_id),
      mode: r.mode as IssuingOverride['mode'],
      reason: textOrNull(r.reason),
      at: ms(r.at),
    }));
  }

  setIssuingOverride(siteId: string, o: IssuingOverride): void {
    this.st(
      `INSERT INTO issuing_overrides (site_id, queue_id, mode, reason, at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (site_id, queue_id) DO UPDATE SET mode = excluded.mode, reason = excluded.reason, at = excluded.at`,
    ).run(siteId, o.queueId ?? '', o.mode, o.reason, iso(o.at));
  }

  insertAnnouncement(a: Omit<Announcement, 'id' | 'clearedAt'>): number {
    const r = this.st('INSERT INTO announcements (site_id, message, texts, severity, posted_at) VALUES (?, ?, ?, ?, ?)').run(
      a.siteId,
      a.message,
      JSON.stringify(a.texts),
      a.severity,
      iso(a.postedAt),
    );
    return Number(r.lastInsertRowid);
  }

  clearAnnouncement(siteId: string, id: number, at: number): boolean {
    return (
      this.st('UPDATE announcements SET cleared_at = ? WHERE site_id = ? AND id = ? AND cleared_at IS NULL').run(iso(at), siteId, id)
        .changes === 1
    );
  }

  activeAnnouncements(siteId: string): Announcement[] {
    return (this.st('SELECT * FROM announcements WHERE site_id = ? AND cleared_at IS NULL ORDER BY id').all(siteId) as Row[]).map(
      (r) => ({
        id: Number(r.id),
        siteId: String(r.site_id),
        message: String(r.message),
        texts: JSON.parse(String(r.texts)) as Announcement['texts'],
        severity: r.severity as Announcement['severity'],
        postedAt: ms(r.posted_at),
        clearedAt: null,
      }),
    );
  }

  insertPrintJob(j: Omit<PrintJob, 'id'>): number {
    const r = this.st(
      `INSERT INTO print_jobs (site_id, ticket_id, printer_id, kiosk, state, reason, attempts, ahead, estimated_wait_minutes, language, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(j.siteId, j.ticketId, j.printerId, j.kiosk, j.state, j.reason, j.attempts, j.ahead, j.estimatedWaitMinutes, j.language, iso(j.createdAt), iso(j.updatedAt));
    return Number(r.lastInsertRowid);
  }

  updatePrintJob(j: PrintJob): void {
    this.st('UPDATE print_jobs SET state = ?, reason = ?, attempts = ?, updated_at = ? WHERE id = ?').run(j.state, j.reason, j.attempts, iso(j.updatedAt), j.id);
  }

  printJob(siteId: string, id: number): PrintJob | undefined {
    const r = this.st('SELECT * FROM print_jobs WHERE site_id = ? AND id = ?').get(siteId, id) as Row | undefined;
    return r ? toPrintJob(r) : undefined;
  }

  pendingPrintJobs(siteId: string): PrintJob[] {
    return (this.st("SELECT * FROM print_jobs WHERE site_id = ? AND state = 'pending' ORDER BY id").all(siteId) as Row[]).map(toPrintJob);
  }

  latestPrintJob(siteId: string, ticketId: number): PrintJob | undefined {
    const r = this.st('SELECT * FROM print_jobs WHERE site_id = ? AND ticket_id = ? ORDER BY id DESC LIMIT 1').get(siteId, ticketId) as Row | undefined;
    return r ? toPrintJob(r) : undefined;
  }

  failedPrintJobs(siteId: string, businessDate: string): Array<PrintJob & { label: string }> {
    const rows = this.st(
      `SELECT j.*, t.label AS ticket_label FROM tickets t JOIN print_jobs j ON j.ticket_id = t.id
       WHERE t.site_id = ? AND t.business_date = ? AND j.state = 'failed'
         AND j.id = (SELECT MAX(id) FROM print_jobs WHERE ticket_id = t.id)
       ORDER BY j.id`,
    ).all(siteId, businessDate) as Row[];
    return rows.map((r) => ({ ...toPrintJob(r), label: String(r.ticket_label) }));
  }

  printerHealth(siteId: string): PrinterHealthRow[] {
    return (this.st('SELECT * FROM printers WHERE site_id = ? ORDER BY id').all(siteId) as Row[]).map((r) => ({
      siteId: String(r.site_id),
      id: String(r.id),
      health: r.health as PrinterHealthRow['health'],
      detail: textOrNull(r.detail),
      updatedAt: ms(r.updated_at),
    }));
  }

  savePrinterHealth(p: PrinterHealthRow): void {
    this.st(
      `INSERT INTO printers (site_id, id, health, detail, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (site_id, id) DO UPDATE SET health = excluded.health, detail = excluded.detail, updated_at = excluded.updated_at`,
    ).run(p.siteId, p.id, p.health, p.detail, iso(p.updatedAt));
  }

  saveFeedback(siteId: string, ticketId: number, rating: number, at: number): boolean {
    return (
      this.st('INSERT INTO feedback (ticket_id, site_id, rating, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(ticketId, siteId, rating, iso(at))
        .changes === 1
    );
  }

  feedbackBetween(siteId: string, fromDate: string, toDate: string): Array<{ ticketId: number; queueId: string; rating: number }> {
    return (
      this.st(
        `SELECT f.ticket_id, t.queue_id, f.rating FROM feedback f JOIN tickets t ON t.id = f.ticket_id
         WHERE t.site_id = ? AND t.business_date BETWEEN ? AND ? ORDER BY f.ticket_id`,
      ).all(siteId, fromDate, toDate) as Row[]
    ).map((r) => ({ ticketId: Number(r.ticket_id), queueId: String(r.queue_id), rating: Number(r.rating) }));
  }
}

function toPrintJob(r: Row): PrintJob {
  return {
    ...siteRow(r),
    ticketId: Number(r.ticket_id),
    printerId: String(r.printer_id),
    kiosk: textOrNull(r.kiosk),
    state: r.state as PrintJob['state'],
    reason: textOrNull(r.reason),
    attempts: Number(r.attempts),
    ahead: Number(r.ahead),
    estimatedWaitMinutes: numberOrNull(r.estimated_wait_minutes),
    language: textOrNull(r.language),
    createdAt: ms(r.created_at),
    updatedAt: ms(r.updated_at),
  };
}

function toCounter(r: Row): CounterRow {
  return {
    siteId: String(r.site_id),
    id: String(r.id),
    availability: r.availability as CounterRow['availability'],
    queuesOverride: r.queues_override === null ? null : (JSON.parse(String(r.queues_override)) as string[]),
    primaryQueueOverride: textOrNull(r.primary_queue_override),
    currentTicketId: numberOrNull(r.current_ticket_id),
    clerk: textOrNull(r.clerk),
    reason: textOrNull(r.reason),
    updatedAt: ms(r.updated_at),
  };
}

function toEvent(r: Row): EventRow {
  return {
    siteId: String(r.site_id),
    seq: Number(r.seq),
    type: String(r.type),
    ticketId: numberOrNull(r.ticket_id),
    fromState: (r.from_state as TicketState | null) ?? null,
    toState: (r.to_state as TicketState | null) ?? null,
    at: ms(r.at),
    actorKind: String(r.actor_kind),
    actorId: String(r.actor_id),
    counterId: textOrNull(r.counter_id),
    queueId: textOrNull(r.queue_id),
    data: JSON.parse(String(r.data)) as Record<string, unknown>,
  };
}
