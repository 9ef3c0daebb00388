import type { ClosedReason, IssuingState } from '@madoguchi/shared';
import { DomainError } from '@madoguchi/shared';
import { issuingBySchedule } from '../domain/schedule.js';
import type { QueueDef, SiteDef } from '../domain/site.js';
import { isoTime, localDate } from '../domain/time.js';
import type { SiteStore } from '../ports/site-store.js';
import type { TicketStore } from '../ports/ticket-store.js';

/** What the issuing state reads: the site's overrides, announcements and day, the queue's numbering. */
type IssuingStore = Pick<SiteStore, 'activeAnnouncements' | 'issuingOverrides' | 'siteDay'> & Pick<TicketStore, 'queueDay'>;

/** a queue whose numbering range is used up for the day (issue #13 item 3): closed until the day changes */
export const NUMBERS_EXHAUSTED = 'numbers_exhausted';

export interface IssuingStatus {
  state: IssuingState;
  reason: ClosedReason | typeof NUMBERS_EXHAUSTED | 'paused' | 'emergency' | null;
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
export function issuingStatus(store: IssuingStore, site: SiteDef, queue: QueueDef, now: number): IssuingStatus {
  const s = issuingBeforeNumbers(store, site, queue, now);
  // open, but today's numbers are all taken: closed until the day changes (not "open" with no number to give)
  if (s.state === 'open' && numbersExhausted(store, site, queue, now)) {
    return { state: 'closed', reason: NUMBERS_EXHAUSTED, note: null, nextOpening: null, override: null };
  }
  return s;
}

function issuingBeforeNumbers(store: IssuingStore, site: SiteDef, queue: QueueDef, now: number): IssuingStatus {
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

/**
 * Whether today's last number of a queue that does not wrap is taken. (A wrapping queue reuses
 * numbers not in use; it runs out only when every one is active, which nextNumber reports.)
 */
function numbersExhausted(store: IssuingStore, site: SiteDef, queue: QueueDef, now: number): boolean {
  if (queue.numbering.wrap) return false;
  const stored = store.siteDay(site.id).businessDate;
  // a day that has changed and not yet rolled over starts fresh
  if (stored === null || stored < localDate(now, site.timeZone)) return false;
  const last = store.queueDay(site.id, queue.id, stored).lastNumber;
  return last !== null && last >= queue.numbering.last;
}

const MESSAGES: Record<string, string> = {
  emergency: 'issuing is stopped by an emergency announcement',
  paused: 'issuing is paused',
  closed_day: 'the office is closed today',
  outside_hours: 'outside service hours',
  cutoff: 'issuing has ended for today (受付終了)',
  [NUMBERS_EXHAUSTED]: 'every number of this queue has been issued today',
};

export function assertIssuing(status: IssuingStatus): void {
  if (status.state === 'open') return;
  const code =
    status.state === 'emergency' ? 'EMERGENCY' : status.state === 'paused' ? 'ISSUING_PAUSED' : status.reason === NUMBERS_EXHAUSTED ? 'NUMBERS_EXHAUSTED' : 'ISSUING_CLOSED';
  const message = MESSAGES[status.reason ?? ''] ?? 'issuing is closed';
  throw new DomainError(code, status.note ? `${message}: ${status.note}` : message, {
    reason: status.reason ?? undefined,
    nextOpening: status.nextOpening,
  });
}
