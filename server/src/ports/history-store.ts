import type { HistorySpan } from '@madoguchi/shared';
import type { ReportDay } from './report-store.js';

export type { HistorySpan };

/**
 * The imported past days (migration 0015, docs/history-import.md). Synchronous, on the engine's
 * connection; `transaction` makes one day's import atomic (its figures with its demand rows, which
 * the forecast store writes on the same connection).
 */
export interface HistoryStore {
  transaction<T>(fn: () => T): T;
  /** the day holds live tickets (or held them: its ticket rows went with retention) */
  holdsLiveTickets(siteId: string, date: string): boolean;
  /** the hashes of the day's imported rows */
  importedHashes(siteId: string, date: string): Set<string>;
  /** the kept figures of an imported day (null when the day was never imported) */
  importedDay(siteId: string, date: string): ReportDay | null;
  /** marks the day imported and keeps its figures (replacing any kept before) and the new rows' hashes */
  saveImportedDay(siteId: string, date: string, day: ReportDay, hashes: readonly string[], at: number, source: string | null): void;
  span(siteId: string): HistorySpan;
}
