import { performance } from 'node:perf_hooks';
import type { SiteSnapshot } from '@madoguchi/shared';
import type { Clock } from '../../ports/clock.js';
import { publicSnapshot } from './public-view.js';

export type Audience = 'staff' | 'public';

export interface SnapshotSource {
  snapshot(site: string): SiteSnapshot;
  /** the site's last sequence number (one indexed read, far cheaper than a snapshot) */
  siteSeq(site: string): number;
}

export interface SnapshotCacheOptions {
  /** how old (on the injected clock) a kept snapshot may get while nothing happens (default 1 s) */
  maxAgeMs?: number;
  /**
   * at most one build per site in this many real milliseconds (default 100): a flood asking
   * after every event waits for the next build instead of causing one each
   */
  minBuildIntervalMs?: number;
}

interface Entry {
  seq: number;
  builtAt: number;
  staff: SiteSnapshot;
  public: SiteSnapshot;
}

interface Waiter {
  audience: Audience;
  deliver: (s: SiteSnapshot) => void;
}

/**
 * The snapshots sent on connect and on `site:resync`, built once per site and sequence number
 * and shared by every socket of an audience: a crowd of pages (or a flood) asking for the same
 * state costs one build, not one each. A new sequence number makes the entry stale at once;
 * `maxAgeMs` bounds how old the time-derived parts (estimated waits, `at`) may get while nothing
 * happens. Builds are spaced by `minBuildIntervalMs` of real time (CPU is real time): whoever asks
 * sooner gets the next build, fresh when it is delivered.
 */
export class SnapshotCache {
  private readonly entries = new Map<string, Entry>();
  private readonly lastBuild = new Map<string, number>();
  private readonly waiting = new Map<string, Waiter[]>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly maxAgeMs: number;
  private readonly minBuildIntervalMs: number;
  /** snapshots built (tests and diagnostics) */
  builds = 0;

  constructor(
    private readonly source: SnapshotSource,
    private readonly clock: Clock,
    o: SnapshotCacheOptions = {},
  ) {
    this.maxAgeMs = o.maxAgeMs ?? 1000;
    this.minBuildIntervalMs = o.minBuildIntervalMs ?? 100;
  }

  /** Delivers the site's current snapshot for the audience: now when kept or buildable, else after the next build. */
  get(site: string, audience: Audience, deliver: (s: SiteSnapshot) => void): void {
    const kept = this.fresh(site);
    if (kept) return deliver(kept[audience]);
    const wait = (this.lastBuild.get(site) ?? -Infinity) + this.minBuildIntervalMs - performance.now();
    if (wait <= 0) return deliver(this.build(site)[audience]);
    const queue = this.waiting.get(site) ?? [];
    queue.push({ audience, deliver });
    this.waiting.set(site, queue);
    if (!this.timers.has(site)) {
      const timer = setTimeout(() => this.flush(site), wait);
      timer.unref();
      this.timers.set(site, timer);
    }
  }

  /** Drops a site's entry (an event was published for it). */
  invalidate(site: string): void {
    this.entries.delete(site);
  }

  /** Stops the timers; whoever still waits gets nothing (its socket is closing). */
  close(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.waiting.clear();
  }

  private fresh(site: string): Entry | null {
    const e = this.entries.get(site);
    if (!e) return null;
    const now = this.clock.now().getTime();
    // a clock that went back counts as stale, like a new sequence number
    if (e.seq !== this.source.siteSeq(site) || now - e.builtAt >= this.maxAgeMs || now < e.builtAt) return null;
    return e;
  }

  private build(site: string): Entry {
    const staff = this.source.snapshot(site);
    this.builds += 1;
    this.lastBuild.set(site, performance.now());
    const e = { seq: staff.seq, builtAt: this.clock.now().getTime(), staff, public: publicSnapshot(staff) };
    this.entries.set(site, e);
    return e;
  }

  private flush(site: string): void {
    this.timers.delete(site);
    const queue = this.waiting.get(site) ?? [];
    this.waiting.delete(site);
    if (queue.length === 0) return;
    const e = this.fresh(site) ?? this.build(site);
    for (const w of queue) w.deliver(e[w.audience]);
  }
}
