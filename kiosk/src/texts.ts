import { formatDateTime, issuingText, roundMinutes, type Language, type QueueStatusView } from '@madoguchi/shared';
import type { IssuedTicket } from './api';
import { t } from './i18n';

/**
 * The words of the kiosk's screens that both the screen and the audio guidance say (speech.ts):
 * one place, so that what is heard is what is shown.
 */

/** A window's live state: people waiting and the wait; or why it is closed and what to do (the next opening, else ask staff). */
export function queueLines(lang: Language, q: QueueStatusView, timeZone: string): string[] {
  if (q.issuing === 'open') {
    const wait =
      q.estimatedWaitMinutes === null
        ? t(lang, 'kiosk.queue.wait.unknown')
        : q.waiting === 0 && q.estimatedWaitMinutes < 1
          ? t(lang, 'kiosk.queue.wait.none')
          : t(lang, 'kiosk.queue.wait', { minutes: roundMinutes(q.estimatedWaitMinutes) });
    return [t(lang, 'kiosk.queue.waiting', { count: q.waiting }), wait];
  }
  const reason = q.closedReason ?? q.issuing;
  const lines = [issuingText(lang, reason)];
  if (q.nextOpening) lines.push(nextOpeningText(lang, q.nextOpening, timeZone));
  // the used-up numbers' text already sends the citizen to staff
  else if (reason !== 'numbers_exhausted') lines.push(t(lang, 'kiosk.askStaff'));
  return lines;
}

export const nextOpeningText = (lang: Language, iso: string, timeZone: string): string => t(lang, 'kiosk.queue.nextOpening', { time: formatDateTime(lang, iso, timeZone) });

/** When no window takes tickets: the earliest next opening, or else to ask staff. */
export function closedHelp(lang: Language, queues: readonly QueueStatusView[], timeZone: string): string {
  const next = queues
    .map((q) => q.nextOpening)
    .filter((x): x is string => x !== null && x !== undefined)
    .sort()[0];
  return next ? nextOpeningText(lang, next, timeZone) : t(lang, 'kiosk.askStaff');
}

/** People ahead and the estimated wait of an issued ticket. */
export function ticketLines(lang: Language, ticket: IssuedTicket): { ahead: string; wait: string } {
  return {
    ahead: ticket.ahead === 0 ? t(lang, 'kiosk.result.ahead.none') : t(lang, 'kiosk.result.ahead', { count: ticket.ahead }),
    wait: ticket.ahead === 0 || ticket.estimatedWaitMinutes < 1 ? t(lang, 'kiosk.result.wait.none') : t(lang, 'kiosk.result.wait', { minutes: roundMinutes(ticket.estimatedWaitMinutes) }),
  };
}
