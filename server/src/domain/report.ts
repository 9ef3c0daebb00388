import { loggedEventType, type CounterFigures, type DailyReport, type LoggedEventType, type QueueFigures, type TicketState, type TransferFigures, type WaitStats } from '@madoguchi/shared';

export type { CounterFigures, QueueFigures, TransferFigures, WaitStats };
import type { LoggedEvent } from './replay.js';

/**
 * A day's figures, derived only from the ticket event log (statistics never live in counters
 * that could drift). Pure: the caller supplies the events of one business day.
 */

export interface TicketTimeline {
  ticketId: number;
  label: string;
  issuedQueue: string;
  finalQueue: string;
  service: string | null;
  priority: boolean;
  lowCounter: boolean;
  state: TicketState;
  issuedAt: number;
  firstCalledAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
  counter: string | null;
  recalls: number;
  transfers: number;
  /** minutes from issue to first call, never negative */
  waitMinutes: number | null;
  /** minutes from start (or call) to completion */
  serviceMinutes: number | null;
}



/** The part of a DailyReport derived from the tickets' timelines; the app adds counters, transfers and satisfaction. */
export type TimelineReport = Omit<DailyReport, 'counters' | 'transfers' | 'satisfaction'>;

const minutes = (from: number | null, to: number | null): number | null =>
  from === null || to === null ? null : Math.max(0, (to - from) / 60_000);

export function timelines(events: readonly LoggedEvent[]): TicketTimeline[] {
  const byTicket = new Map<number, TicketTimeline>();
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    if (e.ticketId === null) continue;
    const type = loggedEventType(e.type);
    if (type === 'ticket:issued') {
      byTicket.set(e.ticketId, {
        ticketId: e.ticketId,
        label: String(e.data.label),
        issuedQueue: String(e.queueId),
        finalQueue: String(e.queueId),
        service: (e.data.service as string | null) ?? null,
        priority: Boolean(e.data.priority),
        lowCounter: Boolean(e.data.lowCounter),
        state: 'waiting',
        issuedAt: e.at,
        firstCalledAt: null,
        startedAt: null,
        endedAt: null,
        counter: null,
        recalls: 0,
        transfers: 0,
        waitMinutes: null,
        serviceMinutes: null,
      });
      continue;
    }
    const t = byTicket.get(e.ticketId);
    if (!t) continue;
    if (e.toState) t.state = e.toState;
    switch (type) {
      case 'ticket:called':
        if (e.data.recall) t.recalls += 1;
        else {
          t.firstCalledAt ??= e.at;
          t.counter = e.counterId;
        }
        break;
      case 'ticket:started':
        t.startedAt = e.at;
        break;
      case 'ticket:transferred':
        t.transfers += 1;
        t.finalQueue = String(e.queueId);
        t.service = (e.data.service as string | null) ?? t.service;
        break;
      case 'ticket:completed':
        t.endedAt = e.at;
        t.serviceMinutes = minutes(t.startedAt ?? t.firstCalledAt, e.at);
        break;
      case 'ticket:no-show':
      case 'ticket:cancelled':
      case 'ticket:expired':
        t.endedAt = e.at;
        break;
      default:
        break;
    }
    t.waitMinutes = minutes(t.issuedAt, t.firstCalledAt);
  }
  return [...byTicket.values()];
}

export function stats(values: readonly number[]): WaitStats {
  if (values.length === 0) return { count: 0, mean: null, median: null, p90: null, max: null };
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number): number => {
    // linear interpolation between closest ranks
    const i = (s.length - 1) * p;
    const lo = Math.floor(i);
    const hi = Math.ceil(i);
    return (s[lo] ?? 0) + ((s[hi] ?? 0) - (s[lo] ?? 0)) * (i - lo);
  };
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    count: s.length,
    mean: round(s.reduce((a, b) => a + b, 0) / s.length),
    median: round(at(0.5)),
    p90: round(at(0.9)),
    max: round(s[s.length - 1] ?? 0),
  };
}

