import { localized, type Language, type LocalizedText, type QueueStatusView } from '@madoguchi/shared';
import type { IssuedTicket, QueueCatalogue } from './api';
import type { TicketOptions } from './components/options';
import { PRINT_TEXT, type PrintState } from './components/result';
import { t } from './i18n';
import { closedHelp, queueLines, ticketLines } from './texts';

/**
 * What the audio guidance says of each screen (JIS X 8341-3: a citizen who cannot see the screen,
 * with a keypad): its parts in the order the arrow keys visit them, then how to choose. Built for
 * any language, as the guidance may have to fall back to another (audio-guide.ts).
 */
export type Speech = (lang: Language) => string[];

/** Between a label and its details: the pause of the language's own comma. */
const comma = (lang: Language): string => (lang === 'ja' || lang === 'ja-easy' ? '、' : lang === 'zh' ? '，' : ', ');

const optionLines = (lang: Language, options: TicketOptions): string[] => {
  const state = (label: string, on: boolean) => (on ? label + comma(lang) + t(lang, 'kiosk.audio.selected') : label);
  return [t(lang, 'kiosk.options.heading'), state(t(lang, 'kiosk.options.lowCounter'), options.lowCounter), state(t(lang, 'kiosk.options.priority'), options.priority)];
};

/** Step 1: the options (when a window is open), the heading, every window with its state. */
export const startSpeech =
  (queues: readonly QueueStatusView[], options: TicketOptions, timeZone: string, bookings = false): Speech =>
  (lang) => {
    const open = queues.some((q) => q.issuing === 'open');
    const lines = open ? [...optionLines(lang, options), t(lang, 'kiosk.queues.heading')] : [t(lang, 'kiosk.queues.none'), closedHelp(lang, queues, timeZone)];
    // 予約の方 sits beside the heading, before the windows
    if (bookings) lines.push(t(lang, 'kiosk.booking.button'));
    for (const q of queues) lines.push([localized(q.name, lang), ...queueLines(lang, q, timeZone)].join(comma(lang)));
    return [...lines, t(lang, 'kiosk.audio.keys')];
  };

/** Step 2: the options, the window type and its procedures. */
export const servicesSpeech =
  (queue: QueueCatalogue, options: TicketOptions): Speech =>
  (lang) => [
    ...optionLines(lang, options),
    localized(queue.name, lang) + comma(lang) + t(lang, 'kiosk.services.heading'),
    ...queue.services.map((s) => localized(s.name, lang)),
    t(lang, 'kiosk.services.other'),
    t(lang, 'kiosk.back'),
    t(lang, 'kiosk.audio.keys'),
  ];

/** The result: the number, the window (and procedure), people ahead, the wait, and the slip. */
export const resultSpeech =
  (ticket: IssuedTicket, queueName: LocalizedText | null, serviceName: LocalizedText | null, print: PrintState): Speech =>
  (lang) => {
    const { ahead, wait } = ticketLines(lang, ticket);
    const window = [queueName, serviceName].filter((n): n is LocalizedText => n !== null).map((n) => localized(n, lang));
    return [`${t(lang, 'kiosk.result.heading')}${comma(lang)}${ticket.label}`, ...(window.length > 0 ? [window.join(comma(lang))] : []), ahead, wait, t(lang, PRINT_TEXT[print])];
  };

/** A refusal or failure message, as shown. */
export const messageSpeech =
  (lines: (lang: Language) => string[]): Speech =>
  (lang) => [...lines(lang), t(lang, 'kiosk.message.close')];

/** The keypad of 予約の方: what to type, the digits typed so far, and how to go back. */
export const keypadSpeech =
  (code: string): Speech =>
  (lang) => [
    t(lang, 'kiosk.booking.heading'),
    ...(code ? [t(lang, 'kiosk.booking.entered') + comma(lang) + code.split('').join(' ')] : []),
    t(lang, 'kiosk.back'),
    t(lang, 'kiosk.audio.keys'),
  ];
