/**
 * Whether the disk under the database has room, for everything that writes: requests answer 507
 * STORAGE_FULL, background writers (audit log, print outcomes, the periodic tick, button bindings)
 * keep what they could not write and try again once there is room, `/healthz` says so, and the
 * log says it once per spell rather than once per refused write.
 */
import type { WriteRoom } from '../../ports/storage.js';

/** SQLite's "database or disk is full" (ENOSPC, or a size limit) as better-sqlite3 reports it. */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' || code === 'ENOSPC';
}

export interface StorageLog {
  error(o: unknown, m?: string): void;
  info(o: unknown, m?: string): void;
}

export interface StorageCondition {
  store: 'ok' | 'full';
  /** when the current spell began (ISO), or null */
  since: string | null;
  /** writes refused in the current spell */
  refused: number;
}

export interface StorageWatchOptions {
  /** free bytes on the database's disk (statfs), or null when unknown (in-memory database) */
  freeBytes: () => number | null;
  /** how often, while full, the free space is looked at again (ms) */
  retryMs?: number;
  /** free space at which writes are tried again: well above one commit, so a nearly full disk does not flap */
  resumeBytes?: number;
  /** a repeating timer; tests drive it by hand */
  every?: (fn: () => void, ms: number) => () => void;
  /** epoch ms, for `since` */
  now?: () => number;
}

const realEvery = (fn: () => void, ms: number): (() => void) => {
  const t = setInterval(fn, ms);
  t.unref();
  return () => clearInterval(t);
};

export const STORAGE_RETRY_MS = 5_000;
export const STORAGE_RESUME_BYTES = 1024 * 1024;

export class StorageWatch implements WriteRoom {
  private fullSince: number | null = null;
  private refused = 0;
  private stopTimer: (() => void) | null = null;
  private readonly waiting = new Set<() => void>();
  private log: StorageLog | null = null;
  private readonly retryMs: number;
  private readonly resumeBytes: number;
  private readonly every: (fn: () => void, ms: number) => () => void;
  private now: () => number;

  constructor(private readonly o: StorageWatchOptions) {
    this.retryMs = o.retryMs ?? STORAGE_RETRY_MS;
    this.resumeBytes = o.resumeBytes ?? STORAGE_RESUME_BYTES;
    this.every = o.every ?? realEvery;
    this.now = o.now ?? (() => Date.now());
  }

  /** The application's logger and clock, known only once the app is built. */
  attach(o: { log: StorageLog; now?: () => number }): void {
    this.log = o.log;
    if (o.now) this.now = o.now;
  }

  get full(): boolean {
    return this.fullSince !== null;
  }

  condition(): StorageCondition {
    return { store: this.full ? 'full' : 'ok', since: this.fullSince === null ? null : new Date(this.fullSince).toISOString(), refused: this.refused };
  }

  /**
   * A write failed. True when the disk is full: logged on the first refusal of a spell only, and
   * the caller keeps or drops what it could not write. False for any other error, which the
   * caller reports itself.
   */
  failed(err: unknown, what: string): boolean {
    if (!isDiskFull(err)) return false;
    this.refused += 1;
    if (this.fullSince === null) {
      this.fullSince = this.now();
      this.log?.error(
        { err, what },
        'the disk holding the database is full: writes are refused (507 STORAGE_FULL) until space is freed; reads go on',
      );
      this.stopTimer = this.every(() => this.check(), this.retryMs);
    }
    return true;
  }

  /** Looks at the free space now; ends the spell when there is room again. */
  check(): void {
    if (this.fullSince === null) return;
    let free: number | null;
    try {
      free = this.o.freeBytes();
    } catch (err) {
      // statfs failed (the directory went away?): keep the condition; the next look may tell
      this.log?.error({ err }, 'could not read the free space of the data directory');
      return;
    }
    if (free !== null && free < this.resumeBytes) return;
    const spell = { refused: this.refused, seconds: Math.round((this.now() - this.fullSince) / 1000), freeBytes: free };
    this.fullSince = null;
    this.refused = 0;
    this.stopTimer?.();
    this.stopTimer = null;
    this.log?.info(spell, 'the disk holding the database has room again: writes resume');
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const fn of waiting) {
      try {
        fn();
      } catch (err) {
        // a deferred write that fails again re-registers itself through failed(); anything else is a bug to see
        if (!this.failed(err, 'deferred write')) this.log?.error({ err }, 'a deferred write failed');
      }
    }
  }

  /** Runs `fn` once the spell ends (at once when the disk is not full). Returns its cancel. */
  whenWritable(fn: () => void): () => void {
    if (this.fullSince === null) {
      fn();
      return () => undefined;
    }
    this.waiting.add(fn);
    return () => this.waiting.delete(fn);
  }

  close(): void {
    this.stopTimer?.();
    this.stopTimer = null;
    this.waiting.clear();
  }
}
