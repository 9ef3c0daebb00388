import type { Clock } from '../../ports/clock.js';

/** One exponential backoff: `free` failures cost nothing, then each further one doubles the wait. */
export interface Backoff {
  /** failures allowed before the first wait */
  free: number;
  /** the first wait; each further failure doubles it… */
  baseMs: number;
  /** …up to this */
  maxMs: number;
  /** one failure is forgotten per this much time after the last one (and its wait), so honest typos spread over a day never add up */
  forgetMs: number;
}

export interface LoginThrottleOptions {
  /** failures of one user name from one address (LOCKED_OUT while waiting) */
  perName: Backoff;
  /** failures of any user name from one address: a password spray (RATE_LIMITED while waiting) */
  perAddress: Backoff;
  /** entries kept per table; the least recently touched go first, so a flood cannot fill memory */
  maxEntries: number;
}

export const LOGIN_THROTTLE_DEFAULTS: LoginThrottleOptions = {
  perName: { free: 4, baseMs: 30_000, maxMs: 15 * 60_000, forgetMs: 15 * 60_000 },
  // a whole office may sign in through one NAT address: 30 typos before anyone waits, one forgotten a minute
  perAddress: { free: 30, baseMs: 30_000, maxMs: 15 * 60_000, forgetMs: 60_000 },
  maxEntries: 10_000,
};

interface Entry {
  /** failures not yet forgotten (fractional while they are being forgotten) */
  score: number;
  at: number;
  waitUntil: number;
}

/** One table of backoffs by key, in memory, bounded. */
class BackoffTable {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly backoff: Backoff,
    private readonly maxEntries: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** the entry as of `now` (forgotten failures taken off), or undefined when nothing is left */
  private current(key: string, now: number): Entry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    // forgetting starts when the wait is over: a wait passed in full leaves the count as it was
    const since = Math.max(e.at, e.waitUntil);
    const score = Math.max(0, e.score - Math.max(0, now - since) / this.backoff.forgetMs);
    if (score === 0 && e.waitUntil <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return { score, at: now, waitUntil: e.waitUntil };
  }

  /** milliseconds before `key` may try again; 0: now */
  wait(key: string, now: number): number {
    const e = this.current(key, now);
    return e ? Math.max(0, e.waitUntil - now) : 0;
  }

  fail(key: string, now: number): void {
    const e = this.current(key, now) ?? { score: 0, at: now, waitUntil: 0 };
    e.score += 1;
    const over = Math.floor(e.score) - this.backoff.free;
    if (over > 0) e.waitUntil = Math.max(e.waitUntil, now + Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** (over - 1)));
    this.put(key, e);
  }

  /** takes one failure back (a reserved attempt that succeeded) */
  refund(key: string, now: number): void {
    const e = this.current(key, now);
    if (!e) return;
    e.score = Math.max(0, e.score - 1);
    this.put(key, e);
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  private put(key: string, e: Entry): void {
    // re-inserted last: Map order is then least recently touched first
    this.entries.delete(key);
    this.entries.set(key, e);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }
}

export interface Refusal {
  code: 'LOCKED_OUT' | 'RATE_LIMITED';
  retryAfterSeconds: number;
}

/**
 * Sign-in backoff per (address, user name) and per address, replacing the account lock-out
 * (ADR 0002, amendment 2026-12): a wrong guess slows down the address that made it, never the
 * account, so nobody can lock an administrator out from elsewhere. The user name is only a
 * key: unknown and known names are throttled alike, so the answers reveal nothing.
 */
export class LoginThrottle {
  private readonly opts: LoginThrottleOptions;
  private readonly perName: BackoffTable;
  private readonly perAddress: BackoffTable;

  constructor(
    private readonly clock: Clock,
    opts: Partial<LoginThrottleOptions> = {},
  ) {
    this.opts = { ...LOGIN_THROTTLE_DEFAULTS, ...opts };
    this.perName = new BackoffTable(this.opts.perName, this.opts.maxEntries);
    this.perAddress = new BackoffTable(this.opts.perAddress, this.opts.maxEntries);
  }

  private static nameKey(address: string, username: string): string {
    return `${address}\n${username}`;
  }

  /** entries held (both tables), to show the memory stays bounded */
  get size(): number {
    return this.perName.size + this.perAddress.size;
  }

  /**
   * Refuses while a wait runs; otherwise counts the attempt as a failure at once, so that
   * attempts sent in parallel all count. `succeeded` takes it back.
   */
  begin(address: string, username: string): Refusal | null {
    const now = this.clock.now().getTime();
    const name = LoginThrottle.nameKey(address, username);
    const byName = this.perName.wait(name, now);
    const byAddress = this.perAddress.wait(address, now);
    if (byName > 0 || byAddress > 0) {
      return {
        code: byName > 0 ? 'LOCKED_OUT' : 'RATE_LIMITED',
        retryAfterSeconds: Math.max(1, Math.ceil(Math.max(byName, byAddress) / 1000)),
      };
    }
    this.perName.fail(name, now);
    this.perAddress.fail(address, now);
    return null;
  }

  /** the right password: this name starts afresh from this address, and the address gets its attempt back */
  succeeded(address: string, username: string): void {
    this.perName.forget(LoginThrottle.nameKey(address, username));
    this.perAddress.refund(address, this.clock.now().getTime());
  }
}
