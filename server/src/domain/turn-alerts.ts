import { MAX_ALERTS_PER_TICKET } from '@madoguchi/shared';

/**
 * Turn-near alerts, the rule (docs/product.md §8): a citizen is told once when their turn nears
 * (`ahead` ≤ N or the estimate ≤ M minutes, whichever comes first), again when called (with the
 * counter) or recalled, and when the ticket ends unserved. Served tickets end silently. Pure:
 * the unit of work (app/turn-alert-queue.ts) feeds it what happened to a ticket.
 */

export interface AlertThresholds {
  /** tell when at most this many are ahead… */
  ahead: number;
  /** …or the estimate is at most this many minutes */
  minutes: number;
}

/** Why a ticket ended unserved: the `ended` message says which. */
export type EndReason = 'no_show' | 'cancelled' | 'expired';

/** What happened to an alert's ticket in one unit of work, in order, then where it stands now. */
export type TicketHappening =
  | { kind: 'called'; counter: string; recall: boolean }
  | { kind: 'ended'; reason: EndReason | 'served' };

/**
 * The ticket at the end of the unit: waiting at a place in its queue, or not waiting. The
 * estimate is null while no counter serves the queue (before opening): it then says nothing, and
 * only the people ahead count.
 */
export type TicketPosition = { waiting: true; ahead: number; estimatedWaitMinutes: number | null } | { waiting: false };

export interface AlertProgress {
  nearSent: boolean;
}

/** One message to queue for the alert. */
export type PlannedMessage = { kind: 'near' } | { kind: 'called' | 'recalled'; counter: string } | { kind: 'ended'; reason: EndReason };

export interface AlertPlan {
  messages: PlannedMessage[];
  nearSent: boolean;
  /** the alert is over (its ticket ended): no further messages, its contact goes once these are delivered */
  ends: boolean;
}

/** Whether a waiting ticket's turn is near by either threshold (an unknown estimate: by people ahead only). */
export function isNear(position: { ahead: number; estimatedWaitMinutes: number | null }, t: AlertThresholds): boolean {
  return position.ahead <= t.ahead || (position.estimatedWaitMinutes !== null && position.estimatedWaitMinutes <= t.minutes);
}

/**
 * The messages one alert gets for what happened to its ticket in a unit of work. Near is told at
 * most once per alert: after a call it is never told (a transfer puts a called citizen back in a
 * queue, but they are at the counters already).
 */
export function planAlert(alert: AlertProgress, thresholds: AlertThresholds, happenings: readonly TicketHappening[], position: TicketPosition): AlertPlan {
  const messages: PlannedMessage[] = [];
  let nearSent = alert.nearSent;
  for (const h of happenings) {
    if (h.kind === 'called') {
      messages.push({ kind: h.recall ? 'recalled' : 'called', counter: h.counter });
      nearSent = true;
      continue;
    }
    if (h.reason !== 'served') messages.push({ kind: 'ended', reason: h.reason });
    return { messages, nearSent, ends: true };
  }
  if (!nearSent && position.waiting && isNear(position, thresholds)) {
    messages.push({ kind: 'near' });
    nearSent = true;
  }
  return { messages, nearSent, ends: false };
}

/** Whether a ticket with `open` alerts may take one more. */
export function mayAddAlert(open: number): boolean {
  return open < MAX_ALERTS_PER_TICKET;
}

/**
 * The LINE one-time code's alphabet: no 0/O, 1/I/L, 2/Z, 5/S, 8/B, so that a code read off a
 * phone screen and typed into a chat is typed right.
 */
export const LINE_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const LINE_CODE_LENGTH = 6;

/** A code from `random` (LINE_CODE_LENGTH values in 0..255, e.g. crypto.randomBytes). */
export function lineCode(random: Uint8Array): string {
  let code = '';
  for (let i = 0; i < LINE_CODE_LENGTH; i++) code += LINE_CODE_ALPHABET[(random[i] ?? 0) % LINE_CODE_ALPHABET.length];
  return code;
}

/** A code as a citizen may type it: lower case, spaces or a hyphen inside; null when it cannot be one. */
export function normaliseLineCode(text: string): string | null {
  const code = text.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== LINE_CODE_LENGTH) return null;
  for (const ch of code) if (!LINE_CODE_ALPHABET.includes(ch)) return null;
  return code;
}

/** The push services browsers subscribe with: a host equal to one of these, or under a `*.` one. */
export const PUSH_SERVICE_HOSTS = ['fcm.googleapis.com', 'android.googleapis.com', 'updates.push.services.mozilla.com', '*.push.apple.com', '*.notify.windows.com'] as const;

/**
 * Whether a push endpoint may be sent to: https only, on a known push service or one of
 * `extraHosts` (PUSH_ALLOWED_HOSTS: `host` or `host:port`, for an installation's own or a test's
 * local service). Anything else is refused, so the server never becomes an open request relay.
 */
export function pushEndpointAllowed(url: string, extraHosts: readonly string[] = []): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username !== '' || u.password !== '') return false;
  const host = u.hostname.toLowerCase();
  const hostPort = u.port === '' ? host : `${host}:${u.port}`;
  for (const extra of extraHosts) {
    const e = extra.trim().toLowerCase();
    if (e !== '' && (e === hostPort || (!e.includes(':') && e === host && u.port === ''))) return true;
  }
  if (u.port !== '') return false;
  return PUSH_SERVICE_HOSTS.some((h) => (h.startsWith('*.') ? host.endsWith(h.slice(1)) && host.length > h.length - 1 : host === h));
}
