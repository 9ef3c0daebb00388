/**
 * A token bucket: `burst` at once, refilled at `perMinute`. Pure: the caller keeps the bucket and
 * passes the injected clock's time. One rule for every limit (a kiosk's tickets, a socket's
 * commands, an address's connections).
 */

export interface Rate {
  /** the bucket's size: what may come at once */
  burst: number;
  /** its refill */
  perMinute: number;
}

export interface Bucket {
  tokens: number;
  /** epoch ms of the last refill */
  at: number;
}

export interface Take {
  ok: boolean;
  bucket: Bucket;
  /** when refused: ms until one token is back */
  retryAfterMs: number;
}

/**
 * The bucket refilled up to `now` (a new one is full). A clock set back (NTP) refills nothing and
 * counts on from the new time: a jump never locks a device or a socket out for its length.
 */
export function refill(bucket: Bucket | undefined, rate: Rate, now: number): Bucket {
  if (!bucket) return { tokens: rate.burst, at: now };
  const elapsed = Math.max(0, now - bucket.at);
  return { tokens: Math.min(rate.burst, bucket.tokens + (elapsed * rate.perMinute) / 60_000), at: now };
}

export function takeToken(bucket: Bucket | undefined, rate: Rate, now: number): Take {
  const b = refill(bucket, rate, now);
  if (b.tokens >= 1) return { ok: true, bucket: { tokens: b.tokens - 1, at: now }, retryAfterMs: 0 };
  return { ok: false, bucket: b, retryAfterMs: Math.ceil(((1 - b.tokens) * 60_000) / rate.perMinute) };
}
