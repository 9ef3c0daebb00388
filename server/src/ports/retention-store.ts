/** What the housekeeping job needs of the database: ended tickets' tokens, old days, compaction. */
export interface RetentionStore {
  /**
   * Replaces the phone token of every ended ticket of the site's business days before
   * `beforeDate` with an unknown random value; returns how many.
   */
  clearEndedTokens(siteId: string, beforeDate: string, at: number): number;
  /** The site's business days before `beforeDate` that still hold tickets, oldest first. */
  datesWithTicketsBefore(siteId: string, beforeDate: string): string[];
  hasDaySummary(siteId: string, date: string): boolean;
  /**
   * In one transaction: keeps the day's satisfaction totals in its summary, then deletes its
   * tickets and every row per ticket (events, print jobs, answers, idempotency keys) and its
   * numbering rows. Refuses (throws) when the day has no summary.
   */
  purgeDay(siteId: string, date: string, at: number): PurgedDay;
  /** Returns free pages to the file system (incremental vacuum); how many pages it freed. */
  compact(): number;
}

export interface PurgedDay {
  tickets: number;
  events: number;
  printJobs: number;
  feedback: number;
}
