import { DomainError, type Alert, type ButtonStatus, type Dashboard, type DashboardQueue, type MovePreview } from '@madoguchi/shared';
import { elapsedMinutes, evaluateAlerts, type AlertFinding } from '../domain/alerts.js';
import { counterShare } from '../domain/estimate.js';
import { selectNext } from '../domain/selection.js';
import type { SiteDef } from '../domain/site.js';
import { isoTime } from '../domain/time.js';
import type { CounterRow } from '../ports/counter-store.js';
import type { Store } from '../ports/store.js';
import { businessDateFor, counterOf, queueOf, siteOf, type EngineDeps } from './context.js';
import { SiteForecast } from './forecast.js';
import type { DeviceFlood } from './issue-limiter.js';
import { dailyFigures, listCounters, printerViews, siteStatus } from './queries.js';
import { effectiveQueues } from './views.js';

/** The floor manager's figures (docs/product.md §4 "Floor manager"); read-only. */

const LAST_MINUTES = 30;

const mean = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;

function openShare(site: SiteDef, rows: readonly CounterRow[], queueId: string): number {
  let share = 0;
  for (const def of site.counters) {
    const row = rows.find((r) => r.id === def.id);
    if (row?.availability === 'open') share += counterShare(effectiveQueues(def, row), queueId);
  }
  return Math.round(share * 100) / 100;
}

/** The conditions that need the manager now; `buttons` comes from the button service (hardware). */
export function alertFindings(deps: EngineDeps, siteId: string, buttons: readonly ButtonStatus[], floods: readonly DeviceFlood[] = []): AlertFinding[] {
  const site = siteOf(deps, siteId);
  const now = deps.clock.now().getTime();
  // after a use case this is the forecast it just built (memoised): an alert check costs no query
  const forecast = new SiteForecast(deps, site, businessDateFor(deps.store.siteDay(site.id).businessDate, now, site.timeZone));
  return evaluateAlerts({
    now,
    queues: site.queues.map((q) => ({ id: q.id, oldestIssuedAt: forecast.oldestIssuedAt(q.id), waiting: forecast.waiting(q.id), thresholds: q.alerts })),
    counters: deps.store.counters(site.id).map((r) => ({ id: r.id, availability: r.availability, since: r.updatedAt, reason: r.reason })),
    counterPausedMinutes: site.alerts.counterPausedMinutes,
    printers: deps.store.printerHealth(site.id).filter((p) => site.printers.some((x) => x.id === p.id)),
    buttons: buttons.map((b) => ({ id: b.id, counter: b.counter, connected: b.connected, detail: b.detail })),
    floods,
  });
}

export const alertView = (a: AlertFinding): Alert => {
  const { since, ...rest } = a;
  return { ...rest, since: since === null ? null : isoTime(since) };
};

export function dashboard(deps: EngineDeps, siteId: string, buttons: readonly ButtonStatus[], floods: readonly DeviceFlood[] = []): Dashboard {
  const site = siteOf(deps, siteId);
  const now = deps.clock.now().getTime();
  const status = siteStatus(deps, siteId);
  const { report, lines } = dailyFigures(deps, siteId, status.businessDate);
  const rows = deps.store.counters(site.id);
  const waiting = deps.store.waiting(site.id, site.queues.map((q) => q.id));
  const withAlerts = deps.turnAlerts?.store.waitingWithAlerts(site.id) ?? [];
  const queues = site.queues.map((q): DashboardQueue => {
    const st = status.queues.find((x) => x.id === q.id);
    const fig = report.queues.find((x) => x.queue === q.id);
    const mine = waiting.filter((w) => w.queueId === q.id);
    // the longest waiting is the one issued first by sequence (the wall clock may have jumped back)
    const first = mine.reduce<(typeof mine)[number] | null>((a, w) => (a === null || w.issueSeq < a.issueSeq ? w : a), null);
    const oldest = first?.issuedAt ?? null;
    const called = lines.filter((t) => t.issuedQueue === q.id && t.firstCalledAt !== null && t.waitMinutes !== null);
    const recent = called.filter((t) => (t.firstCalledAt ?? 0) >= now - LAST_MINUTES * 60_000 && (t.firstCalledAt ?? 0) <= now);
    return {
      id: q.id,
      name: q.name,
      issuing: st?.issuing ?? 'closed',
      closedReason: st?.closedReason ?? null,
      waiting: mine.length,
      longestWaitMinutes: oldest === null ? null : Math.floor(elapsedMinutes(oldest, now)),
      averageWaitToday: mean(called.map((t) => t.waitMinutes ?? 0)),
      averageWaitLast30: mean(recent.map((t) => t.waitMinutes ?? 0)),
      estimatedWaitMinutes: st?.estimatedWaitMinutes ?? null,
      issued: fig?.issued ?? 0,
      served: fig?.served ?? 0,
      noShows: fig?.noShows ?? 0,
      openCounters: openShare(site, rows, q.id),
      alerts: q.alerts,
      turnAlerts: withAlerts.find((x) => x.queue === q.id)?.tickets ?? 0,
    };
  });
  const counters = listCounters(deps, siteId).map((c) => {
    const row = rows.find((r) => r.id === c.id);
    const t = c.currentTicket;
    const from = t ? Date.parse(t.state === 'serving' && t.startedAt ? t.startedAt : (t.calledAt ?? t.issuedAt)) : null;
    return {
      ...c,
      currentSeconds: from === null ? null : Math.max(0, Math.floor((now - from) / 1000)),
      stateSince: row ? isoTime(row.updatedAt) : null,
    };
  });
  return {
    at: isoTime(now),
    businessDate: status.businessDate,
    thresholds: { counterPausedMinutes: site.alerts.counterPausedMinutes },
    queues,
    counters,
    printers: printerViews(deps, site),
    buttons: [...buttons],
    alerts: alertFindings(deps, siteId, buttons, floods).map(alertView),
    failedPrints: deps.store.failedPrintJobs(site.id, status.businessDate).map((j) => ({
      job: j.id,
      ticketId: j.ticketId,
      label: j.label,
      printer: j.printerId,
      kiosk: j.kiosk,
      reason: j.reason,
      at: isoTime(j.updatedAt),
    })),
    turnAlertFailures: deps.turnAlerts?.store.deliveryFailures(site.id, status.businessDate) ?? [],
  };
}

