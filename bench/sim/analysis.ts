/**
 * Figures of a simulated day, from the simulator's own record: waits per queue, counter
 * utilisation, and the accuracy of the estimate printed on each ticket against the naive
 * estimate and an M/M/c (Erlang C) prediction for the same load.
 */
import { counterShare } from '../../server/src/domain/estimate.js';
import { alertFigures, type AlertFigures } from './alerts.js';
import type { Action, SimResult, SimTicket } from './run.js';

export interface Summary {
  count: number;
  mean: number;
  median: number;
  p90: number;
  max: number;
}

export function summary(values: readonly number[]): Summary {
  if (values.length === 0) return { count: 0, mean: 0, median: 0, p90: 0, max: 0 };
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number): number => {
    const i = (s.length - 1) * p;
    const lo = s[Math.floor(i)] ?? 0;
    const hi = s[Math.ceil(i)] ?? 0;
    return lo + (hi - lo) * (i - Math.floor(i));
  };
  return { count: s.length, mean: s.reduce((a, b) => a + b, 0) / s.length, median: at(0.5), p90: at(0.9), max: s[s.length - 1] ?? 0 };
}

const MIN = 60_000;
export const actualWait = (t: SimTicket): number | null => (t.firstCalledAt === null ? null : (t.firstCalledAt - t.issuedAt) / MIN);

export interface QueueFigures {
  queue: string;
  issued: number;
  transfersIn: number;
  served: number;
  noShows: number;
  cancelled: number;
  waits: Summary;
}

export interface Accuracy {
  queue: string;
  n: number;
  meanActual: number;
  model: { mae: number; bias: number; pct: number };
  naive: { mae: number; bias: number; pct: number };
  /** over the tickets whose issue hour had ρ < 1 */
  erlang: { mae: number; bias: number; pct: number; covered: number };
  /** MAE of the model relative to naive: 0.3 = 30 % better */
  gainOverNaive: number;
}

export interface ErlangHour {
  queue: string;
  hour: number;
  /** arrivals per minute (issued and transferred in) */
  lambda: number;
  /** mean counter minutes per ticket (call → end) */
  cycle: number;
  counters: number;
  rho: number;
  /** Erlang C mean wait in minutes, null when ρ ≥ 1 */
  wq: number | null;
  meanActual: number | null;
}

export interface CounterUse {
  counter: string;
  openMinutes: number;
  busyMinutes: number;
  utilisation: number;
}

export interface Analysis {
  queues: QueueFigures[];
  accuracy: Accuracy[];
  erlang: ErlangHour[];
  counters: CounterUse[];
  /** the citizens who left with a turn-near alert */
  alerts: AlertFigures;
  /** per ticket with a first call: issue hour, estimate, naive, Erlang C, actual */
  points: Array<{ queue: string; issuedAt: number; actual: number; estimate: number; naive: number; erlang: number | null; ahead: number }>;
}

/** Erlang C: the M/M/c mean wait for arrival rate λ, service rate μ (per server) and c servers. */
export function erlangC(lambda: number, mu: number, c: number): number | null {
  if (c < 1 || mu <= 0) return null;
  const a = lambda / mu;
  const rho = a / c;
  if (rho >= 1) return null;
  if (lambda === 0) return 0;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const top = ((term * a) / c) / (1 - rho);
  const pWait = top / (sum + top);
  return pWait / (c * mu - lambda);
}

/** The minutes counters served each queue, share-weighted, and their open/busy times. */
export function counterTimeline(r: SimResult): { uses: CounterUse[]; capacity: (queue: string, from: number, to: number) => number } {
  const segments: Array<{ counter: string; from: number; to: number; queues: string[]; primaryQueue: string | null }> = [];
  const uses: CounterUse[] = [];
  const byCounter = new Map<string, Action[]>();
  for (const a of r.actions) {
    if (!('counter' in a)) continue;
    const list = byCounter.get(a.counter) ?? [];
    list.push(a);
    byCounter.set(a.counter, list);
  }
  for (const [counter, list] of byCounter) {
    let openSince: number | null = null;
    let queues: string[] = r.counters.find((c) => c.id === counter)?.queues ?? [];
    let primary: string | null = r.counters.find((c) => c.id === counter)?.primaryQueue ?? null;
    let open = 0;
    let busy = 0;
    let busySince: number | null = null;
    for (const a of list) {
      if (a.kind === 'counter') {
        if (openSince !== null) segments.push({ counter, from: openSince, to: a.at, queues, primaryQueue: primary });
        open += openSince === null ? 0 : a.at - openSince;
        queues = a.queues;
        primary = a.primaryQueue;
        openSince = a.availability === 'open' ? a.at : null;
      } else if (a.kind === 'call' && a.ticket !== null) {
        busySince = a.at;
      } else if ((a.kind === 'complete' || a.kind === 'no-show' || a.kind === 'transfer') && busySince !== null) {
        busy += a.at - busySince;
        busySince = null;
      }
    }
    uses.push({ counter, openMinutes: open / MIN, busyMinutes: busy / MIN, utilisation: open > 0 ? busy / open : 0 });
  }
  uses.sort((a, b) => Number(a.counter) - Number(b.counter));
  const capacity = (queue: string, from: number, to: number): number => {
    let total = 0;
    for (const s of segments) {
      const overlap = Math.min(s.to, to) - Math.max(s.from, from);
      if (overlap > 0) total += overlap * counterShare(s, queue);
    }
    return total / (to - from);
  };
  return { uses, capacity };
}

