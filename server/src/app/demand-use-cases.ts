import {
  countersNeeded,
  DomainError,
  hourlyWaits,
  type Forecast,
  type ForecastAccuracy,
  type ForecastDay,
  type SiteComparison,
  type SitesComparison,
  type Staffing,
} from '@madoguchi/shared';
import { backtestDemand } from '../domain/demand-backtest.js';
import { datesFrom, fitDemand, forecastDemand, openHoursOn, type DemandContext, type DemandDay } from '../domain/demand-forecast.js';
import { counterShare } from '../domain/estimate.js';
import { csvCell, stats } from '../domain/report.js';
import { hoursOn, type ScheduleContext } from '../domain/schedule.js';
import { DEFAULT_FORECAST_LICENCE, WEEKDAYS, type QueueDef, type SiteDef } from '../domain/site.js';
import { addDays, localParts, parseHHMM, weekdayOf, zonedInstant } from '../domain/time.js';
import type { ForecastStore, StoredFit } from '../ports/forecast-store.js';
import { businessDateFor, siteOf, type EngineDeps } from './context.js';
import { closedDayFigures, monthlyFigures } from './queries.js';
import { effectiveQueues } from './views.js';

/**
 * The congestion forecast calendar, the staffing plan and the comparison across sites
 * (docs/product.md §8). The model itself is domain/demand-forecast.ts; this module feeds it and
 * serves its answers:
 *
 * - Demand days: when a business day closes, each queue's figures of it (arrivals, arrivals per
 *   local hour, minutes at the counter, counter-hours per hour) are derived from what reports
 *   read (report_days, or the event log) and kept in `demand_days`. The first refit of a site
 *   backfills every closed day since its first activity (at most BACKFILL_DAYS).
 * - Refit: at each day's close (server.ts `tick`) and at start-up when no fit exists or it is
 *   older than the last closed day. The fit and its measured accuracy are stored; answers come
 *   from the stored fit and are memoised per (site, from, days, fittedAt): a request never refits.
 * - "The roster in use": the counter-hours the queue was actually given, per hour, on the last 4
 *   open days of the same weekday with data. A counter's hours count to each queue it served with
 *   its share (domain/estimate.ts counterShare), over its queues at the time the day was derived
 *   (a manager's runtime move, else the configuration: effectiveQueues). Without such days, the
 *   configured counters serving the queue (share-weighted) over the open hours, with the lunch
 *   rotation taking a third of them away 12:00–14:00 (LUNCH_*).
 */

/** Closed days derived at most on the first fit of a site (two years and a bit). */
const BACKFILL_DAYS = 800;
/** The measured accuracy: the last 8 weeks, each day forecast 4 weeks ahead (product.md §7). */
const ACCURACY_WEEKS = 8;
const ACCURACY_HORIZON_DAYS = 28;
/** The plan's counters: the same weekday's last 4 open days with data. */
const PLAN_SAME_WEEKDAYS = 4;
/** Observed service minutes: the last 8 weeks of demand days. */
const SERVICE_WINDOW_DAYS = 56;
/** A new office's assumed daily arrivals: its counters busy this fraction of the open time. */
const DEFAULT_UTILISATION = 0.7;
/** The default lunch rotation: a third of the counters away in these local hours. */
const LUNCH_HOURS: ReadonlySet<number> = new Set([12, 13]);
const LUNCH_PRESENT = 2 / 3;
/** Forecast answers kept in memory at most (a few sites × a few windows). */
const MEMO_SIZE = 64;

const round1 = (v: number): number => Math.round(v * 10) / 10;
const round2 = (v: number): number => Math.round(v * 100) / 100;
const HOURS = 24;
const zeros = (): number[] => Array.from({ length: HOURS }, () => 0);

/** A queue's schedule with the site's closures and special openings (the site's own is its first queue's). */
function scheduleOf(site: SiteDef, queue: QueueDef | undefined = site.queues[0]): ScheduleContext {
  if (!queue) throw new Error(`site ${site.id} has no queue`);
  return { schedule: queue.schedule, siteClosedDays: site.closedDays, siteSpecialOpenings: site.specialOpenings, timeZone: site.timeZone };
}

/** Minutes open in each local hour of `date` (24 entries). */
function openMinutesByHour(ctx: ScheduleContext, date: string): number[] {
  const { kind, intervals } = hoursOn(ctx, date);
  return zeros().map((_, h) => (kind === 'closed_day' ? 0 : intervals.reduce((m, [a, b]) => m + Math.max(0, Math.min(b, (h + 1) * 60) - Math.max(a, h * 60)), 0)));
}

