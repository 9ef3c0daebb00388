/**
 * The daily housekeeping job (docs/operations.md, "Retention"): after a business day closes, the phone
 * tokens of its ended tickets go, business days older than the retention period lose their
 * ticket-level rows once their day summary is kept, and the freed pages go back to the disk.
 * The turn-near alerts' contacts of closed days go first (docs/security.md): whatever an ended
 * ticket's last message did, nobody's address or push subscription outlives its day.
 * It runs from the day rollover (server.ts `tick`), never from a timer of its own.
 */
import { addDays } from '../domain/time.js';
import type { RetentionPolicy } from '../domain/site.js';
import type { Clock } from '../ports/clock.js';
import type { PurgedDay, RetentionStore } from '../ports/retention-store.js';

export interface HousekeepingLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface HousekeepingDeps {
  store: RetentionStore;
  clock: Clock;
  retention: RetentionPolicy;
  siteIds: readonly string[];
  /** the site's current business date (null before its first day) */
  businessDate(siteId: string): string | null;
  /** derives a closed day's figures and keeps them in report_days (the engine's daily report) */
  keepDaySummary(siteId: string, date: string): void;
  /** deletes the turn-near alerts' contacts of the site's tickets of days before `date` (their undelivered messages are dropped); how many */
  forgetAlertContacts?(siteId: string, date: string, at: number): number;
  /** drops the address hashes of bookings made before `date` and the tokens of ended bookings of days before it (docs/bookings.md) */
  forgetBookings?(siteId: string, date: string): number;
  log: HousekeepingLog;
}

/** What one run did, per site. */
export interface HousekeepingResult {
  site: string;
  /** turn-near alerts' contacts deleted */
  alertContactsDeleted: number;
  tokensCleared: number;
  /** the business days whose ticket-level rows were deleted */
  daysPurged: string[];
  deleted: PurgedDay;
  pagesFreed: number;
}

/** lets the event loop serve requests between two days' deletions (each is one transaction) */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class HousekeepingJob {
  private started = false;
  private current: Promise<HousekeepingResult[]> | null = null;
  private again = false;

  constructor(private readonly deps: HousekeepingDeps) {}

  start(): void {
    this.started = true;
  }

  /** No new run starts; resolves once a run in progress has finished its current day. */
  async stop(): Promise<void> {
    this.started = false;
    this.again = false;
    await this.current?.catch(() => undefined);
  }

  /**
   * A business day closed: run now, or once more after the run in progress (several sites roll
   * over together). Resolves with what the run did; failures are logged, never thrown.
   */
  dayClosed(): Promise<HousekeepingResult[]> {
    if (!this.started) return Promise.resolve([]);
    if (this.current) {
      this.again = true;
      return this.current;
    }
    const run = this.run()
      .catch((err: unknown) => {
        this.deps.log.error({ err }, 'housekeeping failed; it runs again after the next day closes');
        return [];
      })
      .finally(() => {
        this.current = null;
        if (this.again && this.started) {
          this.again = false;
          void this.dayClosed();
        }
      });
    this.current = run;
    return run;
  }

  private async run(): Promise<HousekeepingResult[]> {
    const results: HousekeepingResult[] = [];
    for (const site of this.deps.siteIds) {
      if (!this.started) break;
      const today = this.deps.businessDate(site);
      if (today === null) continue;
      results.push(await this.runSite(site, today));
    }
    return results;
  }

  private async runSite(site: string, today: string): Promise<HousekeepingResult> {
    const { store, clock, retention, log } = this.deps;
    this.deps.forgetBookings?.(site, today);
    const result: HousekeepingResult = {
      site,
      alertContactsDeleted: this.deps.forgetAlertContacts?.(site, today, clock.now().getTime()) ?? 0,
      // every ticket of a closed day has ended or been expired by the rollover; a ticket still
      // being served keeps its token until a later run sees it ended
      tokensCleared: store.clearEndedTokens(site, today, clock.now().getTime()),
      daysPurged: [],
      deleted: { tickets: 0, events: 0, printJobs: 0, feedback: 0 },
      pagesFreed: 0,
    };
    const cutoff = addDays(today, -retention.days);
    for (const date of store.datesWithTicketsBefore(site, cutoff)) {
      if (!this.started) break;
      if (!store.hasDaySummary(site, date)) this.deps.keepDaySummary(site, date);
      const d = store.purgeDay(site, date, clock.now().getTime());
      result.daysPurged.push(date);
      result.deleted.tickets += d.tickets;
      result.deleted.events += d.events;
      result.deleted.printJobs += d.printJobs;
      result.deleted.feedback += d.feedback;
      result.pagesFreed += store.compact();
      await nextTurn();
    }
    if (result.tokensCleared > 0 || result.daysPurged.length > 0 || result.alertContactsDeleted > 0) {
      log.info({ ...result, daysPurged: result.daysPurged.length, cutoff }, 'housekeeping: phone tokens cleared, days past retention deleted');
    }
    return result;
  }
}
