import type { AlertsMessage, ButtonStatus } from '@madoguchi/shared';
import { sameAlerts, type AlertFinding } from '../domain/alerts.js';
import { isoTime } from '../domain/time.js';
import type { EngineDeps } from './context.js';
import { alertFindings, alertView } from './dashboard.js';
import type { DeviceFlood } from './issue-limiter.js';

/**
 * Tells the floor manager's pages when the set of alerts changes: after committed events (a
 * queue grows, a printer fails) and on every tick of the clock (a wait passes its threshold
 * with nobody acting). Alerts are derived from the state, never stored.
 */
export class AlertMonitor {
  private readonly last = new Map<string, AlertFinding[]>();
  private readonly pending = new Set<string>();

  constructor(
    private readonly deps: EngineDeps,
    private readonly buttons: (site: string) => readonly ButtonStatus[],
    private readonly emit: (m: AlertsMessage) => void,
    /** kiosks past their issue limit lately */
    private readonly floods: (site: string) => readonly DeviceFlood[] = () => [],
  ) {}

  /** Re-evaluates a site now; emits when the set changed. Returns the current alerts. */
  check(siteId: string): AlertFinding[] {
    const found = alertFindings(this.deps, siteId, this.buttons(siteId), this.floods(siteId));
    const prev = this.last.get(siteId);
    this.last.set(siteId, found);
    if (!prev || !sameAlerts(prev, found)) {
      this.emit({ site: siteId, at: isoTime(this.deps.clock.now().getTime()), alerts: found.map(alertView) });
    }
    return found;
  }

  /** Coalesces a burst of events into one check per site, after the current work. */
  soon(siteId: string): void {
    if (this.pending.has(siteId)) return;
    this.pending.add(siteId);
    setImmediate(() => {
      this.pending.delete(siteId);
      try {
        this.check(siteId);
      } catch {
        // the site may be gone while closing; the next event or tick checks again
      }
    });
  }
}