/** Mean open minutes of the weekdays the queue has hours on (an ordinary open day). */
function ordinaryOpenMinutes(q: QueueDef): number {
  const days = WEEKDAYS.map((d) => q.schedule.weekly[d] ?? []).filter((h) => h.length > 0);
  if (days.length === 0) return 0;
  const total = days.reduce((sum, hours) => sum + hours.reduce((m, [a, b]) => m + Math.max(0, parseHHMM(b) - parseHHMM(a)), 0), 0);
  return total / days.length;
}

/** Configured counters serving the queue, each with its share (a counter shared with others counts its share). */
const configuredCounters = (site: SiteDef, queueId: string): number => site.counters.reduce((n, c) => n + counterShare(c, queueId), 0);

/**
 * A new office's assumed daily arrivals of a queue, before there is data: the queue's
 * `forecast.dailyArrivals` when configured; else the counters serving it (share-weighted, at
 * least one) × the minutes of an ordinary open day ÷ its default service minutes × 0.7 (the
 * counters busy 70 % of the time).
 */
export function defaultDailyArrivals(site: SiteDef, q: QueueDef): number {
  if (q.forecast?.dailyArrivals !== undefined) return q.forecast.dailyArrivals;
  const counters = Math.max(1, configuredCounters(site, q.id));
  return round1(((counters * ordinaryOpenMinutes(q)) / q.defaultServiceMinutes) * DEFAULT_UTILISATION);
}

/** One context per site definition: the model caches its calendar per schedule object. */
const contexts = new WeakMap<SiteDef, DemandContext>();

export function demandContext(site: SiteDef): DemandContext {
  const kept = contexts.get(site);
  if (kept) return kept;
  const ctx: DemandContext = {
    schedule: scheduleOf(site),
    queues: site.queues.map((q) => ({ id: q.id, defaultDailyArrivals: defaultDailyArrivals(site, q), schedule: scheduleOf(site, q) })),
  };
  contexts.set(site, ctx);
  return ctx;
}

/** The licence the site's forecast is published under. */
export const licenceOf = (deps: EngineDeps, site: SiteDef): string => site.forecast?.licence ?? deps.config.forecast?.licence ?? DEFAULT_FORECAST_LICENCE;

/**
 * One closed day's demand rows, one per queue, from what reports read: arrivals by the queue a
 * ticket was issued to and the local hour it was issued in; minutes at the counter of the tickets
 * completed in each (final) queue; counter-hours per local hour from the counters' open periods
 * (`counter:updated`), each counter's hours shared between its queues (see the module comment).
 */
export function deriveDemandDay(deps: EngineDeps, site: SiteDef, date: string): DemandDay[] {
  const day = closedDayFigures(deps, site.id, date);
  const tz = site.timeZone;
  const byQueue = new Map(site.queues.map((q) => [q.id, { arrivals: 0, hours: zeros(), serviceMinutes: 0, served: 0, counterHours: zeros() }]));
  for (const t of day.lines) {
    const issued = byQueue.get(t.issuedQueue);
    if (issued) {
      issued.arrivals += 1;
      const h = Math.floor(localParts(t.issuedAt, tz).minute / 60);
      issued.hours[h] = (issued.hours[h] ?? 0) + 1;
    }
    const final = byQueue.get(t.finalQueue);
    if (final && t.state === 'done' && t.serviceMinutes !== null) {
      final.serviceMinutes += t.serviceMinutes;
      final.served += 1;
    }
  }
  // the local hours' bounds (a day of a DST change has 23 or 25 of them; Japan has none)
  const bounds = Array.from({ length: HOURS + 1 }, (_, h) => zonedInstant(date, h * 60, tz));
  const start = bounds[0] ?? 0;
  const end = bounds[HOURS] ?? start;
  const changes = deps.store.counterAvailabilityChanges(site.id, start, end).sort((a, b) => a.seq - b.seq);
  const rows = new Map(deps.store.counters(site.id).map((r) => [r.id, r]));
  for (const def of site.counters) {
    const row = rows.get(def.id);
    const queues = row ? effectiveQueues(def, row) : { queues: [...def.queues], primaryQueue: def.primaryQueue ?? null };
    // the counter's open periods within the day
    const periods: Array<[number, number]> = [];
    let since: number | null = deps.store.counterAvailabilityBefore(site.id, def.id, start) === 'open' ? start : null;
    for (const e of changes) {
      if (e.counterId !== def.id) continue;
      const at = Math.min(Math.max(e.at, start), end);
      if (since !== null && e.availability !== 'open') {
        periods.push([since, at]);
        since = null;
      } else if (since === null && e.availability === 'open') since = at;
    }
    if (since !== null) periods.push([since, end]);
    if (periods.length === 0) continue;
    for (let h = 0; h < HOURS; h++) {
      const a = bounds[h] ?? 0;
      const b = bounds[h + 1] ?? a;
      const openMs = periods.reduce((ms, [x, y]) => ms + Math.max(0, Math.min(y, b) - Math.max(x, a)), 0);
      if (openMs <= 0) continue;
      for (const [id, d] of byQueue) {
        const share = counterShare(queues, id);
        if (share > 0) d.counterHours[h] = (d.counterHours[h] ?? 0) + (openMs / 3_600_000) * share;
      }
    }
  }
  return [...byQueue].map(([queue, d]) => ({
    date,
    queue,
    arrivals: d.arrivals,
    hours: d.hours,
    serviceMinutes: round2(d.serviceMinutes),
    served: d.served,
    counterHours: d.counterHours.map((x) => Math.round(x * 1000) / 1000),
    imported: false,
  }));
}

