import { DomainError, siteIssuing, type CounterView, type LocalizedText, type QueueStatusView, type SiteSnapshot, type SiteStatus, type TicketStatus, type TicketView } from '@madoguchi/shared';
import { counterFigures, counterTotals, dailyReport, daySummaries, summaryCsv, sumCounterTotals, sumTransfers, timelineCsv, timelines, transferFigures } from '../domain/report.js';
import type { SiteDef } from '../domain/site.js';
import type { ReportDay } from '../ports/report-store.js';
import { addDays, isoTime, localDate, localParts, zonedInstant } from '../domain/time.js';
import { businessDateFor, siteOf, type EngineDeps } from './context.js';
import { SiteForecast } from './forecast.js';
import { issuingStatus, NUMBERS_EXHAUSTED } from './issuing.js';
import { counterView, ticketView } from './views.js';

/** Read-only views. They read without a write transaction and never change state. */

function currentDate(deps: EngineDeps, siteId: string): string {
  const site = siteOf(deps, siteId);
  return businessDateFor(deps.store.siteDay(site.id).businessDate, deps.clock.now().getTime(), site.timeZone);
}

export function siteStatus(deps: EngineDeps, siteId: string): SiteStatus {
  const site = siteOf(deps, siteId);
  const now = deps.clock.now().getTime();
  const date = currentDate(deps, siteId);
  const forecast = new SiteForecast(deps, site, date);
  const queues = site.queues.map((q): QueueStatusView => {
    const status = issuingStatus(deps.store, site, q, now);
    return {
      id: q.id,
      name: q.name,
      waiting: forecast.waiting(q.id),
      // no new ticket can be taken: no estimate for one (it was thousands of minutes)
      estimatedWaitMinutes: status.reason === NUMBERS_EXHAUSTED ? null : forecast.forNewTicket(q.id).estimatedWaitMinutes,
      lastCalled: deps.store.lastCalledLabel(site.id, q.id, date),
      issuing: status.state,
      closedReason: status.reason,
      nextOpening: status.nextOpening,
    };
  });
  const issuing = siteIssuing(queues.map((q) => q.issuing));
  return { site: { id: site.id, name: site.name }, at: isoTime(now), issuing, businessDate: date, demo: site.demo, queues };
}

/** The phone page's view of one ticket, found only by its token. */
export function ticketStatus(deps: EngineDeps, token: string): TicketStatus {
  const t = deps.store.ticketByToken(token);
  if (!t) throw new DomainError('NOT_FOUND', 'unknown ticket');
  const site = siteOf(deps, t.siteId);
  let ahead: number | null = null;
  let estimatedWaitMinutes: number | null = null;
  if (t.state === 'waiting') {
    const f = new SiteForecast(deps, site, currentDate(deps, site.id)).forTicket(t.queueId, t.id);
    ahead = f.ahead;
    estimatedWaitMinutes = f.estimatedWaitMinutes;
  }
  const counter = t.state === 'called' || t.state === 'serving' ? t.counterId : null;
  return { site: t.siteId, label: t.label, queue: t.queueId, state: t.state, ahead, estimatedWaitMinutes, counter, language: t.language };
}

export function listCounters(deps: EngineDeps, siteId: string): CounterView[] {
  const site = siteOf(deps, siteId);
  const rows = deps.store.counters(site.id);
  return site.counters.flatMap((def) => {
    const row = rows.find((r) => r.id === def.id);
    if (!row) return [];
    const current = row.currentTicketId === null ? undefined : deps.store.ticket(site.id, row.currentTicketId);
    return [counterView(def, row, current)];
  });
}

export function ticketsOfToday(deps: EngineDeps, siteId: string): TicketView[] {
  return deps.store.ticketsOfDay(siteId, currentDate(deps, siteId)).map(ticketView);
}

const RECENT_CALLS = 12;

/** Each configured printer with its last known health (snapshot and dashboard). */
export function printerViews(deps: EngineDeps, site: SiteDef): SiteSnapshot['printers'] {
  const health = deps.store.printerHealth(site.id);
  return site.printers.map((p) => {
    const h = health.find((x) => x.id === p.id);
    return { id: p.id, name: p.name, health: h?.health ?? 'ok', detail: h?.detail ?? null };
  });
}

/**
 * Everything a page shows, consistent with the site's sequence number: it is read
 * synchronously, and events are published synchronously after commit, so no event can fall
 * between the state read here and the `seq` it carries.
 */