const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

export function analyse(r: SimResult): Analysis {
  const queues = r.queues.map((q): QueueFigures => {
    const issued = r.tickets.filter((t) => t.queue === q.id);
    const transfers = r.actions.filter((a): a is Extract<Action, { kind: 'transfer' }> => a.kind === 'transfer' && a.to === q.id);
    const endIn = new Map<number, string>();
    for (const t of r.tickets) endIn.set(t.id, t.queue);
    for (const a of transfers) endIn.set(a.ticket, a.to);
    const final = r.tickets.filter((t) => endIn.get(t.id) === q.id);
    return {
      queue: q.id,
      issued: issued.length,
      transfersIn: transfers.length,
      served: final.filter((t) => t.state === 'done').length,
      noShows: final.filter((t) => t.state === 'no_show').length,
      cancelled: final.filter((t) => t.state === 'cancelled').length,
      waits: summary(issued.map(actualWait).filter((w): w is number => w !== null)),
    };
  });

  // Erlang C per queue and hour of the day, from the arrivals, cycle times and counters seen
  const { uses, capacity } = counterTimeline(r);
  const hourOf = (at: number): number => Math.floor((at - r.day.from) / 3_600_000);
  const cycles = new Map<string, number[]>(); // `${queue}/${hour}` → call → end minutes
  const calledIn = new Map<number, { at: number; queue: string }>();
  const queueOf = new Map<number, string>(r.tickets.map((t) => [t.id, t.queue]));
  for (const a of r.actions) {
    if (a.kind === 'transfer') queueOf.set(a.ticket, a.to);
    if (a.kind === 'call' && a.ticket !== null) calledIn.set(a.ticket, { at: a.at, queue: queueOf.get(a.ticket) ?? '' });
    if ((a.kind === 'complete' || a.kind === 'no-show' || a.kind === 'transfer') && calledIn.has(a.ticket)) {
      const c = calledIn.get(a.ticket);
      if (c) {
        const key = `${c.queue}/${hourOf(c.at)}`;
        cycles.set(key, [...(cycles.get(key) ?? []), (a.at - c.at) / MIN]);
        calledIn.delete(a.ticket);
      }
    }
  }
  const lastHour = hourOf(r.day.until - 1);
  const erlang: ErlangHour[] = [];
  for (const q of r.queues) {
    const dayCycle = mean([...cycles.entries()].filter(([k]) => k.startsWith(`${q.id}/`)).flatMap(([, v]) => v));
    for (let h = 0; h <= lastHour; h++) {
      const from = r.day.from + h * 3_600_000;
      const to = Math.min(from + 3_600_000, r.day.until);
      const inHour = (at: number): boolean => at >= from && at < to;
      const arrivals =
        r.tickets.filter((t) => t.queue === q.id && inHour(t.issuedAt)).length +
        r.actions.filter((a) => a.kind === 'transfer' && a.to === q.id && inHour(a.at)).length;
      const lambda = arrivals / ((to - from) / MIN);
      const hourCycles = cycles.get(`${q.id}/${h}`) ?? [];
      const cycle = hourCycles.length >= 5 ? mean(hourCycles) : dayCycle;
      const counters = capacity(q.id, from, to);
      const c = Math.max(1, Math.round(counters));
      const waits = r.tickets.filter((t) => t.queue === q.id && inHour(t.issuedAt)).map(actualWait).filter((w): w is number => w !== null);
      erlang.push({
        queue: q.id,
        hour: h,
        lambda,
        cycle,
        counters,
        rho: cycle > 0 ? (lambda * cycle) / c : 0,
        wq: cycle > 0 ? erlangC(lambda, 1 / cycle, c) : null,
        meanActual: waits.length ? mean(waits) : null,
      });
    }
  }

  const points: Analysis['points'] = [];
  for (const t of r.tickets) {
    const actual = actualWait(t);
    if (actual === null) continue;
    const e = erlang.find((x) => x.queue === t.queue && x.hour === hourOf(t.issuedAt));
    points.push({ queue: t.queue, issuedAt: t.issuedAt, actual, estimate: t.estimate, naive: t.naive, erlang: e?.wq ?? null, ahead: t.ahead });
  }
  const accuracy = r.queues.map((q): Accuracy => {
    const ps = points.filter((p) => p.queue === q.id);
    const meanActual = mean(ps.map((p) => p.actual));
    const err = (xs: Array<{ est: number; actual: number }>) => {
      const mae = mean(xs.map((x) => Math.abs(x.est - x.actual)));
      return { mae, bias: mean(xs.map((x) => x.est - x.actual)), pct: meanActual > 0 ? mae / meanActual : 0 };
    };
    const model = err(ps.map((p) => ({ est: p.estimate, actual: p.actual })));
    const naive = err(ps.map((p) => ({ est: p.naive, actual: p.actual })));
    const covered = ps.filter((p) => p.erlang !== null);
    return {
      queue: q.id,
      n: ps.length,
      meanActual,
      model,
      naive,
      erlang: { ...err(covered.map((p) => ({ est: p.erlang ?? 0, actual: p.actual }))), covered: covered.length },
      gainOverNaive: naive.mae > 0 ? 1 - model.mae / naive.mae : 0,
    };
  });
  return { queues, accuracy, erlang, counters: uses, alerts: alertFigures(r), points };
}