/** The forecast's accuracy as the staffing page shows it, from the model's backtest. */
export function measuredAccuracy(days: readonly DemandDay[], ctx: DemandContext, today: string): ForecastAccuracy {
  const { queues } = backtestDemand(days, ctx, { from: addDays(today, -ACCURACY_WEEKS * 7), to: addDays(today, -1), horizonDays: ACCURACY_HORIZON_DAYS });
  const figure = (x: number): number | null => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);
  return {
    days: queues.reduce((n, q) => Math.max(n, q.days), 0),
    horizonDays: ACCURACY_HORIZON_DAYS,
    queues: queues.map((q) => ({ id: q.id, mape: figure(q.mape), naiveMape: figure(q.naiveMape), hourlyProfileError: figure(q.hourlyError) })),
  };
}

/** What the plans of one fit stand on: the recent demand days (counters used, service minutes). */
interface PlanBasis {
  fittedAt: number;
  recent: DemandDay[];
  serviceMinutes: Map<string, number>;
}

export interface ForecastCsv {
  csv: string;
  etag: string;
  licence: string;
}

/** The forecasts of every site: refits, stored fits, and the answers made from them. */
export class DemandForecasts {
  private readonly memo = new Map<string, { json: Forecast; etag: string }>();
  private readonly bases = new Map<string, PlanBasis>();
  /** refits started by a day's close and not yet done (tests wait for them) */
  private pending: Promise<void> = Promise.resolve();
  /** refits made since start (tests: a request never refits) */
  refits = 0;
  private stopped = false;
  /** the defaults-only fit answering until a site's first fit is stored */
  private readonly provisional = new Map<string, StoredFit>();

  constructor(
    private readonly deps: EngineDeps,
    private readonly store: ForecastStore,
    /** a refit that failed (logged by the caller; a full disk by its watch): the last fit answers until the next close */
    private readonly onError: (err: unknown, site: string) => void = () => {},
  ) {}

  /** The last closed business day of a site: the day before the one it is open on. */
  private lastClosed(site: SiteDef): string {
    const stored = this.deps.store.siteDay(site.id).businessDate;
    return addDays(stored ?? businessDateFor(null, this.deps.clock.now().getTime(), site.timeZone), -1);
  }

  /**
   * At start-up: refits, in the background, each site without a fit or whose fit is older than
   * its last closed day (the server was down at a close). The first start over a database of a
   * year derives every kept day once (a minute for a year of a large office): a day per turn of
   * the event loop, so the server answers meanwhile, from the defaults until the fit lands.
   */
  ensureFits(): void {
    for (const site of this.deps.config.sites) {
      const stored = this.store.fit(site.id);
      if (!stored || stored.fit.asOf < this.lastClosed(site)) this.schedule(site.id);
    }
  }

  /** A business day closed (tick): keep its demand and refit, after the tick's own work. */
  dayClosed(siteId: string): void {
    this.schedule(siteId);
  }

  /** Resolves once the refits started by closed days and the start-up are done. */
  idle(): Promise<void> {
    return this.pending;
  }

  /** On shutdown: a refit still queued does not run (the next start refits a stale fit). */
  stop(): Promise<void> {
    this.stopped = true;
    return this.pending;
  }

