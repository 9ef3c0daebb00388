/**
 * A token bucket per device (issue #13 item 3): `burst` tickets at once, refilled at `perMinute`.
 * Pure: the caller keeps the bucket and passes the injected clock's time.
 */
import type { IssueLimit } from './site.js';

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

export function takeToken(bucket: Bucket | undefined, limit: IssueLimit, now: number): Take {
  const perMs = limit.perMinute / 60_000;
  const prev = bucket ?? { tokens: limit.burst, at: now };
  // a clock set back never takes tokens away, and never refills either
  const elapsed = Math.max(0, now - prev.at);
  const tokens = Math.min(limit.burst, prev.tokens + elapsed * perMs);
  if (tokens >= 1) return { ok: true, bucket: { tokens: tokens - 1, at: Math.max(now, prev.at) }, retryAfterMs: 0 };
  return { ok: false, bucket: { tokens, at: Math.max(now, prev.at) }, retryAfterMs: Math.ceil((1 - tokens) / perMs) };
}