/** The store as it would be with one counter serving other queues (nothing is written). */
function withCounterQueues(store: Store, siteId: string, counterId: string, queues: string[], primaryQueue: string | null): Store {
  const counters = (id: string): CounterRow[] =>
    store.counters(id).map((r) => (id === siteId && r.id === counterId ? { ...r, queuesOverride: queues, primaryQueueOverride: primaryQueue } : r));
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'counters') return counters;
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/**
 * What moving a counter to `queues` would do: each affected queue's estimate for a new ticket
 * before and after, and the ticket the counter would call next.
 */
export function movePreview(deps: EngineDeps, siteId: string, counterId: string, queues: string[], primaryQueue: string | null): MovePreview {
  const site = siteOf(deps, siteId);
  const { def, row } = counterOf(deps, site, counterId);
  for (const q of queues) queueOf(site, q, 'queues');
  if (queues.length === 0) throw new DomainError('VALIDATION', 'a counter serves at least one queue', { field: 'queues' });
  if (primaryQueue !== null && !queues.includes(primaryQueue)) {
    throw new DomainError('VALIDATION', `primary queue ${primaryQueue} is not one of the queues`, { field: 'primaryQueue' });
  }
  const date = siteStatus(deps, siteId).businessDate;
  const now = effectiveQueues(def, row);
  const hypothetical = withCounterQueues(deps.store, site.id, counterId, queues, primaryQueue);
  const before = new SiteForecast(deps, site, date);
  const after = new SiteForecast({ ...deps, store: hypothetical }, site, date);
  const rowsBefore = deps.store.counters(site.id);
  const rowsAfter = hypothetical.counters(site.id);
  const affected = site.queues.filter((q) => now.queues.includes(q.id) || queues.includes(q.id));
  const next = (qs: readonly string[], primary: string | null): string | null => {
    const pick = selectNext(deps.store.waiting(site.id, qs), { queues: qs, primaryQueue: primary, lowCounter: def.lowCounter }, (q) => ({
      priorityStreak: queueOf(site, q).priorityStreak,
      streak: deps.store.queueDay(site.id, q, date).priorityStreak,
    }), deps.clock.now().getTime());
    return pick ? (deps.store.ticket(site.id, pick.id)?.label ?? null) : null;
  };
  return {
    counter: counterId,
    queues: affected.map((q) => ({
      id: q.id,
      waiting: before.waiting(q.id),
      before: before.forNewTicket(q.id).estimatedWaitMinutes,
      after: after.forNewTicket(q.id).estimatedWaitMinutes,
      countersBefore: openShare(site, rowsBefore, q.id),
      countersAfter: openShare(site, rowsAfter, q.id),
    })),
    nextTicket: { before: next(now.queues, now.primaryQueue), after: next(queues, primaryQueue) },
  };
}
