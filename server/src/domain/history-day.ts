import type { DemandDay } from './demand-forecast.js';
import type { CounterTotals, TicketTimeline } from './report.js';

/**
 * One imported business day's figures (docs/history-import.md), from the old system's tickets of
 * that day: the tickets' timelines and the counters' totals that reports read (report_days), and
 * each queue's demand row that the forecast learns from (demand_days, imported). Pure.
 *
 * Counters: the old log says which counter called a ticket, not when the counter was staffed.
 * The counter-hours are estimated:
 *
 * - with a `counter` column: a counter is present from the day's first ticket of its queues (or
 *   its own first call, when tickets waited for it before) to the end of its last ticket of the day, except while it stood idle with a ticket of its queues waiting (issued, not
 *   yet called) for AWAY_MINUTES or more of a gap between two of its tickets — a staffed counter
 *   calls the next ticket, so that time it was away (the lunch rotation shows as such gaps). Its
 *   hours count to each queue in the share of its busy minutes that day spent on that queue.
 * - without one: per queue and hour, the most tickets at a counter at once in that hour (a lower
 *   bound of the counters staffed).
 *
 * A no-show holds its counter NO_SHOW_MINUTES from its call (the old log has no end for it).
 */

/** One ticket of the old log, instants in epoch ms. */
export interface HistoryTicket {
  queue: string;
  service: string | null;
  counter: string | null;
  state: 'done' | 'no_show' | 'cancelled';
  issuedAt: number;
  calledAt: number | null;
  finishedAt: number | null;
}

export interface HistoryDayFigures {
  lines: TicketTimeline[];
  counters: CounterTotals[];
  demand: DemandDay[];
}

/** idle with someone waiting this long (in one gap) = away from the counter */
export const AWAY_MINUTES = 10;
/** how long a no-show holds its counter */
export const NO_SHOW_MINUTES = 1;
const MINUTE = 60_000;
const HOURS = 24;

type Interval = [number, number];

