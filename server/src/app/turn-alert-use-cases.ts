import {
  DEFAULT_ALERT_AHEAD,
  DEFAULT_ALERT_MINUTES,
  DomainError,
  TURN_ALERTS,
  type AlertCreated,
  type AlertSignupBody,
  type TicketAlerts,
  type TurnAlertChannel,
} from '@madoguchi/shared';
import { lineCode, LINE_CODE_LENGTH, mayAddAlert, normaliseLineCode } from '../domain/turn-alerts.js';
import type { Ticket } from '../domain/ticket.js';
import type { LineInbox, TurnAlertContact } from '../ports/turn-alert-channel.js';
import type { TurnAlert, TurnAlertStore } from '../ports/turn-alert-store.js';
import { runUnit, type EngineDeps, type UnitOfWork } from './context.js';

/**
 * The citizen's side of turn-near alerts, found by the ticket's token (docs/api.md "Turn-near
 * alerts"): sign up, list, stop; and LINE's inbox (bind a code, 「停止」). A sign-up is a unit of
 * work: a ticket already near is told at once, by the same check every unit of work makes.
 */
export interface TurnAlertSettings {
  store: TurnAlertStore;
  /** the channels offered: those with a sender */
  offered(): readonly TurnAlertChannel[];
  isPushEndpointAllowed(url: string): boolean;
  /** the link that opens the chat with the official account; the code is appended */
  lineAddUrl: string | null;
  /** `n` random bytes (crypto), for the LINE codes */
  randomBytes(n: number): Uint8Array;
}

const CITIZEN = { kind: 'system' as const, id: 'citizen' };

/** The ticket a phone page's token names, whatever its state (404 for none). */
function ticketOfToken(deps: EngineDeps, token: string): Ticket {
  const t = deps.store.ticketByToken(token);
  if (!t) throw new DomainError('NOT_FOUND', 'unknown ticket', { field: 'token' });
  return t;
}

const view = (a: TurnAlert) => ({ id: a.id, channel: a.channel, ahead: a.ahead, minutes: a.minutes, bound: a.channel !== 'line' || a.bound, nearSent: a.nearSent });

export function ticketAlerts(deps: EngineDeps, s: TurnAlertSettings, token: string): TicketAlerts {
  const t = ticketOfToken(deps, token);
  return {
    offered: [...s.offered()],
    defaults: { ahead: DEFAULT_ALERT_AHEAD, minutes: DEFAULT_ALERT_MINUTES },
    alerts: s.store.openAlertsOfTicket(t.id).map(view),
  };
}

function contactOf(s: TurnAlertSettings, body: AlertSignupBody): TurnAlertContact | null {
  switch (body.channel) {
    case 'webpush':
      if (!s.isPushEndpointAllowed(body.subscription.endpoint)) {
        throw new DomainError('PUSH_ENDPOINT_NOT_ALLOWED', 'the subscription’s endpoint is not one of the allowed push services', { field: 'subscription.endpoint' });
      }
      return { channel: 'webpush', subscription: body.subscription };
    case 'email':
      return { channel: 'email', address: body.address };
    case 'line':
      return null;
  }
}

function newLineCode(s: TurnAlertSettings): string {
  for (;;) {
    const code = lineCode(s.randomBytes(LINE_CODE_LENGTH));
    if (!s.store.lineCodeTaken(code)) return code;
  }
}

export function signUp(deps: EngineDeps, s: TurnAlertSettings, token: string, body: AlertSignupBody): AlertCreated {
  if (!s.offered().includes(body.channel)) throw new DomainError('VALIDATION', `this office does not offer ${body.channel} alerts`, { field: 'channel' });
  if (body.channel === 'line' && !s.lineAddUrl) throw new DomainError('VALIDATION', 'LINE alerts are not offered', { field: 'channel' });
  const contact = contactOf(s, body);
  const found = ticketOfToken(deps, token);
  return runUnit(deps, found.siteId, CITIZEN, (u: UnitOfWork) => {
    const t = u.store.ticket(u.site.id, found.id) ?? found;
    if (t.state !== 'waiting') throw new DomainError('CONFLICT', `the ticket is ${t.state}, no longer waiting`, { field: 'token', reason: t.state });
    if (!mayAddAlert(s.store.openAlertsOfTicket(t.id).length)) throw new DomainError('RATE_LIMITED', 'a ticket has at most 3 alerts', { field: 'channel', reason: 'alerts_per_ticket' });
    const code = body.channel === 'line' ? newLineCode(s) : null;
    const id = s.store.insertAlert({
      siteId: u.site.id,
      ticketId: t.id,
      channel: body.channel,
      ahead: body.ahead ?? DEFAULT_ALERT_AHEAD,
      minutes: body.minutes ?? DEFAULT_ALERT_MINUTES,
      contact,
      lineCode: code,
      bound: false,
      createdAt: u.now,
    });
    return code === null ? { id, channel: body.channel } : { id, channel: body.channel, code, url: `${s.lineAddUrl ?? ''}${encodeURIComponent(code)}` };
  });
}

/** Stops one alert of the ticket: it ends and its contact is deleted at once (its undelivered messages too). */
export function stopAlert(deps: EngineDeps, s: TurnAlertSettings, token: string, id: number): void {
  const t = ticketOfToken(deps, token);
  deps.store.transaction(() => {
    const a = s.store.alert(id);
    if (!a || a.ticketId !== t.id) throw new DomainError('NOT_FOUND', `unknown alert ${id}`, { field: 'id' });
    s.store.dropAlert(a.id, deps.clock.now().getTime(), 'stopped');
  });
}

/** LINE's webhook side: a code binds its sender to the ticket's alert; 「停止」/"stop" ends all of theirs. */
export class TurnAlertLineInbox implements LineInbox {
  constructor(
    private readonly deps: EngineDeps,
    private readonly s: TurnAlertSettings,
  ) {}

  bind(text: string, userId: string): { reply: string } | null {
    const code = normaliseLineCode(text);
    if (code === null) return null;
    const a = this.s.store.alertByLineCode(code);
    if (!a) return null;
    const t = this.deps.store.ticket(a.siteId, a.ticketId);
    if (!t) return null;
    // bound inside a unit of work: a ticket already near is told at once
    runUnit(this.deps, a.siteId, CITIZEN, () => this.s.store.bindLine(a.id, userId));
    return { reply: TURN_ALERTS.t(t.language ?? 'ja', 'line.bound', { label: t.label }) };
  }

  stop(userId: string): { reply: string } {
    const now = this.deps.clock.now().getTime();
    const alerts = this.s.store.openLineAlertsOf(userId);
    this.deps.store.transaction(() => {
      for (const a of alerts) this.s.store.dropAlert(a.id, now, 'stopped');
    });
    const first = alerts[0];
    const t = first && this.deps.store.ticket(first.siteId, first.ticketId);
    return { reply: TURN_ALERTS.t(t?.language ?? 'ja', 'line.stopped') };
  }
}