  private schedule(siteId: string): void {
    this.pending = this.pending.then(() => this.refitInTurns(siteId));
  }

  private async refitInTurns(siteId: string): Promise<void> {
    const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
    try {
      await turn();
      if (this.stopped) return;
      const site = siteOf(this.deps, siteId);
      for (const date of this.missingDays(site)) {
        if (this.stopped) return;
        this.keepDay(site, date);
        await turn();
      }
      if (!this.stopped) this.fitAndStore(site);
    } catch (err) {
      this.onError(err, siteId);
    }
  }

  /**
   * The closed days not yet kept: since the last fit; on the first fit every day since the first
   * activity, at most BACKFILL_DAYS.
   */
  private missingDays(site: SiteDef): string[] {
    const last = this.lastClosed(site);
    const previous = this.store.fit(site.id);
    const horizon = addDays(last, -BACKFILL_DAYS + 1);
    const first = this.store.firstActivityDate(site.id);
    let from = previous ? addDays(previous.fit.asOf, 1) : first ?? addDays(last, 1);
    if (from < horizon) from = horizon;
    if (first !== null && from < first) from = first;
    const have = this.store.demandDates(site.id, from, last);
    const out: string[] = [];
    for (let date = from; date <= last; date = addDays(date, 1)) if (!have.has(date)) out.push(date);
    return out;
  }

  /** Derives and keeps a closed day's demand rows; a closed, empty day teaches nothing and is not kept (an open day with nobody is: 0 arrivals). */
  private keepDay(site: SiteDef, date: string): void {
    const rows = deriveDemandDay(this.deps, site, date);
    const empty = rows.every((r) => r.arrivals === 0 && r.counterHours.every((x) => x === 0));
    if (empty && site.queues.every((q) => openHoursOn(scheduleOf(site, q), date).length === 0)) return;
    this.store.saveDemandDay(site.id, rows);
  }

  /** Fits on the kept days up to the last closed day and stores the fit with its measured accuracy. */
  private fitAndStore(site: SiteDef): StoredFit {
    const last = this.lastClosed(site);
    const days = this.store.demandDays(site.id, addDays(last, -BACKFILL_DAYS + 1), last);
    const ctx = demandContext(site);
    const stored: StoredFit = {
      fittedAt: this.deps.clock.now().getTime(),
      fit: fitDemand(days, ctx, last),
      accuracy: measuredAccuracy(days, ctx, addDays(last, 1)),
    };
    this.store.saveFit(site.id, stored);
    this.provisional.delete(site.id);
    this.refits += 1;
    return stored;
  }

  /** Keeps the closed days not yet kept and refits now, in one go (the history import, tools). */
  refit(siteId: string): StoredFit {
    const site = siteOf(this.deps, siteId);
    for (const date of this.missingDays(site)) this.keepDay(site, date);
    return this.fitAndStore(site);
  }

  /**
   * The stored fit; before a site's first fit has landed, the documented defaults alone (made once,
   * kept in memory, not stored): a request never fits on data.
   */
  private fitOf(site: SiteDef): StoredFit {
    const stored = this.store.fit(site.id);
    if (stored) return stored;
    let p = this.provisional.get(site.id);
    if (!p) {
      const ctx = demandContext(site);
      const last = this.lastClosed(site);
      p = { fittedAt: this.deps.clock.now().getTime(), fit: fitDemand([], ctx, last), accuracy: measuredAccuracy([], ctx, addDays(last, 1)) };
      this.provisional.set(site.id, p);
    }
    return p;
  }

  private basis(site: SiteDef, stored: StoredFit): PlanBasis {
    const kept = this.bases.get(site.id);
    if (kept && kept.fittedAt === stored.fittedAt) return kept;
    const to = stored.fit.asOf;
    const recent = this.store.demandDays(site.id, addDays(to, -SERVICE_WINDOW_DAYS + 1), to);
    const serviceMinutes = new Map(
      site.queues.map((q) => {
        const mine = recent.filter((d) => d.queue === q.id);
        const served = mine.reduce((n, d) => n + d.served, 0);
        return [q.id, served > 0 ? mine.reduce((m, d) => m + d.serviceMinutes, 0) / served : q.defaultServiceMinutes];
      }),
    );
    const basis = { fittedAt: stored.fittedAt, recent, serviceMinutes };
    this.bases.set(site.id, basis);
    return basis;
  }