export function siteSnapshot(deps: EngineDeps, siteId: string): SiteSnapshot {
  const status = siteStatus(deps, siteId);
  const site = siteOf(deps, siteId);
  return {
    site: { id: site.id, name: site.name, demo: site.demo, timeZone: site.timeZone },
    seq: deps.store.siteDay(site.id).seq,
    at: status.at,
    businessDate: status.businessDate,
    issuing: status.issuing,
    queues: status.queues,
    counters: listCounters(deps, siteId),
    recentCalls: deps.store.recentCalls(site.id, status.businessDate, RECENT_CALLS).map((c) => ({
      seq: c.seq,
      at: isoTime(c.at),
      label: c.label,
      queue: c.queueId,
      counter: c.counterId,
      recall: c.recall,
    })),
    printers: printerViews(deps, site),
    announcements: deps.store.activeAnnouncements(site.id).map((a) => ({
      id: a.id,
      message: a.message,
      texts: a.texts,
      severity: a.severity,
      postedAt: isoTime(a.postedAt),
    })),
  };
}

/** One business day's derived figures, straight from the event log. */
function deriveDay(deps: EngineDeps, site: SiteDef, date: string, now: number): ReportDay {
  const events = deps.store.reportEvents(site.id, date, date);
  const start = zonedInstant(date, 0, site.timeZone);
  // a day still running (today) ends now
  const end = Math.max(start, Math.min(zonedInstant(addDays(date, 1), 0, site.timeZone), now));
  const counters = counterTotals(
    events,
    deps.store.counterAvailabilityChanges(site.id, start, end),
    { from: start, to: end },
    site.counters.map((c) => c.id),
    (c) => deps.store.counterAvailabilityBefore(site.id, c, start) === 'open',
  );
  return { lines: timelines(events), counters, transfers: transferFigures(events) };
}

/**
 * A closed business day's derived figures: the kept ones (report_days), or derived from the event
 * log now and kept, as a report reads them (the demand forecast's days come from here).
 */
export function closedDayFigures(deps: EngineDeps, siteId: string, date: string): ReportDay {
  const site = siteOf(deps, siteId);
  const kept = deps.store.reportDays(site.id, date, date).get(date);
  if (kept) return kept;
  const now = deps.clock.now().getTime();
  const day = deriveDay(deps, site, date, now);
  const open = deps.store.siteDay(site.id).businessDate;
  if (open !== null && date < open) deps.store.saveReportDay(site.id, date, day, now);
  return day;
}

/**
 * The figures of business days `from`…`to` (inclusive), from the event log. A closed day's
 * derived figures are kept (report_days, ADR 0003) the first time they are read, so a month over
 * a year of data reads narrow rows instead of re-deriving every event.
 */
function periodFigures(deps: EngineDeps, siteId: string, from: string, to: string, label: string) {
  const site = siteOf(deps, siteId);
  const now = deps.clock.now().getTime();
  const open = deps.store.siteDay(site.id).businessDate;
  const today = currentDate(deps, site.id);
  const cached = deps.store.reportDays(site.id, from, to);
  const parts: ReportDay[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const kept = cached.get(date);
    if (kept) {
      parts.push(kept);
      continue;
    }
    if (date > today) continue; // not yet
    const day = deriveDay(deps, site, date, now);
    // closed (the site has rolled over past it): nothing can change it any more
    if (open !== null && date < open) deps.store.saveReportDay(site.id, date, day, now);
    parts.push(day);
  }
  const lines = parts.flatMap((p) => p.lines);
  const ids = site.counters.map((c) => c.id);
  const report = dailyReport(label, lines, site.queues.map((q) => q.id), (at) => Math.floor(localParts(at, site.timeZone).minute / 60));
  const counters = counterFigures(sumCounterTotals(parts.map((p) => p.counters), ids));
  const answers = deps.store.feedbackBetween(site.id, from, to);
  // days past retention keep only their totals; their answers are no longer in `feedback`
  const kept = parts.flatMap((p) => p.feedback ?? []);
  const satisfaction = site.queues.map((q) => {
    const rs = answers.filter((a) => a.queueId === q.id).map((a) => a.rating);
    const old = kept.filter((f) => f.queue === q.id);
    const n = rs.length + old.reduce((x, f) => x + f.answers, 0);
    const sum = rs.reduce((x, y) => x + y, 0) + old.reduce((x, f) => x + f.sum, 0);
    return { queue: q.id, answers: n, mean: n ? Math.round((sum / n) * 100) / 100 : null };
  });
  // bookings from their own rows, and a day past retention's from its summary (its rows are gone):
  // on queues that take them, or had some
  const bookingCounts = [...(deps.bookings?.countsBetween(site.id, from, to) ?? []), ...parts.flatMap((p) => p.bookings ?? [])];
  const queues = report.queues.map((q) => {
    const mine = bookingCounts.filter((b) => b.queueId === q.queue);
    if (mine.length === 0 && !site.queues.find((x) => x.id === q.queue)?.booking) return q;
    const n = (state: string) => mine.filter((b) => b.state === state).reduce((sum, b) => sum + b.n, 0);
    return { ...q, bookings: { booked: n('booked') + n('checked_in') + n('no_show'), checkedIn: n('checked_in'), noShows: n('no_show'), cancelled: n('cancelled') } };
  });
  return { report: { ...report, queues, counters, transfers: sumTransfers(parts.map((p) => p.transfers)), satisfaction }, lines, site };
}

