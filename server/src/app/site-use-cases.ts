import { ANNOUNCEMENT_LANGUAGES, DomainError, type Actor, type AnnouncementBody, type AnnouncementTexts, type IssuingMode } from '@madoguchi/shared';
import { queueOf, runUnit, siteOf, type EngineDeps } from './context.js';
import { issuingStatus } from './issuing.js';

/**
 * Registers the configured sites and counters in the store (idempotent). Runtime state —
 * availability, queue moves, current tickets — survives; new counters start closed.
 */
export function syncConfiguration(deps: EngineDeps): void {
  const now = deps.clock.now().getTime();
  deps.store.transaction(() => {
    for (const site of deps.config.sites) {
      deps.store.ensureSite(site.id);
      for (const def of site.counters) {
        const row = deps.store.counter(site.id, def.id);
        if (!row) {
          deps.store.saveCounter({
            siteId: site.id,
            id: def.id,
            availability: 'closed',
            queuesOverride: null,
            primaryQueueOverride: null,
            currentTicketId: null,
            clerk: null,
            reason: null,
            updatedAt: now,
          });
        } else if (row.queuesOverride && row.queuesOverride.some((q) => !site.queues.some((x) => x.id === q))) {
          // a queue removed from the configuration: fall back to the configured queues
          deps.store.saveCounter({ ...row, queuesOverride: null, primaryQueueOverride: null, updatedAt: now });
        }
      }
    }
  });
}

/** 受付の一時停止・臨時受付: a manager's override of issuing for a queue or the whole site. */
export function setIssuing(
  deps: EngineDeps,
  siteId: string,
  input: { mode: IssuingMode; queue?: string | null; reason?: string | null },
  actor: Actor,
): void {
  runUnit(deps, siteId, actor, (u) => {
    const queueId = input.queue ?? null;
    if (queueId !== null) queueOf(u.site, queueId);
    const reason = input.reason ?? null;
    u.store.setIssuingOverride(u.site.id, { queueId, mode: input.mode, reason, at: u.now });
    u.record({ type: 'issuing:changed', queue: queueId, mode: input.mode, reason });
  });
}

/** A manager's announcement: its Japanese `message` and, optionally, its texts in other languages. */
export function postAnnouncement(deps: EngineDeps, siteId: string, input: AnnouncementBody, actor: Actor): number {
  return runUnit(deps, siteId, actor, (u) => {
    const message = input.message.trim();
    if (message.length === 0) throw new DomainError('VALIDATION', 'the message is empty', { field: 'message' });
    const texts = trimmedTexts(input.texts ?? {});
    const id = u.store.insertAnnouncement({ siteId: u.site.id, message, texts, severity: input.severity, postedAt: u.now });
    u.record({ type: 'announcement:posted', id, message, texts, severity: input.severity });
    return id;
  });
}

/** The texts as shown: trimmed, and none blank (a blank one would hide the fallback its readers need). */
function trimmedTexts(texts: AnnouncementTexts): AnnouncementTexts {
  const out: AnnouncementTexts = {};
  for (const lang of ANNOUNCEMENT_LANGUAGES) {
    const text = texts[lang]?.trim();
    if (text === undefined) continue;
    if (text.length === 0) throw new DomainError('VALIDATION', `the ${lang} text is empty`, { field: `texts.${lang}` });
    out[lang] = text;
  }
  return out;
}

export function clearAnnouncement(deps: EngineDeps, siteId: string, id: number, actor: Actor): void {
  runUnit(deps, siteId, actor, (u) => {
    if (!u.store.clearAnnouncement(u.site.id, id, u.now)) {
      throw new DomainError('NOT_FOUND', `no active announcement ${id}`, { field: 'id' });
    }
    u.record({ type: 'announcement:cleared', id });
  });
}

/**
 * Starts the new business day if the site's local date has changed (every use case also does
 * this first). Returns the business date in force.
 */
export function rolloverDay(deps: EngineDeps, siteId: string): string {
  siteOf(deps, siteId);
  return runUnit(deps, siteId, { kind: 'system', id: 'rollover' }, (u) => u.businessDate);
}

/**
 * Pushes `issuing:changed` when the schedule alone opens or closes a queue (opening time,
 * 受付終了 cut-off, closing), so kiosks and displays need no polling. `memo` keeps the last seen
 * states per site; the first check only records them. Called periodically by the process.
 */
export function checkSchedule(deps: EngineDeps, siteId: string, memo: Map<string, string>): boolean {
  const site = siteOf(deps, siteId);
  const now = deps.clock.now().getTime();
  const current = site.queues.map((q) => `${q.id}=${issuingStatus(deps.store, site, q, now).state}`).join(',');
  const known = memo.get(site.id);
  memo.set(site.id, current);
  if (known === undefined || known === current) return false;
  runUnit(deps, siteId, { kind: 'system', id: 'schedule' }, (u) => {
    u.record({ type: 'issuing:changed', queue: null, mode: 'auto', reason: 'schedule', states: current });
  });
  return true;
}
