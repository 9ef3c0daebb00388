import { DomainError } from '@madoguchi/shared';
import { takeToken, type Bucket } from '../domain/token-bucket.js';
import { DEFAULT_ISSUE_LIMIT, type IssueLimit, type SiteDef } from '../domain/site.js';
import type { Clock } from '../ports/clock.js';

/** a device's flood stays an alert this long after its last refused request */
export const FLOOD_ALERT_MS = 5 * 60_000;

export interface DeviceFlood {
  device: string;
  /** epoch ms of the first refusal of this flood */
  since: number;
  refused: number;
  lastAt: number;
  perMinute: number;
}

/**
 * The per-device issue limit of the kiosk path (issue #13 item 3: one kiosk token took a day's
 * 999 numbers in 4 s). Checked before anything is written, so a refused request uses no number.
 * Buckets live in memory: a restart forgives, which is harmless at the rates that matter.
 * Floods are kept per site for the manager's alert; `onFlood` says when one begins.
 */
export class IssueLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly floods = new Map<string, Map<string, DeviceFlood>>();
  private readonly listeners = new Set<(site: string, flood: DeviceFlood) => void>();

  constructor(private readonly clock: Clock) {}

  static limitOf(site: SiteDef, deviceName: string | null): IssueLimit {
    const own = deviceName === null ? undefined : site.kiosks.find((k) => k.device === deviceName)?.issueLimit;
    return own ?? site.issueLimit ?? DEFAULT_ISSUE_LIMIT;
  }

  /**
   * Takes one ticket's token for `deviceId` (the device's id, unique; `deviceName` picks its
   * configured limit) or throws RATE_LIMITED with the seconds to wait in `reason`.
   */
  check(site: SiteDef, deviceId: string, deviceName: string | null): void {
    const now = this.clock.now().getTime();
    const limit = IssueLimiter.limitOf(site, deviceName);
    const key = `${site.id}\u0000${deviceId}`;
    const t = takeToken(this.buckets.get(key), limit, now);
    this.buckets.set(key, t.bucket);
    if (t.ok) return;
    const name = deviceName ?? deviceId;
    let floods = this.floods.get(site.id);
    if (!floods) this.floods.set(site.id, (floods = new Map()));
    const prev = floods.get(name);
    const ongoing = prev !== undefined && now - prev.lastAt < FLOOD_ALERT_MS;
    const flood: DeviceFlood = ongoing
      ? { ...prev, refused: prev.refused + 1, lastAt: now, perMinute: limit.perMinute }
      : { device: name, since: now, refused: 1, lastAt: now, perMinute: limit.perMinute };
    floods.set(name, flood);
    if (!ongoing) for (const l of this.listeners) l(site.id, flood);
    const seconds = Math.max(1, Math.ceil(t.retryAfterMs / 1000));
    throw new DomainError('RATE_LIMITED', `this kiosk takes tickets faster than ${limit.perMinute} a minute; try again in ${seconds} s`, {
      reason: String(seconds),
    });
  }

  /** Devices refused within FLOOD_ALERT_MS, for the manager's alerts. */
  currentFloods(siteId: string): DeviceFlood[] {
    const floods = this.floods.get(siteId);
    if (!floods) return [];
    const now = this.clock.now().getTime();
    for (const [name, f] of floods) if (now - f.lastAt >= FLOOD_ALERT_MS || now < f.since) floods.delete(name);
    return [...floods.values()].sort((a, b) => a.since - b.since);
  }

  /** Called when a device's flood begins (once per flood, not per refused request). Returns its unsubscribe. */
  onFlood(listener: (site: string, flood: DeviceFlood) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