/** The figures of a business day, from the event log. */
export function dailyFigures(deps: EngineDeps, siteId: string, date: string) {
  const { report, lines } = periodFigures(deps, siteId, date, date, date);
  return { report, lines };
}

/** The figures of a month (`YYYY-MM`): the same as a day's over all its tickets, and one line per day. */
export function monthlyFigures(deps: EngineDeps, siteId: string, month: string) {
  const first = `${month}-01`;
  const days: string[] = [];
  for (let d = first; d.startsWith(month); d = addDays(d, 1)) days.push(d);
  const last = days[days.length - 1] ?? first;
  const { report, lines, site } = periodFigures(deps, siteId, first, last, month);
  const { date: _label, ...rest } = report;
  return { report: { month, ...rest, days: daySummaries(lines, (at) => localDate(at, site.timeZone), days) }, lines };
}

export function dailyCsv(deps: EngineDeps, siteId: string, date: string): string {
  const { lines } = dailyFigures(deps, siteId, date);
  return timelineCsv(lines, (at) => (at === null ? null : isoTime(at)));
}

export function monthlyCsv(deps: EngineDeps, siteId: string, month: string): string {
  const { lines } = monthlyFigures(deps, siteId, month);
  return timelineCsv(lines, (at) => (at === null ? null : isoTime(at)));
}

export const dailySummaryCsv = (deps: EngineDeps, siteId: string, date: string): string => summaryCsv(dailyFigures(deps, siteId, date).report);
export const monthlySummaryCsv = (deps: EngineDeps, siteId: string, month: string): string => summaryCsv(monthlyFigures(deps, siteId, month).report);

export interface PrintPayload {
  jobId: number;
  printerId: string;
  officeName: string;
  /** the queue's configured names: the slip prints Japanese and the ticket's language */
  windowName: LocalizedText;
  label: string;
  procedure: LocalizedText | null;
  issuedAt: number;
  timeZone: string;
  ahead: number;
  estimatedWaitMinutes: number | null;
  token: string;
  language: string | null;
  /** a booked ticket's slot start (来庁予約), else null */
  slotStart: number | null;
}

/** What a ticket's slip says, for the print worker (numbers and names only). */
export function printPayload(deps: EngineDeps, siteId: string, jobId: number): PrintPayload {
  const site = siteOf(deps, siteId);
  const job = deps.store.printJob(site.id, jobId);
  if (!job) throw new DomainError('NOT_FOUND', `unknown print job ${jobId}`);
  const t = deps.store.ticket(site.id, job.ticketId);
  if (!t) throw new DomainError('NOT_FOUND', `unknown ticket ${job.ticketId}`);
  const queue = site.queues.find((q) => q.id === t.queueId);
  const service = queue?.services.find((s) => s.id === t.serviceId);
  return {
    jobId,
    printerId: job.printerId,
    officeName: site.name.ja,
    windowName: queue?.name ?? { ja: t.queueId, en: t.queueId },
    label: t.label,
    procedure: service?.name ?? null,
    issuedAt: t.issuedAt,
    timeZone: site.timeZone,
    ahead: job.ahead,
    estimatedWaitMinutes: job.estimatedWaitMinutes,
    token: t.token,
    language: job.language,
    slotStart: t.slotStart ?? null,
  };
}
