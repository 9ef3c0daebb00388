import { DomainError } from '@madoguchi/shared';
import { refill, takeToken, type Bucket, type Rate } from '../domain/token-bucket.js';
import type { Clock } from '../ports/clock.js';

/** a household signing up its tickets, not a script: 6 at once, then 3 a minute */
export const DEFAULT_SIGNUP_RATE: Rate = { burst: 6, perMinute: 3 };
/** past this many addresses, the full (forgiven) buckets are forgotten */
const KEEP = 10_000;

/**
 * Sign-ups per client address (docs/product.md §8: "sign-ups are rate-limited per address"), so
 * the public route cannot be used to make the server mail or push to many contacts. In memory,
 * like the kiosks' issue limit: a restart forgives.
 */
export class SignupLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: Clock,
    private readonly rate: Rate = DEFAULT_SIGNUP_RATE,
  ) {}

  /** Takes one sign-up for `address` or throws RATE_LIMITED with the seconds to wait. */
  check(address: string): void {
    const now = this.clock.now().getTime();
    const t = takeToken(this.buckets.get(address), this.rate, now);
    this.buckets.set(address, t.bucket);
    if (this.buckets.size > KEEP) this.forgetFull(now);
    if (t.ok) return;
    const seconds = Math.max(1, Math.ceil(t.retryAfterMs / 1000));
    throw new DomainError('RATE_LIMITED', `too many sign-ups from this address; try again in ${seconds} s`, { reason: String(seconds) });
  }

  private forgetFull(now: number): void {
    for (const [address, b] of this.buckets) if (refill(b, this.rate, now).tokens >= this.rate.burst) this.buckets.delete(address);
  }
}
