import type { TicketState } from '@madoguchi/shared';
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

export interface WaitStats {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  max: number | null;
}

export interface QueueFigures {
  queue: string;
  issued: number;
  served: number;
  noShows: number;
  cancelled: number;
  expired: number;
  transfersIn: number;
  waits: WaitStats;
  serviceTimes: WaitStats;
  noShowRate: number | null;
}

export interface DailyReport {
  date: string;
  issued: number;
  served: number;
  noShows: number;
  arrivalsByHour: number[];
  queues: QueueFigures[];
  services: Array<{ queue: string; service: string; served: number; waits: WaitStats; serviceTimes: WaitStats }>;
}

const minutes = (from: number | null, to: number | null): number | null =>
  from === null || to === null ? null : Math.max(0, (to - from) / 60_000);

export function timelines(events: readonly LoggedEvent[]): TicketTimeline[] {
  const byTicket = new Map<number, TicketTimeline>();
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    if (e.ticketId === null) continue;
    if (e.type === 'ticket:issued') {
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
    switch (e.type) {
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

export function dailyReport(date: string, lines: readonly TicketTimeline[], queueIds: readonly string[], hourOf: (instant: number) => number): DailyReport {
  const arrivalsByHour = Array.from({ length: 24 }, () => 0);
  for (const t of lines) arrivalsByHour[hourOf(t.issuedAt)] = (arrivalsByHour[hourOf(t.issuedAt)] ?? 0) + 1;
  const nums = (xs: Array<number | null>) => xs.filter((x): x is number => x !== null);
  const queues = queueIds.map((q): QueueFigures => {
    const issued = lines.filter((t) => t.issuedQueue === q);
    const final = lines.filter((t) => t.finalQueue === q);
    const noShows = final.filter((t) => t.state === 'no_show').length;
    const served = final.filter((t) => t.state === 'done').length;
    return {
      queue: q,
      issued: issued.length,
      served,
      noShows,
      cancelled: final.filter((t) => t.state === 'cancelled').length,
      expired: final.filter((t) => t.state === 'expired').length,
      transfersIn: final.filter((t) => t.transfers > 0 && t.issuedQueue !== q).length,
      waits: stats(nums(issued.map((t) => t.waitMinutes))),
      serviceTimes: stats(nums(final.map((t) => t.serviceMinutes))),
      noShowRate: served + noShows > 0 ? Math.round((noShows / (served + noShows)) * 1000) / 1000 : null,
    };
  });
  const serviceKeys = [...new Set(lines.filter((t) => t.service).map((t) => `${t.finalQueue}\u0000${t.service}`))].sort();
  const services = serviceKeys.map((k) => {
    const [queue = '', service = ''] = k.split('\u0000');
    const ls = lines.filter((t) => t.finalQueue === queue && t.service === service);
    return {
      queue,
      service,
      served: ls.filter((t) => t.state === 'done').length,
      waits: stats(nums(ls.map((t) => t.waitMinutes))),
      serviceTimes: stats(nums(ls.map((t) => t.serviceMinutes))),
    };
  });
  return {
    date,
    issued: lines.length,
    served: lines.filter((t) => t.state === 'done').length,
    noShows: lines.filter((t) => t.state === 'no_show').length,
    arrivalsByHour,
    queues,
    services,
  };
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