/** Sorted, overlapping intervals joined. */
function merge(list: Interval[]): Interval[] {
  const sorted = [...list].sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Length of [a, b) covered by the merged intervals. */
function covered(merged: readonly Interval[], a: number, b: number): number {
  let ms = 0;
  for (const [x, y] of merged) {
    if (x >= b) break;
    ms += Math.max(0, Math.min(y, b) - Math.max(x, a));
  }
  return ms;
}

/** A timeline back to the ticket it was built from (an import adding rows to a day already imported). */
export function ticketOfLine(t: TicketTimeline): HistoryTicket {
  const state = t.state === 'done' || t.state === 'no_show' ? t.state : 'cancelled';
  return { queue: t.issuedQueue, service: t.service, counter: t.counter, state, issuedAt: t.issuedAt, calledAt: t.firstCalledAt, finishedAt: t.endedAt };
}

/**
 * The day's figures. `bounds` are the 25 instants of the local hours' starts (0:00 … 24:00 of the
 * day; a day of a DST change has 23 or 25 real hours, Japan none); `queues` the site's queue ids.
 */
export function historyDayFigures(date: string, tickets: readonly HistoryTicket[], queues: readonly string[], bounds: readonly number[]): HistoryDayFigures {
  const sorted = [...tickets].sort((a, b) => a.issuedAt - b.issuedAt || (a.calledAt ?? Infinity) - (b.calledAt ?? Infinity));
  const hourOf = (t: number): number => {
    for (let h = HOURS - 1; h >= 0; h--) if (t >= (bounds[h] ?? 0)) return h;
    return 0;
  };
  // negative ids: never one of a live ticket's
  const lines: TicketTimeline[] = sorted.map((t, i) => ({
    ticketId: -(i + 1),
    label: '',
    issuedQueue: t.queue,
    finalQueue: t.queue,
    service: t.service,
    priority: false,
    lowCounter: false,
    state: t.state,
    issuedAt: t.issuedAt,
    firstCalledAt: t.calledAt,
    startedAt: null,
    endedAt: t.finishedAt,
    counter: t.counter,
    recalls: 0,
    transfers: 0,
    waitMinutes: t.calledAt === null ? null : Math.max(0, (t.calledAt - t.issuedAt) / MINUTE),
    serviceMinutes: t.state === 'done' && t.calledAt !== null && t.finishedAt !== null ? Math.max(0, (t.finishedAt - t.calledAt) / MINUTE) : null,
  }));

  const busyOf = (t: HistoryTicket): Interval | null =>
    t.calledAt === null ? null : [t.calledAt, t.finishedAt ?? t.calledAt + (t.state === 'no_show' ? NO_SHOW_MINUTES * MINUTE : 0)];
  const spanOf = (t: HistoryTicket): Interval[] => {
    const b = busyOf(t);
    return b ? [b] : [];
  };
  const waitingByQueue = new Map<string, Interval[]>();
  for (const t of sorted) {
    if (t.calledAt === null) continue;
    const list = waitingByQueue.get(t.queue) ?? [];
    list.push([t.issuedAt, t.calledAt]);
    waitingByQueue.set(t.queue, list);
  }

  const counterHours = new Map(queues.map((q) => [q, Array.from({ length: HOURS }, () => 0)]));
  const counters: CounterTotals[] = [];
  const byCounter = new Map<string, HistoryTicket[]>();
  for (const t of sorted) {
    if (t.counter === null || t.calledAt === null) continue;
    const list = byCounter.get(t.counter) ?? [];
    list.push(t);
    byCounter.set(t.counter, list);
  }

  if (byCounter.size > 0) {
    for (const [name, mine] of [...byCounter].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const busy = merge(mine.flatMap(spanOf));
      const busyByQueue = new Map<string, number>();
      for (const t of mine) {
        const b = busyOf(t);
        if (b) busyByQueue.set(t.queue, (busyByQueue.get(t.queue) ?? 0) + Math.max(1, b[1] - b[0]));
      }
      const busyTotal = [...busyByQueue.values()].reduce((a, b) => a + b, 0);
      const waiting = merge([...busyByQueue.keys()].flatMap((q) => waitingByQueue.get(q) ?? []));
      // present over its busy spans and the gaps between them, less the gaps it was away
      const present: Interval[] = [];
      // before its first call it was there from the first ticket of its queues, unless someone waited for it meanwhile
      const opened = Math.min(...sorted.filter((t) => busyByQueue.has(t.queue)).map((t) => t.issuedAt));
      const first = busy[0];
      if (first && opened < first[0] && covered(waiting, opened, first[0]) < AWAY_MINUTES * MINUTE) present.push([opened, first[0]]);
      for (let i = 0; i < busy.length; i++) {
        const cur = busy[i] as Interval;
        present.push(cur);
        const next = busy[i + 1];
        if (!next) break;
        const away = covered(waiting, cur[1], next[0]);
        if (away < AWAY_MINUTES * MINUTE) present.push([cur[1], next[0]]);
      }
      const presence = merge(present);
      let openMs = 0;
      for (let h = 0; h < HOURS; h++) {
        const ms = covered(presence, bounds[h] ?? 0, bounds[h + 1] ?? 0);
        openMs += ms;
        if (ms <= 0) continue;
        for (const [q, b] of busyByQueue) {
          const row = counterHours.get(q);
          if (row) row[h] = (row[h] ?? 0) + (ms / 3_600_000) * (b / busyTotal);
        }
      }
      counters.push({
        counter: name,
        called: mine.length,
        served: mine.filter((t) => t.state === 'done').length,
        busyMs: busy.reduce((ms, [a, b]) => ms + (b - a), 0),
        openMs,
      });
    }
  } else {
    // no counter column: the most tickets at a counter at once, per queue and hour
    for (const q of queues) {
      const spans = sorted.filter((t) => t.queue === q).flatMap(spanOf);
      const row = counterHours.get(q);
      if (!row) continue;
      for (let h = 0; h < HOURS; h++) {
        const a = bounds[h] ?? 0;
        const b = bounds[h + 1] ?? 0;
        const edges: Array<[number, number]> = [];
        for (const [x, y] of spans) if (x < b && y > a && y > x) edges.push([Math.max(x, a), 1], [Math.min(y, b), -1]);
        edges.sort((p, r) => p[0] - r[0] || p[1] - r[1]);
        let now = 0;
        let peak = 0;
        for (const [, d] of edges) peak = Math.max(peak, (now += d));
        row[h] = peak;
      }
    }
  }

  const demand: DemandDay[] = queues.map((q) => {
    const hours = Array.from({ length: HOURS }, () => 0);
    let arrivals = 0;
    let serviceMinutes = 0;
    let served = 0;
    for (const l of lines) {
      if (l.issuedQueue !== q) continue;
      arrivals++;
      const h = hourOf(l.issuedAt);
      hours[h] = (hours[h] ?? 0) + 1;
      if (l.serviceMinutes !== null) {
        serviceMinutes += l.serviceMinutes;
        served++;
      }
    }
    return {
      date,
      queue: q,
      arrivals,
      hours,
      serviceMinutes: Math.round(serviceMinutes * 100) / 100,
      served,
      counterHours: (counterHours.get(q) ?? []).map((x) => Math.round(x * 1000) / 1000),
      imported: true,
    };
  });
  return { lines, counters, demand };
}