  /** Counters the roster in use gives a queue per local hour on `date` (see the module comment). */
  private plannedCounters(site: SiteDef, basis: PlanBasis, queueId: string, date: string, openHours: readonly number[]): number[] {
    const wd = weekdayOf(date);
    const q = site.queues.find((x) => x.id === queueId);
    const ctx = scheduleOf(site, q);
    const used = basis.recent
      .filter((d) => d.queue === queueId && d.date < date && weekdayOf(d.date) === wd && openHoursOn(ctx, d.date).length > 0)
      .filter((d) => d.counterHours.some((x) => x > 0))
      .sort((a, b) => (a.date < b.date ? 1 : -1))
      .slice(0, PLAN_SAME_WEEKDAYS);
    if (used.length > 0) return zeros().map((_, h) => used.reduce((s, d) => s + (d.counterHours[h] ?? 0), 0) / used.length);
    // counter-hours, like the kept days': the configured counters for the minutes open in the hour
    const configured = configuredCounters(site, queueId);
    const minutes = openMinutesByHour(ctx, date);
    return zeros().map((_, h) => (openHours.includes(h) ? configured * (LUNCH_HOURS.has(h) ? LUNCH_PRESENT : 1) * ((minutes[h] ?? 60) / 60) : 0));
  }

  /** One date's forecast per queue with the plan's counters and waits, hour by hour (open hours only). */
  private dayPlan(site: SiteDef, stored: StoredFit, date: string) {
    const ctx = demandContext(site);
    const f = forecastDemand(stored.fit, ctx, date);
    if (!f.open) return { date, open: false, queues: [] };
    const basis = this.basis(site, stored);
    const queues = f.queues.flatMap((fq) => {
      const q = site.queues.find((x) => x.id === fq.id);
      if (!q) return [];
      const open = openHoursOn(scheduleOf(site, q), date);
      if (open.length === 0) return [];
      const serviceMinutes = round1(basis.serviceMinutes.get(q.id) ?? q.defaultServiceMinutes);
      const planned = this.plannedCounters(site, basis, q.id, date, open);
      const minutes = openMinutesByHour(scheduleOf(site, q), date);
      // the figures as the answer shows them, so the manager's what-if (the same `hourlyWaits` on
      // the answer) gives exactly the server's waits; counter-hours become counters while open
      const loads = open.map((h) => {
        const m = minutes[h] ?? 60;
        return { arrivals: round1(fq.hours[h] ?? 0), serviceMinutes, counters: round2((planned[h] ?? 0) / (m / 60)), minutes: m };
      });
      const waits = hourlyWaits(loads);
      return [{ id: q.id, level: fq.level, arrivals: fq.arrivals, serviceMinutes, hours: open.map((hour, i) => ({ hour, load: loads[i]!, wait: waits[i] ?? null })) }];
    });
    return { date, open: true, queues };
  }

  /** The site's business date now. */
  today(siteId: string): string {
    const site = siteOf(this.deps, siteId);
    return businessDateFor(this.deps.store.siteDay(site.id).businessDate, this.deps.clock.now().getTime(), site.timeZone);
  }

  /** The forecast calendar of `days` dates from `from` (the site's today when absent), with its ETag. */
  forecast(siteId: string, from: string | undefined, days: number): { json: Forecast; etag: string } {
    const site = siteOf(this.deps, siteId);
    const start = from ?? this.today(site.id);
    const stored = this.fitOf(site);
    const key = `${site.id}|${start}|${days}|${stored.fittedAt}`;
    const kept = this.memo.get(key);
    if (kept) return kept;
    const calendar: ForecastDay[] = datesFrom(start, days).map((date) => {
      const plan = this.dayPlan(site, stored, date);
      return {
        date,
        open: plan.open,
        queues: plan.queues.map((q) => ({
          id: q.id,
          level: q.level,
          arrivals: round1(q.arrivals),
          hours: q.hours.map((h) => ({ hour: h.hour, arrivals: h.load.arrivals, expectedWaitMinutes: h.wait })),
        })),
      };
    });
    const json: Forecast = {
      site: site.id,
      generatedAt: new Date(stored.fittedAt).toISOString(),
      licence: licenceOf(this.deps, site),
      historyDays: stored.fit.historyDays,
      days: calendar,
    };
    const answer = { json, etag: `"fc-${site.id}-${stored.fittedAt.toString(36)}-${start}-${days}"` };
    if (this.memo.size >= MEMO_SIZE) this.memo.clear();
    this.memo.set(key, answer);
    return answer;
  }

