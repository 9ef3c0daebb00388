import { LOCALE_TAGS, localized, TURN_ALERTS, type Language, type TicketState, type TurnAlertMessage } from '@madoguchi/shared';
import { findCounterDef, type SiteDef } from '../domain/site.js';
import type { Ticket } from '../domain/ticket.js';
import { planAlert, type EndReason, type PlannedMessage, type TicketHappening, type TicketPosition } from '../domain/turn-alerts.js';
import type { OpenTurnAlert, TurnAlertStore } from '../ports/turn-alert-store.js';
import { SiteForecast } from './forecast.js';
import { effectiveQueues } from './views.js';
import type { UnitOfWork } from './context.js';

/**
 * Turn-near alerts, the outbox side (docs/adr/0007-turn-alerts.md): at the end of every unit of
 * work, the site's tickets with an alert are checked against what the unit did, and the messages
 * they are owed are written as delivery rows in the same transaction. A unit that queued any
 * tells `onQueued` after its commit; the delivery worker sends them.
 */
export interface TurnAlertQueueDeps {
  store: TurnAlertStore;
  /**
   * A check that failed is logged and skipped: alerts never fail a call or an issue. A failure of
   * the storage itself (a full disk) is thrown again here: the unit fails as it would anyway.
   */
  onError(err: unknown, site: string): void;
  /** after the commit of a unit that queued messages (the delivery worker wakes up) */
  queued(site: string): void;
}

const END_REASONS: Partial<Record<TicketState, EndReason | 'served'>> = { done: 'served', no_show: 'no_show', cancelled: 'cancelled', expired: 'expired' };

/** The phone page's link of a ticket (the same as the kiosk's trackUrl). */
export const phonePageUrl = (publicUrl: string, token: string): string => `${publicUrl}/t/${token}`;

/**
 * A message in the ticket's language (a ticket taken without one is told in Japanese); near says
 * how many are ahead and the estimate at `position`.
 */
export function turnAlertMessage(site: SiteDef, publicUrl: string, t: Ticket, m: PlannedMessage, position: TicketPosition): TurnAlertMessage {
  return { ...messageText(site, publicUrl, t, m, position), lang: LOCALE_TAGS[t.language ?? 'ja'] };
}

function messageText(site: SiteDef, publicUrl: string, t: Ticket, m: PlannedMessage, position: TicketPosition): TurnAlertMessage {
  const lang: Language = t.language ?? 'ja';
  const url = phonePageUrl(publicUrl, t.token);
  const label = t.label;
  switch (m.kind) {
    case 'near': {
      const ahead = position.waiting ? position.ahead : 0;
      const minutes = position.waiting ? position.estimatedWaitMinutes : null;
      const body = minutes === null ? TURN_ALERTS.t(lang, 'near.bodyAhead', { ahead }) : TURN_ALERTS.t(lang, 'near.body', { ahead, minutes: Math.round(minutes) });
      return { kind: 'near', label, url, title: TURN_ALERTS.t(lang, 'near.title', { label }), body };
    }
    case 'called':
    case 'recalled': {
      const def = findCounterDef(site, m.counter);
      const counter = def ? localized(def.name, lang) : m.counter;
      return { kind: m.kind, label, url, title: TURN_ALERTS.t(lang, `${m.kind}.title`, { label }), body: TURN_ALERTS.t(lang, `${m.kind}.body`, { counter }) };
    }
    case 'ended':
      return { kind: 'ended', label, url, title: TURN_ALERTS.t(lang, 'ended.title', { label }), body: TURN_ALERTS.t(lang, `ended.${m.reason}`) };
  }
}

/**
 * Runs inside the unit's transaction (a savepoint of it): one indexed query when the site has no
 * open alert. Returns how many messages were queued.
 */
export function queueTurnAlerts(u: UnitOfWork, deps: TurnAlertQueueDeps): number {
  // a unit that only issued tickets moved nobody nearer and touched no ticket with an alert yet
  if (issuedOnly(u)) return 0;
  const open = deps.store.openAlerts(u.site.id);
  if (open.length === 0) return 0;
  try {
    return u.store.transaction(() => queueFor(u, deps.store, open));
  } catch (err) {
    deps.onError(err, u.site.id);
    return 0;
  }
}

