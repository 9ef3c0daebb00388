import { createHash } from 'node:crypto';
import { DomainError } from '@madoguchi/shared';
import type { QueueEngine } from '../../app/queue-engine.js';
import type { InstallationConfig } from '../../domain/site.js';

/** A busy homepage asks often: how long a computed status serves while its site stands still. */
const STATUS_SLOT_MS = 15_000;

export interface CachedStatus {
  status: ReturnType<QueueEngine['status']>;
  /** a weak ETag over the content (not the time it was computed) */
  etag: string;
}

/**
 * The public status of each site, computed again only when the site changed (its sequence
 * number) or a slot of STATUS_SLOT_MS passed (the schedule and waits move with time alone).
 * One cache for the JSON route and the plain HTML page, so neither lets a crowd of readers, or
 * someone hammering either address, recompute the status per request.
 */
export class StatusCache {
  private readonly entries = new Map<string, CachedStatus & { key: string }>();

  constructor(
    private readonly engine: QueueEngine,
    private readonly config: InstallationConfig,
  ) {}

  of(site: string): CachedStatus {
    if (!this.config.sites.some((x) => x.id === site)) throw new DomainError('NOT_FOUND', `unknown site "${site}"`, { field: 'site' });
    const key = `${this.engine.siteSeq(site)}:${Math.floor(this.engine.deps.clock.now().getTime() / STATUS_SLOT_MS)}`;
    const hit = this.entries.get(site);
    if (hit?.key === key) return hit;
    const status = this.engine.status(site);
    const { at: _at, ...content } = status;
    const entry = { key, status, etag: `W/"${createHash('sha1').update(JSON.stringify(content)).digest('base64url')}"` };
    this.entries.set(site, entry);
    return entry;
  }
}
