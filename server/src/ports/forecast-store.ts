import type { ForecastAccuracy } from '@madoguchi/shared';
import type { DemandDay, DemandFit } from '../domain/demand-forecast.js';

/** A site's stored forecast: the fit, when it was made, and its measured accuracy. */
export interface StoredFit {
  fittedAt: number;
  fit: DemandFit;
  accuracy: ForecastAccuracy;
}

/**
 * The demand forecast's rows (docs/product.md §8): each closed day's demand per queue, the
 * forecast's input; and each site's fitted model, which answers forecast requests until the next
 * refit. Synchronous, on the engine's connection.
 */
export interface ForecastStore {
  /** the stored demand days of `fromDate`…`toDate` (inclusive), by date then queue */
  demandDays(siteId: string, fromDate: string, toDate: string): DemandDay[];
  /** the dates of `fromDate`…`toDate` that hold at least one demand row */
  demandDates(siteId: string, fromDate: string, toDate: string): Set<string>;
  /**
   * Writes one day's rows (replacing that day's rows of the same queues). A live day never
   * replaces an imported one: an imported day stays as the old system recorded it.
   */
  saveDemandDay(siteId: string, rows: readonly DemandDay[]): void;
  /** the earliest business date with a ticket or kept report figures, or null without any */
  firstActivityDate(siteId: string): string | null;
  fit(siteId: string): StoredFit | null;
  saveFit(siteId: string, fit: StoredFit): void;
}