export function dailyReport(date: string, lines: readonly TicketTimeline[], queueIds: readonly string[], hourOf: (instant: number) => number): TimelineReport {
  const arrivalsByHour = Array.from({ length: 24 }, () => 0);
  // one pass to group (a month holds tens of thousands of tickets)
  const byIssued = new Map<string, TicketTimeline[]>(queueIds.map((q) => [q, []]));
  const byFinal = new Map<string, TicketTimeline[]>(queueIds.map((q) => [q, []]));
  const byService = new Map<string, TicketTimeline[]>();
  let served = 0;
  let noShows = 0;
  for (const t of lines) {
    const h = hourOf(t.issuedAt);
    arrivalsByHour[h] = (arrivalsByHour[h] ?? 0) + 1;
    byIssued.get(t.issuedQueue)?.push(t);
    byFinal.get(t.finalQueue)?.push(t);
    if (t.service) {
      const k = `${t.finalQueue}\u0000${t.service}`;
      const l = byService.get(k);
      if (l) l.push(t);
      else byService.set(k, [t]);
    }
    if (t.state === 'done') served += 1;
    else if (t.state === 'no_show') noShows += 1;
  }
  const nums = (xs: Array<number | null>) => xs.filter((x): x is number => x !== null);
  const count = (ls: readonly TicketTimeline[], state: TicketState) => ls.reduce((n, t) => (t.state === state ? n + 1 : n), 0);
  const queues = queueIds.map((q): QueueFigures => {
    const issued = byIssued.get(q) ?? [];
    const final = byFinal.get(q) ?? [];
    const qNoShows = count(final, 'no_show');
    const qServed = count(final, 'done');
    return {
      queue: q,
      issued: issued.length,
      served: qServed,
      noShows: qNoShows,
      cancelled: count(final, 'cancelled'),
      expired: count(final, 'expired'),
      transfersIn: final.filter((t) => t.transfers > 0 && t.issuedQueue !== q).length,
      waits: stats(nums(issued.map((t) => t.waitMinutes))),
      serviceTimes: stats(nums(final.map((t) => t.serviceMinutes))),
      noShowRate: qServed + qNoShows > 0 ? Math.round((qNoShows / (qServed + qNoShows)) * 1000) / 1000 : null,
    };
  });
  const services = [...byService.keys()].sort().map((k) => {
    const [queue = '', service = ''] = k.split('\u0000');
    const ls = byService.get(k) ?? [];
    return {
      queue,
      service,
      served: count(ls, 'done'),
      waits: stats(nums(ls.map((t) => t.waitMinutes))),
      serviceTimes: stats(nums(ls.map((t) => t.serviceMinutes))),
    };
  });
  return { date, issued: lines.length, served, noShows, arrivalsByHour, queues, services };
}

const CSV_COLUMNS = [
  'label', 'issued_queue', 'queue', 'service', 'priority', 'low_counter', 'state', 'issued_at', 'first_called_at',
  'started_at', 'ended_at', 'counter', 'recalls', 'transfers', 'wait_minutes', 'service_minutes',
] as const;

/** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with BOM, so Excel in Japan opens it correctly; one row per ticket. */
export function timelineCsv(lines: readonly TicketTimeline[], iso: (instant: number | null) => string | null): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const t of lines) {
    rows.push(
      [
        t.label, t.issuedQueue, t.finalQueue, t.service, t.priority ? 1 : 0, t.lowCounter ? 1 : 0, t.state, iso(t.issuedAt),
        iso(t.firstCalledAt), iso(t.startedAt), iso(t.endedAt), t.counter, t.recalls, t.transfers,
        t.waitMinutes === null ? null : t.waitMinutes.toFixed(1), t.serviceMinutes === null ? null : t.serviceMinutes.toFixed(1),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

// ---- counters and transfers ------------------------------------------------------------------

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Events that take a ticket away from the counter it was at. */
const LEAVES_COUNTER: ReadonlySet<LoggedEventType | null> = new Set<LoggedEventType>(['ticket:completed', 'ticket:no-show', 'ticket:transferred', 'ticket:cancelled', 'ticket:expired']);

/** A counter's raw figures over a period; periods that follow each other add up. */
export interface CounterTotals {
  counter: string;
  called: number;
  served: number;
  busyMs: number;
  openMs: number;
}

/**
 * Per counter: calls, completions, busy time (call → the ticket leaves the counter) and open time
 * (from `counter:updated` events), within `[from, to)`. `openAtStart` is each counter's
 * availability when the period began (its last change before it).
 */
export function counterTotals(
  ticketEvents: readonly LoggedEvent[],
  counterEvents: ReadonlyArray<{ seq: number; at: number; counterId: string | null; availability: unknown }>,
  period: { from: number; to: number },
  counterIds: readonly string[],
  openAtStart: (counter: string) => boolean,
): CounterTotals[] {
  const busy = new Map<string, number>();
  const called = new Map<string, number>();
  const served = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  const at = new Map<number, { counter: string; since: number }>();
  for (const e of [...ticketEvents].sort((a, b) => a.seq - b.seq)) {
    if (e.ticketId === null) continue;
    const type = loggedEventType(e.type);
    if (type === 'ticket:called' && e.counterId && !e.data.recall) {
      const prev = at.get(e.ticketId);
      if (prev) add(busy, prev.counter, Math.max(0, e.at - prev.since));
      at.set(e.ticketId, { counter: e.counterId, since: e.at });
      add(called, e.counterId, 1);
    } else if (LEAVES_COUNTER.has(type)) {
      const prev = at.get(e.ticketId);
      if (!prev) continue;
      add(busy, prev.counter, Math.max(0, Math.min(e.at, period.to) - prev.since));
      if (type === 'ticket:completed') add(served, prev.counter, 1);
      at.delete(e.ticketId);
    }
  }
  // still at a counter when the period ends (today's report)
  for (const { counter, since } of at.values()) add(busy, counter, Math.max(0, period.to - since));

  const open = new Map<string, number>();
  const since = new Map<string, number | null>(counterIds.map((c) => [c, openAtStart(c) ? period.from : null]));
  for (const e of [...counterEvents].sort((a, b) => a.seq - b.seq)) {
    if (!e.counterId || !since.has(e.counterId)) continue;
    const t = Math.min(Math.max(e.at, period.from), period.to);
    const was = since.get(e.counterId) ?? null;
    const isOpen = e.availability === 'open';
    if (was !== null && !isOpen) {
      add(open, e.counterId, Math.max(0, t - was));
      since.set(e.counterId, null);
    } else if (was === null && isOpen) {
      since.set(e.counterId, t);
    }
  }
  for (const [c, s] of since) if (s !== null) add(open, c, Math.max(0, period.to - s));
  return counterIds.map((c) => ({ counter: c, called: called.get(c) ?? 0, served: served.get(c) ?? 0, busyMs: busy.get(c) ?? 0, openMs: open.get(c) ?? 0 }));
}

/** Adds the totals of several periods (the days of a month). */
export function sumCounterTotals(parts: ReadonlyArray<readonly CounterTotals[]>, counterIds: readonly string[]): CounterTotals[] {
  return counterIds.map((counter) => {
    const mine = parts.flatMap((p) => p.filter((x) => x.counter === counter));
    const sum = (k: 'called' | 'served' | 'busyMs' | 'openMs') => mine.reduce((a, x) => a + x[k], 0);
    return { counter, called: sum('called'), served: sum('served'), busyMs: sum('busyMs'), openMs: sum('openMs') };
  });
}

export function counterFigures(totals: readonly CounterTotals[]): CounterFigures[] {
  return totals.map((t) => {
    const busyMinutes = round1(t.busyMs / 60_000);
    const openMinutes = round1(t.openMs / 60_000);
    return {
      counter: t.counter,
      called: t.called,
      served: t.served,
      busyMinutes,
      openMinutes,
      // a ticket called just before closing may end after: never above 1
      utilisation: openMinutes > 0 ? Math.min(1, Math.round((busyMinutes / openMinutes) * 1000) / 1000) : null,
    };
  });
}

/** Adds transfer counts of several periods. */
export function sumTransfers(parts: ReadonlyArray<readonly TransferFigures[]>): TransferFigures[] {
  const counts = new Map<string, number>();
  for (const p of parts) for (const t of p) counts.set(`${t.from}\u0000${t.to}`, (counts.get(`${t.from}\u0000${t.to}`) ?? 0) + t.count);
  return sortTransfers(counts);
}

const sortTransfers = (counts: Map<string, number>): TransferFigures[] =>
  [...counts.entries()]
    .map(([k, count]) => {
      const [from = '', to = ''] = k.split('\u0000');
      return { from, to, count };
    })
    .sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));

/** Transfers between queues (転入届 → 国民健康保険), counted from the event log. */
export function transferFigures(ticketEvents: readonly LoggedEvent[]): TransferFigures[] {
  const queueOf = new Map<number, string>();
  const counts = new Map<string, number>();
  for (const e of [...ticketEvents].sort((a, b) => a.seq - b.seq)) {
    if (e.ticketId === null || !e.queueId) continue;
    const type = loggedEventType(e.type);
    if (type === 'ticket:issued') queueOf.set(e.ticketId, e.queueId);
    else if (type === 'ticket:transferred') {
      const from = queueOf.get(e.ticketId) ?? '?';
      counts.set(`${from}\u0000${e.queueId}`, (counts.get(`${from}\u0000${e.queueId}`) ?? 0) + 1);
      queueOf.set(e.ticketId, e.queueId);
    }
  }
  return sortTransfers(counts);
}

export interface DaySummary {
  date: string;
  issued: number;
  served: number;
  noShows: number;
  meanWait: number | null;
}

/** One line per business day of a longer period (a month report's days). */
export function daySummaries(lines: readonly TicketTimeline[], dateOf: (instant: number) => string, dates: readonly string[]): DaySummary[] {
  const byDate = new Map<string, TicketTimeline[]>(dates.map((d) => [d, []]));
  for (const t of lines) byDate.get(dateOf(t.issuedAt))?.push(t);
  return dates.map((date) => {
    const ls = byDate.get(date) ?? [];
    const waits = ls.flatMap((t) => (t.waitMinutes === null ? [] : [t.waitMinutes]));
    return {
      date,
      issued: ls.length,
      served: ls.filter((t) => t.state === 'done').length,
      noShows: ls.filter((t) => t.state === 'no_show').length,
      meanWait: stats(waits).mean,
    };
  });
}

const SUMMARY_COLUMNS = ['queue', 'issued', 'served', 'no_shows', 'no_show_rate', 'cancelled', 'expired', 'transfers_in', 'wait_mean', 'wait_median', 'wait_p90', 'wait_max', 'service_mean', 'service_median', 'service_p90', 'service_max'] as const;

/** The summary of a day or month per queue, UTF-8 with BOM (Excel in Japan). */
export function summaryCsv(report: Pick<TimelineReport, 'queues'>): string {
  const rows = [SUMMARY_COLUMNS.join(',')];
  for (const q of report.queues) {
    rows.push(
      [
        q.queue, q.issued, q.served, q.noShows, q.noShowRate, q.cancelled, q.expired, q.transfersIn,
        q.waits.mean, q.waits.median, q.waits.p90, q.waits.max, q.serviceTimes.mean, q.serviceTimes.median, q.serviceTimes.p90, q.serviceTimes.max,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
