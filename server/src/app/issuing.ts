import type { ClosedReason, IssuingState } from '@madoguchi/shared';
import { DomainError } from '@madoguchi/shared';
import { issuingBySchedule } from '../domain/schedule.js';
import type { QueueDef, SiteDef } from '../domain/site.js';
import { isoTime } from '../domain/time.js';
import type { TicketStore } from '../ports/ticket-store.js';

export interface IssuingStatus {
  state: IssuingState;
  reason: ClosedReason | 'paused' | 'emergency' | null;
  /** a manager's note for a pause */
  note: string | null;
  nextOpening: string | null;
  /** open only because of a manager's override (臨時受付) or the demo mode */
  override: 'open' | 'demo' | null;
}

/**
 * Whether a queue issues tickets now. An emergency stops everything; a pause of the site or of
 * the queue wins over an opening; an "open" override (臨時受付) or the demo mode opens outside
 * hours; otherwise the schedule decides.
 */
export function issuingStatus(store: TicketStore, site: SiteDef, queue: QueueDef, now: number): IssuingStatus {
  if (store.activeAnnouncements(site.id).some((a) => a.severity === 'emergency')) {
    return { state: 'emergency', reason: 'emergency', note: null, nextOpening: null, override: null };
  }
  const overrides = store.issuingOverrides(site.id);
  const siteMode = overrides.find((o) => o.queueId === null);
  const queueMode = overrides.find((o) => o.queueId === queue.id);
  const paused = [siteMode, queueMode].find((o) => o?.mode === 'paused');
  if (paused) return { state: 'paused', reason: 'paused', note: paused.reason, nextOpening: null, override: null };
  if (siteMode?.mode === 'open' || queueMode?.mode === 'open') {
    return { state: 'open', reason: null, note: null, nextOpening: null, override: 'open' };
  }
  if (site.demo) return { state: 'open', reason: null, note: null, nextOpening: null, override: 'demo' };
  const verdict = issuingBySchedule(
    {
      schedule: queue.schedule,
      siteClosedDays: site.closedDays,
      siteSpecialOpenings: site.specialOpenings,
      timeZone: site.timeZone,
    },
    now,
  );
  if (verdict.open) return { state: 'open', reason: null, note: null, nextOpening: null, override: null };
  return {
    state: 'closed',
    reason: verdict.reason,
    note: null,
    nextOpening: verdict.nextOpening === null ? null : isoTime(verdict.nextOpening),
    override: null,
  };
}

const MESSAGES: Record<string, string> = {
  emergency: 'issuing is stopped by an emergency announcement',
  paused: 'issuing is paused',
  closed_day: 'the office is closed today',
  outside_hours: 'outside service hours',
  cutoff: 'issuing has ended for today (受付終了)',
};

export function assertIssuing(status: IssuingStatus): void {
  if (status.state === 'open') return;
  const code = status.state === 'emergency' ? 'EMERGENCY' : status.state === 'paused' ? 'ISSUING_PAUSED' : 'ISSUING_CLOSED';
  const message = MESSAGES[status.reason ?? ''] ?? 'issuing is closed';
  throw new DomainError(code, status.note ? `${message}: ${status.note}` : message, {
    reason: status.reason ?? undefined,
    nextOpening: status.nextOpening,
  });
}