  /** The same as CSV (UTF-8 with BOM): one row per date × queue × open hour. */
  forecastCsv(siteId: string, from: string | undefined, days: number): ForecastCsv {
    const { json, etag } = this.forecast(siteId, from, days);
    const rows = ['date,queue,level,day_arrivals,hour,arrivals,expected_wait_minutes'];
    for (const d of json.days) {
      for (const q of d.queues) {
        for (const h of q.hours) rows.push([d.date, q.id, q.level, q.arrivals, h.hour, h.arrivals, h.expectedWaitMinutes].map(csvCell).join(','));
      }
    }
    return { csv: `\uFEFF${rows.join('\r\n')}\r\n`, etag: etag.replace(/"$/, '-csv"'), licence: json.licence };
  }

  /** The staffing plan of a date: counters needed for the target beside the counters planned. */
  staffing(siteId: string, date: string, targetWaitMinutes: number): Staffing {
    const site = siteOf(this.deps, siteId);
    const stored = this.fitOf(site);
    const plan = this.dayPlan(site, stored, date);
    return {
      date,
      targetWaitMinutes,
      open: plan.open,
      queues: plan.queues.map((q) => ({
        id: q.id,
        hours: q.hours.map(({ hour, load, wait }) => ({
          hour,
          arrivals: load.arrivals,
          serviceMinutes: load.serviceMinutes,
          // the arrival rate of the open minutes
          countersNeeded: countersNeeded((load.arrivals * 60) / load.minutes, load.serviceMinutes, targetWaitMinutes),
          countersPlanned: load.counters,
          openMinutes: load.minutes,
          expectedWaitMinutes: wait,
        })),
      })),
      accuracy: stored.accuracy,
    };
  }

  /** A month's figures of each given site, side by side (the same figures as its monthly report). */
  comparison(siteIds: readonly string[], month: string): SitesComparison {
    return {
      month,
      sites: siteIds.map((id): SiteComparison => {
        const site = siteOf(this.deps, id);
        const { report, lines } = monthlyFigures(this.deps, site.id, month);
        const waits = stats(lines.flatMap((t) => (t.waitMinutes === null ? [] : [t.waitMinutes])));
        const answered = report.satisfaction.reduce((n, s) => n + s.answers, 0);
        const ratingSum = report.satisfaction.reduce((n, s) => n + (s.mean ?? 0) * s.answers, 0);
        const called = report.served + report.noShows;
        let busiestHour: number | null = null;
        report.arrivalsByHour.forEach((n, h) => {
          if (n > 0 && (busiestHour === null || n > (report.arrivalsByHour[busiestHour] ?? 0))) busiestHour = h;
        });
        return {
          id: site.id,
          name: site.name.ja,
          tickets: report.issued,
          meanWaitMinutes: waits.mean,
          p90WaitMinutes: waits.p90,
          // as the monthly report's per-queue rate: no-shows among the tickets called and ended at a counter
          noShowRate: called > 0 ? Math.round((report.noShows / called) * 1000) / 1000 : null,
          satisfaction: answered > 0 ? round2(ratingSum / answered) : null,
          busiestHour,
        };
      }),
    };
  }

  comparisonCsv(siteIds: readonly string[], month: string): string {
    const { sites } = this.comparison(siteIds, month);
    const rows = ['site,name,tickets,mean_wait_minutes,p90_wait_minutes,no_show_rate,satisfaction,busiest_hour'];
    for (const s of sites) rows.push([s.id, s.name, s.tickets, s.meanWaitMinutes, s.p90WaitMinutes, s.noShowRate, s.satisfaction, s.busiestHour].map(csvCell).join(','));
    return `\uFEFF${rows.join('\r\n')}\r\n`;
  }
}

/** The dates a forecast or a plan may be asked for: the holiday calendar and the time arithmetic hold there. */
const FIRST_DATE = '2000-01-01';
const LAST_DATE = '2099-12-31';

/** A calendar date "YYYY-MM-DD" that exists (2026-02-30 does not) within 2000–2099; 400 naming `field` otherwise. */
export function checkCalendarDate(date: string, field: string): void {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date) {
    throw new DomainError('VALIDATION', `${field}: not a calendar date: ${date}`, { field });
  }
  if (date < FIRST_DATE || date > LAST_DATE) throw new DomainError('VALIDATION', `${field}: give a date from ${FIRST_DATE} to ${LAST_DATE}`, { field });
}
