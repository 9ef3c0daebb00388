import { DomainError } from '@madoguchi/shared';
import { historyDayFigures, ticketOfLine, type HistoryTicket } from '../domain/history-day.js';
import { zonedInstant } from '../domain/time.js';
import type { ForecastStore } from '../ports/forecast-store.js';
import type { HistorySpan, HistoryStore } from '../ports/history-store.js';
import { businessDateFor, siteOf, type EngineDeps } from './context.js';
import { HistoryCsvError, parseHistoryCsv, type ParsedHistoryRow } from './history-csv.js';

/**
 * The history import (docs/history-import.md), for the route and the admin command alike: an old
 * system's ticket log in, a day at a time, each day in one transaction:
 *
 * - a day that holds live tickets (or held them, before retention), or is the site's today or
 *   later, is not touched: its rows are skipped and counted;
 * - else the rows whose hash the day does not hold yet are added: the day's figures are rebuilt
 *   from its rows imported before and the new ones — its report_days row (timelines, counter
 *   totals: what every report reads) and its demand_days rows (imported), see domain/history-day.ts.
 *
 * Nothing else is written: no ticket, no event, no number, no idempotency key. A day is marked in
 * imported_days, which keeps its report from being re-derived from the (empty) event log.
 * The caller refits the forecast afterwards (DemandForecasts).
 */

export interface HistoryImportResult {
  /** rows added */
  imported: number;
  /** rows on days that hold live tickets, today or later */
  skipped: number;
  /** the days rows were added to */
  days: string[];
}

export interface HistoryImportOptions {
  /** where it came from, kept with each day (the manager's page shows it) */
  source?: string;
  /** stop at the first bad line (the route; the CLI) or refuse only its day and go on */
  onError?: 'stop' | 'collect';
  /** the file's rows are not in day order (memory grows with the file; see history-csv.ts) */
  order?: 'sorted' | 'any';
}

/** A bad line: its line and column, and what was imported before it (days already complete are kept). */
export class HistoryImportError extends DomainError {
  constructor(
    readonly csvError: HistoryCsvError,
    readonly done: HistoryImportResult,
  ) {
    const before =
      done.days.length === 0
        ? 'nothing was imported'
        : `${done.imported} rows of ${done.days.length} days before it were imported (${done.days[0]} … ${done.days[done.days.length - 1]}); importing the corrected file adds only what is missing`;
    super('VALIDATION', `${csvError.message}; ${before}`, {
      ...(csvError.column ? { field: csvError.column } : {}),
      reason: `line ${csvError.line}; imported ${done.imported} rows, ${done.days.length} days`,
    });
  }
}

export interface HistoryDeps {
  engine: EngineDeps;
  history: HistoryStore;
  forecast: ForecastStore;
}

const toTicket = (r: ParsedHistoryRow): HistoryTicket => ({
  queue: r.queue,
  service: r.service,
  counter: r.counter,
  state: r.state,
  issuedAt: Date.parse(r.issuedAt),
  calledAt: r.calledAt === null ? null : Date.parse(r.calledAt),
  finishedAt: r.finishedAt === null ? null : Date.parse(r.finishedAt),
});

/** Imports one day's parsed rows (one transaction); how many rows were added, or skipped. */
function importDay(deps: HistoryDeps, siteId: string, date: string, rows: readonly ParsedHistoryRow[], today: string, source: string | null): { added: number; skipped: number } {
  const site = siteOf(deps.engine, siteId);
  return deps.history.transaction(() => {
    if (date >= today || deps.history.holdsLiveTickets(site.id, date)) return { added: 0, skipped: rows.length };
    const have = deps.history.importedHashes(site.id, date);
    const fresh = rows.filter((r) => !have.has(r.hash));
    if (fresh.length === 0) return { added: 0, skipped: 0 };
    const before = deps.history.importedDay(site.id, date)?.lines.map(ticketOfLine) ?? [];
    const bounds = Array.from({ length: 25 }, (_, h) => zonedInstant(date, h * 60, site.timeZone));
    const figures = historyDayFigures(date, [...before, ...fresh.map(toTicket)], site.queues.map((q) => q.id), bounds);
    const at = deps.engine.clock.now().getTime();
    deps.history.saveImportedDay(site.id, date, { lines: figures.lines, counters: figures.counters, transfers: [] }, fresh.map((r) => r.hash), at, source);
    deps.forecast.saveDemandDay(site.id, figures.demand);
    return { added: fresh.length, skipped: 0 };
  });
}

/** Imports a log (text, or a stream of its bytes) into a site's past days. */
export async function importHistory(
  deps: HistoryDeps,
  siteId: string,
  source: AsyncIterable<Buffer | string> | NodeJS.ReadableStream | string,
  opts: HistoryImportOptions = {},
): Promise<HistoryImportResult> {
  const site = siteOf(deps.engine, siteId);
  const today = businessDateFor(deps.engine.store.siteDay(site.id).businessDate, deps.engine.clock.now().getTime(), site.timeZone);
  const done: HistoryImportResult = { imported: 0, skipped: 0, days: [] };
  try {
    for await (const day of parseHistoryCsv(typeof source === 'string' ? [source] : (source as AsyncIterable<Buffer | string>), {
      timeZone: site.timeZone,
      queues: site.queues,
      onError: opts.onError ?? 'stop',
      order: opts.order ?? 'sorted',
    })) {
      // a refused day (collect): nothing of it is imported
      if (!('rows' in day)) continue;
      const { added, skipped } = importDay(deps, site.id, day.date, day.rows, today, opts.source ?? null);
      done.imported += added;
      done.skipped += skipped;
      if (added > 0) done.days.push(day.date);
      // lets the server answer between two days
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } catch (err) {
    if (err instanceof HistoryCsvError) throw new HistoryImportError(err, done);
    throw err;
  }
  done.days.sort();
  return done;
}

/** The span of the site's history, for the manager's page. */
export function historySpan(deps: HistoryDeps, siteId: string): HistorySpan {
  const site = siteOf(deps.engine, siteId);
  return deps.history.span(site.id);
}
