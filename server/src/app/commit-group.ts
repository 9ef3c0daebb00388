import { DomainError, type SiteEvent } from '@madoguchi/shared';
import type { EngineDeps } from './context.js';

interface Job {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit (docs/adr/0004): use cases that arrive in the same turn of the event loop —
 * several kiosks tapped at once — run one after the other, each in its own savepoint, inside one
 * write transaction, so that one fsync makes them all durable. Every caller is answered only
 * after that commit, and their events are published only then, in order. A use case that is
 * refused (a DomainError) undoes only its own writes; any other failure ends the group there
 * (SQLite may have rolled the whole transaction back): what ran before it commits or fails
 * together, and what came after it runs in the next group. A failed commit fails the whole
 * group and publishes nothing.
 */
export class CommitGroup {
  private pending: Job[] = [];
  /** groups committed (or failed) and the use cases they held, since the start: their ratio is the mean group size */
  readonly counts = { groups: 0, useCases: 0 };

  constructor(
    private readonly deps: EngineDeps,
    /** when the group of the current turn is committed (tests may flush by hand) */
    private readonly later: (flush: () => void) => void = (flush) => void setImmediate(flush),
  ) {}

  run<T>(useCase: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run: useCase, resolve: resolve as (value: unknown) => void, reject });
      if (this.pending.length === 1) this.later(() => this.flush());
    });
  }

  /** Commits the use cases waiting now (and schedules those put back for the next group). */
  flush(): void {
    const jobs = this.pending;
    this.pending = [];
    if (jobs.length === 0) return;
    this.counts.groups += 1;
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    let events: SiteEvent[] = [];
    try {
      events = this.deps.outbox.hold(() =>
        this.deps.store.transaction(() => {
          for (const job of jobs) {
            try {
              outcomes.push({ ok: true, value: job.run() });
            } catch (error) {
              outcomes.push({ ok: false, error });
              if (!(error instanceof DomainError)) break;
            }
          }
        }),
      );
    } catch (commitError) {
      this.counts.useCases += outcomes.length;
      // nothing of the group is stored: say why (the failure that ended the group, e.g. a full disk, over the commit's own)
      const cause = outcomes.find((o) => !o.ok && !(o.error instanceof DomainError));
      const error = cause && !cause.ok ? cause.error : commitError;
      outcomes.forEach((o, i) => jobs[i]?.reject(o.ok ? error : o.error));
      this.putBack(jobs.slice(outcomes.length));
      return;
    }
    this.counts.useCases += outcomes.length;
    const publisher = this.deps.publisher;
    if (publisher) for (const e of events) publisher.publish(e);
    outcomes.forEach((o, i) => {
      const job = jobs[i];
      if (!job) return;
      if (o.ok) job.resolve(o.value);
      else job.reject(o.error);
    });
    this.putBack(jobs.slice(outcomes.length));
  }

  private putBack(jobs: Job[]): void {
    if (jobs.length === 0) return;
    const first = this.pending.length === 0;
    this.pending.unshift(...jobs);
    if (first) this.later(() => this.flush());
  }
}
