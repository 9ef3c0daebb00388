import { fitDemand, forecastDemand, openHoursOn, scheduleOfQueue, type DemandContext, type DemandDay, type DemandFit } from './demand-forecast.js';
import { addDays } from './time.js';

/**
 * The forecast's measured accuracy (product.md §7, and the manager's "last 8 weeks"): each open
 * date d in [from, to] with data is forecast from a fit on the data up to d − horizonDays only, and
 * compared with what happened. The naive forecast beside it is what an office does by hand: the
 * mean of the same weekday over the 4 weeks before the cut-off (the days with data among them).
 *
 * One fit per distinct cut-off: the cut-off is the last date with data on or before d − horizonDays,
 * so the dates whose cut-off falls on a weekend or a holiday share the fit of the day before.
 */

export interface DemandBacktestQueue {
  id: string;
  /** dates measured (open, with data, arrivals > 0) */
  days: number;
  /** mean absolute percentage error of daily arrivals, % */
  mape: number;
  /** the naive forecast's, % */
  naiveMape: number;
  /** how much smaller the model's MAPE is than the naive one's, % (30 = 30 % better) */
  improvement: number;
  /** mean over days of the mean absolute error of hourly shares over the open hours, percentage points */
  hourlyError: number;
}

export interface DemandBacktest {
  from: string;
  to: string;
  horizonDays: number;
  /** fits made */
  fits: number;
  queues: DemandBacktestQueue[];
}

export function backtestDemand(
  days: readonly DemandDay[],
  ctx: DemandContext,
  o: { from: string; to: string; horizonDays: number },
): DemandBacktest {
  const byDate = new Map<string, Map<string, DemandDay>>();
  for (const d of days) {
    let m = byDate.get(d.date);
    if (!m) byDate.set(d.date, (m = new Map()));
    m.set(d.queue, d);
  }
  const dataDates = [...byDate.keys()].sort();
  /** the last date with data on or before `date` (binary search), or null */
  const lastDataOnOrBefore = (date: string): string | null => {
    let lo = 0;
    let hi = dataDates.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((dataDates[mid] ?? '') <= date) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? (dataDates[lo - 1] ?? null) : null;
  };
  const sorted = [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const fits = new Map<string, DemandFit>();
  const acc = new Map(ctx.queues.map((q) => [q.id, { n: 0, ape: 0, naiveApe: 0, naiveN: 0, hourly: 0, hourlyN: 0 }]));

  for (const date of dataDates) {
    if (date < o.from || date > o.to) continue;
    const cut = addDays(date, -o.horizonDays);
    const asOf = lastDataOnOrBefore(cut);
    const key = asOf ?? '';
    let fit = fits.get(key);
    if (!fit) {
      // the history as of the cut-off: a prefix of the sorted days
      fit = fitDemand(asOf ? sorted.filter((d) => d.date <= asOf) : [], ctx, asOf ?? cut);
      fits.set(key, fit);
    }
    const forecast = forecastDemand(fit, ctx, date);
    const actual = byDate.get(date);
    for (const q of forecast.queues) {
      const a = actual?.get(q.id);
      const s = acc.get(q.id);
      if (!a || !s || a.arrivals <= 0) continue;
      const open = openHoursOn(scheduleOfQueue(ctx, ctx.queues.find((x) => x.id === q.id) ?? { id: q.id, defaultDailyArrivals: 0 }), date);
      s.n++;
      s.ape += Math.abs(q.arrivals - a.arrivals) / a.arrivals;
      // naive: the same weekday in the 4 weeks up to the cut-off
      const same = [0, 7, 14, 21].map((k) => byDate.get(addDays(cut, -k))?.get(q.id)).filter((x): x is DemandDay => x !== undefined);
      const naive = same.length ? same.reduce((t, x) => t + x.arrivals, 0) / same.length : q.arrivals;
      s.naiveApe += Math.abs(naive - a.arrivals) / a.arrivals;
      s.naiveN++;
      const total = a.hours.reduce((t, x) => t + x, 0);
      if (total > 0 && q.arrivals > 0 && open.length > 0) {
        const err = open.reduce((t, h) => t + Math.abs((q.hours[h] ?? 0) / q.arrivals - (a.hours[h] ?? 0) / total), 0) / open.length;
        s.hourly += err * 100;
        s.hourlyN++;
      }
    }
  }
  return {
    from: o.from,
    to: o.to,
    horizonDays: o.horizonDays,
    fits: fits.size,
    queues: ctx.queues.map((q) => {
      const s = acc.get(q.id) ?? { n: 0, ape: 0, naiveApe: 0, naiveN: 0, hourly: 0, hourlyN: 0 };
      const mape = s.n ? (100 * s.ape) / s.n : Number.NaN;
      const naiveMape = s.naiveN ? (100 * s.naiveApe) / s.naiveN : Number.NaN;
      return {
        id: q.id,
        days: s.n,
        mape,
        naiveMape,
        improvement: naiveMape > 0 ? (100 * (naiveMape - mape)) / naiveMape : Number.NaN,
        hourlyError: s.hourlyN ? s.hourly / s.hourlyN : Number.NaN,
      };
    }),
  };
}