function queueFor(u: UnitOfWork, store: TurnAlertStore, open: readonly OpenTurnAlert[]): number {
  const happenings = new Map<number, TicketHappening[]>();
  let everyTicket = false;
  for (const e of u.events) {
    if (e.type === 'day:rolled-over') everyTicket = true;
    if (!('ticket' in e)) continue;
    const list = happenings.get(e.ticket.id) ?? [];
    if (e.type === 'ticket:called') list.push({ kind: 'called', counter: e.counter, recall: e.recall });
    happenings.set(e.ticket.id, list);
  }
  let forecast: SiteForecast | null = null;
  let staffed: Set<string> | null = null;
  const tickets = new Map<number, Ticket | undefined>();
  const ticketOf = (id: number): Ticket | undefined => {
    if (!tickets.has(id)) tickets.set(id, u.store.ticket(u.site.id, id));
    return tickets.get(id);
  };
  let queued = 0;
  let ended = false;
  for (const alert of open) {
    const touched = happenings.has(alert.ticketId) || everyTicket;
    // an alert told near already hears only of what happens to its own ticket; one not touched by
    // this unit is read from the alerts' query alone (its ticket is loaded only to word a message)
    if (alert.nearSent && !touched) continue;
    const state = touched ? ticketOf(alert.ticketId)?.state : alert.ticketState;
    if (state === undefined) continue;
    const list = [...(happenings.get(alert.ticketId) ?? [])];
    const end = END_REASONS[state];
    if (end) list.push({ kind: 'ended', reason: end });
    let position: TicketPosition = { waiting: false };
    if (state === 'waiting' && !alert.nearSent) {
      forecast ??= new SiteForecast(u.deps, u.site, u.businessDate);
      staffed ??= staffedQueues(u);
      const queueId = touched ? (ticketOf(alert.ticketId)?.queueId ?? alert.queueId) : alert.queueId;
      const f = forecast.forTicket(queueId, alert.ticketId);
      position = { waiting: true, ahead: f.ahead, estimatedWaitMinutes: staffed.has(queueId) ? f.estimatedWaitMinutes : null };
    }
    const plan = planAlert(alert, alert, list, position);
    // a LINE alert whose code was never sent has nobody to tell: nothing is written for it, and
    // a near it is owed stays owed, so that binding (a unit of work) tells it at once
    const tellable = alert.channel !== 'line' || alert.bound;
    const messages = tellable ? plan.messages : [];
    const nearSent = tellable || !plan.messages.some((m) => m.kind === 'near') ? plan.nearSent : alert.nearSent;
    if (messages.length === 0 && nearSent === alert.nearSent && !plan.ends) continue;
    const t = ticketOf(alert.ticketId);
    if (!t) continue;
    for (const m of messages) store.insertDelivery(alert.id, m.kind, turnAlertMessage(u.site, u.deps.config.publicUrl, t, m, position), u.now);
    queued += messages.length;
    store.saveAlertProgress(alert.id, nearSent, plan.ends ? u.now : null);
    ended ||= plan.ends;
  }
  if (ended) store.forgetEndedContacts();
  return queued;
}

/**
 * Whether the unit only issued tickets: a new ticket goes behind (or, priority, ahead), so it
 * moved nobody nearer, and a ticket just issued has no alert yet. The near check, a forecast per
 * waiting alert, waits for the queue to move.
 */
const issuedOnly = (u: UnitOfWork): boolean => u.events.length > 0 && u.events.every((e) => e.type === 'ticket:issued');

/** The queues some counter serves now (open, or paused and expected back): elsewhere the estimate says nothing. */
function staffedQueues(u: UnitOfWork): Set<string> {
  const rows = u.store.counters(u.site.id);
  const queues = new Set<string>();
  for (const def of u.site.counters) {
    const row = rows.find((r) => r.id === def.id);
    if (row && row.availability !== 'closed') for (const q of effectiveQueues(def, row).queues) queues.add(q);
  }
  return queues;
}
