import type { SiteSnapshot } from '@madoguchi/shared';
import type { Clock } from '../../ports/clock.js';
import { publicSnapshot } from './public-view.js';

export type Audience = 'staff' | 'public';

export interface SnapshotSource {
  snapshot(site: string): SiteSnapshot;
  /** the site's last sequence number (one indexed read, far cheaper than a snapshot) */
  siteSeq(site: string): number;
}

interface Entry {
  seq: number;
  builtAt: number;
  staff: SiteSnapshot;
  public: SiteSnapshot;
}

/**
 * The snapshots sent on connect and on `site:resync`, built once per site and sequence number
 * and shared by every socket of an audience: a crowd of pages (or a flood) asking for the same
 * state costs one build, not one each. A new sequence number makes the entry stale at once;
 * `maxAgeMs` bounds how old the time-derived parts (estimated waits, `at`) may get while
 * nothing happens.
 */
export class SnapshotCache {
  private readonly entries = new Map<string, Entry>();
  /** snapshots built (tests and diagnostics) */
  builds = 0;

  constructor(
    private readonly source: SnapshotSource,
    private readonly clock: Clock,
    private readonly maxAgeMs = 1000,
  ) {}

  get(site: string, audience: Audience): SiteSnapshot {
    const seq = this.source.siteSeq(site);
    const now = this.clock.now().getTime();
    let e = this.entries.get(site);
    // a clock that went back counts as stale, like a new sequence number
    if (!e || e.seq !== seq || now - e.builtAt >= this.maxAgeMs || now < e.builtAt) {
      const staff = this.source.snapshot(site);
      this.builds += 1;
      e = { seq: staff.seq, builtAt: now, staff, public: publicSnapshot(staff) };
      this.entries.set(site, e);
    }
    return audience === 'staff' ? e.staff : e.public;
  }

  /** Drops a site's entry (an event was published for it). */
  invalidate(site: string): void {
    this.entries.delete(site);
  }
}
